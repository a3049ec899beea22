"""What is not a figure: years, dates, ordinals, times, names with numbers, references.

An article is full of numbers that no source claims as a count ("February 2022", "the 2nd
Corps", "F-16", "page 12"); the extractor leaves them out rather than draft a claim a human
must delete.
"""

from __future__ import annotations

import re

from numcheck.extract.vocabulary import (
    BEFORE_REFERENCE,
    DURATION_UNITS,
    MONTHS_FOLDED,
    UNIT_NOUNS,
    WORD_RE,
    Lang,
    fold,
    is_unit_noun,
    singular,
)
from numcheck.read.numbers import NumberMatch

__all__ = ["plausible"]

_ORDINAL_AFTER = re.compile(r"(?:e|è|ème|eme|er|ère|re|nd|nde|st|rd|th|ᵉ)(?![A-Za-zÀ-ÿ])", re.IGNORECASE)
_TIME_AFTER = re.compile(r"(?:\s?h\s?\d{0,2}(?![A-Za-zÀ-ÿ])|:\d{2}|\s?(?:a\.m\.|p\.m\.|am|pm)(?![A-Za-z]))",
                         re.IGNORECASE)
_SPACES = "\u00a0\u202f\u2009 \n\t"


def plausible(s: str, number: NumberMatch, lang: Lang, duration: bool = False) -> bool:
    """Whether a number read in sentence s is a figure (a count, amount or share) to draft."""
    if _code_or_reference(s, number):
        return False
    return _a_count(s, number, lang, duration)


def _code_or_reference(s: str, number: NumberMatch) -> bool:
    """Numbers that are part of a name, a code, a date, an ordinal, a time or a reference."""
    start, end = number.start, number.end
    before = s[max(0, start - 25):start]
    if start > 0 and (s[start - 1].isalpha() or (s[start - 1] in "-‐" and start > 1 and s[start - 2].isalpha())):
        return True  # G7, F-16, COVID-19, S-400
    if start > 0 and s[start - 1] in "#§/\\:" or re.search(r"\d[/.\-]$", before):
        return True  # 2024-10, 12/03, 1.2.3
    if re.match(r"[/\-]\d", s[end:end + 2]) and not number.words:
        return True  # the first part of a date or a code: 2024-10, 12/03/2024
    if end < len(s) and (s[end].isalpha() and not number.percent and not number.words):
        return True  # 2e corps, 75e, 3rd, 10h30, 4x4 … (a glued scale word was already read)
    if not number.words and _ORDINAL_AFTER.match(s, end) and end < len(s) and s[end] != " ":
        return True
    if not number.words and _TIME_AFTER.match(s, end):
        return True
    if _previous_word(before) in BEFORE_REFERENCE:
        return True  # page 12, section 3
    return end < len(s) and s[end] in "-‐" and end + 1 < len(s) and s[end + 1].isalpha()  # 2-year-old


def _previous_word(before: str) -> str:
    """The word just before a number, folded: 'page', 'octobre' and the like rule it out."""
    prev_word = re.findall(r"([\wé°]+)\W*$", before.lower())
    return fold(prev_word[0]) if prev_word else ""


def _a_count(s: str, number: NumberMatch, lang: Lang, duration: bool) -> bool:
    """Years and dates are left out; a small number word counts only before a counted unit."""
    start, end, value = number.start, number.end, number.value
    raw = s[start:end]
    at = end
    while at < len(s) and s[at] in _SPACES:
        at += 1
    after_word = WORD_RE.match(s, at)
    after = fold(after_word.group(0)) if after_word else ""
    if not number.words and not number.percent and re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100:
        return singular(after) in UNIT_NOUNS and UNIT_NOUNS[singular(after)] not in DURATION_UNITS
    if not number.words and 1 <= value <= 31 and re.fullmatch(r"\d{1,2}", raw) and after in MONTHS_FOLDED[lang]:
        return False  # 17 octobre
    if _previous_word(s[max(0, start - 25):start]) in MONTHS_FOLDED[lang]:
        return False  # October 17, février 2022
    if number.words and value == 1:
        return False  # "un accord", "a year", "one of them": not a figure (a scale word was read already)
    if number.words and value < 10 and not number.percent and not duration:
        return is_unit_noun(after)  # "les deux camps", "un accord": not figures
    return True
