"""The only module that talks to HiGHS: it proposes where each bound lies, and never decides.

An LP in floating point is fast but not exact: it treats `<` as `<=`, and it has a tolerance.
So everything here is a guess that `_solve` then proves or throws away with z3's exact
arithmetic: which quantities look unbounded above, and, for each bound asked for, the optimal
basis (which constraints hold with equality at the optimal vertex), from which `_solve` computes
the vertex and a dual certificate of its optimality in exact rationals.

Many independent problems ("jobs") go into one LP as separate blocks of columns: an objective
that adds one quantity from each block is optimal exactly when each block's part is, so one
solve answers one bound for every job at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from ._model import Atom

__all__ = ["LpJob", "Proposal", "propose"]



@dataclass(frozen=True)
class LpJob:
    """Non-negative real quantities, constraints over them, and the names whose min and max are wanted."""

    variables: tuple[str, ...]
    rows: tuple[Atom, ...]  # `<` is read as `<=` here; `!=` is not allowed
    names: tuple[str, ...]


@dataclass
class Proposal:
    """What the LP suggests; every part of it is checked exactly before use."""

    unbounded_above: list[set[str]]  # per job
    # per (slot, sense): job index → the optimal basis of that job's block for names[slot]: its
    # nonbasic rows (held with equality; by position in the job's rows) and its nonbasic
    # variables (held at 0; by position in the job's variables). Solved exactly, these give the
    # vertex and its dual certificate.
    basis: dict[tuple[int, str], dict[int, tuple[tuple[int, ...], tuple[int, ...]]]]


def propose(jobs: Sequence[LpJob]) -> Proposal | None:
    """Candidate bounds for every job, or None when the LP cannot help (the caller then asks z3)."""
    columns: dict[tuple[int, str], int] = {}
    for k, job in enumerate(jobs):
        for name in job.variables:
            columns[(k, name)] = len(columns)
    starts, index, value, upper, lower, owner, local = [0], [], [], [], [], [], []
    for k, job in enumerate(jobs):
        for r, atom in enumerate(job.rows):
            for name, coef in atom.expr.terms:
                index.append(columns[(k, name)])
                value.append(float(coef))
            starts.append(len(index))
            rhs = -float(atom.expr.const)
            upper.append(rhs)
            lower.append(rhs if atom.op == "==" else -highspy.kHighsInf)
            owner.append(k)
            local.append(r)
    n_cols = len(columns)
    if n_cols == 0:
        return None
    highs = _highs()
    unbounded = _unbounded_above(highs, jobs, columns, starts, index, value, lower, upper)
    if unbounded is None:
        return None
    lp = _lp(n_cols, np.zeros(n_cols), np.full(n_cols, highspy.kHighsInf), starts, index, value,
             np.array(lower), np.array(upper))
    if highs.passModel(lp) != highspy.HighsStatus.kOk:
        return None
    basis: dict[tuple[int, str], dict[int, tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    slots = max((len(job.names) for job in jobs), default=0)
    all_cols = np.arange(n_cols, dtype=np.int32)
    # rows and columns of each job are contiguous: job k owns [start[k], start[k + 1])
    row_start = np.searchsorted(np.array(owner, dtype=np.int64), np.arange(len(jobs) + 1))
    col_start = np.cumsum([0] + [len(job.variables) for job in jobs])
    n_rows = len(upper)
    for slot in range(slots):
        for sense in ("min", "max"):
            cost = np.zeros(n_cols)
            asked = []
            for k, job in enumerate(jobs):
                if slot < len(job.names):
                    name = job.names[slot]
                    if sense == "max" and name in unbounded[k]:
                        continue
                    cost[columns[(k, name)]] = 1.0 if sense == "min" else -1.0
                    asked.append(k)
            if not asked:
                continue
            highs.changeColsCost(n_cols, all_cols, cost)
            highs.run()
            if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            status, basic = highs.getBasicVariables()
            if status != highspy.HighsStatus.kOk:
                return None
            row_nonbasic = np.ones(n_rows, dtype=bool)
            col_nonbasic = np.ones(n_cols, dtype=bool)
            row_nonbasic[-1 - basic[basic < 0]] = False
            col_nonbasic[basic[basic >= 0]] = False
            rows_nb, cols_nb = np.nonzero(row_nonbasic)[0], np.nonzero(col_nonbasic)[0]
            row_cut, col_cut = np.searchsorted(rows_nb, row_start), np.searchsorted(cols_nb, col_start)
            basis[(slot, sense)] = {
                k: (tuple((rows_nb[row_cut[k]:row_cut[k + 1]] - row_start[k]).tolist()),
                    tuple((cols_nb[col_cut[k]:col_cut[k + 1]] - col_start[k]).tolist()))
                for k in asked}
    return Proposal(unbounded, basis)


def _highs() -> highspy.Highs:
    """A quiet HiGHS. highspy's Python wrapper prints a banner as it is built, before any option
    can be set; the core object it wraps does not, and has every method used here."""
    core = getattr(getattr(highspy, "_core", None), "_Highs", None)
    highs = core() if core is not None else highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


def _lp(n_cols: int, col_lower: np.ndarray, col_upper: np.ndarray, starts: list[int], index: list[int],
        value: list[float], row_lower: np.ndarray, row_upper: np.ndarray) -> highspy.HighsLp:
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = len(row_upper)
    lp.col_cost_ = np.zeros(n_cols)
    lp.col_lower_ = col_lower
    lp.col_upper_ = col_upper
    lp.row_lower_ = row_lower
    lp.row_upper_ = row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    return lp


def _unbounded_above(highs: highspy.Highs, jobs: Sequence[LpJob], columns: dict[tuple[int, str], int],
                     starts: list[int], index: list[int], value: list[float], lower: list[float],
                     upper: list[float]) -> list[set[str]] | None:
    """The quantities that look unbounded above: directions d >= 0 of the recession cone (the
    constraints with their constants dropped) with d_x > 0. One LP finds them all: maximise the
    sum of t_x with t_x <= d_x and t_x <= 1; since every d is >= 0, directions add up without
    cancelling, so an optimum has t_x = 1 exactly for the x that can grow without limit."""
    n = len(columns)
    inf = highspy.kHighsInf
    row_lower = np.where(np.array(lower) == np.array(upper), 0.0, -inf) if lower else np.zeros(0)
    row_upper = np.zeros(len(upper))
    # extra rows t_x - d_x <= 0, with t_x as columns n .. 2n-1
    extra_starts, extra_index, extra_value = list(starts), list(index), list(value)
    for c in range(n):
        extra_index.extend((n + c, c))
        extra_value.extend((1.0, -1.0))
        extra_starts.append(len(extra_index))
    col_lower = np.zeros(2 * n)
    col_upper = np.concatenate([np.full(n, inf), np.ones(n)])
    lp = _lp(2 * n, col_lower, col_upper, extra_starts, extra_index, extra_value,
             np.concatenate([row_lower, np.full(n, -inf)]), np.concatenate([row_upper, np.zeros(n)]))
    lp.col_cost_ = np.concatenate([np.zeros(n), -np.ones(n)])
    if highs.passModel(lp) != highspy.HighsStatus.kOk:
        return None
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    t = np.array(highs.getSolution().col_value)[n:]
    out: list[set[str]] = [set() for _ in jobs]
    for (k, name), c in columns.items():
        if t[c] > 0.5:
            out[k].add(name)
    return out
