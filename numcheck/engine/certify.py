"""Exact certificates for LP bounds: the one place that decides a bound an LP proposed.

An LP solver works in floating point; its answer is a guess. But an optimal *basis* (which
constraints hold with equality at the optimum) is a finite, checkable object: solved in exact
rationals it gives the vertex and the dual multipliers, and LP duality says the vertex's value is
exactly the optimum when the vertex satisfies every constraint and the multipliers have the right
signs. FLINT (through python-flint) does that linear algebra in C, far faster than Fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import flint

from numcheck.engine.lp import Basis
from numcheck.model import Atom

__all__ = ["ExactRows"]


class ExactRows:
    """One problem's constraints in exact rationals (python-flint, FLINT's C arithmetic), to check
    an LP basis: solve it for the vertex and for the dual multipliers, and test both."""

    def __init__(self, variables: Sequence[str], rows: Sequence[Atom]) -> None:
        self.col = {n: j for j, n in enumerate(variables)}
        n = len(variables)
        self.n = n
        self.ops = [a.op for a in rows]
        self.coefs: list[list[flint.fmpq]] = []
        self.rhs: list[flint.fmpq] = []
        for a in rows:
            dense = [_ZERO_Q] * n
            for name, c in a.expr.terms:
                dense[self.col[name]] = flint.fmpq(c.numerator, c.denominator)
            self.coefs.append(dense)
            const = -a.expr.const
            self.rhs.append(flint.fmpq(const.numerator, const.denominator))
        self.matrix = flint.fmpq_mat(len(rows), n, [c for row in self.coefs for c in row]) if rows and n else None
        self.strict = {r for r, op in enumerate(self.ops) if op == "<"}
        self.feasible = False  # some vertex checked here satisfies every row (strict ones as <=)
        self.slack: set[int] = set()  # strict rows that some such vertex satisfies strictly

    def consistent(self) -> bool:
        """Whether the vertices checked so far prove these constraints satisfiable, strict ones
        included: each satisfies every row read as `<=`, so their average does too (the set is
        convex), and it satisfies a strict row strictly as soon as one of them does."""
        return self.feasible and self.slack >= self.strict and "!=" not in self.ops

    def optima(self, requests: Sequence[tuple[str, str]], basis: Basis) -> list[tuple[Fraction, bool | None] | None]:
        """For each (name, "min" or "max"): if this basis (nonbasic rows, variables at 0, by
        position) is optimal for it, exactly, the bound and whether it is open; else None.
        "open" is None when a strict claim is tight at the vertex with a zero multiplier: another
        optimal point may then satisfy it, which only a search can tell."""
        n = self.n
        tight_rows, at_zero = basis
        none: list[tuple[Fraction, bool | None] | None] = [None] * len(requests)
        if len(tight_rows) + len(at_zero) != n or not requests:
            return none
        flat: list[flint.fmpq] = []
        rhs: list[flint.fmpq] = []
        for r in tight_rows:
            flat.extend(self.coefs[r])
            rhs.append(self.rhs[r])
        for v in at_zero:  # x_v >= 0 written as -x_v <= 0
            row = [_ZERO_Q] * n
            row[v] = _MINUS_ONE_Q
            flat.extend(row)
            rhs.append(_ZERO_Q)
        matrix = flint.fmpq_mat(n, n, flat)
        # minimise c.x with c = +-e_name: optimal iff c + B^T y = 0 with y >= 0 on inequalities
        width = len(requests)
        costs = [_ZERO_Q] * (n * width)
        for col, (name, sense) in enumerate(requests):
            costs[self.col[name] * width + col] = _MINUS_ONE_Q if sense == "min" else _ONE_Q
        try:
            x = matrix.solve(flint.fmpq_mat(n, 1, rhs))
            y = matrix.transpose().solve(flint.fmpq_mat(n, width, costs))
        except ZeroDivisionError:  # a singular basis: not a vertex
            return none
        point = x.entries()  # matrices are read whole: element by element cost more than the algebra
        tight_strict = self._tight_strict(x, point)
        if tight_strict is None:
            return none
        self.feasible = True
        self.slack |= self.strict - tight_strict
        inequality = [self.ops[r] != "==" for r in tight_rows] + [True] * len(at_zero)
        out = list(none)
        dual = y.entries()
        for col, (name, _) in enumerate(requests):
            multipliers = dual[col::width]
            if any(m < _ZERO_Q for m, ineq in zip(multipliers, inequality) if ineq):
                continue
            value = point[self.col[name]]
            is_open: bool | None = False
            if tight_strict:
                held = {r for r, m in zip(tight_rows, multipliers) if m > _ZERO_Q}
                is_open = True if tight_strict & held else None
            out[col] = (Fraction(int(value.p), int(value.q)), is_open)
        return out

    def _tight_strict(self, x: flint.fmpq_mat, point: Sequence[flint.fmpq]) -> set[int] | None:
        """None unless the vertex satisfies every row (strict ones read as `<=`) and x >= 0;
        else the strict rows it holds with equality."""
        if any(v < _ZERO_Q for v in point):
            return None
        activity = (self.matrix * x).entries() if self.matrix is not None else [_ZERO_Q] * len(self.ops)
        tight_strict = set()
        for r, op in enumerate(self.ops):
            lhs = activity[r]
            if op == "==":
                if lhs != self.rhs[r]:
                    return None
            elif lhs > self.rhs[r]:
                return None
            elif op == "<" and lhs == self.rhs[r]:
                tight_strict.add(r)
        return tight_strict


_ZERO_Q = flint.fmpq(0)
_ONE_Q = flint.fmpq(1)
_MINUS_ONE_Q = flint.fmpq(-1)
