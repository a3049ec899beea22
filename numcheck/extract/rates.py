"""A figure that is a pace: "about 1,200 a day", "1 200 soldats par jour", "400 daily".

Only the words after the figure and its counted noun are read here; the suffix a draft writes
is the loader's (`numcheck.read.rates` reads it back), and the period it needs comes from the
sentence's dates (`datephrases`, `timing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from numcheck.extract.vocabulary import Lang

__all__ = ["RATE_SUFFIX", "Rate", "rate_after"]

_UNITS = {"day": "day", "jour": "day", "week": "week", "semaine": "week", "month": "month", "mois": "month",
          "year": "year", "an": "year", "annee": "year", "année": "year",
          "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}
# "a day after", "a week ago", "a year earlier": a time, not a pace
_RX = {
    "en": re.compile(r"[  ]+(?:(?:a|an|per|each|every)[  ]+(?P<word>day|week|month|year)"
                     r"(?![\w-])(?![  ]+(?:after|before|later|earlier|ago|prior|or\s+two|of|in|into)\b)"
                     r"|(?P<adverb>daily|weekly|monthly|yearly|annually)(?![\w-]))", re.IGNORECASE),
    "fr": re.compile(r"[  ]+(?:par|chaque)[  ]+(?P<word>jour|semaine|mois|an|année|annee)(?![\w-])",
                     re.IGNORECASE),
}
RATE_SUFFIX = {"en": {"day": "a day", "week": "a week", "month": "a month", "year": "a year"},
               "fr": {"day": "par jour", "week": "par semaine", "month": "par mois", "year": "par an"}}


@dataclass(frozen=True)
class Rate:
    """A pace written after a figure: per what unit of time, and the words that say it."""

    unit: str  # day, week, month or year (the loader's RATE_DAYS keys)
    words: str


def rate_after(s: str, end: int, lang: Lang) -> Rate | None:
    """The pace written right at `end` (after the figure, or after its counted noun), if any."""
    m = _RX[lang].match(s, end)
    if m is None:
        return None
    word = (m.group("word") or m.groupdict().get("adverb") or "").lower()
    return Rate(_UNITS[word], m.group(0).strip())
