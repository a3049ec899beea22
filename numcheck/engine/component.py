"""One part's own z3 solver: every claim and rule behind a literal, and its optimiser.

Rules and the non-negativity of quantities are background truth, guarded by literals only so
that the rules behind a conflict can be named; each claim is guarded by a literal `c<i>` and
switched on through the assumptions of each check, never asserted, so a claim switched off
really is off.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import z3

from numcheck.engine import smtlib, z3glue
from numcheck.engine.problem import Bound, ComponentProblem, GaveUp
from numcheck.engine.z3glue import Deadline, bound, core_names, limit

__all__ = ["PartSolver"]


class PartSolver:
    """z3 state for one part: a solver with every claim and rule behind a literal, built on first use."""

    def __init__(self, problem: ComponentProblem) -> None:
        self.p = problem
        self.deadline = Deadline(problem.options.timeout)  # starts at the first solver call
        self.checks = 0
        self.ints = {q.name for q in problem.quantities if q.integer}
        self._solver: z3.Solver | None = None
        self._parsed: dict[bool, tuple[list[z3.BoolRef], list[z3.BoolRef], list[z3.BoolRef]]] = {}
        self.consistent_sets: list[set[int]] = []  # maximal consistent sets found while enumerating

    @functools.cached_property
    def _declared(self) -> tuple[str, list[str]]:
        return smtlib.declarations(self.p.quantities, self.ints)

    @property
    def decls(self) -> str:
        return self._declared[0]

    @property
    def solver(self) -> z3.Solver:
        """The guarded solver, built on first use: a consistent part never needs it."""
        if self._solver is None:
            ints = self.ints
            lines = [self.decls, *self._declared[1]]
            for i, rule in enumerate(self.p.rules):
                lines.append(f"(declare-const r{i} Bool)")
                lines.append(f"(assert (=> r{i} {smtlib.conj(rule.atoms, ints)}))")
            for i, claim in enumerate(self.p.claims):
                lines.append(f"(declare-const c{i} Bool)")
                lines.append(f"(assert (=> c{i} {smtlib.conj(claim.atoms, ints)}))")
            logic = "QF_LRA" if not ints else "QF_LIA" if len(ints) == len(self.p.quantities) else "QF_LIRA"
            self._solver = z3.SolverFor(logic)
            self._solver.from_string("\n".join(lines))
            self.c = [z3.Bool(f"c{i}") for i in range(len(self.p.claims))]
            self.r = [z3.Bool(f"r{i}") for i in range(len(self.p.rules))]
        return self._solver

    def check(self, claims: Sequence[int], rules: Sequence[int] | None = None) -> bool:
        """True if these claims (and these rules, default all) can hold together."""
        solver = self.solver
        self.deadline.arm(solver)
        rule_lits = self.r if rules is None else [self.r[i] for i in rules]
        self.checks += 1
        return z3glue.run(solver, [*rule_lits, *(self.c[i] for i in claims)])

    def core_claims(self) -> list[int]:
        names = core_names(self.solver)
        return [i for i in range(len(self.c)) if f"c{i}" in names]

    def core_rules(self) -> list[int]:
        names = core_names(self.solver)
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
        terms = " ".join(f"(ite {smtlib.conj(claim.atoms, self.ints)} {1 << i} 0)"
                         for i, claim in enumerate(self.p.claims))
        parsed = z3.parse_smt2_string(
            f"{self.decls}(declare-const |holding#| Int)(assert (= |holding#| (+ 0 {terms})))")
        return parsed[0].arg(1)

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
        lows = {n for n in names if relaxed[n].lo is not None}
        highs = {n for n in names if relaxed[n].hi is not None}
        exact = self._box(claims, sorted(lows | highs), relaxed=False, lows=lows, highs=highs)
        if exact is None:
            return None
        out = {}
        for name in names:
            lo = exact[name].lo if name in lows else None
            hi = exact[name].hi if name in highs else None
            out[name] = Bound(lo, hi, exact[name].lo_open if name in lows else True,
                              exact[name].hi_open if name in highs else True)
        return out

    def _formulas(self, relaxed: bool) -> tuple[list[z3.BoolRef], list[z3.BoolRef], list[z3.BoolRef]]:
        """Non-negativity, rules and claims as plain z3 formulas, parsed once per part (and
        once more for the rational relaxation of whole-number quantities)."""
        if relaxed not in self._parsed:
            ints = set() if relaxed else self.ints
            decls, background = smtlib.declarations(self.p.quantities, ints)
            body = [*background, *(f"(assert {smtlib.conj(rule.atoms, ints)})" for rule in self.p.rules),
                    *(f"(assert {smtlib.conj(claim.atoms, ints)})" for claim in self.p.claims)]
            vector = z3.parse_smt2_string(decls + "".join(body))
            formulas = [vector[i] for i in range(len(vector))]
            nb, nr = len(background), len(self.p.rules)
            self._parsed[relaxed] = (formulas[:nb], formulas[nb:nb + nr], formulas[nb + nr:])
        return self._parsed[relaxed]

    def _box(self, claims: Sequence[int], names: Sequence[str], *, relaxed: bool,
             lows: set[str] | None = None, highs: set[str] | None = None) -> dict[str, Bound] | None:
        background, rules, guarded = self._formulas(relaxed)
        chosen = [*background, *rules, *(guarded[i] for i in claims)]
        reason = None
        for _attempt in range(3):  # z3's optimiser now and then answers "unknown" on a problem it solves on a retry
            opt = z3.Optimize()
            limit(opt, self.deadline.remaining_ms())
            opt.set(priority="box")
            opt.add(*chosen)
            variables = {n: (z3.Real(n) if relaxed or n not in self.ints else z3.Int(n)) for n in names}
            handles = [(n, opt.minimize(variables[n]) if lows is None or n in lows else None,
                        opt.maximize(variables[n]) if highs is None or n in highs else None) for n in names]
            self.checks += 1
            try:
                if not z3glue.run(opt):
                    return None
                break
            except GaveUp as exc:
                if exc.timed_out or self.deadline.passed():
                    raise GaveUp(f"timed out after {self.p.options.timeout:g} s while computing ranges") from None
                reason = exc.unknown
        else:
            raise GaveUp(f"z3's optimiser gave up while computing ranges ({reason})")
        out = {}
        for name, lo_h, hi_h in handles:
            lo, lo_open = bound(opt.lower_values(lo_h)) if lo_h is not None else (None, True)
            hi, hi_open = bound(opt.upper_values(hi_h)) if hi_h is not None else (None, True)
            out[name] = Bound(lo, hi, lo_open, hi_open)
        return out
