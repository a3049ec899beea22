"""One part's own z3 solver: every claim and rule behind a literal, and its proved ranges.

Rules and the non-negativity of quantities are background truth, guarded by literals only so
that the rules behind a conflict can be named; each claim is guarded by a literal `c<i>` and
switched on through the assumptions of each check, never asserted, so a claim switched off
really is off.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence

import z3

from numcheck.engine import smtlib, z3glue
from numcheck.engine.exact_bounds import Unproved, Variable, exact_box
from numcheck.engine.problem import Bound, ComponentProblem, GaveUp
from numcheck.engine.quickxplain import quick_explain
from numcheck.engine.z3glue import Deadline, core_names

__all__ = ["HINTED_RULES", "PartSolver"]

HINTED_RULES = 4  # from this many rules in a part, naming a conflict's rules starts from an unsat core


class PartSolver:
    """z3 state for one part: a solver with every claim and rule behind a literal, built on first use."""

    def __init__(self, problem: ComponentProblem) -> None:
        self.p = problem
        self.deadline = Deadline(problem.options.timeout)  # starts at the first solver call
        self.checks = 0
        self.ints = {q.name for q in problem.quantities if q.integer}
        self._solver: z3.Solver | None = None
        self.consistent_sets: list[set[int]] = []  # maximal consistent sets found while enumerating
        self.conflict_sets: list[frozenset[int]] = []  # minimal conflicts found while enumerating
        self._rules_of: dict[frozenset[int], list[int]] = {}  # shrink_rules' answers, by conflict

    @functools.cached_property
    def _declared(self) -> tuple[str, list[str]]:
        return smtlib.declarations(self.p.quantities, self.ints)

    @property
    def decls(self) -> str:
        return self._declared[0]

    @functools.cached_property
    def _text(self) -> tuple[str, str]:
        """The part in SMT-LIB, every claim and rule behind its literal, and its logic."""
        ints = self.ints
        lines = [self.decls, *self._declared[1]]
        for i, rule in enumerate(self.p.rules):
            lines.append(f"(declare-const r{i} Bool)")
            lines.append(f"(assert (=> r{i} {smtlib.formula(rule, ints)}))")
        for i, claim in enumerate(self.p.claims):
            lines.append(f"(declare-const c{i} Bool)")
            lines.append(f"(assert (=> c{i} {smtlib.formula(claim, ints)}))")
        logic = "QF_LRA" if not ints else "QF_LIA" if len(ints) == len(self.p.quantities) else "QF_LIRA"
        return "\n".join(lines), logic

    @property
    def solver(self) -> z3.Solver:
        """The guarded solver, built on first use: a consistent part never needs it."""
        if self._solver is None:
            text, logic = self._text
            self._solver = z3.SolverFor(logic)
            self._solver.from_string(text)
            self.c = [z3.Bool(f"c{i}") for i in range(len(self.p.claims))]
            self.r = [z3.Bool(f"r{i}") for i in range(len(self.p.rules))]
        return self._solver

    @functools.cached_property
    def _rules_solver(self) -> z3.Solver:
        """A second solver holding the same literals, for the yes/no questions that name a
        conflict's rules ("these claims with all the rules but one"): asked of the part's own
        solver, which has answered MARCO's questions about claims, each took longer, and without
        z3's bound propagation (most of these answers are yes) shorter still. On the corpus of
        long dated series these questions took 46% less time. The answers are the same: the
        solvers hold the same formulas."""
        text, logic = self._text
        solver = z3.SolverFor(logic)
        solver.set("smt.arith.propagation_mode", 0)
        solver.from_string(text)
        return solver

    def _holds_with(self, claims: Sequence[int], rules: Sequence[int]) -> bool:
        """`check` of these claims with these rules, asked of the rules' own solver in a part
        with rules enough to name (HINTED_RULES), else of the part's solver."""
        solver = self.solver  # (which also makes the literals)
        if len(self.r) >= HINTED_RULES:
            solver = self._rules_solver
        return self._ask(solver, [*(self.r[i] for i in rules), *(self.c[i] for i in claims)])

    def check(self, claims: Sequence[int], rules: Sequence[int] | None = None) -> bool:
        """True if these claims (and these rules, default all) can hold together."""
        solver = self.solver
        rule_lits = self.r if rules is None else [self.r[i] for i in rules]
        return self._ask(solver, [*rule_lits, *(self.c[i] for i in claims)])

    def _ask(self, solver: z3.Solver, assumptions: list[z3.BoolRef]) -> bool:
        """One question to one of the part's solvers, under the part's clock, counted."""
        self.deadline.arm(solver)
        self.checks += 1
        return z3glue.run(solver, assumptions)

    def core_claims(self) -> list[int]:
        return self._core(self.c, "c")

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

    def known_consistent(self, claims: Collection[int]) -> bool:
        """Whether these claims lie inside a set already found consistent (no check needed)."""
        chosen = set(claims)
        return any(chosen <= known for known in self.consistent_sets)

    def holds(self, claims: Sequence[int]) -> bool:
        """`check`, answered without z3 where what is known decides it: claims around a conflict
        already found clash (they clash with more beside them), claims inside a set already
        found consistent hold. The answer is the one z3 would give, so a question asked this
        way gives the same result as asking z3 every time, only sooner."""
        chosen = set(claims)
        if any(known <= chosen for known in self.conflict_sets):
            return False
        if self.known_consistent(chosen):
            return True
        return self.check(claims)

    def shrink_rules(self, claims: list[int]) -> list[int]:
        """The rules a conflict needs: a minimal set of rules that, with these claims, still clash.
        With no claims, this is a minimal set of rules that contradict each other.

        When several minimal sets would do (a chain of rules, or one rule that sums it up), the
        one named must not depend on z3's unsat cores, which differ with what the process solved
        before: QuickXplain over the rules in file order (quickxplain.py) uses only yes/no
        answers, so the same file names the same rules on every run and with any --jobs. That
        makes the answer a function of the claims alone, kept for the part: a list whose naming
        ran out of time is named again under a clock of its own (conflicts.py), and what was
        named in time is not named twice."""
        key = frozenset(claims)
        if key not in self._rules_of:
            if self._holds_with(claims, []) is False:
                self._rules_of[key] = []
            else:
                # where the rules lie (with a few rules, QuickXplain's own questions are fewer)
                hint = None if len(self.r) < HINTED_RULES or self.check(claims) else self._core(self.r, "r")
                # (the claims without rules hold, just asked: QuickXplain's first question is answered)
                self._rules_of[key] = quick_explain(lambda rules: not rules or self._holds_with(claims, rules),
                                                    range(len(self.r)), hint,
                                                    lambda members: self._needed(claims, members))
        return list(self._rules_of[key])

    def _needed(self, claims: Sequence[int], members: list[int]) -> list[int]:
        """Of these rules (an unsat core's), those without which these claims and all the other
        rules hold: each is asked of the rules' solver with the rules outside `members` asserted
        once, in a scope of their own, and only the members assumed. Assuming every rule in
        each question (800 at 200 claims per quantity) cost twice as much."""
        solver = self._rules_solver
        inside = set(members)
        solver.push()
        try:
            z3glue.assert_all(solver, [self.r[i] for i in range(len(self.r)) if i not in inside])
            needed = []
            for rule in members:
                if self._ask(solver, [*(self.r[i] for i in members if i != rule), *(self.c[i] for i in claims)]):
                    needed.append(rule)
            return needed
        finally:
            solver.pop()

    def _core(self, literals: Sequence[z3.BoolRef], prefix: str) -> list[int]:
        """The positions of these literals (named prefix + position) in the last unsat core."""
        names = core_names(self.solver)
        return [i for i in range(len(literals)) if f"{prefix}{i}" in names]

    def shrink_in_order(self, claims: list[int]) -> list[int]:
        """A minimal conflict inside these (clashing) claims chosen by their order alone, never by
        an unsat core: the canonical listing of a cut-short conflict list (conflicts.py). (No
        core as a hint here: such a seed often holds several conflicts, so its needed claims seldom
        clash alone, and the hint's questions cost more than they saved.) Every question goes
        through `holds`: a seed drawn up again in file order often holds conflicts the first
        listing found, and on a corpus of long dated series three in four of these questions
        were answered by them or by its consistent sets."""
        return [claims[k] for k in quick_explain(lambda ks: self.holds([claims[k] for k in ks]),
                                                   range(len(claims)))]

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
        terms = " ".join(f"(ite {smtlib.formula(claim, self.ints)} {1 << i} 0)"
                         for i, claim in enumerate(self.p.claims))
        parsed = z3.parse_smt2_string(
            f"{self.decls}(declare-const |holding#| Int)(assert (= |holding#| (+ 0 {terms})))")
        return parsed[0].arg(1)

    def optimise(self, claims: Sequence[int], names: Sequence[str]) -> dict[str, Bound] | None:
        """Exact min and max of each name under all rules and these claims, each end proved by
        satisfiability checks (`exact_bounds`); None if these claims and the rules contradict
        each other. z3's optimiser only proposes there: it has answered wrong and differing
        bounds on whole-number and signed parts."""
        chosen = [*self.p.rules, *(self.p.claims[i] for i in claims)]
        atoms = [a for g in chosen for a in g.atoms]
        either = [e for g in chosen for e in g.either]
        variables = [Variable(q.name, q.integer, q.signed) for q in self.p.quantities]
        self.deadline.start()
        try:
            return exact_box(variables, atoms, names, self.deadline.at(), either)
        except Unproved as exc:
            raise GaveUp(f"{exc.reason} (limit {self.p.options.timeout:g} s)") from None
