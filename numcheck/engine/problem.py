"""What the engine is asked and what it answers, for one independent part of a model.

A part is handed over as exact atoms only (no claim text, no units): the engine needs nothing
else, and a problem this small crosses to a worker process cheaply. Everything here is a plain
record; the modules beside this one do the work:

- `plan` decides which route answers each part (`solve_batch`);
- `batch` decides many real-valued verdicts in one z3 solver;
- `boxes` proves LP-proposed ranges exactly;
- `component` is one part's own guarded z3 solver and optimiser, `conflicts` its MARCO loop;
- `repairs` (with `hitting`) finds an inconsistent part's least-weight repairs, `tension` the
  least share of their rounding a consistent part's claims need;
- `smtlib` writes the formulas, `z3glue` runs every z3 check under one `Deadline`.

Every answer is exact: verdicts come from z3's exact rational arithmetic, or from vertices
checked in exact rationals (FLINT) whose average satisfies every claim; minimal conflicts are
checked minimal by deletion, and each range is either certified (LP duality, checked in exact
rationals with FLINT) or comes from z3's optimiser as (infinity, value, epsilon) triples. An LP
in floating point only ever proposes. A check that hits the time limit raises `GaveUp`, and the
part's verdict becomes "unknown" with z3's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from numcheck.engine.options import SolveOptions
from numcheck.model import Atom, Either, Interval

__all__ = ["AllowedKey", "Bound", "BoxRoute", "CertificateSolve", "ComponentAnswer",
           "ComponentProblem", "FoundConflict", "FoundRepair",
           "FoundTension", "GaveUp", "Guarded", "QuantitySpec", "RepairKey", "Shrink", "Verdict", "VerdictRoute"]

Verdict = Literal["consistent", "inconsistent", "unknown"]

Bound = Interval  # an exact range: lo (<|<=) x (<|<=) hi; None is unbounded (and then open)

VerdictRoute = Literal["lp-vertices", "batch", "part-solver", "no-constraints", "interval-clash"]
"""Which route decided a part's verdict: certified LP vertices (`plan.proved_by_lp`), one z3
solver shared by a batch of parts (`batch.batch_verdicts`), the part's own z3 solver, none
needed (no claim or rule speaks of the part), or two claims bounding one quantity to intervals
that do not meet (`intervals.clashing_bounds`)."""

BoxRoute = Literal["lp-certificate", "lp-certificate-shared", "z3-proof", "no-constraints", "interval-shortcut"]
"""Which route computed a box (ranges, or what the others of a conflict allow): an LP basis
certified in exact rationals (`boxes.prove_boxes`), the same for several boxes of one part over
the same claims proved as one (`SolveOptions.shared_boxes`), the part's z3 optimiser, the
declarations alone, or the exact intersection of plain bounds (`intervals.interval_shortcut`)."""

CertificateSolve = Literal["sparse", "dense", "dense+sparse"]
"""Which exact solves of LP bases proved a box on the "lp-certificate" route (engine/basis_solve.py):
peeled into triangular form, one dense FLINT matrix, or some of each."""


@dataclass(frozen=True)
class QuantitySpec:
    """One quantity of a part, as the solver sees it: whole number or not, and whether it may be negative."""

    name: str
    integer: bool = False
    signed: bool = False


@dataclass(frozen=True)
class Guarded:
    """A rule or a claim: its id and the atoms that hold when it does (each `expr op 0`)."""

    name: str
    atoms: tuple[Atom, ...]
    either: tuple[Either, ...] = ()  # disjunctions that must hold too (see model.Either)

    @property
    def convex(self) -> bool:
        """Whether the atoms alone say it all: what the LP routes and shortcuts need."""
        return not self.either


@dataclass(frozen=True)
class Shrink:
    """A claim's interval on one quantity that the tension search may shrink towards the number
    as written: lo(λ) = written − λ·(written − lo) when `lo` shrinks, and likewise hi (see
    engine/tension.py). Ends that do not shrink stay where the interval has them."""

    quantity: str
    written: Fraction
    interval: Interval
    lo: bool
    hi: bool

    @property
    def room(self) -> bool:
        """Whether some end can move at all (a point, or a hedge's own edge, cannot)."""
        iv = self.interval
        return (self.lo and iv.lo is not None and iv.lo != self.written) or \
            (self.hi and iv.hi is not None and iv.hi != self.written)


@dataclass(frozen=True)
class FoundConflict:
    """A minimal conflict: claims that cannot all hold, and a minimal set of rules they need
    (both by position in the part)."""

    claims: tuple[int, ...]
    rules: tuple[int, ...]


@dataclass(frozen=True)
class AllowedKey:
    """Where a box of "what the others allow" belongs: a conflict (by position in the answer's
    list) and the one claim of it left out."""

    conflict: int
    claim: int


@dataclass(frozen=True)
class RepairKey:
    """Where a box of "what the rest implies once a repair is made" belongs: the repair, by
    position in the answer's list."""

    repair: int


@dataclass(frozen=True)
class FoundRepair:
    """A minimum-weight set of claims (by position in the part) whose removal leaves the part
    consistent, and its total weight."""

    claims: tuple[int, ...]
    weight: Fraction


@dataclass(frozen=True)
class FoundTension:
    """A consistent part that holds only thanks to rounding: the least λ (`needs`; with
    `strict`, only values above it do) and a minimal set of claims (by position) that need it."""

    needs: Fraction
    strict: bool
    claims: tuple[int, ...]


@dataclass(frozen=True)
class ComponentProblem:
    """One connected part of a model: quantities that share no claim or rule with any other part."""

    index: int
    quantities: tuple[QuantitySpec, ...]
    rules: tuple[Guarded, ...]
    claims: tuple[Guarded, ...]
    claim_quantities: tuple[tuple[str, ...], ...]  # per claim, the quantities to bound in "how far apart"
    pairs: tuple[tuple[int, int], ...]  # claim index pairs to test for agreement
    options: SolveOptions = field(default_factory=SolveOptions)  # limits and routes, the same for every part of a check
    weights: tuple[Fraction, ...] = ()  # per claim, what dropping it costs; empty: 1 each
    shrinks: tuple[Shrink | None, ...] = ()  # per claim, its interval for the tension search; empty: none

    def weight(self, claim: int) -> Fraction:
        return self.weights[claim] if self.weights else Fraction(1)

    def shrink(self, claim: int) -> Shrink | None:
        return self.shrinks[claim] if self.shrinks else None


@dataclass
class ComponentAnswer:
    """Everything the engine found about one part, and which routes found it.

    The routes are diagnostics (which fast route did the work), not part of the answer: every
    route gives the same verdict, conflicts and ranges, and which one succeeds can depend on the
    other parts solved in the same batch (an LP's floating-point basis) and on the clock."""

    index: int
    verdict: Verdict
    reason: str | None = None
    conflicts: list[FoundConflict] = field(default_factory=list)
    complete: bool = True  # False when the conflict list was cut short
    ranges: dict[str, Bound] | None = None
    ranges_reason: str | None = None
    allowed: dict[AllowedKey, dict[str, Bound]] = field(default_factory=dict)  # what the others of a conflict allow
    agreements: dict[tuple[int, int], bool | None] = field(default_factory=dict)
    broken_rules: tuple[int, ...] | None = None
    checks: int = 0
    verdict_route: VerdictRoute = "part-solver"
    ranges_route: BoxRoute | None = None  # None while there are no ranges
    ranges_solve: CertificateSolve | None = None  # on the "lp-certificate" route, which exact solves
    allowed_routes: dict[AllowedKey, BoxRoute] = field(default_factory=dict)
    repairs: list[FoundRepair] = field(default_factory=list)  # cheapest first, then in file order
    repairs_complete: bool = True  # False when more repairs of the same weight exist, or time ran out
    repairs_reason: str | None = None  # why the repairs are missing or cut short, when they are
    repairs_route: str | None = None  # "branch-and-bound", "z3" or both: which search found the repairs
    repair_ranges: dict[RepairKey, dict[str, Bound]] = field(default_factory=dict)  # what the rest then implies
    tension: FoundTension | None = None  # for a consistent part that needs its rounding
    tension_reason: str | None = None  # why the tension could not be computed, when it could not


class GaveUp(Exception):
    """A z3 check (or the clock) gave no answer: the part's verdict, or what depends on the
    check, becomes unknown with this reason. `unknown` is z3's own reason, when z3 gave one."""

    def __init__(self, reason: str, unknown: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unknown = unknown

    @property
    def timed_out(self) -> bool:
        return self.unknown in ("timeout", "canceled")
