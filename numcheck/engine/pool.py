"""Many parts solved at once: batches, dealt out to forked worker processes when asked.

Forked workers inherit the batches, so only an index crosses the pipe, not the problems
(unpickling exact Fractions costs more than solving many small parts).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from numcheck.engine.plan import solve_batch, unconstrained
from numcheck.engine.problem import ComponentAnswer, ComponentProblem

__all__ = ["Progress", "can_fork", "deal_batches", "import_solvers", "solve_all"]

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


def solve_all(problems: list[ComponentProblem], jobs: int, progress: Progress | None) -> list[ComponentAnswer]:
    """Solve the parts in batches (see `solve_batch`), in `jobs` processes when asked. Parts no
    claim or rule speaks of are answered here: sending them to a worker and back cost more."""
    answers = [unconstrained(p) for p in problems if not p.claims and not p.rules]
    batches = deal_batches([p for p in problems if p.claims or p.rules], jobs)
    if answers and progress:
        progress(len(answers), len(problems))
    if jobs <= 1 or len(batches) < 2:
        for batch in batches:
            answers.extend(solve_batch(batch))
            if progress:
                progress(len(answers), len(problems))
        return sorted(answers, key=lambda a: a.index)
    global _SHARED
    fork = can_fork()
    # Forked workers inherit the batches: only an index crosses the pipe, not the problems
    # (unpickling exact Fractions costs more than solving many small parts). The lock keeps two
    # threads checking at once from handing each other's batches to their workers.
    with _SHARED_LOCK:
        if fork:
            _SHARED = batches
            work: list[Any] = list(range(len(batches)))
            context: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
        else:  # pragma: no cover - platforms without fork send the problems themselves
            work = batches
            context = multiprocessing.get_context()
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                for done in pool.map(_solve_shared, work):
                    answers.extend(done)
                    if progress:
                        progress(len(answers), len(problems))
        finally:
            _SHARED = None
    return sorted(answers, key=lambda a: a.index)


_SHARED: list[list[ComponentProblem]] | None = None
_SHARED_LOCK = threading.Lock()


def _solve_shared(work: int | list[ComponentProblem]) -> list[ComponentAnswer]:
    batch = _SHARED[work] if isinstance(work, int) and _SHARED is not None else work
    assert isinstance(batch, list)
    return solve_batch(batch)


BATCH_WEIGHT = 3000  # claims and rules per batch: large enough to amortise, small enough to spread
BATCHES_PER_JOB = 3  # with several processes: enough batches that the processes finish together


def deal_batches(problems: list[ComponentProblem], jobs: int) -> list[list[ComponentProblem]]:
    """Cut the parts into batches of about BATCH_WEIGHT claims and rules.

    With several processes there are BATCHES_PER_JOB batches per process (more if they would
    exceed BATCH_WEIGHT), and the parts are dealt out to them like cards, biggest first: each
    batch then starts with one of the big parts (a slow one never starts last) and gets its
    share of every size, so the processes finish together. Cut in file order instead, the parts
    a contradiction makes costly (their conflicts are listed) crowded into one batch and kept
    one process busy long after the other was done. More, smaller batches balance no better and
    cost more: each batch pays for its own LPs and solvers (16 per process cost a third more)."""
    size = [len(p.claims) + len(p.rules) + 1 for p in problems]
    total = sum(size)
    if jobs <= 1:
        batches: list[list[ComponentProblem]] = [[]]
        load = 0
        for p, weight in zip(problems, size):
            if load >= BATCH_WEIGHT:
                batches.append([])
                load = 0
            batches[-1].append(p)
            load += weight
        return [b for b in batches if b]
    count = min(len(problems), jobs * max(BATCHES_PER_JOB, -(-total // (BATCH_WEIGHT * jobs))))
    order = sorted(range(len(problems)), key=lambda i: -size[i])
    dealt: list[list[ComponentProblem]] = [[] for _ in range(count)]
    for rank, i in enumerate(order):
        dealt[rank % count].append(problems[i])
    return [b for b in dealt if b]
