"""What is not a figure: years, dates, ordinals, times, names with numbers, references, phone
numbers, addresses, citation markers.

An article is full of numbers that no source claims as a count ("February 2022", "the 2nd
Corps", "F-16", "page 12", "Category 4", "[3]", "+33 1 42 54 60 64"); the extractor leaves them
out rather than draft a claim a human must delete.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from numcheck.extract.vocabulary import (
    ADDRESS_AFTER,
    BEFORE_REFERENCE,
    COMPARATIVES_AFTER_TIMES,
    DETERMINERS,
    DURATION_UNITS,
    MONTHS_FOLDED,
    STOP,
    STOP_FOLDED,
    TIMES_WORDS,
    UNIT_NOUNS,
    WEEKDAYS,
    WORD_RE,
    Lang,
    fold,
    singular,
)
from numcheck.read.numbers import NumberMatch

if TYPE_CHECKING:
    from numcheck.read.numbers import RangeMatch

__all__ = ["dated", "phone_spans", "plausible", "year_range"]

_ORDINAL_AFTER = re.compile(r"(?:e|è|ème|eme|er|ère|re|nd|nde|st|rd|th|ᵉ)(?![A-Za-zÀ-ÿ])", re.IGNORECASE)
_TIME_AFTER = re.compile(r"(?:\s?h\s?\d{0,2}(?![A-Za-zÀ-ÿ])|:\d{2}|\s?(?:a\.m\.|p\.m\.|am|pm)(?![A-Za-z])"
                         r"|\s?heures?\s+(?:du\s+matin|du\s+soir|de\s+l['’]après-midi|locales?|GMT|à\s+Paris)"
                         r"|\s?o['’]clock)", re.IGNORECASE)
_DATE_RANGE_AFTER = re.compile(r"\s*(?:au|à|-|–|et|and|to|through)\s*(\d{1,2})(?:er)?\s+([A-Za-zÀ-ÿ]+)")
_SPACES = "\u00a0\u202f\u2009 \n\t"
_PHONE = re.compile(
    r"\+[  ]?\d{1,3}(?:[  .\-]?\(?\d{1,4}\)?){2,}"  # +33 1 42 54 60 64, + 33 (0)1 40 54 13 90, +32 229 58197
    r"|(?<!\d)0\d(?:[  .]\d{2}){4}(?!\d)"  # 01 42 54 60 64
    r"|\(\d{3}\)[  ]?\d{3}[  .\-]\d{4}|(?<!\d)\d{3}[.\-]\d{3}[.\-]\d{4}(?!\d)"  # (202) 555-0143, 202-555-0143
    r"|(?:t[ée]l[ée]?(?:phone)?|fax|phone)\.?[  ]*[:.]?[  ]*\d[\d  .()\-]{5,}\d", re.IGNORECASE)
_SMALL_OK_AFTER = {"more", "others", "other", "autres", "de", "of", "d"}


def phone_spans(s: str) -> list[tuple[int, int]]:
    """Where a sentence holds a phone number: no figure starts inside one."""
    return [m.span() for m in _PHONE.finditer(s)]


def dated(s: str, number: NumberMatch, lang: Lang) -> bool:
    """Whether a number is the day of a date: after a month or a weekday ('Oct. 24 to 930' is no range)."""
    previous = _previous_word(s[max(0, number.start - 25):number.start])
    return previous in MONTHS_FOLDED[lang] or previous in WEEKDAYS[lang]


def year_range(s: str, rng: RangeMatch) -> bool:
    """'between 1990 and 2010', '1981-82', '2032–33', 'entre 1950 et 2006': two years, not a range
    of counts (unless a counted noun follows: 'between 1,990 and 2,010 soldiers')."""
    first, second = s[rng.first.start:rng.first.end], s[rng.second.start:rng.second.end]
    if not re.fullmatch(r"\d{4}", first) or not 1800 <= rng.first.value <= 2100:
        return False
    years = re.fullmatch(r"\d{4}", second) and 1800 <= rng.second.value <= 2100
    return bool(years or re.fullmatch(r"\d{2}", second))


def plausible(s: str, number: NumberMatch, lang: Lang, counted: bool = False, compound: bool = False) -> bool:
    """Whether a number read in sentence s is a figure (a count, amount or share) to draft.
    `counted`: what follows is known to make it a count ("two and a half years", "from two to")."""
    if _code_or_reference(s, number, compound):
        return False
    return _a_count(s, number, lang, counted)


def _code_or_reference(s: str, number: NumberMatch, compound: bool) -> bool:
    """Numbers that are part of a name, a code, a date, an ordinal, a time or a reference."""
    start, end = number.start, number.end
    before = s[max(0, start - 25):start]
    if start > 0 and (s[start - 1].isalpha() or _hyphened_to_word(s, start)):
        return True  # G7, F-16, COVID-19, S-400 (but "magnitude-6.8" is a figure)
    if start > 0 and s[start - 1] in "#§/\\:" or re.search(r"\d[/.\-–—]$", before):
        return True  # 2024-10, 12/03, 1.2.3
    if re.match(r"[/\-–]\d", s[end:end + 2]) and not number.words:
        return True  # the first part of a date or a code: 2024-10, 12/03/2024
    if end < len(s) and (s[end].isalpha() and not number.percent and not number.words):
        return True  # 2e corps, 75e, 3rd, 10h30, 4x4 … (a glued scale word was already read)
    if not number.words and _ORDINAL_AFTER.match(s, end) and end < len(s) and s[end] != " ":
        return True
    if _TIME_AFTER.match(s, end) and (not number.words or re.match(r"\s?(?:heures?|o['’]clock)", s[end:end + 9])):
        return True
    if _previous_word(before) in BEFORE_REFERENCE:
        return True  # page 12, section 3, Category 4
    if start > 0 and s[start - 1] in "'’" and re.fullmatch(r"\d{2}", s[start:end]):
        return True  # ’83: a year
    if start > 0 and s[start - 1] == "[" and s[end:end + 1] == "]" and end - start <= 3:
        return True  # [3]: a citation marker
    if _street_number(s, end) or _postcode(s, start, end) or _list_number(s, number):
        return True
    return not compound and end < len(s) and s[end] in "-‐" and end + 1 < len(s) and s[end + 1].isalpha()


def _list_number(s: str, number: NumberMatch) -> bool:
    """'19. 2021-2022 : …', '3) Officials …': a small whole number that opens a line, then a full
    stop or a bracket: the number of an item in a list."""
    start, end = number.start, number.end
    if number.words or not re.fullmatch(r"\d{1,3}", s[start:end]) or s[start - 1:start] not in ("", "\n"):
        return False
    return s[end:end + 1] in (".", ")") and (end + 1 == len(s) or s[end + 1].isspace())


def _hyphened_to_word(s: str, start: int) -> bool:
    """'F-16', 'Su-34': a number hyphened after a word is a name, unless the word is 'magnitude'."""
    if not (start > 1 and s[start - 1] in "-‐" and s[start - 2].isalpha()):
        return False
    word = WORD_RE.findall(s[max(0, start - 20):start - 1])
    return not word or word[-1].lower() != "magnitude"


def _street_number(s: str, end: int) -> bool:
    """'161 rue Montmartre', '10 Downing Street'-like: a number before a street word."""
    m = WORD_RE.match(s, _skip(s, end))
    return m is not None and fold(m.group(0)).rstrip(".") in ADDRESS_AFTER and m.group(0)[0].islower()


def _postcode(s: str, start: int, end: int) -> bool:
    """'…Montmartre, 75002 Paris': five digits after a comma, before a capitalised town name."""
    if not re.fullmatch(r"\d{5}|\d{2}[  ]\d{3}", s[start:end]) or not s[max(0, start - 2):start] == ", ":
        return False
    m = WORD_RE.match(s, _skip(s, end))
    return m is not None and m.group(0)[0].isupper()


def _skip(s: str, at: int) -> int:
    while at < len(s) and s[at] in _SPACES:
        at += 1
    return at


def _previous_word(before: str) -> str:
    """The word just before a number (an abbreviation's full stop and spaces between, nothing
    else), folded: 'page', 'octobre', 'Oct.' and the like rule it out; 'June, 650' does not."""
    prev_word = re.findall(r"([\wé°]+)\.?[\s\u00a0\u202f]*$", before.lower())
    return fold(prev_word[0]) if prev_word else ""


def _a_count(s: str, number: NumberMatch, lang: Lang, counted: bool) -> bool:
    """Years and dates are left out; a small number word counts unless a determiner makes it a
    reference ('les deux camps')."""
    start, end, value = number.start, number.end, number.value
    raw = s[start:end]
    at = _skip(s, end)
    after_word = WORD_RE.match(s, at)
    after = fold(after_word.group(0)) if after_word else ""
    if not number.words and not number.percent and re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100:
        if singular(after) in UNIT_NOUNS:
            return UNIT_NOUNS[singular(after)] not in DURATION_UNITS
        return _counted_like_a_year(s, start, after_word.group(0) if after_word else "", lang)
    if not number.words and 1 <= value <= 31 and re.fullmatch(r"\d{1,2}", raw) and after in MONTHS_FOLDED[lang]:
        return False  # 17 octobre
    if not number.words and re.fullmatch(r"\d{1,2}", raw) and _date_range_after(s, end, lang):
        return False  # "du 20 au 22 janvier"
    previous = _previous_word(s[max(0, start - 25):start])
    if previous in MONTHS_FOLDED[lang] or previous in WEEKDAYS[lang]:
        return False  # October 17, février 2022, mardi 12
    if number.words and value == 1:
        return False  # "un accord", "a year", "one of them": not a figure (a scale word was read already)
    if number.words and not number.percent and not counted and previous in DETERMINERS[lang]:
        return value >= 10 and bool(after_word) and after not in STOP[lang]  # "les deux camps", "Les Vingt-Huit se"
    if after in TIMES_WORDS and _comparative_after(s, after_word):
        return False  # "deux fois plus de", "three times as many": a multiplier, no count
    if number.words and value < 10 and not number.percent and not counted:
        return not after_word or after not in STOP[lang] or after in _SMALL_OK_AFTER or _alternative(s, after_word)
    return True


def _comparative_after(s: str, times: re.Match[str] | None) -> bool:
    """Whether a comparative follows 'fois' / 'times' ("fois plus", "times as")."""
    nxt = WORD_RE.match(s, _skip(s, times.end())) if times is not None else None
    return nxt is not None and fold(nxt.group(0)) in COMPARATIVES_AFTER_TIMES


def _alternative(s: str, conj: re.Match[str] | None) -> bool:
    """'deux ou trois degrés', 'two or three days': a small number word before 'or' and another
    number is a figure of its own."""
    if conj is None or fold(conj.group(0)) not in ("ou", "or"):
        return False
    return re.match(r"\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|"
                    r"huit|neuf|dix)\b", s[_skip(s, conj.end()):], re.IGNORECASE) is not None


def _counted_like_a_year(s: str, start: int, after: str, lang: Lang) -> bool:
    """'2000 villages were submerged' counts villages; 'the 2020 elections', 'in 2018 floods' are years."""
    if not after or not after[0].islower() or not after.endswith(("s", "x")) or fold(after) in STOP_FOLDED[lang]:
        return False
    before = WORD_RE.findall(s[max(0, start - 25):start])
    return not before or fold(before[-1]) not in _BEFORE_A_YEAR


_BEFORE_A_YEAR = set("the in since of for by until before after during from to in at this that its their "
                     "en de depuis dans pour les le la des du au aux par avant apres entre vers jusqu fiscal fy "
                     "annee year".split())


def _date_range_after(s: str, end: int, lang: Lang) -> bool:
    m = _DATE_RANGE_AFTER.match(s, end)
    return m is not None and fold(m.group(2)) in MONTHS_FOLDED[lang]
