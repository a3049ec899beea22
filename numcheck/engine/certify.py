"""Exact certificates for LP bounds: the one place that decides a bound an LP proposed.

An LP solver works in floating point; its answer is a guess. But an optimal *basis* (which
constraints hold with equality at the optimum) is a finite, checkable object: solved in exact
rationals it gives the vertex and the dual multipliers, and LP duality says the vertex's value is
exactly the optimum when the vertex satisfies every constraint and the multipliers have the right
signs. The solves are in basis_solve.py (sparse by peeling, or dense in FLINT); what a sparse
solve returns is checked here against the basis itself, so that the proof needs nothing of how
it was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import flint

from numcheck.engine.basis_solve import BasisSolver, Row, SolveKind, SparseSolver, solver_for
from numcheck.engine.lp import Basis
from numcheck.engine.unit_duals import UnitDuals, unit_duals
from numcheck.model import Atom

__all__ = ["BasisSystem", "ExactRows", "Optimum", "Request"]


@dataclass(frozen=True)
class Request:
    """One bound asked of a basis: the least ("min") or greatest ("max") value of a quantity."""

    name: str
    sense: str


@dataclass(frozen=True)
class Optimum:
    """A bound proved optimal: its exact value, and whether it is open. `open` is None when a
    strict claim is tight at the vertex with a zero multiplier: another optimal point may then
    satisfy it, which only a search can tell."""

    value: Fraction
    open: bool | None


@dataclass(frozen=True)
class BasisSystem:
    """A basis as a square system: its rows (the tight constraints, then `-x_v <= 0` for each
    variable held at 0), their right-hand sides, and the solver chosen for it."""

    tight_rows: tuple[int, ...]
    rows: tuple[Row, ...]
    rhs: tuple[flint.fmpq, ...]
    inequality: tuple[bool, ...]
    solver: BasisSolver

    @property
    def kind(self) -> SolveKind:
        return self.solver.kind


class ExactRows:
    """One problem's constraints in exact rationals (python-flint, FLINT's C arithmetic), to check
    an LP basis: solve it for the vertex and for the dual multipliers, and test both."""

    def __init__(self, variables: Sequence[str], rows: Sequence[Atom]) -> None:
        self.col = {n: j for j, n in enumerate(variables)}
        self.n = len(variables)
        self.ops = [a.op for a in rows]
        col, fmpq = self.col, flint.fmpq
        # (as_integer_ratio: one call for both halves of a Fraction; fmpq(0) is false, so zero
        # coefficients are still left out)
        self.coefs: list[dict[int, flint.fmpq]] = [
            {col[name]: q for name, c in a.expr.terms if (q := fmpq(*c.as_integer_ratio()))} for a in rows]
        self.rhs = [-fmpq(*a.expr.const.as_integer_ratio()) for a in rows]
        self.strict = {r for r, op in enumerate(self.ops) if op == "<"}
        self.feasible = False  # some vertex checked here satisfies every row (strict ones as <=)
        self.slack: set[int] = set()  # strict rows that some such vertex satisfies strictly
        self.solves: set[SolveKind] = set()  # the solves that proved some bound here

    def consistent(self) -> bool:
        """Whether the vertices checked so far prove these constraints satisfiable, strict ones
        included: each satisfies every row read as `<=`, so their average does too (the set is
        convex), and it satisfies a strict row strictly as soon as one of them does."""
        return self.feasible and self.slack >= self.strict and "!=" not in self.ops

    def system(self, basis: Basis, *, sparse: bool = True) -> BasisSystem | None:
        """This basis (nonbasic rows, variables at 0, by position) as a square system with its
        solver (`sparse` allows the sparse one); None if it is not square or plainly singular."""
        tight_rows, at_zero = basis
        if len(tight_rows) + len(at_zero) != self.n:
            return None
        coefs, ops = self.coefs, self.ops
        rows = tuple([coefs[r] for r in tight_rows] + [{v: _MINUS_ONE_Q} for v in at_zero])
        solver = solver_for(rows, self.n, sparse)
        if solver is None:
            return None
        rhs = tuple([self.rhs[r] for r in tight_rows] + [_ZERO_Q] * len(at_zero))
        inequality = tuple([ops[r] != "==" for r in tight_rows] + [True] * len(at_zero))
        return BasisSystem(tuple(tight_rows), rows, rhs, inequality, solver)

    def optima(self, requests: Sequence[Request], system: BasisSystem) -> list[Optimum | None]:
        """For each request: if the basis is optimal for it, exactly, the bound; else None."""
        none: list[Optimum | None] = [None] * len(requests)
        if not requests:
            return none
        point = system.solver.vertex(system.rhs)
        if point is None:
            return none
        lhs = _dots(self.coefs, point)  # every row's left side at the vertex, once
        if system.kind == "sparse" and not _solves(system, point, lhs):
            return none
        tight_strict = self._tight_strict(point, lhs)
        if tight_strict is None:
            return none
        self.feasible = True
        self.slack |= self.strict - tight_strict
        # minimise c.x with c = +-e_name: optimal iff c + B^T y = 0 with y >= 0 on inequalities
        out = list(none)
        quick = self._unit_duals(system, tight_strict)
        explicit = []
        any_tight_strict = bool(tight_strict)
        for i, request in enumerate(requests):
            col = self.col[request.name]
            unit = quick.of(col, request.sense) if quick is not None else None
            if unit is None:
                explicit.append(i)
            else:  # the sign test passed without writing the multipliers out (unit_duals.py)
                out[i] = self._optimum(system, point[col], any_tight_strict, unit.holds_strict)
        costs = [{self.col[requests[i].name]: _MINUS_ONE_Q if requests[i].sense == "min" else _ONE_Q}
                 for i in explicit]
        duals = system.solver.duals(costs) if explicit else []
        if duals is None:
            return out
        for i, cost, y in zip(explicit, costs, duals):
            if any(m < _ZERO_Q for r, m in y.items() if system.inequality[r]):
                continue
            if system.kind == "sparse" and not _solves_transposed(system.rows, y, cost):
                continue
            held = any(system.tight_rows[r] in tight_strict for r, m in y.items()
                       if r < len(system.tight_rows) and m > _ZERO_Q)
            out[i] = self._optimum(system, point[self.col[requests[i].name]], bool(tight_strict), held)
        return out

    def _unit_duals(self, system: BasisSystem, tight_strict: set[int]) -> UnitDuals | None:
        if not isinstance(system.solver, SparseSolver):
            return None
        strict = {i for i, r in enumerate(system.tight_rows) if r in tight_strict}
        return unit_duals(system.solver, system.inequality, strict)

    def _optimum(self, system: BasisSystem, value: flint.fmpq, any_tight_strict: bool, held: bool) -> Optimum:
        """The proved bound. With no strict row tight it is reached (closed); a tight strict row
        with a positive multiplier is tight at every optimum (open); one tight only by chance
        leaves it unsure (None)."""
        self.solves.add(system.kind)
        is_open = (True if held else None) if any_tight_strict else False
        return Optimum(Fraction(int(value.p), int(value.q)) if value else _ZERO_F, is_open)

    def _tight_strict(self, point: Sequence[flint.fmpq], lhs: Sequence[flint.fmpq]) -> set[int] | None:
        """None unless the vertex satisfies every row (strict ones read as `<=`; `lhs` holds each
        row's left side there) and x >= 0; else the strict rows it holds with equality."""
        if any(v.p < 0 for v in point):  # the numerator's sign (FLINT keeps denominators positive)
            return None
        tight_strict = set()
        for r, (op, left, right) in enumerate(zip(self.ops, lhs, self.rhs)):
            if op == "==":
                if left != right:
                    return None
            elif (left - right).p > 0:  # left > right, by the sign of the difference's numerator
                return None
            elif op == "<" and left == right:
                tight_strict.add(r)
        return tight_strict


def _dot(row: Row, point: Sequence[flint.fmpq]) -> flint.fmpq:
    total = _ZERO_Q
    for c, a in row.items():
        total += a * point[c]
    return total


def _dots(rows: Sequence[Row], point: Sequence[flint.fmpq]) -> list[flint.fmpq]:
    """Each row's `_dot` with the point (one loop: this is most of a certificate's arithmetic)."""
    out = []
    for row in rows:
        total = _ZERO_Q
        for c, a in row.items():
            total += a * point[c]
        out.append(total)
    return out


def _solves(system: BasisSystem, x: Sequence[flint.fmpq], lhs: Sequence[flint.fmpq]) -> bool:
    """B x = b, checked row by row: a tight row of B is a row of the problem, whose left side at
    x is already in `lhs` (`system` built B from those very rows); the rest are dotted here."""
    tight = len(system.tight_rows)
    return (all(lhs[r] == b for r, b in zip(system.tight_rows, system.rhs))
            and all(_dot(row, x) == b for row, b in zip(system.rows[tight:], system.rhs[tight:])))


def _solves_transposed(rows: Sequence[Row], y: dict[int, flint.fmpq], cost: Row) -> bool:
    """Bᵀ y = c, checked column by column over the columns the multipliers touch."""
    sums: dict[int, flint.fmpq] = {}
    for r, m in y.items():
        for c, a in rows[r].items():
            sums[c] = sums.get(c, _ZERO_Q) + a * m
    return all(sums.get(c, _ZERO_Q) == cost.get(c, _ZERO_Q) for c in sums.keys() | cost.keys())


_ZERO_Q = flint.fmpq(0)
_ZERO_F = Fraction(0)  # the most common bound (a quantity's least value); immutable, so shared
_ONE_Q = flint.fmpq(1)
_MINUS_ONE_Q = flint.fmpq(-1)
