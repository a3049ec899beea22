"""Figures over time: a model with `over_time` quantities expanded into one quantity per date.

The loader reads every claim and rule against the declared names, as for any file; this module
then rewrites the model so that the engine sees nothing new (claims-format.md, "Figures over
time"):

- a quantity with `over_time` becomes `NAME@YYYY-MM-DD`, one per date, with the same unit, sign
  and integrality. Its dates are the dates of its claims, the ends of its rate periods, its
  `since`, and the dates of the time-indexed quantities it shares a rule with (a rule holds at
  every date of the quantities it names, so those dates spread along rules);
- a claim is moved to its date (its `as_of`, which is its source's date unless given): its
  atoms name `NAME@DATE`, its id stays; a relation claim holds at its own date;
- a rate claim ("about 400 a day", `period: FROM..TO`) says (q@TO - q@FROM) / (the period's
  length in the rate's unit) lies in its number's interval;
- a rule naming time-indexed quantities holds once per date (`RULE@DATE`, kind "at-date"); a
  quantity without `over_time` in it is the same at every date;
- a cumulative quantity never falls: `NAME@D1 <= NAME@D2` for consecutive dates
  (`NAME:never-falls@D1..D2`), and `since: DATE` makes it 0 then (`NAME:starts-at-zero@DATE`;
  a quantity that is never negative cannot fall from 0, so no never-falls rule starts there).

A model without `over_time` is returned as it is. Every number stays exact: days between dates
are whole, and a month is 1461/48 days (see read/rates.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from fractions import Fraction

from numcheck.errors import FormatError, InputError, InputErrors
from numcheck.model import Atom, Claim, Either, Linear, Model, Quantity, Rule
from numcheck.read.dates import at_date
from numcheck.read.rates import RATE_DAYS

__all__ = ["expand_series", "rate_factor"]

Rename = Callable[[str], str]


def expand_series(model: Model) -> Model:
    """The model with every time-indexed quantity at its dates; raises the date errors (a claim
    with no date, a claim before its quantity's `since`), all of them, each at its line."""
    timed = {name: q for name, q in model.quantities.items() if q.over_time is not None}
    if not timed:
        return model
    dated, errors = _claim_dates(model, timed)
    if errors:
        order = {path: i for i, path in enumerate(model.files)}
        errors.sort(key=lambda e: (order.get(e.path or "", len(order)), e.line or 0))
        raise errors[0] if len(errors) == 1 else InputErrors(errors[:InputErrors.MAX_ERRORS],
                                                              more=len(errors) > InputErrors.MAX_ERRORS)
    dates = _dates(model, timed, dated)
    claims = tuple(_move_claim(claim, timed, dated[i]) for i, claim in enumerate(model.claims))
    rules = (*_instances(model.rules, timed, dates), *_generated(timed, dates))
    return replace(model, quantities=_quantities(model.quantities, dates), rules=rules, claims=claims)


def rate_factor(period: tuple[dt.date, dt.date], unit: str) -> Fraction:
    """The period's length in the rate's unit: 127 days is 127 day-units, 127/7 weeks."""
    return Fraction((period[1] - period[0]).days) / RATE_DAYS[unit]


def _timed_names(claim: Claim, timed: dict[str, Quantity]) -> list[str]:
    names = dict.fromkeys(claim.quantities())
    if claim.ref is not None:
        names[claim.ref] = None
    return [n for n in names if n in timed]


def _claim_dates(model: Model, timed: dict[str, Quantity]) -> tuple[list[dt.date | None], list[InputError]]:
    """Each claim's date (None for a rate, dated by its period, and for a claim on no
    time-indexed quantity), and the errors: no date, or a date before a `since`."""
    dated: list[dt.date | None] = []
    errors: list[InputError] = []
    for claim in model.claims:
        names = _timed_names(claim, timed)
        date = None if claim.period is not None or not names else claim.as_of
        path, line = claim.location.path, claim.location.line
        if names and claim.period is None and date is None:
            kinds = ", ".join(f"'{n}' (over_time: {timed[n].over_time})" for n in names)
            errors.append(FormatError(
                f"claim '{claim.id}' has no date, but {kinds} has one value per date", path=path, line=line,
                hint="give the claim 'as_of: YYYY-MM-DD', or a source with a date"))
        first = claim.period[0] if claim.period is not None else date
        for name in names:
            since = timed[name].since
            if first is not None and since is not None and first < since:
                errors.append(FormatError(
                    f"claim '{claim.id}' is dated {first.isoformat()}, before '{name}' starts "
                    f"(since: {since.isoformat()})", path=path, line=line,
                    hint="check the claim's date, or move 'since' earlier"))
        dated.append(date)
    return dated, errors


def _dates(model: Model, timed: dict[str, Quantity], dated: list[dt.date | None]) -> dict[str, list[dt.date]]:
    """Each time-indexed quantity's dates, in order: its own, then shared along rules (the
    quantities a rule joins, directly or through other rules, get the same dates)."""
    own: dict[str, set[dt.date]] = {name: set() for name in timed}
    for claim, date in zip(model.claims, dated):
        if claim.period is not None and claim.quantity is not None:
            own[claim.quantity].update(claim.period)
        elif date is not None:
            for name in _timed_names(claim, timed):
                own[name].add(date)
    for name, q in timed.items():
        if q.since is not None:
            own[name].add(q.since)
    parent = {name: name for name in timed}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rule in model.rules:
        names = [n for n in rule.quantities() if n in timed]
        for other in names[1:]:
            parent[find(other)] = find(names[0])
    shared: dict[str, set[dt.date]] = {}
    for name in timed:
        shared.setdefault(find(name), set()).update(own[name])
    return {name: sorted(shared[find(name)]) for name in timed}


def _quantities(quantities: dict[str, Quantity], dates: dict[str, list[dt.date]]) -> dict[str, Quantity]:
    """Each time-indexed quantity replaced, where it was declared, by itself at each of its
    dates; one with no date at all has no value to check and is left out."""
    out: dict[str, Quantity] = {}
    for name, q in quantities.items():
        if name not in dates:
            out[name] = q
            continue
        for date in dates[name]:
            dated = at_date(name, date)
            out[dated] = replace(q, name=dated, series=name, date=date)
    return out


def _renamer(timed: dict[str, Quantity], date: dt.date) -> Rename:
    return lambda name: at_date(name, date) if name in timed else name


def _linear(lin: Linear, rename: Rename) -> Linear:
    if not any(rename(name) != name for name, _ in lin.terms):
        return lin
    return Linear.of({rename(name): c for name, c in lin.terms}, lin.const)


def _atoms(atoms: tuple[Atom, ...], rename: Rename) -> tuple[Atom, ...]:
    return tuple(Atom(_linear(a.expr, rename), a.op) for a in atoms)


def _either(either: tuple[Either, ...], rename: Rename) -> tuple[Either, ...]:
    return tuple(Either(tuple(_atoms(option, rename) for option in e.options)) for e in either)


def _move_claim(claim: Claim, timed: dict[str, Quantity], date: dt.date | None) -> Claim:
    """The claim at its date, or, for a rate, as a constraint between the ends of its period."""
    if claim.period is not None:
        return _rate_claim(claim)
    if date is None:
        return claim
    rename = _renamer(timed, date)
    return replace(claim, atoms=_atoms(claim.atoms, rename), either=_either(claim.either, rename),
                   quantity=rename(claim.quantity) if claim.quantity is not None else None,
                   ref=rename(claim.ref) if claim.ref is not None else None)


def _rate_claim(claim: Claim) -> Claim:
    """lo <= (q@TO - q@FROM) / k <= hi, with k the period in the rate's unit, written as
    lo·k <= q@TO - q@FROM <= hi·k (k > 0, so the ends keep their openness). The claim keeps its
    interval (per unit of time) and names no single quantity: it is about a change."""
    assert claim.period is not None and claim.rate_unit is not None and claim.quantity is not None
    assert claim.interval is not None
    start, end = (at_date(claim.quantity, d) for d in claim.period)
    change = Linear.of({end: Fraction(1), start: Fraction(-1)})
    k = rate_factor(claim.period, claim.rate_unit)
    iv = claim.interval
    atoms = []
    if iv.lo is not None:
        atoms.append(Atom(Linear((), iv.lo * k) - change, "<" if iv.lo_open else "<="))
    if iv.hi is not None:
        atoms.append(Atom(change - Linear((), iv.hi * k), "<" if iv.hi_open else "<="))
    return replace(claim, atoms=tuple(atoms), quantity=None)


def _instances(rules: tuple[Rule, ...], timed: dict[str, Quantity], dates: dict[str, list[dt.date]]) -> Iterator[Rule]:
    """Each rule that names a time-indexed quantity, once per date of those quantities (which
    share their dates, see `_dates`); the others as they are."""
    for rule in rules:
        names = [n for n in rule.quantities() if n in timed]
        if not names:
            yield rule
            continue
        for date in dates[names[0]]:
            rename = _renamer(timed, date)
            yield replace(rule, id=f"{rule.id}@{date.isoformat()}", atoms=_atoms(rule.atoms, rename),
                          either=_either(rule.either, rename), kind="at-date")


def _generated(timed: dict[str, Quantity], dates: dict[str, list[dt.date]]) -> Iterator[Rule]:
    """What `cumulative` and `since` say, as rules: never falling between consecutive dates, and
    0 on the `since` date (from which a quantity that is never negative cannot fall anyway)."""
    for name, q in timed.items():
        days = dates[name]
        if q.since is not None:
            zero = at_date(name, q.since)
            yield Rule(f"{name}:starts-at-zero@{q.since.isoformat()}", f"{zero} == 0",
                       (Atom(Linear(((zero, Fraction(1)),)), "=="),), q.location,
                       why=f"{name} is 0 on its since date", kind="starts-at-zero")
        if q.over_time != "cumulative":
            continue
        for before, after in zip(days, days[1:]):
            if before == q.since and not q.signed:
                continue  # 0 then, and never negative: it cannot fall from there (lint would call it redundant)
            a, b = at_date(name, before), at_date(name, after)
            yield Rule(f"{name}:never-falls@{before.isoformat()}..{after.isoformat()}", f"{a} <= {b}",
                       (Atom(Linear.of({a: Fraction(1), b: Fraction(-1)}), "<="),), q.location,
                       why=f"{name} is cumulative: a count never falls", kind="never-falls")
