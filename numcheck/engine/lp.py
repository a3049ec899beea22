"""The only module that talks to HiGHS: it proposes where each bound lies, and never decides.

An LP in floating point is fast but not exact: it treats `<` as `<=`, and it has a tolerance.
So everything here is a guess, proved or thrown away in exact arithmetic elsewhere: which parts
look inconsistent (`suspects`), which quantities look unbounded above (z3 then finds the
direction), and for each bound the optimal basis (which constraints hold with equality at the
optimal vertex), from which `_certify` computes the vertex and its dual certificate in rationals.

Many independent problems go into one LP as separate blocks of columns: an objective
that adds quantities from several blocks is optimal exactly when each block's part is, so one
solve answers a bound for every problem at once.

highspy and numpy are imported by the functions that use them: a check whose parts all take
other routes (the seed file, most small files) never loads them, and starts sooner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from numcheck.model import Atom

if TYPE_CHECKING:
    import highspy
    import numpy as np

__all__ = ["Basis", "LpProblem", "Session", "suspects"]


@dataclass(frozen=True)
class LpProblem:
    """Non-negative real quantities, constraints over them, and the names whose min and max are wanted."""

    variables: tuple[str, ...]
    rows: tuple[Atom, ...]  # `<` is read as `<=` here; `!=` is not allowed
    names: tuple[str, ...]
    signed: frozenset[str] = frozenset()  # quantities that may be negative (only for `suspects`)


Basis = tuple[tuple[int, ...], tuple[int, ...]]  # (nonbasic rows, nonbasic variables), by position in the problem


@dataclass
class _Rows:
    """The problems' constraints as one row-wise sparse matrix: each problem's quantities a block of
    columns, each constraint a row `lower <= a.x <= upper` (an equality has lower == upper)."""

    columns: dict[tuple[int, str], int]  # (problem, quantity) → column
    starts: list[int]
    index: list[int]
    value: list[float]
    lower: list[float]
    upper: list[float]
    owner: list[int]  # row → problem

    @staticmethod
    def of(problems: Sequence[LpProblem]) -> _Rows | None:
        """None when a number is beyond floating point: no LP can help with such problems."""
        import highspy

        columns: dict[tuple[int, str], int] = {}
        for k, problem in enumerate(problems):
            for name in problem.variables:
                columns[(k, name)] = len(columns)
        rows = _Rows(columns, [0], [], [], [], [], [])
        try:
            for k, problem in enumerate(problems):
                column = {name: columns[(k, name)] for name in problem.variables}  # this problem's block
                for atom in problem.rows:
                    for name, coef in atom.expr.terms:
                        rows.index.append(column[name])
                        n, d = coef.as_integer_ratio()
                        rows.value.append(n / d)  # float(coef), without its detour
                    rows.starts.append(len(rows.index))
                    n, d = atom.expr.const.as_integer_ratio()
                    rhs = -(n / d)
                    rows.upper.append(rhs)
                    rows.lower.append(rhs if atom.op == "==" else -highspy.kHighsInf)
                    rows.owner.append(k)
        except OverflowError:
            return None
        return rows


class Session:
    """One LP over many problems, solved again for each objective asked.

    `unbounded_above[k]` holds the quantities of problem k that look unbounded above. `solve` takes,
    per problem, quantities to minimise (or maximise) together, and returns each problem's optimal basis:
    its nonbasic rows (held with equality) and its nonbasic variables (held at 0). Solved in
    exact rationals, a basis gives a vertex and the dual multipliers that certify it; the same
    basis is often optimal for each quantity alone, which the caller checks exactly.
    """

    def __init__(self, problems: Sequence[LpProblem], time_limit: float) -> None:
        import highspy
        import numpy as np

        self.ok = False
        self.infeasible = False  # set when a solve finds no feasible point (see `solve`)
        rows = _Rows.of(problems)
        if rows is None or not rows.columns:
            return
        self.columns = rows.columns
        self.n_cols, self.n_rows = len(rows.columns), len(rows.upper)
        self.highs = _highs(time_limit)
        unbounded = _unbounded_above(self.highs, problems, rows)
        if unbounded is None:
            return
        self.unbounded_above = unbounded
        lp = _lp(self.n_cols, np.zeros(self.n_cols), np.full(self.n_cols, highspy.kHighsInf), rows.starts,
                 rows.index, rows.value, np.array(rows.lower), np.array(rows.upper))
        if self.highs.passModel(lp) != highspy.HighsStatus.kOk:
            return
        # rows and columns of each problem are contiguous: problem k owns [start[k], start[k + 1])
        self.row_start = np.searchsorted(np.array(rows.owner, dtype=np.int64), np.arange(len(problems) + 1))
        self.col_start = np.cumsum([0] + [len(problem.variables) for problem in problems])
        self.all_cols = np.arange(self.n_cols, dtype=np.int32)
        self.ok = True

    def solve(self, sense: str, objectives: Mapping[int, Sequence[str]]) -> dict[int, Basis] | None:
        """Minimise ("min") or maximise ("max") the sum of each problem's quantities; None if HiGHS fails."""
        import highspy
        import numpy as np

        if not self.ok:
            return None
        if not objectives:
            return {}
        cost = np.zeros(self.n_cols)
        step = 1.0 if sense == "min" else -1.0
        for k, names in objectives.items():
            for name in names:
                cost[self.columns[(k, name)]] = step
        self.highs.changeColsCost(self.n_cols, self.all_cols, cost)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            # no feasible point: some problem of the LP is inconsistent (as the LP reads it). A
            # minimum of non-negative quantities is never unbounded, so "unbounded or
            # infeasible" means infeasible there.
            self.infeasible = status == highspy.HighsModelStatus.kInfeasible or (
                sense == "min" and status == highspy.HighsModelStatus.kUnboundedOrInfeasible)
            return None
        status, basic = self.highs.getBasicVariables()
        if status != highspy.HighsStatus.kOk:
            return None
        row_nonbasic = np.ones(self.n_rows, dtype=bool)
        col_nonbasic = np.ones(self.n_cols, dtype=bool)
        row_nonbasic[-1 - basic[basic < 0]] = False
        col_nonbasic[basic[basic >= 0]] = False
        rows_nb, cols_nb = np.nonzero(row_nonbasic)[0], np.nonzero(col_nonbasic)[0]
        row_cut, col_cut = np.searchsorted(rows_nb, self.row_start), np.searchsorted(cols_nb, self.col_start)
        return {k: (tuple((rows_nb[row_cut[k]:row_cut[k + 1]] - self.row_start[k]).tolist()),
                    tuple((cols_nb[col_cut[k]:col_cut[k + 1]] - self.col_start[k]).tolist()))
                for k in objectives}


def suspects(problems: Sequence[LpProblem], time_limit: float) -> list[bool] | None:
    """Which problems look infeasible: one elastic LP over all of them (each constraint may be broken
    by a non-negative slack; minimise the slacks), so that a problem whose slacks stay positive is a
    suspect. Only a hint for where to look first: `<` reads as `<=` and there is a tolerance."""
    import highspy
    import numpy as np

    rows = _Rows.of(problems)
    if rows is None:
        return None  # a number beyond floating point: no hint from this LP
    if not rows.upper:
        return [False] * len(problems)
    lower_col = [-highspy.kHighsInf if name in problems[k].signed else 0.0 for k, name in rows.columns]
    n_vars = len(rows.columns)
    # each row gets a slack that may break it (two, one each way, for an equality)
    starts: list[int] = [0]
    index: list[int] = []
    value: list[float] = []
    slack_owner: list[int] = []
    for r, owner in enumerate(rows.owner):
        index.extend(rows.index[rows.starts[r]:rows.starts[r + 1]])
        value.extend(rows.value[rows.starts[r]:rows.starts[r + 1]])
        for sign in ((-1.0, 1.0) if rows.lower[r] == rows.upper[r] else (-1.0,)):
            index.append(n_vars + len(slack_owner))
            value.append(sign)
            slack_owner.append(owner)
        starts.append(len(index))
    n_cols = n_vars + len(slack_owner)
    lp = _lp(n_cols, np.array(lower_col + [0.0] * len(slack_owner)), np.full(n_cols, highspy.kHighsInf),
             starts, index, value, np.array(rows.lower), np.array(rows.upper))
    lp.col_cost_ = np.concatenate([np.zeros(n_vars), np.ones(len(slack_owner))])
    values = _solved(_highs(time_limit), lp)
    if values is None:
        return None
    slacks = values[n_vars:]
    broken = np.zeros(len(problems))
    np.add.at(broken, np.array(slack_owner, dtype=np.int64), slacks)
    return [bool(b) for b in broken > 1e-7]


def _highs(time_limit: float) -> Any:
    """A quiet HiGHS with a time limit (past it, a solve is simply not optimal, and the caller
    goes the slow, sure way). highspy's Python wrapper prints a banner as it is built, before any
    option can be set; the core object it wraps does not, and has every method used here (it
    has no type stubs, hence Any)."""
    import highspy

    core = getattr(getattr(highspy, "_core", None), "_Highs", None)
    highs = core() if core is not None else highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", float(time_limit))
    return highs


def _solved(highs: Any, lp: highspy.HighsLp) -> np.ndarray | None:
    """The optimal column values of this LP, or None if HiGHS finds no optimum (in time)."""
    import highspy
    import numpy as np

    if highs.passModel(lp) != highspy.HighsStatus.kOk:
        return None
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.array(highs.getSolution().col_value)


def _lp(n_cols: int, col_lower: np.ndarray, col_upper: np.ndarray, starts: list[int], index: list[int],
        value: list[float], row_lower: np.ndarray, row_upper: np.ndarray) -> highspy.HighsLp:
    import highspy
    import numpy as np

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


def _unbounded_above(highs: Any, problems: Sequence[LpProblem], rows: _Rows) -> list[set[str]] | None:
    """The quantities that look unbounded above: directions d >= 0 of the recession cone (the
    constraints with their constants dropped) with d_x > 0. One LP finds them all: maximise the
    sum of t_x with t_x <= d_x and t_x <= 1; since every d is >= 0, directions add up without
    cancelling, so an optimum has t_x = 1 exactly for the x that can grow without limit."""
    import highspy
    import numpy as np

    n = len(rows.columns)
    inf = highspy.kHighsInf
    row_lower = np.where(np.array(rows.lower) == np.array(rows.upper), 0.0, -inf) if rows.lower else np.zeros(0)
    row_upper = np.zeros(len(rows.upper))
    # extra rows t_x - d_x <= 0, with t_x as columns n .. 2n-1
    extra_starts, extra_index, extra_value = list(rows.starts), list(rows.index), list(rows.value)
    for c in range(n):
        extra_index.extend((n + c, c))
        extra_value.extend((1.0, -1.0))
        extra_starts.append(len(extra_index))
    col_lower = np.zeros(2 * n)
    col_upper = np.concatenate([np.full(n, inf), np.ones(n)])
    lp = _lp(2 * n, col_lower, col_upper, extra_starts, extra_index, extra_value,
             np.concatenate([row_lower, np.full(n, -inf)]), np.concatenate([row_upper, np.zeros(n)]))
    lp.col_cost_ = np.concatenate([np.zeros(n), -np.ones(n)])
    values = _solved(highs, lp)
    if values is None:
        return None
    t = values[n:]
    out: list[set[str]] = [set() for _ in problems]
    for (k, name), c in rows.columns.items():
        if t[c] > 0.5:
            out[k].add(name)
    return out
