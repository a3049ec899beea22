"""Date phrases that can date a figure: "as of 1 October", "au 1er octobre", "since February
2022", "depuis février 2022", "between January and March", "in the past week".

What is read here is only what the sentence says, parts missing included (a day without a year,
a month alone): the article's date, which fills them in, is the draft's to apply (`timing`), so
that the mentions of a text are the same whatever date the draft is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from numcheck.extract.vocabulary import Lang, fold

__all__ = ["DatePhrase", "PartialDate", "date_phrases", "nearest_phrase"]

Kind = Literal["at", "since", "between", "past"]
Part = Literal["day", "mid", "start", "end", "month", "year"]

_MONTH_NUMBERS = {
    "en": {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
           "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
           "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12},
    "fr": {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
           "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12},
}
_NUMBER_WORDS = {"en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "fourteen": 14,
                        "thirty": 30},
                 "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "dix": 10, "quinze": 15,
                        "trente": 30}}
_UNIT_DAYS = {"hour": 0, "heure": 0, "day": 1, "jour": 1, "week": 7, "semaine": 7}


def _months(lang: Lang) -> str:
    words = sorted(_MONTH_NUMBERS[lang], key=len, reverse=True)
    if lang == "fr":  # accents written or not: février, fevrier, août, décembre
        words = [w.replace("e", "[eéè]", 1) if w in ("fevrier", "decembre") else w.replace("aout", "ao[uû]t")
                 for w in words]
    return "(?:" + "|".join(words) + r")\.?"


_YEAR = r"(?:1[89]|20)\d{2}"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
# a date as written: its edge words, then day and month in either order, the year, or a year alone
_ATOM = {
    "en": rf"(?:(?:the\s+)?(?:mid-?|early\s+|late\s+|(?:the\s+)?end\s+of\s+|(?:the\s+)?(?:start|beginning)\s+of\s+))?"
          rf"(?:{_DAY}\s+{_months('en')}(?:,?\s+{_YEAR})?|{_months('en')}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\d,.]*\d)"
          rf"|{_months('en')}(?:,?\s+{_YEAR})?|{_YEAR})",
    "fr": rf"(?:(?:la\s+)?mi-|(?:la\s+)?fin\s+(?:de\s+|d['’])?|(?:le\s+)?d[ée]but\s+(?:de\s+|d['’])?)?(?:le\s+)?"
          rf"(?:{_DAY}\s+{_months('fr')}(?:\s+{_YEAR})?|{_months('fr')}(?:\s+{_YEAR})?|{_YEAR})",
}
_PAST_EN = (r"(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>\d{1,3}|[a-z]+)\s+)?"
            r"(?P<unit>hours?|days?|weeks?)")
_PAST_FR = (r"(?:au\s+cours\s+de(?:s|\s+la)|ces|lors\s+de(?:s|\s+la)|pendant\s+(?:les|la)|sur\s+(?:les|la)|dans\s+les)"
            r"\s+(?:(?P<n>\d{1,3}|[a-z]+)\s+)?derni[eè]re?s?\s+(?:(?P<n2>\d{1,3})\s+)?(?P<unit>heures?|jours?|semaines?)"
            r"|au\s+cours\s+de\s+la\s+(?P<unit2>semaine)\s+[ée]coul[ée]e")
_PHRASES: dict[str, list[tuple[Kind, str]]] = {
    "en": [("between", rf"(?:between|from)\s+(?:the\s+)?(?P<a>{_DAY}|{_ATOM['en']})\s+(?:and|to|until|through|till)\s+"
                       rf"(?:the\s+)?(?P<b>{_ATOM['en']})"),
           ("at", rf"(?:as\s+of|as\s+at|by|up\s+to)\s+(?P<a>{_ATOM['en']})"),
           ("since", rf"since\s+(?P<a>{_ATOM['en']})"),
           ("past", _PAST_EN)],
    "fr": [("between", rf"(?:entre\s+(?P<a>{_ATOM['fr']})\s+et"
                       rf"|(?:de|du|d['’])\s*(?P<a2>{_DAY}(?=\s+au\s)|{_ATOM['fr']})\s+(?:à|au))"
                       rf"\s+(?P<b>{_ATOM['fr']})"),
           ("at", rf"(?:au|à\s+la\s+date\s+du|en\s+date\s+du|à\s+la\s+(?=mi-)|à\s+(?=fin\s)|jusqu['’]au)\s*"
                  rf"(?P<a>{_ATOM['fr']})"),
           ("since", rf"depuis\s+(?P<a>{_ATOM['fr']})"),
           ("past", _PAST_FR)],
}
_RX = {lang: [(kind, re.compile(rf"(?<![\w-]){rx}(?![\w-])", re.IGNORECASE)) for kind, rx in rows]
       for lang, rows in _PHRASES.items()}


@dataclass(frozen=True)
class PartialDate:
    """A date as the text gives it: the month and year may be missing (the article's date fills
    them in), the day may be missing, or only an edge of the month given ("mid-October")."""

    year: int | None
    month: int | None  # None: a year alone ("since 2022")
    day: int | None
    part: Part  # what the text names: a day, the middle, start or end of a month, a month, a year


@dataclass(frozen=True)
class DatePhrase:
    """A phrase that dates figures: a point ("as of 1 October"), a start ("since February 2022"),
    two ends ("between January and March") or the days before the article ("in the past week")."""

    kind: Kind
    start: int
    end: int
    text: str
    first: PartialDate | None = None
    second: PartialDate | None = None
    days: int | None = None  # "past": how many days before the article's date (1 for 24 hours)


def date_phrases(s: str, lang: Lang) -> list[DatePhrase]:
    """Every date phrase of sentence s, left to right, none overlapping another."""
    found: list[DatePhrase] = []
    for kind, rx in _RX[lang]:
        for m in rx.finditer(s):
            if any(p.start < m.end() and m.start() < p.end for p in found):
                continue
            phrase = _phrase(kind, m, lang)
            if phrase is not None:
                found.append(phrase)
    return sorted(found, key=lambda p: p.start)


def _phrase(kind: Kind, m: re.Match[str], lang: Lang) -> DatePhrase | None:
    if kind == "past":
        days = _past_days(m, lang)
        return None if days is None else DatePhrase("past", m.start(), m.end(), m.group(0), days=days)
    groups = m.groupdict()
    first = _partial(groups.get("a") or groups.get("a2") or "", lang)
    second = _partial(groups["b"], lang) if kind == "between" else None
    if first is None or (kind == "between" and second is None):
        return None
    if first.month is None and first.year is None:  # "du 20 au 22 janvier": the month is the second's
        if second is None or second.month is None or second.day is None:
            return None
        first = PartialDate(second.year, second.month, first.day, "day")
    if kind == "at" and first.part == "year":
        return None  # "by 2030" is a target, not the date of a figure
    return DatePhrase(kind, m.start(), m.end(), m.group(0).rstrip("."), first, second)


def _past_days(m: re.Match[str], lang: Lang) -> int | None:
    """'the past week' is 7 days, 'the last 24 hours' 1, 'ces sept derniers jours' 7; None when
    the count is unread."""
    written = m.group("unit") or m.groupdict().get("unit2") or ""
    unit = fold(written).rstrip("s")
    n_text = (m.group("n") or m.groupdict().get("n2") or "").lower()
    if not n_text and written.endswith("s"):
        return None  # "in the past days", "ces derniers jours": how many is not said
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[lang].get(fold(n_text)) if n_text else 1
    if n is None or n == 0:
        return None
    if _UNIT_DAYS[unit] == 0:  # hours: only whole days
        return n // 24 if n % 24 == 0 else None
    return n * _UNIT_DAYS[unit]


def _partial(text: str, lang: Lang) -> PartialDate | None:
    """The parts of one date as written ('mid-October', '1er octobre 2024', 'Feb. 24, 2022',
    'fin 2023'); a day alone ('du 20 au …') has no month, which the other end gives."""
    low = fold(text).replace("’", "'")
    year_m = re.search(rf"\b({_YEAR})\b", low)
    year = int(year_m.group(1)) if year_m else None
    month = next((n for w, n in sorted(_MONTH_NUMBERS[lang].items(), key=lambda kv: -len(kv[0]))
                  if re.search(rf"\b{w}\b", low)), None)
    day_m = re.search(r"(?<![\d-])(\d{1,2})(?:er|st|nd|rd|th)?\b", low.replace(year_m.group(1), "") if year_m else low)
    day = int(day_m.group(1)) if day_m else None
    edge: Part | None = None
    if re.search(r"\bmid-?|\bmi-", low):
        edge = "mid"
    elif re.search(r"\b(?:end|late|fin)\b", low):
        edge = "end"
    elif re.search(r"\b(?:start|beginning|early|debut)\b", low):
        edge = "start"
    if month is None:
        if year is None:
            return PartialDate(None, None, day, "day") if day is not None and 1 <= day <= 31 else None
        return PartialDate(year, None, None, edge or "year")
    if day is not None:
        return PartialDate(year, month, day, "day")
    return PartialDate(year, month, None, edge or "month")


def nearest_phrase(phrases: list[DatePhrase], start: int, end: int) -> DatePhrase | None:
    """The date phrase of a sentence nearest to the figure at [start, end) (none inside it); the
    first of two as near."""
    best: DatePhrase | None = None
    best_gap = 0
    for p in phrases:
        if p.start < end and start < p.end:
            continue
        gap = p.start - end if p.start >= end else start - p.end
        if best is None or gap < best_gap:
            best, best_gap = p, gap
    return best
