"""A figure's date or period, from the date phrase tied to it and the article's date.

The text often leaves parts out ("as of 1 October", "since February"): the article's date gives
the year, and the end of a period that runs "since" or over "the past week". A month alone is a
guess either way, so the rule is fixed and said in the claim's note: it starts a period on its
first day, and ends one or dates a figure on its last day (the article's date if that comes
first). A date that would fall after the article's is a forecast or a target, not the date of
a figure: it is not tied. Nor is a point written without its year whose month is still to come
("by December" in October): the year before is taken for a start or an end, never for a point.
Without the article's date, only what the text gives whole is used; no date is invented.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from numcheck.extract.datephrases import DatePhrase, PartialDate

__all__ = ["Period", "Timing", "timing_of"]

Role = Literal["start", "end", "point"]


@dataclass(frozen=True)
class Period:
    """The two ends of a rate's period (`period: START..END`)."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Timing:
    """What a draft writes for a figure's time: an `as_of`, or a rate's period (a figure over
    "the past week" is drafted as a pace over that week), and what was guessed to get there."""

    as_of: dt.date | None
    period: Period | None
    rate: str | None  # the unit the drafted value is per, when it is drafted as a rate
    note: str


@dataclass(frozen=True)
class _Resolved:
    date: dt.date
    guess: str | None  # what was guessed, for the note


def timing_of(phrase: DatePhrase, rate: str | None, article: dt.date | None) -> Timing | None:
    """The time of a figure the phrase is tied to; `rate` is the figure's own pace (None for a
    figure that is no rate). None when the phrase cannot date it."""
    said = f"'{' '.join(phrase.text.split())}'"
    if phrase.kind == "at":
        point = _resolve(phrase.first, "point", article)
        if point is None or rate is not None:
            return None  # a pace on one day says nothing without its period
        return Timing(point.date, None, None, _note(f"as_of from {said}", [("", point)]))
    if phrase.kind == "past":
        return _past(phrase, rate, article, said)
    if rate is None:
        return None  # "since February 2022, 600,000 killed": the figure's date is the article's
    if phrase.kind == "since":
        end = _Resolved(article, "the article's date") if article is not None else None
    else:
        end = _resolve(phrase.second, "end", article)
    start = _resolve(_same_year(phrase.first, end), "start", article)
    if start is None or end is None or end.date <= start.date:
        return None
    return Timing(None, Period(start.date, end.date), rate,
                  _note(f"period from {said}", [("start", start), ("end", end)]))


def _past(phrase: DatePhrase, rate: str | None, article: dt.date | None, said: str) -> Timing | None:
    """'in the past week': the days before the article's date. A figure that is no pace is the
    change over those days, drafted as a pace per day or per week when the span is one."""
    if article is None or phrase.days is None:
        return None
    unit = rate or {1: "day", 7: "week"}.get(phrase.days)
    if unit is None:
        return None
    guess = "the days before the article's date" + ("" if rate else f", the figure read as the change over them: "
                                                    f"a pace per {unit}")
    period = Period(article - dt.timedelta(days=phrase.days), article)
    return Timing(None, period, unit, _note(f"period from {said}", [("", _Resolved(article, guess))]))


def _same_year(first: PartialDate | None, end: _Resolved | None) -> PartialDate | None:
    """'between January and March 2024', 'd'octobre à décembre 2023': a start written without
    its year is in the end's year, or the year before when its month comes later."""
    if first is None or first.year is not None or end is None or first.month is None:
        return first
    year = end.date.year - (1 if first.month > end.date.month else 0)
    return dataclasses.replace(first, year=year)


def _note(what: str, parts: list[tuple[str, _Resolved]]) -> str:
    """What was read and what was guessed, part by part ('start: a month alone: its first day')."""
    guesses = [f"{label}: {p.guess}" if label else p.guess for label, p in parts if p.guess]
    return what + (f" ({'; '.join(guesses)})" if guesses else "") + ": check"


def _resolve(when: PartialDate | None, role: Role, article: dt.date | None) -> _Resolved | None:
    """One end (or the point) as a date, by the rule of the module's docstring; None when it
    needs the article's date and there is none, or falls after it."""
    if when is None:
        return None
    guesses: list[str] = []
    year = when.year
    if year is None:
        if article is None or when.month is None:
            return None
        year = article.year
        if dt.date(year, when.month, 1) > article:
            if role == "point":
                return None  # "by December" in an October article: a target, not last December
            year -= 1
        guesses.append("the year is the article's")
    resolved = _in_year(when, role, year, guesses)
    if resolved is None:
        return None
    if article is not None and resolved > article:
        if when.part in ("day", "mid") or role == "start" or _first_day(when, year) > article:
            return None  # after the article: a forecast or a target
        resolved = article
        guesses.append("the article's date, which comes first")
    return _Resolved(resolved, ", ".join(guesses) or None)


def _first_day(when: PartialDate, year: int) -> dt.date:
    return dt.date(year, when.month or 1, 1)


def _in_year(when: PartialDate, role: Role, year: int, guesses: list[str]) -> dt.date | None:
    """The date the written parts name in `year`; a month or a year alone by its role."""
    month = when.month
    try:
        if when.part == "day" and month is not None and when.day is not None:
            return dt.date(year, month, when.day)
    except ValueError:
        return None  # "31 February"
    first = role == "start"
    if month is None:  # a year alone, or its start or end
        edge = when.part if when.part in ("start", "end", "mid") else ("start" if first else "end")
        guesses.append({"start": "a year alone: 1 January", "end": "a year alone: 31 December",
                        "mid": "mid-year: 1 July"}[edge])
        return {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}.get(edge, dt.date(year, 7, 1))
    last = calendar.monthrange(year, month)[1]
    if when.part == "mid":
        guesses.append("mid-month: the 15th")
        return dt.date(year, month, 15)
    edge = when.part if when.part in ("start", "end") else ("start" if first else "end")
    guesses.append("a month alone: its first day" if edge == "start" else "a month alone: its last day")
    return dt.date(year, month, 1) if edge == "start" else dt.date(year, month, last)
