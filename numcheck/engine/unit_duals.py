"""Whether the multipliers of each quantity's own bound have the right signs, without writing
them out: the sign test of a certificate in time linear in the basis, however long its paths.

The multipliers of "least (or greatest) x_c" are y(±e_c), where y(e_c) solves Bᵀ y = e_c. On a
chain each is a path back to the claim that holds the bound, so writing all n of them out costs
n²/2 entries when one early "at least" holds a thousand dates. But for a row r holding c with
coefficient a (its pivot row), reading Bᵀ e_r as that row gives, for any B,

    y(e_c) = (e_r - Σ a_rc' · y(e_c')) / a      over the other columns c' of row r,

so s·y(e_c) (s = ±1) is s/a on row r plus |t|·y(sign(t)·e_c') for each c' (t = -s·a_rc'/a). When
s/a has the right sign on r (or r is an equation) and each of those y(±e_c') is non-negative on
the inequality rows, so is their sum: a sufficient test, built column by column from the columns
each row depends on. It is a proof on its own terms: the identity holds row by row, and the
recursion is well founded because each column depends only on columns taken before it (checked,
not assumed). A strict row has a positive multiplier exactly when one of the non-negative parts
puts one there. Where the test does not apply (a kernel column, or a part of the wrong sign,
which cancellation might still repair), the caller solves the multipliers in full.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from numcheck.engine.basis_solve import SparseSolver

__all__ = ["UnitDual", "UnitDuals", "unit_duals"]


@dataclass(frozen=True)
class UnitDual:
    """For one column and sign: the multipliers are proved non-negative on every inequality row,
    and whether some strict row (of `strict`) gets a positive one."""

    holds_strict: bool


@dataclass(frozen=True)
class UnitDuals:
    """Per column, the proved sign test of its least (`low`: y(-e_c)) and greatest (`high`: y(e_c))
    bound; None where this test does not prove it."""

    low: list[UnitDual | None]
    high: list[UnitDual | None]

    def of(self, col: int, sense: str) -> UnitDual | None:
        return self.low[col] if sense == "min" else self.high[col]


def unit_duals(solver: SparseSolver, inequality: Sequence[bool], strict: Set[int]) -> UnitDuals:
    """The sign test of every column's two bounds (see the module), in the reverse of the order
    the transposed solve takes columns in, so that each column's parts are known before it.
    `inequality` and `strict` are by row of B. (Each coefficient's sign is read once, for both
    bounds: on a basis of a dozen columns, the comparisons were most of the test's time.)"""
    n = len(solver.order)
    order = solver.order
    high: list[UnitDual | None] = [None] * n  # s = 1: y(e_c)
    low: list[UnitDual | None] = [None] * n  # s = -1: y(-e_c)
    for c, r, a in (*((p.col, p.row, p.coef) for p in solver.p.front),
                    *((p.col, p.row, p.coef) for p in reversed(solver.p.back))):
        # signs read off the numerators (FLINT keeps denominators positive): exact, and a third
        # of the time of comparing two rationals
        a_positive = a.p > 0
        if len(solver.rows[r]) == 1:  # a bound (most often x_v >= 0): y(±e_c) is ±e_r / a, no parts
            if not inequality[r]:
                high[c] = low[c] = _NOT_HELD
            else:
                (high if a_positive else low)[c] = _HELD if r in strict else _NOT_HELD
            continue
        # the other columns of row r, and whether each coefficient's sign differs from a's
        others = [(other, (coef.p > 0) != a_positive) for other, coef in solver.rows[r].items() if other != c]
        for s_positive, own in ((True, high), (False, low)):
            # s/a on row r: the right sign when r is an equation or s and a agree
            right_sign = not inequality[r] or a_positive == s_positive
            held = right_sign and inequality[r] and r in strict
            if right_sign:
                for other, differs in others:
                    # the part y(sign(t)·e_c'), t = -s·a_rc'/a: positive when the signs differ
                    part = (high if differs == s_positive else low)[other]
                    if part is None or order[other] <= order[c]:
                        right_sign = False
                        break
                    held = held or part.holds_strict
            own[c] = (_HELD if held else _NOT_HELD) if right_sign else None
    return UnitDuals(low=low, high=high)


_HELD = UnitDual(True)  # immutable, so every column shares these two
_NOT_HELD = UnitDual(False)
