"""Exact ranges where no LP certificate applies: whole-number or signed quantities, and `!=`.

z3's optimiser is fast but, on mixed integer problems, it has been seen to answer wrong bounds
and different bounds from one call to the next. So here it never decides: every bound is proved
by plain satisfiability checks, which are what every verdict of numcheck already rests on.

For the supremum of a linear objective f over the claims S (the infimum is the supremum of -f):

1. Unbounded: some point y of S and a direction d of the recession cone of S's closure (strict
   read as non-strict, `!=` dropped) along which f grows. Points y + t·d then stay in S for all
   large t (a strict row's slack never shrinks along d; a `!=` hyperplane is crossed at most once
   unless d runs parallel to it, and then never), and scaling d makes its whole-number
   components whole. By Meyer's theorem (rational data) a bounded-above f has no such d, so one
   check decides unboundedness either way.
2. Bounded: take a point m of S and fix its whole-number coordinates I. What is left is a
   polyhedron with strict rows and `!=` hyperplanes that m inhabits, so its closure is the same
   rows read non-strict (a non-empty convex set minus finitely many hyperplanes it does not lie
   in is dense in it): the supremum of f there is the maximum of f over that closed polyhedron, v.
   An optimiser proposes v; two checks prove it (nothing above v; v itself reached). Then
   "S and f > v" is checked: unsatisfiable proves sup f = v over all of S; a model is a better
   point, with other whole numbers, and the search climbs from it. Between climbs the search
   bisects against an upper bound proved on the rational relaxation, so that whole-number
   objectives are found in logarithmically many checks rather than one by one.
3. The end is closed exactly when "S and f = v" is satisfiable.

Every check runs under the part's deadline; a bound that cannot be proved in time raises
`Unproved` with the reason, and the caller reports that part's ranges as unknown.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import z3

from numcheck.model import Atom, Either, Interval

__all__ = ["MAX_CASES", "Unproved", "Variable", "exact_box"]


class Unproved(Exception):
    """A bound that could not be proved within the time limit (or that z3 would not decide)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Variable:
    """A quantity as the bounds need it: its name, and whether it is whole or may be negative."""

    name: str
    integer: bool
    signed: bool


class _Space:
    """The claims as z3 terms, in the original variables and in fresh copies for directions."""

    def __init__(self, variables: Sequence[Variable], atoms: Sequence[Atom], deadline: float) -> None:
        self.variables = list(variables)
        self.atoms = list(atoms)
        self.deadline = deadline
        self.ints = {v.name for v in variables if v.integer}
        self.vars = {v.name: (z3.Int(v.name) if v.integer else z3.Real(v.name)) for v in variables}
        self.solver = self.new_solver(self.constraints(self.vars, closed=False))

    # -- building terms

    @staticmethod
    def _linear(atom: Atom, env: dict[str, z3.ArithRef], const: bool = True) -> z3.ArithRef:
        terms = [_q(c) * (z3.ToReal(env[n]) if z3.is_int(env[n]) else env[n]) for n, c in atom.expr.terms]
        if const:
            terms.append(_q(atom.expr.const))
        return z3.Sum(terms) if terms else _q(Fraction(0))

    def constraints(self, env: dict[str, z3.ArithRef], *, closed: bool) -> list[z3.BoolRef]:
        """S itself, or its closure (strict rows non-strict, `!=` dropped)."""
        out: list[z3.BoolRef] = [env[v.name] >= 0 for v in self.variables if not v.signed]
        for atom in self.atoms:
            lhs = self._linear(atom, env)
            if atom.op == "<=" or (closed and atom.op == "<"):
                out.append(lhs <= 0)
            elif atom.op == "<":
                out.append(lhs < 0)
            elif atom.op == "==":
                out.append(lhs == 0)
            elif not closed:
                out.append(lhs != 0)
        return out

    def cone(self, env: dict[str, z3.ArithRef]) -> list[z3.BoolRef]:
        """The recession cone of S's closure, in the direction variables `env` (all real)."""
        out: list[z3.BoolRef] = [env[v.name] >= 0 for v in self.variables if not v.signed]
        for atom in self.atoms:
            if atom.op == "!=":
                continue
            lhs = self._linear(atom, env, const=False)
            out.append(lhs == 0 if atom.op == "==" else lhs <= 0)
        return out

    # -- checking

    @staticmethod
    def new_solver(formulas: Sequence[z3.BoolRef]) -> z3.Solver:
        solver = z3.Solver()
        solver.add(*formulas)
        return solver

    def remaining_ms(self) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Unproved("timed out while proving ranges")
        return max(1, int(left * 1000))

    def holds(self, solver: z3.Solver, *extra: z3.BoolRef) -> z3.ModelRef | None:
        """A model of the solver's formulas and `extra`, or None if there is none."""
        solver.set("timeout", self.remaining_ms())
        solver.push()
        try:
            solver.add(*extra)
            result = solver.check()
            if result == z3.sat:
                return solver.model()
            if result == z3.unsat:
                return None
            reason = solver.reason_unknown()
            if reason in ("timeout", "canceled") or time.monotonic() >= self.deadline:
                raise Unproved("timed out while proving ranges")
            raise Unproved(f"z3 gave up while proving ranges ({reason})")
        finally:
            solver.pop()

    def value(self, model: z3.ModelRef, name: str) -> Fraction:
        return _fraction(model.eval(self.vars[name], model_completion=True))


MAX_CASES = 64  # disjunctions split into at most this many convex cases


def exact_box(variables: Sequence[Variable], atoms: Sequence[Atom], names: Sequence[str],
              deadline: float, either: Sequence[Either] = ()) -> dict[str, Interval] | None:
    """Proved min and max of each name over the atoms (and one option of each disjunction);
    None if they cannot all hold.

    A disjunction splits the claims into convex cases, one per choice of options: the range is
    the hull of the cases' ranges, an end closed when some case reaches it."""
    cases = list(itertools.product(*(e.options for e in either)))
    if len(cases) > MAX_CASES:
        raise Unproved(f"more than {MAX_CASES} cases of relative bands on references of unknown sign")
    boxes = [_convex_box(variables, [*atoms, *(a for option in case for a in option)], names, deadline)
             for case in cases]
    found = [b for b in boxes if b is not None]
    if not found:
        return None
    return {name: _hull([b[name] for b in found]) for name in names}


def _hull(intervals: Sequence[Interval]) -> Interval:
    """The smallest interval holding all of these; an end is open only if every case leaves it open."""
    lo, lo_open = _outer([(iv.lo, iv.lo_open) for iv in intervals], lower=True)
    hi, hi_open = _outer([(iv.hi, iv.hi_open) for iv in intervals], lower=False)
    return Interval(lo, hi, lo_open, hi_open)


def _outer(ends: Sequence[tuple[Fraction | None, bool]], *, lower: bool) -> tuple[Fraction | None, bool]:
    if any(value is None for value, _ in ends):
        return None, True
    values = [value for value, _ in ends if value is not None]
    edge = min(values) if lower else max(values)
    return edge, all(is_open for value, is_open in ends if value == edge)


def _convex_box(variables: Sequence[Variable], atoms: Sequence[Atom], names: Sequence[str],
                deadline: float) -> dict[str, Interval] | None:
    space = _Space(variables, atoms, deadline)
    if space.holds(space.solver) is None:
        return None
    out: dict[str, Interval] = {}
    for name in names:
        hi = _supremum(space, name, 1)
        low = _supremum(space, name, -1)
        out[name] = Interval(None if low is None else -low.value, None if hi is None else hi.value,
                             True if low is None else low.open, True if hi is None else hi.open)
    return out


@dataclass(frozen=True)
class _End:
    """A proved supremum: its value, and whether it is only approached (open)."""

    value: Fraction
    open: bool


def _objective(env: dict[str, z3.ArithRef], name: str, sign: int) -> z3.ArithRef:
    x = env[name]
    return x if sign > 0 else -x


def _supremum(space: _Space, name: str, sign: int) -> _End | None:
    """sup of sign·name over S, proved; None when it is unbounded above."""
    if _unbounded(space, name, sign):
        return None
    f = _objective(space.vars, name, sign)
    model = space.holds(space.solver)
    assert model is not None  # S was found satisfiable
    best = _fixed_supremum(space, f, model)
    ceiling = _relaxed_supremum(space, name, sign)
    bisect = False
    while True:
        probe = best
        if bisect and ceiling is not None and ceiling > best:
            probe = (best + ceiling) / 2
        better = space.holds(space.solver, f > _q(probe))
        if better is not None:
            best = max(best, _fixed_supremum(space, f, better))
        elif probe == best:
            break
        else:
            ceiling = probe
        bisect = not bisect
    attained = space.holds(space.solver, f == _q(best)) is not None
    return _End(best, not attained)


def _unbounded(space: _Space, name: str, sign: int) -> bool:
    """Whether some point of S has a recession direction along which sign·name grows (step 1)."""
    direction = {v.name: z3.Real(f"{v.name}'") for v in space.variables}
    grow = _objective(direction, name, sign)
    return space.holds(space.solver, *space.cone(direction), grow > 0) is not None


def _fixed_supremum(space: _Space, f: z3.ArithRef, model: z3.ModelRef) -> Fraction:
    """sup f with the whole-number coordinates fixed at the model's: the maximum over the closed
    polyhedron that is left (see step 2), proposed by the optimiser and proved by two checks."""
    fixed = [space.vars[n] == space.value(model, n) for n in sorted(space.ints)]
    closed = space.constraints(space.vars, closed=True)
    here = _fraction(model.eval(f, model_completion=True))
    checker = space.new_solver([*closed, *fixed])
    proposal = _optimum(space, [*closed, *fixed], f)
    if proposal is not None and proposal >= here and space.holds(checker, f > _q(proposal)) is None \
            and space.holds(checker, f == _q(proposal)) is not None:
        return proposal
    # the optimiser's proposal failed its proof: climb from the model's own value instead
    best = here
    while True:
        better = space.holds(checker, f > _q(best))
        if better is None:
            return best
        best = _fraction(better.eval(f, model_completion=True))


def _relaxed_supremum(space: _Space, name: str, sign: int) -> Fraction | None:
    """An upper bound of sign·name over S: the maximum over the closed rational relaxation
    (whole numbers read as rationals), proved by one check; None if none was proved."""
    reals = {v.name: z3.Real(f"{v.name}~") for v in space.variables}
    closed = space.constraints(reals, closed=True)
    g = _objective(reals, name, sign)
    proposal = _optimum(space, closed, g)
    if proposal is None or space.holds(space.new_solver(closed), g > _q(proposal)) is not None:
        return None
    return proposal


def _optimum(space: _Space, formulas: Sequence[z3.BoolRef], f: z3.ArithRef) -> Fraction | None:
    """z3's optimiser's maximum of f over closed formulas (a proposal only), or None."""
    opt = z3.Optimize()
    opt.set("timeout", space.remaining_ms())
    opt.add(*formulas)
    handle = opt.maximize(f)
    if opt.check() != z3.sat:
        return None
    values = opt.upper_values(handle)
    try:
        inf, val, _eps = (_fraction(values[i]) for i in range(3))
    except (Unproved, z3.Z3Exception):
        return None
    return None if inf != 0 else val


def _q(x: Fraction) -> z3.ArithRef:
    return z3.RealVal(f"{x.numerator}/{x.denominator}")


def _fraction(v: z3.ExprRef) -> Fraction:
    if z3.is_int_value(v):
        return Fraction(v.as_long())
    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    raise Unproved(f"z3 gave a value that is not a rational number: {v}")
