"""Exact solves of an LP basis B (square, n×n): the vertex (B x = b) and the dual multipliers of
many objectives at once (Bᵀ y = c), in exact rationals.

A dense solve in FLINT costs about n³, which is seconds at n = 1,000. But the bases numcheck meets
are sparse: most rows bound one quantity or relate two (a dated series is a chain of "never falls"
rules), so B can be permuted into block-triangular form by peeling: a row with one unknown left
fixes that unknown (the front block), a column left in one row fixes that row last (the back
block), and only what neither peel reaches (a cycle) is solved densely, as the kernel. Then each
vertex coordinate is one substitution, and the multipliers of one objective reach only the rows
along its path through the peeled blocks: near-linear time on a chain, and never worse than the
dense solve on the kernel it falls back to.

Both solves here are exact; the sparse one is also checked by its caller (`certify.py`), which
verifies B x = b and Bᵀ y = c on what it returns, so that a certificate never rests on the
bookkeeping of this module.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import flint

__all__ = ["BasisSolver", "DenseSolver", "SolveKind", "SparseSolver", "solver_for"]

SolveKind = Literal["sparse", "dense"]

Row = Mapping[int, flint.fmpq]  # one row of B: column → non-zero coefficient

KERNEL_SHARE = 0.75  # the sparse route is taken while the dense kernel it leaves is at most this share of n


def solver_for(rows: Sequence[Row], n: int, sparse: bool) -> BasisSolver | None:
    """The cheaper exact solver for this basis: sparse when peeling leaves a small enough kernel
    (and `sparse` allows it), else dense. None when B is singular by its pattern alone (a row or
    column of the rest left empty): such a basis is no vertex."""
    if sparse:
        peeled = peel(rows, n)
        if peeled is None:
            return None
        if len(peeled.kernel_cols) <= KERNEL_SHARE * n:
            return SparseSolver(rows, peeled)
    return DenseSolver(rows, n)


class Pivot(NamedTuple):
    """A row of B and the unknown it fixes, with its (non-zero) coefficient there. (A named
    tuple: a basis makes one per unknown, thousands per batch, and a tuple is built fastest.)"""

    row: int
    col: int
    coef: flint.fmpq


@dataclass
class Peeled:
    """B permuted into blocks: `front` pivots in the order they are solved for x (each row's other
    columns are earlier front columns), the kernel's rows and columns, and `back` pivots in the
    order they were peeled (for x they are solved last, in reverse)."""

    front: list[Pivot] = field(default_factory=list)
    back: list[Pivot] = field(default_factory=list)
    kernel_rows: list[int] = field(default_factory=list)
    kernel_cols: list[int] = field(default_factory=list)
    col_rows: list[list[int]] = field(default_factory=list)


def peel(rows: Sequence[Row], n: int) -> Peeled | None:
    """Row singletons to a fixpoint, then column singletons (peeling a column's only row leaves
    every other row's count as it was, so the two peels need not alternate). None when a row or
    column is left with no unknown: then B is singular. Each row keeps the sum of its columns
    not yet peeled (each column the sum of its rows), so the one left is found without a search."""
    col_rows: list[list[int]] = [[] for _ in range(n)]
    for r, row in enumerate(rows):
        for c in row:
            col_rows[c].append(r)
    row_left = list(map(len, rows))
    col_left = list(map(len, col_rows))
    if 0 in row_left or 0 in col_left:
        return None
    row_sum = list(map(sum, rows))  # the columns of each row not yet peeled, added up
    row_done = [False] * len(rows)
    col_done = [False] * n
    front: list[Pivot] = []
    queue = [r for r, count in enumerate(row_left) if count == 1]
    while queue:
        r = queue.pop()
        if row_done[r]:
            continue
        c = row_sum[r]  # the one column of this row left
        front.append(Pivot(r, c, rows[r][c]))
        row_done[r] = col_done[c] = True
        for other in col_rows[c]:
            if not row_done[other]:
                row_sum[other] -= c
                row_left[other] -= 1
                if row_left[other] == 0:
                    return None
                if row_left[other] == 1:
                    queue.append(other)
    if len(front) == n == len(rows):  # the usual basis: triangular, nothing left for the back block or a kernel
        return Peeled(front, [], [], [], col_rows)
    back = _peel_columns(rows, col_rows, col_left, row_done, col_done)
    if back is None:
        return None
    return Peeled(front, back, [r for r, done in enumerate(row_done) if not done],
                  [c for c, done in enumerate(col_done) if not done], col_rows)


def _peel_columns(rows: Sequence[Row], col_rows: list[list[int]], col_left: list[int], row_done: list[bool],
                  col_done: list[bool]) -> list[Pivot] | None:
    """The column singletons of what the row peel left, as `peel` says (`row_done` and
    `col_done` are updated). A row peeled before had every column peeled by then, so no column
    left holds one: the counts and sums of the columns left are still exact."""
    col_sum = list(map(sum, col_rows))  # the rows of each column not yet peeled, added up
    back: list[Pivot] = []
    queue = [c for c, count in enumerate(col_left) if not col_done[c] and count == 1]
    while queue:
        c = queue.pop()
        if col_done[c]:
            continue
        r = col_sum[c]  # the one row of this column left
        back.append(Pivot(r, c, rows[r][c]))
        row_done[r] = col_done[c] = True
        for other in rows[r]:
            if not col_done[other]:
                col_sum[other] -= r
                col_left[other] -= 1
                if col_left[other] == 0:
                    return None
                if col_left[other] == 1:
                    queue.append(other)
    return back


class BasisSolver:
    """What certify.py needs of a basis: its vertex, and the multipliers of several objectives."""

    kind: SolveKind
    seconds: float  # a generous estimate of both solves, to give up before a deadline rather than after

    def vertex(self, rhs: Sequence[flint.fmpq]) -> list[flint.fmpq] | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def duals(self, costs: Sequence[Row]) -> list[dict[int, flint.fmpq]] | None:  # pragma: no cover - abstract
        raise NotImplementedError


class DenseSolver(BasisSolver):
    """B as one FLINT matrix: about n³, the same whatever its pattern."""

    kind: SolveKind = "dense"

    def __init__(self, rows: Sequence[Row], n: int) -> None:
        flat = [_ZERO] * (n * n)
        for r, row in enumerate(rows):
            for c, a in row.items():
                flat[r * n + c] = a
        self.n = n
        self.matrix = flint.fmpq_mat(n, n, flat)
        self.seconds = 4.0 * (n / 1000) ** 3

    def vertex(self, rhs: Sequence[flint.fmpq]) -> list[flint.fmpq] | None:
        try:
            return list(self.matrix.solve(flint.fmpq_mat(self.n, 1, list(rhs))).entries())
        except ZeroDivisionError:
            return None

    def duals(self, costs: Sequence[Row]) -> list[dict[int, flint.fmpq]] | None:
        width = len(costs)
        flat = [_ZERO] * (self.n * width)
        for j, cost in enumerate(costs):
            for c, a in cost.items():
                flat[c * width + j] = a
        try:
            y = self.matrix.transpose().solve(flint.fmpq_mat(self.n, width, flat)).entries()
        except ZeroDivisionError:
            return None
        return [{r: v for r, v in enumerate(y[j::width]) if v != _ZERO} for j in range(width)]


class SparseSolver(BasisSolver):
    """B peeled (see `peel`): substitution through the front and back blocks, FLINT on the kernel."""

    kind: SolveKind = "sparse"

    def __init__(self, rows: Sequence[Row], peeled: Peeled) -> None:
        self.rows = rows
        self.p = peeled
        k = len(peeled.kernel_cols)
        self.kernel = flint.fmpq_mat(k, k, [rows[r].get(c, _ZERO) for r in peeled.kernel_rows
                                            for c in peeled.kernel_cols]) if k else None
        n = len(peeled.col_rows)
        self.seconds = 4.0 * (k / 1000) ** 3 + 2e-5 * n  # FLINT on the kernel, then substitution
        # the order in which the transposed solve takes each column: back block, kernel, front reversed
        self.order = order = [0] * n
        for i, pivot in enumerate(peeled.back):
            order[pivot.col] = i
        kernel_order = len(peeled.back)
        for c in peeled.kernel_cols:
            order[c] = kernel_order
        last = kernel_order + len(peeled.front)
        for j, pivot in enumerate(peeled.front):
            order[pivot.col] = last - j
        self.regular: bool | None = None if k else True  # whether the kernel (so B) is invertible, once known

    @functools.cached_property
    def pivot_of(self) -> dict[int, Pivot]:
        """Each peeled column's pivot, for the transposed solve (most bases never need it: see unit_duals.py)."""
        return {pivot.col: pivot for pivot in (*self.p.front, *self.p.back)}

    def _kernel_regular(self) -> bool:
        """Whether B is invertible: the peeled blocks are triangular with non-zero pivots, so it
        is exactly when the kernel is. Known after any kernel solve; else FLINT's rank decides."""
        if self.regular is None:
            assert self.kernel is not None
            self.regular = self.kernel.rank() == len(self.p.kernel_cols)
        return self.regular

    def vertex(self, rhs: Sequence[flint.fmpq]) -> list[flint.fmpq] | None:
        x: dict[int, flint.fmpq] = {}
        rows = self.rows
        for r, col, coef in self.p.front:  # (`_substitute`, written out: this loop is most of a vertex)
            value = rhs[r]
            for c, a in rows[r].items():
                if c != col:
                    value -= a * x[c]
            x[col] = value / coef
        if self.kernel is not None:
            left = [rhs[r] - sum((a * x[c] for c, a in self.rows[r].items() if c in x), _ZERO)
                    for r in self.p.kernel_rows]
            try:
                solved = self.kernel.solve(flint.fmpq_mat(len(left), 1, left)).entries()
            except ZeroDivisionError:
                self.regular = False
                return None
            self.regular = True
            x.update(zip(self.p.kernel_cols, solved))
        for pivot in reversed(self.p.back):
            x[pivot.col] = self._substitute(pivot, rhs[pivot.row], x)
        return [x[c] for c in range(len(self.p.col_rows))]

    def _substitute(self, pivot: Pivot, value: flint.fmpq, x: Mapping[int, flint.fmpq]) -> flint.fmpq:
        for c, a in self.rows[pivot.row].items():
            if c != pivot.col:
                value -= a * x[c]
        return value / pivot.coef

    def duals(self, costs: Sequence[Row]) -> list[dict[int, flint.fmpq]] | None:
        if not self._kernel_regular():
            return None  # as the dense solve would: a singular B has no unique multipliers
        walks = [_DualWalk(self, cost) for cost in costs]
        for walk in walks:
            walk.run(until=len(self.p.back))
        reaching = [walk for walk in walks if walk.reaches_kernel()]
        if reaching and self.kernel is not None:
            k = len(self.p.kernel_cols)
            flat = [walk.residual.get(c, _ZERO) for c in self.p.kernel_cols for walk in reaching]
            y = self.kernel.transpose().solve(flint.fmpq_mat(k, len(reaching), flat)).entries()
            for j, walk in enumerate(reaching):
                walk.take_kernel(y[j::len(reaching)])
        for walk in walks:
            walk.run(until=len(self.order) + 1)
        return [walk.y for walk in walks]


class _DualWalk:
    """One objective's multipliers, column by column in the solver's order: a column's equation
    (the sum over the rows that hold it of coefficient × multiplier = its cost) has one unknown
    left, its pivot row's multiplier, once every row taken before it has its own. Only the
    columns some earlier row touches are visited (a heap of them by order)."""

    def __init__(self, solver: SparseSolver, cost: Row) -> None:
        self.s = solver
        self.residual: dict[int, flint.fmpq] = dict(cost)
        self.heap = [(solver.order[c], c) for c in cost]
        heapq.heapify(self.heap)
        self.queued = set(cost)
        self.y: dict[int, flint.fmpq] = {}

    def run(self, until: int) -> None:
        """Take the columns of order below `until` (the kernel's order is the back block's length)."""
        kernel = len(self.s.p.back)
        while self.heap and self.heap[0][0] < until:
            order, c = heapq.heappop(self.heap)
            self.queued.discard(c)
            value = self.residual.pop(c, _ZERO)
            if order == kernel or value == _ZERO:
                continue  # a kernel column is taken with the whole kernel (`take_kernel`)
            pivot = self.s.pivot_of[c]
            self._set(pivot.row, value / pivot.coef)

    def reaches_kernel(self) -> bool:
        return any(self.residual.get(c, _ZERO) != _ZERO for c in self.s.p.kernel_cols)

    def take_kernel(self, values: Sequence[flint.fmpq]) -> None:
        for r, v in zip(self.s.p.kernel_rows, values):
            if v != _ZERO:
                self._set(r, v)

    def _set(self, r: int, v: flint.fmpq) -> None:
        self.y[r] = v
        for c, a in self.s.rows[r].items():
            if c in self.s.pivot_of and self.s.pivot_of[c].row == r:
                continue
            self.residual[c] = self.residual.get(c, _ZERO) - a * v
            if c not in self.queued:
                self.queued.add(c)
                heapq.heappush(self.heap, (self.s.order[c], c))


_ZERO = flint.fmpq(0)
