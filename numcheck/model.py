"""The loaded model: typed, immutable records of what the claims files say.

Every constraint is linear over exact rationals, written as `Atom`s (`expr OP 0`), and each
quantity appears in its own declared unit. That is all the solver needs; the rest (text as
written, file and line, quote, source) is kept so that a report can send a reader back to it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

__all__ = [
    "Atom",
    "Claim",
    "Defaults",
    "Either",
    "Interval",
    "Linear",
    "LoadWarning",
    "Location",
    "RATE_DAYS",
    "Model",
    "Quantity",
    "Rule",
    "Source",
    "within",
]

Op = Literal["<=", "<", "==", "!="]
_ZERO = Fraction(0)
# The units of a rate ("about 400 a day") in days, exactly: a month is 365.25/12 days, a year 365.25.
RATE_DAYS = {"day": Fraction(1), "week": Fraction(7), "month": Fraction(1461, 48), "year": Fraction(1461, 4)}


@dataclass(frozen=True, order=True)
class Location:
    """Where something was written: a file and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Linear:
    """sum(coef * quantity) + const, with terms sorted by name and no zero coefficient."""

    terms: tuple[tuple[str, Fraction], ...] = ()
    const: Fraction = Fraction(0)

    @staticmethod
    def of(coefs: dict[str, Fraction], const: Fraction = _ZERO) -> Linear:
        """Build from a mapping; values must already be Fractions (exactness is the caller's)."""
        return Linear(tuple(sorted(item for item in coefs.items() if item[1])), const)

    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.terms)

    def __add__(self, other: Linear) -> Linear:
        return self._merge(other, negate=False)

    def __sub__(self, other: Linear) -> Linear:
        return self._merge(other, negate=True)

    def _merge(self, other: Linear, negate: bool) -> Linear:
        """self + other, or self - other, without building a negated copy of other first."""
        const = self.const - other.const if negate else self.const + other.const
        if not other.terms:
            return Linear(self.terms, const)
        coefs = dict(self.terms)
        for name, c in other.terms:
            c = -c if negate else c
            coefs[name] = coefs[name] + c if name in coefs else c
        return Linear.of(coefs, const)

    def scale(self, k: Fraction) -> Linear:
        if k == 1:
            return self
        if k == 0:
            return Linear((), _ZERO)
        return Linear(tuple((n, c * k) for n, c in self.terms), self.const * k)

    def evaluate(self, values: dict[str, Fraction]) -> Fraction:
        return sum((c * values[n] for n, c in self.terms), self.const)


@dataclass(frozen=True)
class Atom:
    """One linear constraint `expr OP 0`."""

    expr: Linear
    op: Op

    def holds(self, values: dict[str, Fraction]) -> bool:
        v = self.expr.evaluate(values)
        op = self.op
        return v <= 0 if op == "<=" else v < 0 if op == "<" else v == 0 if op == "==" else v != 0


@dataclass(frozen=True)
class Either:
    """At least one of these conjunctions of atoms holds.

    For what no conjunction of linear atoms can say: "x is about half of q" when q may be
    negative puts x between 0.45·q and 0.55·q whichever of the two is the smaller, which is two
    cones meeting at q = 0, not one convex set. Parts that hold one are solved by z3 alone (the
    LP routes need convex parts), and their ranges are proved case by case."""

    options: tuple[tuple[Atom, ...], ...]

    def holds(self, values: dict[str, Fraction]) -> bool:
        return any(all(a.holds(values) for a in option) for option in self.options)

    def names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for option in self.options:
            for atom in option:
                seen.update(dict.fromkeys(atom.expr.names()))
        return tuple(seen)


@dataclass(frozen=True)
class Defaults:
    """How a file reads its bare numbers; see claims-format.md, `defaults:`."""

    precision: str = "as-written"  # as-written | exact | "5%"
    about: Fraction = Fraction(1, 10)
    lang: str = "en"


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    date: dt.date | None
    url: str | None
    location: Location
    weight: Fraction = Fraction(1)  # what it costs to drop one of its claims (see claims-format.md, weights)


@dataclass(frozen=True)
class Quantity:
    name: str
    unit: str  # canonical text of the unit; "" for a pure number
    about: str | None
    signed: bool
    integer: bool
    location: Location
    over_time: str | None = None  # "cumulative" | "level" | None: one value per date (claims-format.md)
    since: dt.date | None = None  # a time-indexed quantity is 0 on this date
    # After expansion (read/series.py) a time-indexed quantity is one quantity per date,
    # `NAME@YYYY-MM-DD`: `series` is NAME and `date` the date; both None otherwise.
    series: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Interval:
    """lo (<|<=) x (<|<=) hi, with exact ends; None is unbounded.

    The one interval of numcheck: what a value phrase says, what a claim allows, a range the
    engine proves and what a report prints are all this record (a relative claim's interval
    multiplies its claim's `ref`)."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    def contains(self, v: Fraction) -> bool:
        return within(v, self.lo, self.hi, self.lo_open, self.hi_open)

    @property
    def point(self) -> bool:
        """Whether the interval is one closed value."""
        return self.lo is not None and self.lo == self.hi and not self.lo_open and not self.hi_open


def within(v: Fraction, lo: Fraction | None, hi: Fraction | None, lo_open: bool, hi_open: bool) -> bool:
    """Whether v lies in the interval; an open end excludes its bound, None is unbounded."""
    if lo is not None and (v < lo or (lo_open and v == lo)):
        return False
    if hi is not None and (v > hi or (hi_open and v == hi)):
        return False
    return True


@dataclass(frozen=True)
class Claim:
    """What one source says. Any claim may be wrong; the solver treats each as an assumption."""

    id: str
    atoms: tuple[Atom, ...]
    location: Location
    quantity: str | None = None
    value: str | None = None  # as written
    relation: str | None = None  # as written
    interval: Interval | None = None  # for `quantity` + `value`, in the quantity's unit (times `ref`)
    ref: str | None = None  # for a relative value ("about half of q"): the quantity it multiplies
    source: str | None = None
    quote: str | None = None
    as_of: dt.date | None = None
    note: str | None = None
    hedge: str | None = None
    review: bool = False
    either: tuple[Either, ...] = ()  # besides `atoms`, each of these must hold (see Either)
    weight: Fraction = Fraction(1)  # what dropping it costs: its own `weight:`, else its source's, else 1
    # For the tension search: the number as written (in the quantity's unit) of a bare number or an
    # `about`/`nearly` value, and which ends of `interval` (lo, hi) shrink towards it. None and
    # (False, False) for everything that does not shrink: hedged edges, ranges, vague amounts,
    # relative values and relations.
    written: Fraction | None = None
    shrinkable: tuple[bool, bool] = (False, False)
    # A rate ("about 400 a day"): `interval` is per `rate_unit` (day, week, month, year) over
    # `period` (from, to); its atoms say (q@to - q@from) / length of the period in that unit.
    period: tuple[dt.date, dt.date] | None = None
    rate_unit: str | None = None

    @property
    def text(self) -> str:
        return self.value if self.value is not None else (self.relation or "")

    def quantities(self) -> tuple[str, ...]:
        names = dict.fromkeys((self.quantity,) if self.quantity else ())
        for atom in self.atoms:
            for name, _ in atom.expr.terms:
                names[name] = None
        for either in self.either:
            names.update(dict.fromkeys(either.names()))
        return tuple(names)


@dataclass(frozen=True)
class Rule:
    """A relation taken as true. A generic rule appears once per binding of its placeholders."""

    id: str
    text: str  # as written, placeholders filled in
    atoms: tuple[Atom, ...]
    location: Location
    why: str | None = None
    template: str | None = None  # the generic text, for an instance of a `{placeholder}` rule
    either: tuple[Either, ...] = ()  # besides `atoms`, each of these must hold (see Either)
    kind: str | None = None  # generated by read/series.py: "never-falls", "starts-at-zero", "at-date"

    def quantities(self) -> tuple[str, ...]:
        names: dict[str, None] = {}
        for atom in self.atoms:
            names.update(dict.fromkeys(atom.expr.names()))
        for either in self.either:
            names.update(dict.fromkeys(either.names()))
        return tuple(names)


@dataclass(frozen=True)
class LoadWarning:
    """What loads but is probably not what the writer meant (`12.000` in an English file, ...).

    A warning never changes a verdict; `--strict` turns every warning into an error."""

    location: Location
    message: str
    claim: str | None = None  # the claim's id, where the warning is about a claim

    def __str__(self) -> str:
        return f"{self.location}: warning: {self.message}"


@dataclass(frozen=True)
class Model:
    """Everything loaded from one or more claims files, with their includes, in one namespace."""

    files: tuple[str, ...]
    title: str | None
    sources: dict[str, Source] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    claims: tuple[Claim, ...] = ()
    unbound_rules: tuple[tuple[str, Location], ...] = ()  # generic rules that never bound
    warnings: tuple[LoadWarning, ...] = ()
    lang: str = "en"  # the first file's `defaults: lang:`, the language its reports are written in by default

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id: reports look up every claim of every conflict, so by an index
        built on first use (a scan per lookup made a 10,000-claim report quadratic)."""
        return self._by_id[claim_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def location(self, item_id: str) -> Location:
        """Where the claim or rule with this id was written (claims and rules share one namespace);
        KeyError for an id that is neither. By the same indexes as `claim` and `rules_named`."""
        claim = self._by_id.get(item_id)
        if claim is not None:
            return claim.location
        places = self._rule_places.get(item_id)
        if not places:
            raise KeyError(item_id)
        return self.rules[places[-1]].location

    def rules_named(self, ids: Collection[str]) -> tuple[Rule, ...]:
        """The rules with these ids, in the model's order (by an index, as for `claim`)."""
        places = sorted(p for rule_id in set(ids) for p in self._rule_places.get(rule_id, ()))
        return tuple(self.rules[p] for p in places)

    @functools.cached_property
    def _rule_places(self) -> dict[str, list[int]]:
        places: dict[str, list[int]] = {}
        for p, rule in enumerate(self.rules):
            places.setdefault(rule.id, []).append(p)
        return places
