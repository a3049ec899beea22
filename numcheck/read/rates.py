"""Rate phrases: `about 1,200 a day`, `1 200 par jour`, `400/day`, `50,000 a year`.

A rate is a value phrase followed by "per unit of time". This module only finds and strips that
suffix; the number part keeps its hedge and precision because read/claims.py reads it with the
ordinary value-phrase path, and read/series.py turns it into a constraint between two dates.

The units are exact numbers of days: a day, a week (7), a month (365.25/12 = 1461/48) and a
year (365.25 = 1461/4), so that a period of whole days is measured without rounding.
"""

from __future__ import annotations

import re

from numcheck.model import RATE_DAYS

__all__ = ["RATE_DAYS", "split_rate"]

_UNITS = {
    "day": "day", "jour": "day", "j": "day",
    "week": "week", "wk": "week", "semaine": "week", "sem": "week",
    "month": "month", "mo": "month", "mois": "month",
    "year": "year", "yr": "year", "an": "year", "année": "year", "annee": "year",
}
_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}
_SUFFIX = re.compile(
    r"""(?:\s+(?:a|an|per|each|every|par|chaque)\s+(?P<word>day|week|month|year|jour|semaine|mois|an|année|annee)
        |\s*/\s*(?P<short>day|d|week|wk|month|mo|year|yr|jour|j|semaine|sem|mois|an)
        |\s+(?P<adverb>daily|weekly|monthly|yearly|annually)
       )\s*\Z""",
    re.IGNORECASE | re.VERBOSE,
)


def split_rate(value: str) -> tuple[str, str] | None:
    """('about 1,200', 'day') for 'about 1,200 a day'; None when the phrase is no rate.

    Both languages' suffixes are read whatever the file's `lang` (none of them means anything
    else in a value phrase); the number part is read in the file's language as usual."""
    value = value.rstrip()
    cut = max(0, len(value) - 24)  # the longest suffix, with room for spaces: a long value costs no more
    match = _SUFFIX.search(value, cut)
    if match is None:
        return None
    number = value[: match.start()].strip()
    if not number or not any(ch.isalnum() for ch in number):
        return None
    word = match.group("word") or match.group("short")
    unit = _UNITS[word.lower()] if word else _ADVERBS[match.group("adverb").lower()]
    return number, unit
