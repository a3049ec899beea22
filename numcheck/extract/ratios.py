"""Ratios of counts: "one in five adults", "un Français sur trois", "six réfugiés sur 10".

A ratio is a share of another quantity, exact (as a word fraction is) unless a hedge comes with
it; the loader reads the drafted phrase ("six sur 10 de q") to the same interval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from numcheck.extract.vocabulary import Lang
from numcheck.read.numbers import scan_number

__all__ = ["Ratio", "read_ratio"]

_ONE = re.compile(r"(one|un|une|1)(?![\w-])", re.IGNORECASE)
# up to three words between the counts ("réfugiés ukrainiens"), then "in" / "out of" / "sur"
_LINK = {"en": re.compile(r"((?:[  ]+[^\s,.;:()\d]+){0,3}?)[  ]+(in|out of)[  ]+", re.IGNORECASE),
         "fr": re.compile(r"((?:[  ]+[^\s,.;:()\d]+){0,3}?)[  ]+(sur)[  ]+", re.IGNORECASE)}
_LARGEST = 1000  # "1 in 2024" is no ratio


@dataclass(frozen=True)
class Ratio:
    """A ratio read at a position: its value, where it ends, where its referent's noun starts,
    and the phrase a draft writes (the counts without the noun between them)."""

    value: Fraction
    end: int
    referent_at: int
    phrase: str


def read_ratio(s: str, pos: int, lang: Lang) -> Ratio | None:
    """'one in five', 'un senior sur cinq', 'six réfugiés ukrainiens sur 10', '6 in 10' at pos."""
    one = _ONE.match(s, pos)
    if one:
        numerator, num_end = Fraction(1), one.end()
    else:
        number = scan_number(s, pos, lang)
        if number is None or number.percent or number.value.denominator != 1 or number.value < 1:
            return None
        numerator, num_end = number.value, number.end
    link = _LINK[lang].match(s, num_end)
    if link is None:
        return None
    denominator = scan_number(s, link.end(), lang)
    if (denominator is None or denominator.percent or denominator.value.denominator != 1
            or not numerator < denominator.value <= _LARGEST):
        return None
    between = link.group(1).strip()
    referent_at = num_end + len(link.group(1)) - len(link.group(1).lstrip()) if between else denominator.end
    phrase = f"{s[pos:num_end]} {link.group(2)} {s[denominator.start:denominator.end]}"
    return Ratio(numerator / denominator.value, denominator.end, referent_at, phrase)
