"""Many parts solved at once: batches, dealt out to forked worker processes when asked.

Forked workers inherit the model, the parts and the batches, so only an index crosses the pipe,
not the problems (unpickling exact Fractions costs more than solving many small parts); each
worker builds the problems of the batches it takes, so that the parent process does not build
them all before any worker starts.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from numcheck.engine.options import SolveOptions
from numcheck.engine.parts import Part, problem_of
from numcheck.engine.plan import solve_batch, unconstrained_part
from numcheck.engine.problem import ComponentAnswer, ComponentProblem
from numcheck.model import Model

__all__ = ["Progress", "can_fork", "deal_batches", "import_solvers", "solve_parts"]

_Item = TypeVar("_Item")

Progress = Callable[[int, int], None]


def import_solvers() -> None:
    """Import the solver libraries the batches use (z3 is in already; HiGHS with numpy, which
    `lp` imports on first use, and FLINT) in this process now. The command line calls this
    while the loader's helper compiles claims, so that the 0.1 to 0.2 s it takes overlaps that
    work, and the workers forked later inherit the libraries instead of each importing its own."""
    import flint  # noqa: F401
    import highspy  # noqa: F401
    import numpy  # noqa: F401


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and hasattr(os, "fork")


def solve_parts(model: Model, parts: Sequence[Part], options: SolveOptions, jobs: int,
                progress: Progress | None) -> list[ComponentAnswer]:
    """Solve the parts in batches (see `solve_batch`), in `jobs` processes when asked, each
    part's problem (`problem_of`) built where it is solved. Parts no claim or rule speaks of are
    answered here: sending them to a worker and back cost more."""
    answers = [unconstrained_part(k, {name: model.quantities[name].signed for name in part.quantities}, options.ranges)
               for k, part in enumerate(parts) if not part.claims and not part.rules]
    batches = deal_batches([k for k, part in enumerate(parts) if part.claims or part.rules], jobs,
                           lambda k: len(parts[k].claims) + len(parts[k].rules) + 1)
    return _solve(_Work(model, parts, options, batches), answers, len(parts), jobs, progress)


@dataclass(frozen=True)
class _Work:
    """The batches to solve, as indexes of parts: what a worker needs to build their problems."""

    model: Model
    parts: Sequence[Part]
    options: SolveOptions
    batches: list[list[int]]

    def batch(self, n: int) -> list[ComponentProblem]:
        return [problem_of(self.model, k, self.parts[k], self.options) for k in self.batches[n]]


def _solve(work: _Work, answers: list[ComponentAnswer], total: int, jobs: int,
           progress: Progress | None) -> list[ComponentAnswer]:
    count = len(work.batches)
    if answers and progress:
        progress(len(answers), total)
    if jobs <= 1 or count < 2:
        for n in range(count):
            answers.extend(solve_batch(work.batch(n)))
            if progress:
                progress(len(answers), total)
        return sorted(answers, key=lambda a: a.index)
    global _SHARED
    fork = can_fork()
    # Forked workers inherit the work: only an index crosses the pipe, not the problems
    # (unpickling exact Fractions costs more than solving many small parts). The lock keeps two
    # threads checking at once from handing each other's batches to their workers.
    with _SHARED_LOCK:
        if fork:
            _SHARED = work
            sent: list[Any] = list(range(count))
            context: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
        else:  # pragma: no cover - platforms without fork send the problems themselves
            sent = [work.batch(n) for n in range(count)]
            context = multiprocessing.get_context()
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                for done in pool.map(_solve_shared, sent):
                    answers.extend(done)
                    if progress:
                        progress(len(answers), total)
        finally:
            _SHARED = None
    return sorted(answers, key=lambda a: a.index)


_SHARED: _Work | None = None
_SHARED_LOCK = threading.Lock()


def _solve_shared(sent: int | list[ComponentProblem]) -> list[ComponentAnswer]:
    batch = _SHARED.batch(sent) if isinstance(sent, int) and _SHARED is not None else sent
    assert isinstance(batch, list)
    return solve_batch(batch)


BATCH_WEIGHT = 3000  # claims and rules per batch: large enough to amortise, small enough to spread
BATCHES_PER_JOB = 3  # with several processes: enough batches that the processes finish together


def deal_batches(problems: list[_Item], jobs: int,
                 weight: Callable[[_Item], int] | None = None) -> list[list[_Item]]:
    """Cut the parts into batches of about BATCH_WEIGHT claims and rules (`weight` of each, by
    default a problem's claims and rules, and one).

    With several processes there are BATCHES_PER_JOB batches per process (more if they would
    exceed BATCH_WEIGHT), and the parts are dealt out to them like cards, biggest first: each
    batch then starts with one of the big parts (a slow one never starts last) and gets its
    share of every size, so the processes finish together. Cut in file order instead, the parts
    a contradiction makes costly (their conflicts are listed) crowded into one batch and kept
    one process busy long after the other was done. More, smaller batches balance no better and
    cost more: each batch pays for its own LPs and solvers (16 per process cost a third more)."""
    size = [weight(p) if weight is not None else _weight(p) for p in problems]
    total = sum(size)
    if jobs <= 1:
        batches: list[list[_Item]] = [[]]
        load = 0
        for p, heavy in zip(problems, size):
            if load >= BATCH_WEIGHT:
                batches.append([])
                load = 0
            batches[-1].append(p)
            load += heavy
        return [b for b in batches if b]
    count = min(len(problems), jobs * max(BATCHES_PER_JOB, -(-total // (BATCH_WEIGHT * jobs))))
    order = sorted(range(len(problems)), key=lambda i: -size[i])
    dealt: list[list[_Item]] = [[] for _ in range(count)]
    for rank, i in enumerate(order):
        dealt[rank % count].append(problems[i])
    return [b for b in dealt if b]


def _weight(problem: Any) -> int:
    assert isinstance(problem, ComponentProblem)
    return len(problem.claims) + len(problem.rules) + 1
