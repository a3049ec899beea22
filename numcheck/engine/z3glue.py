"""The narrow waist to z3: every check goes through `run`, under one kind of `Deadline`.

Several calls go straight to z3's C API: z3's Python wrappers re-check sorts and print through
slow paths, which cost more than many of the (small) checks themselves. Anything that wants to
simulate z3 running out of time patches `run`: every check, batched or not, passes through it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction

import z3

from numcheck.engine.problem import GaveUp

__all__ = ["Deadline", "bound", "core_names", "limit", "run"]


class Deadline:
    """A budget of seconds for one part's own work. The clock runs while the part is worked on
    (from `start`, or any use, until `pause`) and stands still while the batch works on other
    parts, so that a slow neighbour never eats a part's time. Running out raises
    `GaveUp("timed out after N s")`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.used = 0.0
        self._since: float | None = None

    def start(self) -> None:
        """Start (or keep) the clock running; idempotent."""
        if self._since is None:
            self._since = time.monotonic()

    def pause(self) -> None:
        """Stop the clock until the part is worked on again."""
        if self._since is not None:
            self.used += time.monotonic() - self._since
            self._since = None

    def _left(self) -> float:
        self.start()
        assert self._since is not None
        return self.seconds - self.used - (time.monotonic() - self._since)

    def passed(self) -> bool:
        return self._left() <= 0

    def at(self) -> float:
        """The moment (time.monotonic) the budget runs out if the clock keeps running."""
        return time.monotonic() + self._left()

    def remaining_ms(self) -> int:
        left = self._left()
        if left <= 0:
            raise GaveUp(f"timed out after {self.seconds:g} s")
        return max(1, int(left * 1000))

    def arm(self, solver: z3.Solver | z3.Optimize) -> None:
        """Give the solver what is left of the time (see `limit`); gives up if nothing is."""
        limit(solver, self.remaining_ms())


def run(solver: z3.Solver | z3.Optimize, assumptions: Sequence[z3.BoolRef] = ()) -> bool:
    """Every z3 check goes through here: sat is True, unsat False, anything else gives up.

    The assumptions go to z3's C API as they are: z3's Python `check` re-checks the sort of each
    one, which cost more than many of the checks themselves. An optimiser takes no assumptions."""
    if isinstance(solver, z3.Optimize):
        answer = solver.check()
        result = z3.Z3_L_TRUE if answer == z3.sat else z3.Z3_L_FALSE if answer == z3.unsat else z3.Z3_L_UNDEF
    else:
        array = (z3.Ast * len(assumptions))(*[a.ast for a in assumptions])  # `ast`, not `as_ast()`: a call less each
        result = z3.Z3_solver_check_assumptions(solver.ctx.ref(), solver.solver, len(assumptions), array)
    if result == z3.Z3_L_TRUE:
        return True
    if result == z3.Z3_L_FALSE:
        return False
    reason = solver.reason_unknown()
    raise GaveUp("timed out" if reason in ("timeout", "canceled") else f"z3 gave up: {reason}", reason)


def limit(solver: z3.Solver | z3.Optimize, ms: int) -> None:
    """Set a solver's time limit, skipping the (measurably slow) call when the limit last set is
    within 10% of this one: a check may then overrun its deadline by at most a tenth."""
    last = getattr(solver, "_numcheck_limit", None)
    if last is None or ms < last * 0.9 or ms > last:
        solver.set("timeout", ms)
        solver._numcheck_limit = ms


def assert_all(solver: z3.Solver, literals: Sequence[z3.BoolRef]) -> None:
    """Assert these literals, as one conjunction made through z3's C API: `z3.And` checks every
    argument in Python, 17 ms for 800 literals."""
    if not literals:
        return
    ctx = solver.ctx
    array = (z3.Ast * len(literals))(*[a.ast for a in literals])
    solver.add(z3.BoolRef(z3.Z3_mk_and(ctx.ref(), len(literals), array), ctx))


def core_names(solver: z3.Solver) -> set[str]:
    """The names of the literals in the last unsat core, read through z3's C API: z3's printer
    is slow, and conflict enumeration reads many cores."""
    ctx = solver.ctx.ref()
    core = z3.Z3_solver_get_unsat_core(ctx, solver.solver)
    z3.Z3_ast_vector_inc_ref(ctx, core)
    try:
        return {z3.Z3_get_symbol_string(ctx, z3.Z3_get_decl_name(ctx, z3.Z3_get_app_decl(
            ctx, z3.Z3_ast_vector_get(ctx, core, i)))) for i in range(z3.Z3_ast_vector_size(ctx, core))}
    finally:
        z3.Z3_ast_vector_dec_ref(ctx, core)


def bound(values: z3.AstVector) -> tuple[Fraction | None, bool]:
    """z3 writes an optimum as infinity*a + value + epsilon*b: b != 0 means the bound is open.

    The three numerals are read as exact decimal strings ("1000000/9") straight from z3's C API:
    z3's Python printer is slow, and wrapping each numeral costs more than reading it.
    """
    ctx = values.ctx.ref()
    try:
        inf, val, eps = (Fraction(z3.Z3_get_numeral_string(ctx, z3.Z3_ast_vector_get(ctx, values.vector, i)))
                         for i in range(3))
    except (ValueError, z3.Z3Exception):  # pragma: no cover - not a plain numeral; take the slow, sure way
        inf, val, eps = (_fraction(values[i]) for i in range(3))
    if inf != 0:
        return None, True
    return val, eps != 0


def _fraction(v: z3.ExprRef) -> Fraction:
    if z3.is_int_value(v):
        return Fraction(v.as_long())
    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    if z3.is_algebraic_value(v):  # pragma: no cover - linear problems have rational models
        return Fraction(v.approx(30).as_fraction())
    raise TypeError(f"not a number: {v}")  # pragma: no cover
