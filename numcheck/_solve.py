"""The only module that talks to z3: one independent component of a model in, exact answers out.

Each component is written as SMT-LIB text and parsed by z3 in one call (far faster than building
terms through the Python API). Rules and the non-negativity of quantities are background truth,
guarded by literals only so that the rules behind a conflict can be named; each claim is guarded
by a literal `c<i>` and switched on through the assumptions of each check, never asserted, so a
claim switched off really is off.

Every answer is exact: verdicts come from z3's exact rational arithmetic, minimal conflicts are
checked minimal by deletion, and ranges come from z3's optimiser as (infinity, value, epsilon)
triples, which say exactly whether a bound is attained. A check that hits the time limit raises
`_GaveUp`, and the component's verdict becomes "unknown" with z3's reason.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import z3

from ._model import Atom

__all__ = ["Bound", "ComponentAnswer", "ComponentProblem", "audit_rules", "solve_component"]

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


@dataclass(frozen=True)
class Bound:
    """An exact range: lo (<|<=) x (<|<=) hi; None is unbounded (and then open)."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool
    hi_open: bool


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


def _atom(atom: Atom, ints: set[str]) -> str:
    """`expr op 0` in SMT-LIB. An atom over whole-number quantities only is scaled to integer
    coefficients and kept in pure integer arithmetic (z3 is markedly more robust there than with
    mixed terms); other integer variables are lifted with to_real so mixed sums type-check."""
    names = [name for name, _ in atom.expr.terms]
    if names and all(n in ints for n in names):
        scale = 1
        for _, coef in atom.expr.terms:
            scale = math.lcm(scale, coef.denominator)
        scale = math.lcm(scale, atom.expr.const.denominator)
        terms = []
        for name, coef in atom.expr.terms:
            k = int(coef * scale)
            terms.append(_sym(name) if k == 1 else f"(* {_num(Fraction(k))} {_sym(name)})")
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
        var = f"(to_real {_sym(name)})" if name in ints else _sym(name)
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


def _declarations(quantities: Sequence[tuple[str, bool, bool]], ints: set[str]) -> tuple[str, list[str]]:
    """SMT-LIB declarations of the quantities (whole numbers as Int when in `ints`), and the
    non-negativity assertions of those that are not signed."""
    decls = "".join(f"(declare-const {_sym(n)} {'Int' if n in ints else 'Real'})" for n, _, _ in quantities)
    background = [f"(assert (>= {_sym(n)} {'0' if n in ints else '0.0'}))" for n, _, signed in quantities if not signed]
    return decls, background


class _Component:
    """z3 state for one component: a solver with every claim and rule behind a literal."""

    def __init__(self, problem: ComponentProblem) -> None:
        self.p = problem
        self.deadline = time.monotonic() + problem.timeout
        self.checks = 0
        ints = {name for name, integer, _ in problem.quantities if integer}
        self.ints = ints
        self.decls, background = _declarations(problem.quantities, ints)
        lines = [self.decls, *background]
        for i, (_, atoms) in enumerate(problem.rules):
            lines.append(f"(declare-const r{i} Bool)")
            lines.append(f"(assert (=> r{i} {_conj(atoms, ints)}))")
        for i, (_, atoms) in enumerate(problem.claims):
            lines.append(f"(declare-const c{i} Bool)")
            lines.append(f"(assert (=> c{i} {_conj(atoms, ints)}))")
        self.text = "\n".join(lines)
        self._solver: z3.Solver | None = None
        self._parsed: dict[bool, tuple[list[z3.BoolRef], list[z3.BoolRef], list[z3.BoolRef]]] = {}
        self.vars = {name: (z3.Int(name) if integer else z3.Real(name)) for name, integer, _ in problem.quantities}

    @property
    def solver(self) -> z3.Solver:
        """The guarded solver, built on first use: a consistent component never needs it."""
        if self._solver is None:
            logic = "QF_LRA" if not self.ints else "QF_LIA" if len(self.ints) == len(self.p.quantities) else "QF_LIRA"
            self._solver = z3.SolverFor(logic)
            self._solver.add(z3.parse_smt2_string(self.text))
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
        solver.set("timeout", self.remaining_ms())
        rule_lits = self.r if rules is None else [self.r[i] for i in rules]
        self.checks += 1
        result = solver.check(*rule_lits, *[self.c[i] for i in claims])
        if result == z3.sat:
            return True
        if result == z3.unsat:
            return False
        reason = self.solver.reason_unknown()
        raise _GaveUp("timed out" if reason in ("timeout", "canceled") else f"z3 gave up: {reason}")

    def core_claims(self) -> list[int]:
        names = {str(lit) for lit in self.solver.unsat_core()}
        return [i for i in range(len(self.c)) if f"c{i}" in names]

    def core_rules(self) -> list[int]:
        names = {str(lit) for lit in self.solver.unsat_core()}
        return [i for i in range(len(self.r)) if f"r{i}" in names]

    def shrink(self, claims: list[int]) -> list[int]:
        """Deletion-based: drop each claim in turn and keep it out if the rest still clash."""
        self.check(claims)  # fills the unsat core: a cheap first cut
        current = [i for i in claims if i in set(self.core_claims())] or list(claims)
        k = 0
        while k < len(current):
            trial = current[:k] + current[k + 1:]
            if not self.check(trial):
                core = set(self.core_claims())
                current = [i for i in trial if i in core] if core else trial
                k = min(k, len(current))
            else:
                k += 1
        return current

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
        """After a sat check: the claims the model happens to satisfy (grows a seed for free)."""
        model = self.solver.model()
        values = {}
        for name, var in self.vars.items():
            v = model.eval(var, model_completion=True)
            values[name] = _fraction(v)
        out = set()
        for i, (_, atoms) in enumerate(self.p.claims):
            if all(a.holds(values) for a in atoms):
                out.add(i)
        return out

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


def solve_component(problem: ComponentProblem) -> ComponentAnswer:
    """Verdict, minimal conflicts, how far apart, ranges and agreements for one component."""
    answer = ComponentAnswer(problem.index, "unknown")
    if not problem.claims and not problem.rules:
        # A quantity nothing speaks of: its range is what its declaration says, no solver needed.
        answer.verdict = "consistent"
        if problem.ranges:
            answer.ranges = {name: Bound(None if signed else Fraction(0), None, signed, True)
                             for name, _, signed in problem.quantities}
        return answer
    marco_done = False
    try:
        comp = _Component(problem)
        everything = list(range(len(problem.claims)))
        names = [name for name, _, _ in problem.quantities]
        if problem.ranges and problem.claims:
            # Most components are consistent: one optimiser call then gives verdict and ranges.
            try:
                answer.ranges = comp.optimise(everything, names)
            except _GaveUp:
                if time.monotonic() >= comp.deadline:
                    raise
                # the optimiser failed early: a plain check decides, and ranges are tried again below
        if answer.ranges is not None or comp.check(everything):
            answer.verdict = "consistent"
            free = everything
        else:
            if not comp.check([]):
                answer.broken_rules = tuple(comp.shrink_rules([]))
                answer.verdict = "inconsistent"
                return answer
            answer.verdict = "inconsistent"
            _marco(comp, answer)
            marco_done = True
            in_conflict = {i for claims, _ in answer.conflicts for i in claims}
            free = [i for i in everything if i not in in_conflict]
        # quantities some rule touches: "what the others allow" needs the optimiser for those
        ruled = {name for _, atoms in problem.rules for atom in atoms for name, _ in atom.expr.terms} \
            if answer.conflicts else set()
        for k, (claims, _) in enumerate(answer.conflicts):
            for i in claims:
                others = [j for j in claims if j != i]
                bounded = problem.claim_quantities[i]
                allowed = _interval_shortcut(problem, others, bounded, ruled)
                if allowed is None and bounded:
                    allowed = comp.optimise(others, bounded)
                if allowed is not None:
                    answer.allowed[(k, i)] = allowed
        for a, b in problem.pairs:
            if answer.verdict == "consistent":
                answer.agreements[(a, b)] = True  # all claims hold together, so any two do
            elif answer.complete:
                # every contradictory set contains a minimal conflict, and all are listed
                answer.agreements[(a, b)] = not any(set(claims) <= {a, b} for claims, _ in answer.conflicts)
            else:
                answer.agreements[(a, b)] = comp.check([a, b])
        if problem.ranges and answer.ranges is None:
            if answer.complete or comp.check(free):
                answer.ranges = comp.optimise(free, names)
            else:
                answer.ranges_reason = "the conflict list was cut short, so the claims outside every conflict are not known"
    except _GaveUp as exc:
        answer.reason = exc.reason
        if answer.verdict == "consistent" or (answer.verdict == "inconsistent" and answer.conflicts):
            # the verdict is proven (a model, or a conflict); say what is missing instead
            if answer.verdict == "inconsistent" and not marco_done:
                answer.complete = False
            if answer.ranges is None:
                answer.ranges_reason = exc.reason
        else:
            answer.verdict = "unknown"
    except z3.Z3Exception as exc:  # pragma: no cover - z3 internal failure is not a verdict
        answer.verdict = "unknown"
        answer.reason = f"z3 failed: {exc}"
    answer.checks = getattr(locals().get("comp"), "checks", 0)
    return answer


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
    satisfiable one grows to a maximal consistent set and blocks its subsets."""
    n = len(comp.p.claims)
    seen = z3.Solver()
    m = [z3.Bool(f"m{i}") for i in range(n)]
    while True:
        if len(answer.conflicts) >= comp.p.max_conflicts:
            seen.set("timeout", comp.remaining_ms())
            if seen.check() == z3.sat:
                seed = _seed(seen, m)
                if not comp.check(seed):
                    answer.complete = False
                    return
                # more satisfiable regions only; keep exploring until no conflict is left
                grown = _grow(comp, seed)
                seen.add(z3.Or([m[i] for i in range(n) if i not in grown]) if len(grown) < n else z3.BoolVal(False))
                continue
            return
        seen.set("timeout", comp.remaining_ms())
        result = seen.check()
        if result == z3.unsat:
            return
        if result != z3.sat:
            raise _GaveUp("timed out while listing conflicts")
        seed = _seed(seen, m)
        if comp.check(seed):
            grown = _grow(comp, seed)
            if len(grown) == n:
                return
            seen.add(z3.Or([m[i] for i in range(n) if i not in grown]))
        else:
            mus = comp.shrink(seed)
            rules = comp.shrink_rules(mus)
            answer.conflicts.append((tuple(sorted(mus)), tuple(sorted(rules))))
            seen.add(z3.Or([z3.Not(m[i]) for i in mus]))


def _seed(seen: z3.Solver, m: list[z3.BoolRef]) -> list[int]:
    model = seen.model()
    return [i for i, lit in enumerate(m) if not z3.is_false(model.eval(lit, model_completion=False))]


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
