"""The engine: each independent part of a model answered exactly (verdict, minimal conflicts,
what the others allow, proved ranges).

May import: numcheck.model, the standard library, and the solvers — this is the only stage that
imports z3, highspy and python-flint. Never numcheck.read, numcheck.render or numcheck.extract:
the engine sees atoms, not files or sentences.

Where things are: options.py (`SolveOptions`: limits, and every fast route's switch),
parts.py (splitting a model into parts, and each part's `ComponentProblem`), problem.py (the
records that cross the engine), plan.py (which route answers which part), intervals.py (exact
intervals of plain bounds: clashes, and what the others allow), pool.py (batches in
worker processes), smtlib.py and z3glue.py (SMT-LIB text; every z3 check, under one
`Deadline`), component.py (a part's own guarded solver), conflicts.py (MARCO), batch.py
(batched verdicts), lp.py (HiGHS proposals), certify.py (FLINT certificates, on the sparse or
dense solves of basis_solve.py and the column-by-column sign test of unit_duals.py), boxes.py (LP
boxes proved exactly), exact_bounds.py (ranges proved by z3 checks), repairs.py and hitting.py
(least-weight repairs of an inconsistent part), tension.py (the rounding a consistent part
needs), audit.py and lint.py (rule packs). A new solving route goes in a module of its own,
switched in options.py and chosen in plan.py, with a test in tests/test_routes.py that it is
taken.

Seams for tests (tests import nothing else from here):
- `SolveOptions`: every route's switch, the first seam to reach for.
- `find_parts`, `problem_of`, `solve_batch`, and the records of problem.py (`ComponentProblem`,
  `ComponentAnswer`, `Guarded`, `QuantitySpec`, `GaveUp`): a part built by hand, solved as a batch.
- `PartSolver`: one part's own z3 solver and optimiser, the oracle the fast routes are held to.
- `proved_by_lp`, `BoxTask`, `prove_boxes`, `free_to_grow`, `interval_shortcut`,
  `clashing_bounds`: the fast routes to verdicts and ranges, each tested as a law against
  `PartSolver` on drawn parts.
- `lp`: the only module that talks to HiGHS, whose `suspects` (the elastic LP) a test counts, to
  see it skipped when every contradiction of a batch is a clash of bounds.
- `BatchSolver`: the shared solver of a batch, which a test makes give up to see its parts
  handed back.
- `deal_batches`: how parts are dealt out to worker processes (evenly, biggest first).
- `z3glue`: the module every z3 check goes through (`run`), which a test replaces to make z3
  give up everywhere at once.
- `ExactRows`, `Optimum`, `Request`: the exact certificate of an LP basis, which a law holds to z3
  on drawn constraint sets; `grow_together`: unboundedness proved by a direction in the cone.
- `basis_solve`: the module of the sparse and dense exact basis solves, whose answers a law holds
  equal on drawn bases (and whose `KERNEL_SHARE` a test raises to force the sparse solve).
- `quick_explain`: the preferred minimal clashing subset, which a law holds to the same answer
  whatever unsat core it is given as a hint.
- `tension`: the module of the rounding search (`least_lambda`), which a test forbids to show
  that parts with no room are never searched.
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["BatchSolver", "BoxTask", "ComponentAnswer", "ComponentProblem", "ExactRows", "GaveUp", "Guarded",
           "Optimum", "PartSolver", "QuantitySpec", "Request", "SolveOptions", "basis_solve", "clashing_bounds",
           "deal_batches", "find_parts", "free_to_grow", "grow_together", "interval_shortcut", "lp", "problem_of",
           "proved_by_lp", "prove_boxes", "quick_explain", "solve_batch", "tension", "z3glue"]

_SEAMS = {"SolveOptions": "options", "find_parts": "parts", "problem_of": "parts", "solve_batch": "plan",
          "ComponentAnswer": "problem", "ComponentProblem": "problem", "GaveUp": "problem", "Guarded": "problem",
          "QuantitySpec": "problem", "PartSolver": "component", "proved_by_lp": "plan",
          "interval_shortcut": "intervals", "clashing_bounds": "intervals", "BoxTask": "boxes",
          "prove_boxes": "boxes", "free_to_grow": "boxes", "BatchSolver": "batch", "deal_batches": "pool",
          "ExactRows": "certify", "Optimum": "certify", "Request": "certify", "grow_together": "boxes",
          "quick_explain": "quickxplain"}

_MODULES = ("basis_solve", "lp", "tension", "z3glue")

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__, _MODULES)
