"""Figures over time in a report: the sentences that name dates, and the text timeline.

A time-indexed quantity reaches render/ as one quantity per date (`ru_killed@2024-10-25`, with
`series` and `date` on its record, see read/series.py). This module groups them back into their
series and words what the dates mean:

- a claim at a date, and a rate over its period (`dated_claim_sentence`);
- a conflict that goes through "never falls": "ru_killed cannot fall from more than 115,000
  (US officials, 2024-10-25) to about 90,000 (UK ministry, 2025-03-01)", and what a pace
  implies at the other end of its period (`dated_sentences`);
- per series, each date with its claims and its implied range (`timeline_lines`).

Every number is computed exactly from the claims' intervals and only printed readably, in the
words and notation of the report's `Wording` (English by default).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.model import RATE_DAYS, Claim, Interval, Model, Quantity
from numcheck.render.intervals import bracket_cells, span_form
from numcheck.render.numbers import canonical_claim
from numcheck.render.safe import visible
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.report import Conflict, Report

__all__ = ["Point", "Series", "amount", "dated_claim_sentence", "dated_sentences", "rate_change",
           "series_of", "timeline_lines"]

@dataclass(frozen=True)
class Point:
    """One date of a series: its quantity's name and the claims that name it there."""

    date: dt.date
    quantity: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Series:
    """A time-indexed quantity: its declaration (at its first date), its dates, its rates."""

    name: str
    quantity: Quantity
    points: tuple[Point, ...]
    rates: tuple[Claim, ...]


def series_of(model: Model) -> list[Series]:
    """The model's time-indexed quantities, in the order they were declared."""
    dated: dict[str, list[Quantity]] = {}
    for q in model.quantities.values():
        if q.series is not None:
            dated.setdefault(q.series, []).append(q)
    if not dated:
        return []
    at: dict[str, list[Claim]] = {}
    rates: dict[str, list[Claim]] = {}
    for claim in model.claims:
        if claim.period is not None:
            rates.setdefault(_rate_series(model, claim), []).append(claim)
            continue
        names = dict.fromkeys(claim.quantities())
        if claim.ref is not None:
            names[claim.ref] = None
        for name in names:
            if name in model.quantities and model.quantities[name].series is not None:
                at.setdefault(name, []).append(claim)
    return [Series(name, qs[0], tuple(Point(q.date, q.name, tuple(at.get(q.name, ())))  # type: ignore[arg-type]
                                      for q in qs), tuple(rates.get(name, ())))
            for name, qs in dated.items()]


def _rate_quantity(model: Model, claim: Claim) -> Quantity | None:
    """A rate's quantity at one end of its period (read/series.py names both ends)."""
    for atom in claim.atoms:
        for name in atom.expr.names():
            q = model.quantities.get(name)
            if q is not None and q.series is not None:
                return q
    return None


def _rate_series(model: Model, claim: Claim) -> str:
    q = _rate_quantity(model, claim)
    return q.series if q is not None and q.series is not None else claim.quantity or "?"


def rate_change(claim: Claim) -> Interval:
    """What a rate says the quantity changes by over its whole period, exactly."""
    assert claim.interval is not None and claim.period is not None and claim.rate_unit is not None
    k = Fraction((claim.period[1] - claim.period[0]).days) / RATE_DAYS[claim.rate_unit]
    iv = claim.interval
    return Interval(iv.lo * k if iv.lo is not None else None, iv.hi * k if iv.hi is not None else None,
                    iv.lo_open, iv.hi_open)


def amount(iv: Interval, w: Wording = ENGLISH) -> str:
    """An interval in words: '131,400 to 160,600', 'more than 115,000', 'at most 99,000'."""
    lo = None if iv.lo is None else w("amount.more" if iv.lo_open else "amount.least", n=w.number(iv.lo))
    hi = None if iv.hi is None else w("amount.less" if iv.hi_open else "amount.most", n=w.number(iv.hi))
    if iv.lo is not None and iv.hi is not None:
        if iv.lo == iv.hi:
            return w.number(iv.lo)
        if not iv.lo_open and not iv.hi_open:
            return w("amount.span", lo=w.number(iv.lo), hi=w.number(iv.hi))
        return w("amount.both", lo=lo, hi=hi)
    return lo or hi or w("amount.any")


def _who(model: Model, claim: Claim, w: Wording, *, dated: bool = True) -> str:
    """' (source, date)', or ' (source; file:line)' in a located report, or ''."""
    source = model.sources[claim.source].name if claim.source else None
    date = claim.as_of.isoformat() if claim.as_of and dated else None
    who = w.located_at(", ".join(part for part in (source, date) if part), claim.location)
    return w("brackets", text=who) if who else ""


def dated_claim_sentence(model: Model, claim: Claim, *, quote: bool = True, w: Wording = ENGLISH) -> str | None:
    """A rate, or a claim on a time-indexed quantity, in words with its dates; None for any
    other claim (sentences.claim_sentence words those)."""
    quoted = w("claim.quote", quote=w.marks(claim.quote)) if claim.quote and quote else ""
    if claim.period is not None and claim.interval is not None and claim.rate_unit is not None:
        q = _rate_quantity(model, claim)
        verb = w("rate.grew" if q is not None and q.over_time == "cumulative" else "rate.changed")
        start, end = (d.isoformat() for d in claim.period)
        days = w.number(Fraction((claim.period[1] - claim.period[0]).days))
        return w("rate", id=claim.id, by=_who(model, claim, w, dated=False), series=_rate_series(model, claim),
                 verb=verb, value=w.marks(claim.value or ""), start=start, end=end, per=amount(claim.interval, w),
                 unit=w(f"unit.{claim.rate_unit}"), total=amount(rate_change(claim), w), days=days, quoted=quoted)
    q = model.quantities.get(claim.quantity or "")
    if q is None or q.series is None or q.date is None or claim.interval is None:
        return None
    reading = span_form(q.name, claim.interval, w) if claim.ref is None else canonical_claim(claim, model, w)
    return w("dated", id=claim.id, by=_who(model, claim, w, dated=False), series=q.series,
             value=w.marks(claim.value or ""), date=q.date.isoformat(), reading=reading, quoted=quoted)


def _on(model: Model, claim: Claim, series: str) -> Quantity | None:
    """The dated quantity of `series` that a plain value claim is about, if it is one."""
    q = model.quantities.get(claim.quantity or "")
    if q is None or q.series != series or claim.ref is not None or claim.interval is None or claim.either:
        return None
    return q


def _falls(a: Interval, b: Interval) -> bool:
    """Whether every value of a lies above every value of b."""
    if a.lo is None or b.hi is None:
        return False
    return a.lo > b.hi or (a.lo == b.hi and (a.lo_open or b.hi_open))


def dated_sentences(model: Model, conflict: Conflict, w: Wording = ENGLISH) -> list[str]:
    """The conflict's dates in words: what cannot fall, and what a pace implies."""
    claims = [model.claim(c) for c in conflict.claims]
    ids = set(conflict.rules)
    falling = dict.fromkeys(r.id.split(":never-falls@")[0] for r in model.rules_named(ids)
                            if r.kind == "never-falls")
    out = [s for series in falling if (s := _cannot_fall(model, claims, series, w))]
    out.extend(_pace(model, claims, rate, w) for rate in claims if rate.period is not None and rate.interval)
    return out


def _cannot_fall(model: Model, claims: list[Claim], series: str, w: Wording) -> str | None:
    on = sorted(((q.date, c) for c in claims if (q := _on(model, c, series)) and q.date),
                key=lambda pair: pair[0])
    for i, (early, a) in enumerate(on):
        for late, b in on[i + 1:]:
            assert a.interval is not None and b.interval is not None
            if late > early and _falls(a.interval, b.interval):
                return w("fall", series=series, a=a.value, by_a=_who(model, a, w), b=b.value, by_b=_who(model, b, w))
    return None


def _pace(model: Model, claims: list[Claim], rate: Claim, w: Wording) -> str:
    """'At about 400 a day from 2024-10-25, ru_killed would be 131,400 to 160,600 by 2025-10-25.'

    From a claim in the conflict at the period's start (or, for a cumulative count, before it:
    its lower bound still holds), else back from one at its end (or after it)."""
    series = _rate_series(model, rate)
    assert rate.period is not None
    start, end = rate.period
    change = rate_change(rate)
    q = _rate_quantity(model, rate)
    cumulative = q is not None and q.over_time == "cumulative"
    anchors = [(q.date, c.interval) for c in claims if (q := _on(model, c, series)) and q.date and c.interval]
    before = sorted(((d, iv) for d, iv in anchors if d == start or (cumulative and d < start)),
                    key=lambda pair: (pair[0] == start, pair[0]))
    after = sorted(((d, iv) for d, iv in anchors if d == end or (cumulative and d > end)),
                   key=lambda pair: (pair[0] != end, pair[0]))
    dates = {"start": start.isoformat(), "end": end.isoformat()}
    if before:
        day, iv = before[-1]
        if day != start:
            iv = Interval(iv.lo, None, iv.lo_open, True)
        return w("pace.from", rate=rate.value, series=series, amount=amount(_plus(iv, change), w), **dates)
    if after:
        day, iv = after[0]
        if day != end:
            iv = Interval(None, iv.hi, True, iv.hi_open)
        return w("pace.until", rate=rate.value, series=series, amount=amount(_minus(iv, change), w), **dates)
    return w("pace.grow", rate=rate.value, series=series, amount=amount(change, w), **dates)


def _plus(a: Interval, b: Interval) -> Interval:
    lo = a.lo + b.lo if a.lo is not None and b.lo is not None else None
    hi = a.hi + b.hi if a.hi is not None and b.hi is not None else None
    return Interval(lo, hi, a.lo_open or b.lo_open, a.hi_open or b.hi_open)


def _minus(a: Interval, b: Interval) -> Interval:
    return _plus(a, Interval(-b.hi if b.hi is not None else None, -b.lo if b.lo is not None else None,
                             b.hi_open, b.lo_open))


def timeline_lines(report: Report, w: Wording = ENGLISH) -> list[str]:
    """The text report's timeline: per series, each date with its implied range and its claims
    (those in a conflict marked), and each rate where its period starts."""
    model = report.model
    status = {c.id: c.status for c in report.claims}
    out: list[str] = []
    for series in series_of(model):
        q = series.quantity
        since = w("over.since", date=q.since.isoformat()) if q.since is not None else ""
        unit = f" ({visible(q.unit)})" if q.unit else ""
        kind = w(f"over.{q.over_time}") if q.over_time in ("cumulative", "level") else str(q.over_time)
        out += ["", w("over", series=visible(series.name), unit=unit, kind=kind, since=since)]
        starting: dict[dt.date, list[Claim]] = {}
        for rate in series.rates:
            assert rate.period is not None
            starting.setdefault(rate.period[0], []).append(rate)
        for point in series.points:
            r = report.ranges.get(point.quantity)
            implied = w("point.none") if r is None else _cells(r.interval, w)
            out.append(w("point", date=point.date.isoformat(), cells=implied))
            for claim in point.claims:
                out.append(f"    {_line(model, claim, status.get(claim.id), w)}")
            for rate in starting.get(point.date, []):
                assert rate.period is not None
                until = w("line.until", date=rate.period[1].isoformat())
                out.append(f"    {_line(model, rate, status.get(rate.id), w, until)}")
    return out


def _cells(iv: Interval, w: Wording) -> str:
    low, high = bracket_cells(iv, w)
    return w("cells", low=low, high=high)


def _line(model: Model, claim: Claim, status: str | None, w: Wording, after: str = "") -> str:
    mark = w(f"mark.{status}") if status in ("in-conflict", "unknown") else ""
    return visible(w("line", id=claim.id, by=_who(model, claim, w, dated=False), text=w.marks(claim.text),
                     after=after, mark=mark))
