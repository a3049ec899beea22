"""Exact interval arithmetic on claims that only bound one quantity: two routes that need no solver.

Most contradictions in news figures are two sources on one figure ("more than 15,000" against
"up to 12,000"), and most of "what the others allow" is the same kind of question. When every
claim involved is a plain bound on one real quantity, intersecting their half-lines in exact
rationals answers it:

- `clashing_bounds`: two claims on one quantity whose intervals do not meet make their part
  inconsistent, a proof by itself (route "interval-clash"). Such a part needs no batched verdict,
  and it is kept out of the box LPs, whose feasibility it would break: the elastic LP that looks
  for contradictions then runs only when a box LP finds no feasible point all the same.
- `interval_shortcut`: what the other claims of a conflict allow for one quantity no rule touches.

Only claims that bound a single quantity count (`bounded_quantity`); anything else (relations,
disjunctions, `!=`) is left to the LP and z3, so these routes can miss but never mislead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from numcheck.engine.problem import Bound, ComponentProblem, Guarded
from numcheck.model import Atom

__all__ = ["Span", "bounded_quantity", "clashing_bounds", "interval_shortcut"]


@dataclass
class Span:
    """An interval being narrowed, claim by claim: lo (<|<=) x (<|<=) hi, None unbounded."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    @staticmethod
    def domain(signed: bool) -> Span:
        """What a quantity's declaration allows: any real, or the non-negative ones."""
        return Span(None if signed else Fraction(0), None)

    def cut(self, atom: Atom) -> None:
        """Narrow to the atom's half-line (or point): `coef * x + const op 0` on this one quantity."""
        coef = atom.expr.terms[0][1]
        edge = -atom.expr.const / coef  # coef*x + const op 0  ⇔  x op' edge
        strict = atom.op == "<"
        if atom.op == "==" or coef > 0:
            if self.hi is None or edge < self.hi or (edge == self.hi and strict):
                self.hi, self.hi_open = edge, strict
        if atom.op == "==" or coef < 0:
            if self.lo is None or edge > self.lo or (edge == self.lo and strict):
                self.lo, self.lo_open = edge, strict

    @property
    def empty(self) -> bool:
        return self.lo is not None and self.hi is not None and (
            self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open)))

    def bound(self) -> Bound:
        return Bound(self.lo, self.hi, self.lo_open or self.lo is None, self.hi_open or self.hi is None)


def bounded_quantity(claim: Guarded) -> str | None:
    """The one quantity this claim only bounds (each atom `coef * x + const op 0`, op not `!=`,
    no disjunction), or None when it says anything else."""
    if not claim.convex or not claim.atoms:
        return None
    name = None
    for atom in claim.atoms:
        terms = atom.expr.terms
        if len(terms) != 1 or atom.op == "!=" or (name is not None and terms[0][0] != name):
            return None
        name = terms[0][0]
    return name


def clashing_bounds(problem: ComponentProblem) -> bool:
    """Whether some quantity's plain bounds, intersected with what its declaration allows, leave
    nothing: then the part's claims cannot all hold, exactly (over the reals, and so over whole
    numbers too). In one dimension, intervals that have no point in common include two that do
    not meet (Helly), so this finds every contradiction of two sources on one figure."""
    signed = {q.name: q.signed for q in problem.quantities}
    spans: dict[str, Span] = {}
    for claim in problem.claims:
        name = bounded_quantity(claim)
        if name is None:
            continue
        span = spans.get(name)
        if span is None:
            span = spans[name] = Span.domain(signed.get(name, True))
        for atom in claim.atoms:
            span.cut(atom)
        if span.empty:
            return True
    return False


def interval_shortcut(problem: ComponentProblem, others: Sequence[int], names: Sequence[str],
                      ruled: set[str]) -> dict[str, Bound] | None:
    """What the other claims of a conflict allow, when they are plain bounds on the one rational
    quantity asked about and no rule touches it: the intersection of their half-lines, computed
    exactly. This is the common case (two sources on one figure) and needs no optimiser call."""
    if len(names) != 1:
        return None
    name = names[0]
    spec = next(q for q in problem.quantities if q.name == name)
    if spec.integer or name in ruled:
        return None
    span = Span.domain(spec.signed)
    for j in others:
        claim = problem.claims[j]
        if not claim.convex or (claim.atoms and bounded_quantity(claim) != name):
            return None
        for atom in claim.atoms:
            span.cut(atom)
    if span.empty:
        return None  # the others clash among themselves; not a case for this shortcut
    return {name: span.bound()}
