"""The only module that talks to z3: independent components of a model in, exact answers out.

Each component is written as SMT-LIB text and parsed by z3 in one call (far faster than building
terms through the Python API). Rules and the non-negativity of quantities are background truth,
guarded by literals only so that the rules behind a conflict can be named; each claim is guarded
by a literal `c<i>` and switched on through the assumptions of each check, never asserted, so a
claim switched off really is off.

Small components cost z3 more in per-call overhead than in solving, so `solve_batch` takes many
at once: the exact ranges (and "what the others allow") come from an LP's optimal bases,
certified in exact rationals (see `_prove_boxes`), and the vertices certified on the way prove
most consistent components consistent (`_proved_by_lp`); the verdicts of the other real-valued
components come from one solver holding them side by side. Only conflicts are enumerated
component by component.

Every answer is exact: verdicts come from z3's exact rational arithmetic, or from vertices checked
in exact rationals (FLINT) whose average satisfies every claim; minimal conflicts are checked
minimal by deletion, and each range is either certified (LP duality, checked in exact
rationals with FLINT) or comes from z3's optimiser as (infinity, value, epsilon) triples. An LP in
floating point only ever proposes. A check that hits the time limit raises `_GaveUp`, and the
component's verdict becomes "unknown" with z3's reason.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import z3

from numcheck.engine import lp as _lp
from numcheck.engine.certify import ExactRows
from numcheck.model import Atom, Interval, Linear

__all__ = ["Bound", "ComponentAnswer", "ComponentProblem", "audit_rules", "solve_batch", "unconstrained"]

Verdict = Literal["consistent", "inconsistent", "unknown"]


@dataclass(frozen=True)
class ComponentProblem:
    """One connected part of a model: quantities that share no claim or rule with any other part."""

    index: int
    quantities: tuple[tuple[str, bool, bool], ...]  # (name, integer, signed)
    rules: tuple[tuple[str, tuple[Atom, ...]], ...]
    claims: tuple[tuple[str, tuple[Atom, ...]], ...]
    claim_quantities: tuple[tuple[str, ...], ...]  # per claim, the quantities to bound in "how far apart"
    pairs: tuple[tuple[int, int], ...]  # claim index pairs to test for agreement
    max_conflicts: int = 20
    timeout: float = 10.0
    ranges: bool = True


Bound = Interval  # an exact range: lo (<|<=) x (<|<=) hi; None is unbounded (and then open)


@dataclass
class ComponentAnswer:
    index: int
    verdict: Verdict
    reason: str | None = None
    conflicts: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)  # (claims, rules)
    complete: bool = True  # False when the conflict list was cut short
    ranges: dict[str, Bound] | None = None
    ranges_reason: str | None = None
    allowed: dict[tuple[int, int], dict[str, Bound]] = field(default_factory=dict)  # (conflict, claim) → ranges
    agreements: dict[tuple[int, int], bool | None] = field(default_factory=dict)
    broken_rules: tuple[int, ...] | None = None
    checks: int = 0


class _GaveUp(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------- SMT-LIB text


def _num(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator) if x >= 0 else f"(- {-x.numerator})"
    body = f"(/ {abs(x.numerator)} {x.denominator})"
    return body if x > 0 else f"(- {body})"


def _sym(name: str) -> str:
    return f"|{name}|"


def _signs(quantities: Sequence[tuple[str, bool, bool]], prefix: str) -> str:
    """The non-negativity of the quantities not signed, as one formula."""
    return "(and true " + " ".join(f"(>= {_sym(prefix + n)} 0.0)" for n, _, signed in quantities if not signed) + ")"


def _atom(atom: Atom, ints: set[str], prefix: str = "") -> str:
    """`expr op 0` in SMT-LIB, each quantity named `prefix + name` (a batch puts many parts in
    one solver, each under its own prefix). An atom over whole-number quantities only is scaled
    to integer coefficients and kept in pure integer arithmetic (z3 is markedly more robust there
    than with mixed terms); other integer variables are lifted with to_real so mixed sums
    type-check."""
    names = [name for name, _ in atom.expr.terms]
    if names and all(n in ints for n in names):
        scale = 1
        for _, coef in atom.expr.terms:
            scale = math.lcm(scale, coef.denominator)
        scale = math.lcm(scale, atom.expr.const.denominator)
        terms = []
        for name, coef in atom.expr.terms:
            k = int(coef * scale)
            terms.append(_sym(prefix + name) if k == 1 else f"(* {_num(Fraction(k))} {_sym(prefix + name)})")
        const = int(atom.expr.const * scale)
        if atom.op == "<":  # an integer below 0 is at most -1
            const, op = const + 1, "<="
        else:
            op = atom.op
        if const != 0:
            terms.append(_num(Fraction(const)))
        lhs = terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"
        if op == "!=":
            return f"(not (= {lhs} 0))"
        return f"({'=' if op == '==' else '<='} {lhs} 0)"
    terms = []
    for name, coef in atom.expr.terms:
        var = f"(to_real {_sym(prefix + name)})" if name in ints else _sym(prefix + name)
        terms.append(var if coef == 1 else f"(* {_num(coef)} {var})")
    if atom.expr.const != 0 or not terms:
        terms.append(_num(atom.expr.const))
    lhs = terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"
    if atom.op == "!=":
        return f"(not (= {lhs} 0.0))"
    op = {"<=": "<=", "<": "<", "==": "="}[atom.op]
    return f"({op} {lhs} 0.0)"


def _conj(atoms: Sequence[Atom], ints: set[str]) -> str:
    parts = [_atom(a, ints) for a in atoms]
    if not parts:
        return "true"
    return parts[0] if len(parts) == 1 else f"(and {' '.join(parts)})"


def _cone(atom: Atom) -> Atom:
    """The atom's recession cone: the directions along which its points can move for ever
    (constant dropped, `<` read as `<=`). Only for `<=`, `<` and `==`: `!=` never reaches the LP route."""
    return Atom(Linear(atom.expr.terms), "==" if atom.op == "==" else "<=")


def _declarations(quantities: Sequence[tuple[str, bool, bool]], ints: set[str],
                  prefix: str = "") -> tuple[str, list[str]]:
    """SMT-LIB declarations of the quantities (whole numbers as Int when in `ints`), and the
    non-negativity assertions of those that are not signed."""
    decls = "".join(f"(declare-const {_sym(prefix + n)} {'Int' if n in ints else 'Real'})" for n, _, _ in quantities)
    background = [f"(assert (>= {_sym(prefix + n)} {'0' if n in ints else '0.0'}))"
                  for n, _, signed in quantities if not signed]
    return decls, background


def _run(solver: z3.Solver, assumptions: Sequence[z3.BoolRef] = ()) -> bool:
    """Every z3 check goes through here: sat is True, unsat False, anything else gives up.

    The assumptions go to z3's C API as they are: z3's Python `check` re-checks the sort of each
    one, which cost more than many of the checks themselves."""
    array = (z3.Ast * len(assumptions))(*[a.as_ast() for a in assumptions])
    result = z3.Z3_solver_check_assumptions(solver.ctx.ref(), solver.solver, len(assumptions), array)
    if result == z3.Z3_L_TRUE:
        return True
    if result == z3.Z3_L_FALSE:
        return False
    reason = solver.reason_unknown()
    raise _GaveUp("timed out" if reason in ("timeout", "canceled") else f"z3 gave up: {reason}")


def _limit(solver: z3.Solver, ms: int) -> None:
    """Set a solver's time limit, skipping the (measurably slow) call when the limit last set is
    within 10% of this one: a check may then overrun its deadline by at most a tenth."""
    last = getattr(solver, "_numcheck_limit", None)
    if last is None or ms < last * 0.9 or ms > last:
        solver.set("timeout", ms)
        solver._numcheck_limit = ms  # type: ignore[attr-defined]


def _core_names(solver: z3.Solver) -> set[str]:
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


class _Component:
    """z3 state for one component: a solver with every claim and rule behind a literal."""

    def __init__(self, problem: ComponentProblem) -> None:
        self.p = problem
        self._deadline: float | None = None
        self.checks = 0
        self.ints = {name for name, integer, _ in problem.quantities if integer}
        self._solver: z3.Solver | None = None
        self._parsed: dict[bool, tuple[list[z3.BoolRef], list[z3.BoolRef], list[z3.BoolRef]]] = {}
        self.consistent_sets: list[set[int]] = []  # maximal consistent sets found while enumerating

    @functools.cached_property
    def _declared(self) -> tuple[str, list[str]]:
        return _declarations(self.p.quantities, self.ints)

    @property
    def decls(self) -> str:
        return self._declared[0]

    @property
    def deadline(self) -> float:
        """The clock starts at the first solver call: a component the batch decides costs nothing."""
        if self._deadline is None:
            self._deadline = time.monotonic() + self.p.timeout
        return self._deadline

    @property
    def solver(self) -> z3.Solver:
        """The guarded solver, built on first use: a consistent component never needs it."""
        if self._solver is None:
            ints = self.ints
            lines = [self.decls, *self._declared[1]]
            for i, (_, atoms) in enumerate(self.p.rules):
                lines.append(f"(declare-const r{i} Bool)")
                lines.append(f"(assert (=> r{i} {_conj(atoms, ints)}))")
            for i, (_, atoms) in enumerate(self.p.claims):
                lines.append(f"(declare-const c{i} Bool)")
                lines.append(f"(assert (=> c{i} {_conj(atoms, ints)}))")
            logic = "QF_LRA" if not ints else "QF_LIA" if len(ints) == len(self.p.quantities) else "QF_LIRA"
            self._solver = z3.SolverFor(logic)
            self._solver.from_string("\n".join(lines))
            self.c = [z3.Bool(f"c{i}") for i in range(len(self.p.claims))]
            self.r = [z3.Bool(f"r{i}") for i in range(len(self.p.rules))]
        return self._solver

    def remaining_ms(self) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _GaveUp(f"timed out after {self.p.timeout:g} s")
        return max(1, int(left * 1000))

    def check(self, claims: Sequence[int], rules: Sequence[int] | None = None) -> bool:
        """True if these claims (and these rules, default all) can hold together."""
        solver = self.solver
        _limit(solver, self.remaining_ms())
        rule_lits = self.r if rules is None else [self.r[i] for i in rules]
        self.checks += 1
        return _run(solver, [*rule_lits, *(self.c[i] for i in claims)])

    def core_claims(self) -> list[int]:
        names = _core_names(self.solver)
        return [i for i in range(len(self.c)) if f"c{i}" in names]

    def core_rules(self) -> list[int]:
        names = _core_names(self.solver)
        return [i for i in range(len(self.r)) if f"r{i}" in names]

    def shrink(self, claims: list[int], *, core_ready: bool = False) -> list[int]:
        """Deletion-based: drop each claim in turn and keep it out if the rest still clash.
        `core_ready`: the last check was of these very claims, and its unsat core is still there."""
        if not core_ready:
            self.check(claims)  # fills the unsat core: a cheap first cut
        core = set(self.core_claims())
        current = [i for i in claims if i in core] or list(claims)
        k = 0
        while k < len(current):
            trial = current[:k] + current[k + 1:]
            if self.known_consistent(trial):
                k += 1
            elif not self.check(trial):
                core = set(self.core_claims())
                current = [i for i in trial if i in core] if core else trial
                k = min(k, len(current))
            else:
                k += 1
        return current

    def known_consistent(self, claims: Sequence[int]) -> bool:
        """Whether these claims lie inside a set already found consistent (no check needed)."""
        chosen = set(claims)
        return any(chosen <= known for known in self.consistent_sets)

    def shrink_rules(self, claims: list[int]) -> list[int]:
        """The rules a conflict needs: a minimal set of rules that, with these claims, still clash.

        With no claims, this is a minimal set of rules that contradict each other."""
        if self.check(claims, rules=[]) is False:
            return []
        self.check(claims)
        current = self.core_rules() or list(range(len(self.r)))
        k = 0
        while k < len(current):
            trial = current[:k] + current[k + 1:]
            if not self.check(claims, rules=trial):
                current = trial
            else:
                k += 1
        return current

    def satisfied_claims(self) -> set[int]:
        """After a sat check: the claims the model happens to satisfy (grows a seed for free).
        z3 evaluates them all in its model at once, exactly and without leaving C: one integer
        term adds 2^i for each claim i that holds (one evaluation per claim cost ten times more)."""
        model = self.solver.model()
        ctx = model.ctx.ref()
        cell = (z3.Ast * 1)()
        if not z3.Z3_model_eval(ctx, model.model, self._holding.as_ast(), True, cell):  # pragma: no cover
            return set()
        z3.Z3_inc_ref(ctx, cell[0])
        try:
            mask = int(z3.Z3_get_numeral_string(ctx, cell[0]))
        finally:
            z3.Z3_dec_ref(ctx, cell[0])
        return {i for i in range(len(self.p.claims)) if mask >> i & 1}

    @functools.cached_property
    def _holding(self) -> z3.ArithRef:
        terms = " ".join(f"(ite {_conj(atoms, self.ints)} {1 << i} 0)" for i, (_, atoms) in enumerate(self.p.claims))
        parsed = z3.parse_smt2_string(f"{self.decls}(declare-const |holding#| Int)(assert (= |holding#| (+ 0 {terms})))")
        return parsed[0].arg(1)  # type: ignore[no-any-return]

    def optimise(self, claims: Sequence[int], names: Sequence[str]) -> dict[str, Bound] | None:
        """Exact min and max of each name under all rules and these claims (box optimisation);
        None if these claims and the rules contradict each other.

        The optimiser gets the constraints themselves, with no literals: fewer Boolean variables
        make z3's optimiser markedly faster than asserting the guarded form.
        """
        if not self.ints:
            return self._box(claims, names, relaxed=False)
        # Whole-number quantities: z3's optimiser can chase an unbounded integer objective for
        # ever. By Meyer's theorem (rational data, a feasible integer program), an integer
        # objective is unbounded exactly when its rational relaxation is, so the relaxation
        # decides unboundedness and the integer optimiser only gets the bounded objectives.
        relaxed = self._box(claims, names, relaxed=True)
        if relaxed is None:
            return None
        out = dict(relaxed)
        for name in names:
            out[name] = Bound(None, None, True, True)
        lows = [n for n in names if relaxed[n].lo is not None]
        highs = [n for n in names if relaxed[n].hi is not None]
        exact = self._box(claims, sorted(set(lows) | set(highs)), relaxed=False, lows=set(lows), highs=set(highs))
        if exact is None:
            return None
        for name in names:
            lo = exact[name].lo if name in lows else None
            hi = exact[name].hi if name in highs else None
            out[name] = Bound(lo, hi, exact[name].lo_open if name in lows else True,
                              exact[name].hi_open if name in highs else True)
        return out

    def _formulas(self, relaxed: bool) -> tuple[list[z3.BoolRef], list[z3.BoolRef], list[z3.BoolRef]]:
        """Non-negativity, rules and claims as plain z3 formulas, parsed once per component (and
        once more for the rational relaxation of whole-number quantities)."""
        if relaxed not in self._parsed:
            ints = set() if relaxed else self.ints
            decls, background = _declarations(self.p.quantities, ints)
            body = [*background, *(f"(assert {_conj(atoms, ints)})" for _, atoms in self.p.rules),
                    *(f"(assert {_conj(atoms, ints)})" for _, atoms in self.p.claims)]
            vector = z3.parse_smt2_string(decls + "".join(body))
            formulas = [vector[i] for i in range(len(vector))]
            nb, nr = len(background), len(self.p.rules)
            self._parsed[relaxed] = (formulas[:nb], formulas[nb:nb + nr], formulas[nb + nr:])
        return self._parsed[relaxed]

    def _box(self, claims: Sequence[int], names: Sequence[str], *, relaxed: bool,
             lows: set[str] | None = None, highs: set[str] | None = None) -> dict[str, Bound] | None:
        background, rules, guarded = self._formulas(relaxed)
        chosen = [*background, *rules, *(guarded[i] for i in claims)]
        for _attempt in range(3):  # z3's optimiser now and then answers "unknown" on a problem it solves on a retry
            opt = z3.Optimize()
            opt.set("timeout", self.remaining_ms())
            opt.set(priority="box")
            opt.add(*chosen)
            variables = {n: (z3.Real(n) if relaxed or n not in self.ints else z3.Int(n)) for n in names}
            handles = [(n, opt.minimize(variables[n]) if lows is None or n in lows else None,
                        opt.maximize(variables[n]) if highs is None or n in highs else None) for n in names]
            self.checks += 1
            result = opt.check()
            if result == z3.unsat:
                return None
            if result == z3.sat:
                break
            reason = opt.reason_unknown()
            if reason in ("timeout", "canceled") or time.monotonic() >= self.deadline:
                raise _GaveUp(f"timed out after {self.p.timeout:g} s while computing ranges")
        else:
            raise _GaveUp(f"z3's optimiser gave up while computing ranges ({reason})")
        out = {}
        for name, lo_h, hi_h in handles:
            lo, lo_open = _bound(opt.lower_values(lo_h)) if lo_h is not None else (None, True)
            hi, hi_open = _bound(opt.upper_values(hi_h)) if hi_h is not None else (None, True)
            out[name] = Bound(lo, hi, lo_open, hi_open)
        return out


def _fraction(v: z3.ExprRef) -> Fraction:
    if z3.is_int_value(v):
        return Fraction(v.as_long())
    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    if z3.is_algebraic_value(v):  # pragma: no cover - linear problems have rational models
        return Fraction(v.approx(30).as_fraction())
    raise TypeError(f"not a number: {v}")  # pragma: no cover


def _bound(values: z3.AstVector) -> tuple[Fraction | None, bool]:
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


# ---------------------------------------------------------------------------------- the work


def solve_batch(problems: Sequence[ComponentProblem]) -> list[ComponentAnswer]:
    """Solve many components together: what can be batched (verdicts of real-valued parts, and
    exact ranges proposed by an LP) is checked in a few large z3 calls; everything else, and
    anything the batched route cannot prove, goes through each component's own solver."""
    proved, suspects = _proved_by_lp(problems)
    verdicts = _batch_verdicts([p for p in problems if p.index not in proved and p.index not in suspects])
    answers, jobs = [], []
    for problem in problems:
        if problem.index in proved:
            answers.append(proved[problem.index])
            continue
        answer, more = _decide(problem, verdicts.get(problem.index))
        answers.append(answer)
        jobs.extend(more)
    _exact_boxes(jobs)
    _finish(jobs)
    return answers


def _proved_by_lp(problems: Sequence[ComponentProblem]) -> tuple[dict[int, ComponentAnswer], set[int]]:
    """Consistent parts and their ranges, with no z3 verdict: the ranges' certified vertices
    also prove that the claims hold together (`ExactRows.consistent`). Parts an elastic LP
    suspects of a contradiction are left out (one of them would make the whole LP infeasible)
    and returned as suspects, to be decided on their own; so is anything the route cannot prove.
    Only when ranges are asked for: a verdict alone is cheaper from the batched z3 check."""
    ready = [p for p in problems if p.ranges and p.claims and _lp_ready(p, range(len(p.claims)))]
    if len(ready) < 2:
        return {}, set()
    looks_broken = _suspects(ready, min(p.timeout for p in ready))
    if looks_broken is None:
        return {}, set()
    suspects = {p.index for p, broken in zip(ready, looks_broken) if broken}
    jobs = [_Job(_Component(p), ComponentAnswer(p.index, "consistent"), tuple(range(len(p.claims))),
                 tuple(n for n, _, _ in p.quantities), None) for p in ready if p.index not in suspects]
    _exact_boxes(jobs)
    proved = {}
    for job in jobs:
        if job.done and job.satisfiable:
            job.answer.ranges = job.result
            job.answer.agreements = dict.fromkeys(job.comp.p.pairs, True)  # all hold together, so any two do
            proved[job.answer.index] = job.answer
    return proved, suspects


def _suspects(problems: Sequence[ComponentProblem], timeout: float) -> list[bool] | None:
    """Which parts look inconsistent to an elastic LP (a hint only: see `_lp.suspects`)."""
    return _lp.suspects([_lp.LpJob(
        tuple(n for n, _, _ in p.quantities),
        tuple(a for _, atoms in (*p.rules, *p.claims) for a in atoms if a.op != "!="), (),
        frozenset(n for n, _, signed in p.quantities if signed)) for p in problems], timeout)


@dataclass
class _Job:
    """One exact box (min and max of some quantities) a component still needs: its ranges
    (key None) or what the others of a conflict allow for one claim (key (conflict, claim))."""

    comp: _Component
    answer: ComponentAnswer
    claims: tuple[int, ...]
    names: tuple[str, ...]
    key: tuple[int, int] | None
    done: bool = False
    result: dict[str, Bound] | None = None
    satisfiable: bool = False  # proved so by the LP route's exact vertices (see ExactRows.consistent)


def _decide(problem: ComponentProblem, verdict: bool | None) -> tuple[ComponentAnswer, list[_Job]]:
    """Everything but the boxes: the verdict (`verdict` when the batch already decided it), the
    minimal conflicts, the agreements, and the list of boxes still to compute."""
    if not problem.claims and not problem.rules:
        return unconstrained(problem), []
    answer = ComponentAnswer(problem.index, "unknown")
    comp = _Component(problem)
    jobs: list[_Job] = []
    marco_done = False
    try:
        everything = tuple(range(len(problem.claims)))
        names = tuple(name for name, _, _ in problem.quantities)
        if verdict if verdict is not None else comp.check(everything):
            answer.verdict = "consistent"
            free = everything
        else:
            if not comp.check([]):
                answer.broken_rules = tuple(comp.shrink_rules([]))
                answer.verdict = "inconsistent"
                return answer, []
            answer.verdict = "inconsistent"
            _marco(comp, answer)
            marco_done = True
            in_conflict = {i for claims, _ in answer.conflicts for i in claims}
            free = tuple(i for i in everything if i not in in_conflict)
        # quantities some rule touches: "what the others allow" needs the optimiser for those
        ruled = {name for _, atoms in problem.rules for atom in atoms for name, _ in atom.expr.terms} \
            if answer.conflicts else set()
        for k, (claims, _) in enumerate(answer.conflicts):
            for i in claims:
                others = tuple(j for j in claims if j != i)
                bounded = problem.claim_quantities[i]
                allowed = _interval_shortcut(problem, others, bounded, ruled)
                if allowed is not None:
                    answer.allowed[(k, i)] = allowed
                elif bounded:
                    jobs.append(_Job(comp, answer, others, tuple(bounded), (k, i)))
        for a, b in problem.pairs:
            if answer.verdict == "consistent":
                answer.agreements[(a, b)] = True  # all claims hold together, so any two do
            elif answer.complete:
                # every contradictory set contains a minimal conflict, and all are listed
                answer.agreements[(a, b)] = not any(set(claims) <= {a, b} for claims, _ in answer.conflicts)
            else:
                answer.agreements[(a, b)] = comp.check([a, b])
        if problem.ranges:
            if answer.complete or comp.check(free):
                jobs.append(_Job(comp, answer, free, names, None))
            else:
                answer.ranges_reason = "the conflict list was cut short, so the claims outside every conflict are not known"
    except _GaveUp as exc:
        _gave_up(answer, exc, marco_done)
        jobs = []
    except z3.Z3Exception as exc:  # pragma: no cover - z3 internal failure is not a verdict
        answer.verdict = "unknown"
        answer.reason = f"z3 failed: {exc}"
        jobs = []
    answer.checks = comp.checks
    return answer, jobs


def unconstrained(problem: ComponentProblem) -> ComponentAnswer:
    """A part no claim or rule speaks of: its range is what its declaration says, no solver needed."""
    answer = ComponentAnswer(problem.index, "consistent")
    if problem.ranges:
        answer.ranges = {name: Bound(None if signed else Fraction(0), None, signed, True)
                         for name, _, signed in problem.quantities}
    return answer


def _gave_up(answer: ComponentAnswer, exc: _GaveUp, marco_done: bool = True) -> None:
    answer.reason = exc.reason
    if answer.verdict == "consistent" or (answer.verdict == "inconsistent" and answer.conflicts):
        # the verdict is proven (a model, or a conflict); say what is missing instead
        if answer.verdict == "inconsistent" and not marco_done:
            answer.complete = False
        if answer.ranges is None:
            answer.ranges_reason = exc.reason
    else:
        answer.verdict = "unknown"


def _finish(jobs: Sequence[_Job]) -> None:
    """Each box the batch did not prove comes from the component's own optimiser; then every
    box goes where the report looks for it."""
    failed: set[int] = set()
    for job in jobs:
        if id(job.answer) in failed:
            continue
        if not job.done:
            try:
                job.result = job.comp.optimise(job.claims, job.names)
            except _GaveUp as exc:
                _gave_up(job.answer, exc)
                failed.add(id(job.answer))
                continue
            except z3.Z3Exception as exc:  # pragma: no cover
                job.answer.reason = f"z3 failed: {exc}"
                failed.add(id(job.answer))
                continue
            job.done = True
        if job.result is None:
            continue
        if job.key is None:
            job.answer.ranges = job.result
        else:
            job.answer.allowed[job.key] = job.result
    for job in jobs:
        job.answer.checks = job.comp.checks


def _interval_shortcut(problem: ComponentProblem, others: Sequence[int], names: Sequence[str],
                       ruled: set[str]) -> dict[str, Bound] | None:
    """What the other claims of a conflict allow, when they are plain bounds on the one rational
    quantity asked about and no rule touches it: the intersection of their half-lines, computed
    exactly. This is the common case (two sources on one figure) and needs no optimiser call."""
    if len(names) != 1:
        return None
    name = names[0]
    declared = {n: (integer, signed) for n, integer, signed in problem.quantities}
    integer, signed = declared[name]
    if integer or name in ruled:
        return None
    lo: Fraction | None = None if signed else Fraction(0)
    hi: Fraction | None = None
    lo_open = hi_open = False
    for j in others:
        for atom in problem.claims[j][1]:
            if len(atom.expr.terms) != 1 or atom.expr.terms[0][0] != name or atom.op == "!=":
                return None
            coef = atom.expr.terms[0][1]
            edge = -atom.expr.const / coef  # coef*x + const op 0  ⇔  x op' edge
            strict = atom.op == "<"
            upper = coef > 0
            if atom.op == "==" or upper:
                if hi is None or edge < hi or (edge == hi and strict):
                    hi, hi_open = edge, strict
            if atom.op == "==" or not upper:
                if lo is None or edge > lo or (edge == lo and strict):
                    lo, lo_open = edge, strict
    if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
        return None  # the others clash among themselves; not a case for this shortcut
    return {name: Bound(lo, hi, lo_open or lo is None, hi_open or hi is None)}


def _marco(comp: _Component, answer: ComponentAnswer) -> None:
    """Enumerate minimal conflicting claim sets (MARCO): seeds from a map solver over the claim
    literals; an unsatisfiable seed shrinks to a minimal conflict and blocks its supersets, a
    satisfiable one grows to a maximal consistent set and blocks its subsets.

    The conflicts are listed smallest first, then in file order, however the enumeration ends:
    the order z3 happens to find them in depends on its internal state, which differs from one
    process to another, and a report must not depend on --jobs."""
    try:
        _enumerate(comp, answer)
    finally:
        answer.conflicts.sort(key=lambda c: (len(c[0]), c[0]))


def _enumerate(comp: _Component, answer: ComponentAnswer) -> None:
    n = len(comp.p.claims)
    # The map solver is pure propositional logic: z3's finite-domain solver is the quick one
    # for that, and clauses go in as text (building them through the Python API cost more).
    seen = z3.SolverFor("QF_FD")
    seen.from_string("".join(f"(declare-const m{i} Bool)" for i in range(n)))

    def block(literals: Sequence[str]) -> None:
        seen.from_string(f"(assert (or false {' '.join(literals)}))")

    while True:
        if len(answer.conflicts) >= comp.p.max_conflicts:
            _limit(seen, comp.remaining_ms())
            if _run(seen):
                seed = _seed(seen, n)
                if not comp.check(seed):
                    answer.complete = False
                    return
                # more satisfiable regions only; keep exploring until no conflict is left
                grown = _grow(comp, seed)
                block([f"m{i}" for i in range(n) if i not in grown])
                continue
            return
        _limit(seen, comp.remaining_ms())
        try:
            if not _run(seen):
                return
        except _GaveUp:
            raise _GaveUp("timed out while listing conflicts") from None
        seed = _seed(seen, n)
        if comp.check(seed):
            grown = _grow(comp, seed)
            if len(grown) == n:
                return
            comp.consistent_sets.append(grown)
            block([f"m{i}" for i in range(n) if i not in grown])
        else:
            mus = comp.shrink(seed, core_ready=True)
            rules = comp.shrink_rules(mus)
            answer.conflicts.append((tuple(sorted(mus)), tuple(sorted(rules))))
            block([f"(not m{i})" for i in mus])


_FALSE_LITERAL = re.compile(r"\(define-fun m(\d+) \(\) Bool\s+false\)")


def _seed(seen: z3.Solver, n: int) -> list[int]:
    """The claims the map solver's model does not switch off. The model is read from its
    SMT-LIB text (one call, "(define-fun m3 () Bool false)"): asking z3 literal by literal
    cost more than the map solver's check."""
    model = seen.model()
    off = {int(i) for i in _FALSE_LITERAL.findall(z3.Z3_model_to_string(model.ctx.ref(), model.model))}
    return [i for i in range(n) if i not in off]


def _grow(comp: _Component, seed: list[int]) -> set[int]:
    """Grow a consistent seed to a maximal consistent set; a model's satisfied claims come free."""
    current = set(seed) | comp.satisfied_claims()
    for i in range(len(comp.p.claims)):
        if i in current:
            continue
        if comp.check(sorted(current | {i})):
            current |= comp.satisfied_claims()
            current.add(i)
    return current


def audit_rules(problem: ComponentProblem) -> tuple[tuple[int, ...] | None, list[int], str | None]:
    """For `numcheck lint`: rules that contradict each other (a minimal set), and rules that the
    other rules already imply (each rule r with: other rules and not r is unsatisfiable)."""
    try:
        comp = _Component(problem)
        if not comp.check([]):
            return tuple(comp.shrink_rules([])), [], None
        redundant = []
        for i, (_, atoms) in enumerate(problem.rules):
            others = [j for j in range(len(problem.rules)) if j != i]
            comp.solver.push()
            comp.solver.add(z3.parse_smt2_string(
                comp.decls + f"(assert (not {_conj(atoms, comp.ints)}))"))
            try:
                if not comp.check([], rules=others):
                    redundant.append(i)
            finally:
                comp.solver.pop()
        return None, redundant, None
    except _GaveUp as exc:
        return None, [], exc.reason


# ---------------------------------------------------------------------------------- batches
#
# Small components cost z3 far more in per-call overhead than in solving. So the components of
# a batch are written into one solver side by side, each under its own prefix ("12.x"): since
# they share no quantity, their conjunction is satisfiable exactly when each one is, and a
# disjunction is unsatisfiable exactly when each disjunct is. One check then speaks for all,
# and when it fails, a few more find exactly which parts are to blame.


def _batchable(problem: ComponentProblem) -> bool:
    return bool(problem.claims) and not any(integer for _, integer, _ in problem.quantities)


def _batch_verdicts(problems: Sequence[ComponentProblem]) -> dict[int, bool]:
    """Verdicts of the real-valued components, from one solver holding them all, each behind a
    literal `v<index>`. A component left out of the answer is decided on its own."""
    chosen = [p for p in problems if _batchable(p)]
    if len(chosen) < 2:
        return {}
    text = []
    for p in chosen:
        prefix = f"{p.index}."
        decls, background = _declarations(p.quantities, set(), prefix)
        text.extend((decls, *background))
        body = " ".join(_atom(a, set(), prefix) for _, atoms in (*p.rules, *p.claims) for a in atoms)
        text.append(f"(declare-const v{p.index} Bool)(assert (=> v{p.index} (and true {body})))")
    out: dict[int, bool] = {}
    try:
        batch = _BatchSolver("".join(text), min(p.timeout for p in chosen))
        lits = {p.index: z3.Bool(f"v{p.index}") for p in chosen}
        live = dict(lits)
        if batch.check(list(live.values())):
            return dict.fromkeys(live, True)
        # Some part is inconsistent. An LP points at those that look it; they are left to their
        # own solvers (which they need anyway, for their conflicts), so that the next check is
        # likely sat rather than one check per inconsistent part.
        looks_broken = _suspects(chosen, batch.timeout)
        for p, broken in zip(chosen, looks_broken or ()):
            if broken:
                live.pop(p.index)
        while live:
            if batch.check(list(live.values())):
                out.update(dict.fromkeys(live, True))
                break
            blamed = [int(name[1:]) for name in _core_names(batch.solver) if name[1:].isdigit()]
            found = [k for k in blamed if len(blamed) == 1 or not batch.check([lits[k]])]
            if not found:  # pragma: no cover - a core always holds an unsatisfiable component
                break
            for k in found:
                out[k] = False
                live.pop(k, None)
    except _GaveUp:
        pass  # whatever is undecided is decided component by component, with its own time limit
    return out


class _BatchSolver:
    """One solver over many independent blocks, with checks that find the blocks to blame.

    Formulas are handed over as SMT-LIB text, which z3 parses straight into the solver; the
    solver remembers every declaration (even past a pop), so a later text must only declare
    new names: guards get a fresh prefix on every call."""

    def __init__(self, text: str, timeout: float) -> None:
        self.calls = 0
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout
        self.solver = z3.SolverFor("QF_LRA")
        self.solver.from_string(text)

    def _guards(self) -> str:
        self.calls += 1
        return f"g{self.calls}_"

    def check(self, assumptions: Sequence[z3.BoolRef] = ()) -> bool:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _GaveUp(f"timed out after {self.timeout:g} s")
        _limit(self.solver, max(1, int(left * 1000)))
        return _run(self.solver, assumptions)

    def each_holds(self, items: Sequence[tuple[str, str]]) -> list[bool]:
        """items: (declarations, formula) over disjoint blocks; declarations declare and nothing
        else (they stay; the formulas come and go). Which formulas hold (together with
        everything asserted)."""
        if not items:
            return []
        self.solver.from_string("".join(d for d, _ in items))  # declarations only: they outlive any pop
        self.solver.push()
        try:
            self.solver.from_string("".join(f"(assert {f})" for _, f in items))
            if self.check():
                return [True] * len(items)
        finally:
            self.solver.pop()
        ok = [True] * len(items)
        g = self._guards()
        self.solver.push()
        try:
            self.solver.from_string("".join(
                f"(declare-const {g}{i} Bool)(assert (=> {g}{i} {f}))" for i, (_, f) in enumerate(items)))
            lits = [z3.Bool(f"{g}{i}") for i in range(len(items))]
            live = set(range(len(items)))
            while not self.check([lits[i] for i in sorted(live)]):
                blamed = [int(name[len(g):]) for name in _core_names(self.solver) if name.startswith(g)]
                found = [i for i in blamed if len(blamed) == 1 or not self.check([lits[i]])]
                if not found:  # pragma: no cover
                    raise _GaveUp("z3 gave an unsat core that blames no block")
                for i in found:
                    ok[i] = False
                    live.discard(i)
            return ok
        finally:
            self.solver.pop()


def _free_to_grow(names: Sequence[str], rows: Sequence[Atom]) -> set[str]:
    """Of these quantities, those no constraint holds down: none has a positive coefficient on it
    (as `expr <= 0`) and no equation names it. Each is unbounded above by inspection, exactly:
    from any point, increasing it alone only lowers every constraint's left side."""
    free = set(names)
    for atom in rows:
        for name, coef in atom.expr.terms:
            if coef > 0 or atom.op == "==":
                free.discard(name)
    return free


def _lp_ready(p: ComponentProblem, claims: Sequence[int]) -> bool:
    """Whether the LP route can take these claims of a part: real, non-negative quantities and no `!=`."""
    if any(integer or signed for _, integer, signed in p.quantities):
        return False
    return not any(a.op == "!=" for _, atoms in (*p.rules, *(p.claims[i] for i in claims)) for a in atoms)


def _exact_boxes(jobs: Sequence[_Job]) -> None:
    """Exact boxes for every job the LP route can take (proved as `_prove_boxes` says); the
    rest are left undone, for their components' own optimisers."""
    groups: dict[int, list[_Job]] = {}
    for job in jobs:
        if job.names and _lp_ready(job.comp.p, job.claims):
            groups.setdefault(len(job.names).bit_length(), []).append(job)
    for group in groups.values():
        for start in range(0, len(group), _BOX_BATCH):
            try:
                _prove_boxes(group[start:start + _BOX_BATCH])
            except _GaveUp:
                pass  # the jobs left undone go to their components' own optimisers
            except z3.Z3Exception:  # pragma: no cover
                pass


_BOX_BATCH = 150


def _prove_boxes(jobs: Sequence[_Job]) -> None:
    """Proposals from the LP, each proved exactly or dropped (the job then goes to its
    component's optimiser):

    1. each bound the LP found: its optimal basis, solved in exact rationals, gives a vertex and
       dual multipliers. The vertex satisfying every constraint, and the multipliers having the
       right signs, prove together (LP duality) that the bound is exactly the vertex's value and
       is reached in the closure (the claims with `<` read as `<=`). Whether the claims
       themselves reach it follows from complementary slackness: a strict claim tight at the
       vertex with a positive multiplier is tight at every optimum, so the bound is open; no
       strict claim tight means the vertex itself satisfies the claims, so it is closed. (The
       claims are consistent, so the closure's optimum is the claims' infimum.) When a strict
       claim is tight only by chance (a zero multiplier), z3 decides whether some point of the
       claims reaches the bound (one check for all such bounds of the batch);
    2. each quantity the LP found unbounded above: no constraint holds it down (`_free_to_grow`),
       or z3 finds a direction of the recession cone along which it grows (one check for the
       whole batch).
    """
    rows = [tuple(a for _, atoms in (*job.comp.p.rules, *(job.comp.p.claims[i] for i in job.claims))
                  for a in atoms) for job in jobs]
    variables = [tuple(n for n, _, _ in job.comp.p.quantities) for job in jobs]
    timeout = min(job.comp.p.timeout for job in jobs)
    session = _lp.Session([_lp.LpJob(v, r, job.names) for v, r, job in zip(variables, rows, jobs)], timeout)
    if not session.ok:
        return
    exact = [ExactRows(v, r) for v, r in zip(variables, rows)]
    failed = [False] * len(jobs)
    box: list[dict[str, list[object]]] = [{n: [None, None, False, True] for n in job.names} for job in jobs]
    unsure: dict[tuple[str, int], list[tuple[int, str, Fraction]]] = {}
    # Round 1: all of a job's minima in one objective (and all its finite maxima in another); the
    # basis found is usually optimal for each quantity alone too. Round 2: one quantity per job
    # and objective, for the bounds round 1 left unproved.
    todo: dict[str, list[list[str]]] = {
        "min": [list(job.names) for job in jobs],
        "max": [[n for n in job.names if n not in session.unbounded_above[k]] for k, job in enumerate(jobs)]}
    for round_ in (1, 2):
        for sense in ("min", "max"):
            waves = [{k: names for k, names in enumerate(todo[sense]) if names and not failed[k]}] if round_ == 1 else [
                {k: [names[i]] for k, names in enumerate(todo[sense]) if i < len(names) and not failed[k]}
                for i in range(max((len(names) for names in todo[sense]), default=0))]
            left: list[list[str]] = [[] for _ in jobs]
            for wave in waves:
                bases = session.solve(sense, wave)
                if bases is None:
                    return
                for k, basis in bases.items():
                    proved = exact[k].optima([(name, sense) for name in wave[k]], basis)
                    for name, result in zip(wave[k], proved):
                        if result is None:
                            left[k].append(name)
                            continue
                        value, is_open = result
                        box[k][name][0 if sense == "min" else 1] = value
                        box[k][name][2 if sense == "min" else 3] = is_open
                        if is_open is None:
                            unsure.setdefault((sense, jobs[k].names.index(name)), []).append((k, name, value))
            todo[sense] = left
    for k in range(len(jobs)):
        if todo["min"][k] or todo["max"][k]:
            failed[k] = True
    batch = _BatchSolver("", timeout)
    for (sense, slot), cases in unsure.items():
        # the claims as written (strict ones strict), with the quantity at its bound: reachable or not
        prefixes = [f"{k}.{sense}{slot}." for k, _, _ in cases]
        reached = batch.each_holds([
            (_declarations(jobs[k].comp.p.quantities, set(), pre)[0],
             f"(and {_signs(jobs[k].comp.p.quantities, pre)} {' '.join(_atom(a, set(), pre) for a in rows[k])} "
             f"(= {_sym(pre + name)} {_num(value)}))")
            for (k, name, value), pre in zip(cases, prefixes)])
        for (k, name, _), closed in zip(cases, reached):
            box[k][name][2 if sense == "min" else 3] = not closed
    items, owners = [], []
    for k, job in enumerate(jobs):
        up = session.unbounded_above[k] & set(job.names) - _free_to_grow(job.names, rows[k])
        if failed[k] or not up:
            continue
        d = f"{k}'"
        cone = " ".join(_atom(_cone(a), set(), d) for a in rows[k])
        grow = " ".join(f"(>= {_sym(d + n)} 1.0)" for n in sorted(up))
        items.append((_declarations(job.comp.p.quantities, set(), d)[0],
                      f"(and {_signs(job.comp.p.quantities, d)} {cone} {grow})"))
        owners.append(k)
    if items:
        ok = batch.each_holds(items)
        for k, fine in zip(owners, ok):
            failed[k] = failed[k] or not fine
    for k, job in enumerate(jobs):
        if failed[k]:
            continue
        result = {}
        for n in job.names:
            lo, hi, lo_open, hi_open = box[k][n]
            up = n in session.unbounded_above[k]
            if lo is None or (hi is None) != up:  # pragma: no cover - every bound was asked for
                break
            result[n] = Bound(lo, hi, bool(lo_open), True if up else bool(hi_open))  # type: ignore[arg-type]
        else:
            job.result = result
            job.done = True
            job.satisfiable = exact[k].consistent()
