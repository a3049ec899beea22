"""The engine: each independent part of a model answered exactly (verdict, minimal conflicts,
what the others allow, proved ranges).

May import: numcheck.model, the standard library, and the solvers — this is the only stage that
imports z3, highspy and python-flint. Never numcheck.read, numcheck.render or numcheck.extract:
the engine sees atoms, not files or sentences.

Where things are: options.py (`SolveOptions`: limits, and every fast route's switch),
parts.py (splitting a model into parts, and each part's `ComponentProblem`), problem.py (the
records that cross the engine), plan.py (which route answers which part), pool.py (batches in
worker processes), smtlib.py and z3glue.py (SMT-LIB text; every z3 check, under one
`Deadline`), component.py (a part's own guarded solver), conflicts.py (MARCO), batch.py
(batched verdicts), lp.py (HiGHS proposals), certify.py (FLINT certificates), boxes.py (LP
boxes proved exactly), exact_bounds.py (ranges proved by z3 checks), repairs.py and hitting.py
(least-weight repairs of an inconsistent part), tension.py (the rounding a consistent part
needs), audit.py and lint.py (rule packs). A new solving route goes in a module of its own,
switched in options.py and chosen in plan.py, with a test in tests/test_routes.py that it is
taken.

Seams for tests: `SolveOptions`, `find_parts`, `problem_of`, `solve_batch`, and the records of
problem.py.
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["ComponentAnswer", "ComponentProblem", "Guarded", "QuantitySpec", "SolveOptions", "find_parts",
           "problem_of", "solve_batch"]

_SEAMS = {"SolveOptions": "options", "find_parts": "parts", "problem_of": "parts", "solve_batch": "plan",
          "ComponentAnswer": "problem", "ComponentProblem": "problem", "Guarded": "problem",
          "QuantitySpec": "problem"}

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__)
