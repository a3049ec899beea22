"""Every minimal conflict of an inconsistent part (MARCO), each checked minimal by deletion;
a list cut short is drawn up again in file order, so that it does not depend on z3's history."""

from __future__ import annotations

from collections.abc import Sequence

import z3

from numcheck.engine import z3glue
from numcheck.engine.component import PartSolver
from numcheck.engine.problem import ComponentAnswer, FoundConflict, GaveUp
from numcheck.engine.z3glue import Deadline

__all__ = ["marco"]


def marco(comp: PartSolver, answer: ComponentAnswer) -> None:
    """Enumerate minimal conflicting claim sets (MARCO): seeds from a map solver over the claim
    literals; an unsatisfiable seed shrinks to a minimal conflict and blocks its supersets, a
    satisfiable one grows to a maximal consistent set and blocks its subsets.

    The conflicts are listed smallest first, then in file order, however the enumeration ends:
    the order z3 happens to find them in depends on its internal state, which differs from one
    process to another, and a report must not depend on --jobs."""
    try:
        try:
            _enumerate(comp, answer)
            if answer.complete:
                _name_rules(comp, answer)
            elif not _list_in_order(comp, answer):
                _name_rules_in_time(comp, answer)  # the first list stands, and the part's clock ran out
        except GaveUp:
            _name_rules_in_time(comp, answer)
            raise
    finally:
        answer.conflicts.sort(key=lambda c: (len(c.claims), c.claims))


def _name_rules(comp: PartSolver, answer: ComponentAnswer) -> None:
    """The rules of each conflict of the first list, named once it stands. (Named as each was
    found, they were mostly named for nothing in a list cut short, which is drawn up again in
    file order: on the corpus of 200 claims per quantity, 6 of the 726 conflicts named first
    were listed in the end.)"""
    answer.conflicts[:] = [_named(comp, c.claims) for c in answer.conflicts]


def _name_rules_in_time(comp: PartSolver, answer: ComponentAnswer) -> None:
    """After the part's clock ran out: the rules of the conflicts found in time, named under a
    clock of their own (as the repairs have one), so that those conflicts are listed as they
    were when their rules were named as each was found. Any still unnamed when that clock runs
    out too are left out of the list, which is marked cut short."""
    part_clock = comp.deadline
    comp.deadline = Deadline(comp.p.options.timeout)
    named: list[FoundConflict] = []
    try:
        for c in answer.conflicts:
            named.append(_named(comp, c.claims))
    except GaveUp:
        answer.complete = False
    finally:
        comp.deadline = part_clock
        answer.conflicts[:] = named


def _named(comp: PartSolver, claims: Sequence[int]) -> FoundConflict:
    """A minimal conflict with the rules it needs."""
    return FoundConflict(tuple(sorted(claims)), tuple(sorted(comp.shrink_rules(list(claims)))))


def _list_in_order(comp: PartSolver, answer: ComponentAnswer) -> bool:
    """A list cut short at --max-conflicts holds whichever conflicts were found first, and with
    seeds from z3's models and shrinks from its unsat cores that depends on what the process
    solved before. So a cut-short list is drawn up again from yes/no answers alone: each seed the
    first unexplored set in file order (already maximal when consistent), an inconsistent one
    shrunk in file order (QuickXplain). It costs a map check per claim per seed, and only parts
    with more conflicts than listed pay it; if it runs out of time, the first list stands
    (False: its rules are still to name)."""
    try:
        listed = _enumerate_in_order(comp, comp.p.options.max_conflicts)
    except GaveUp:
        return False
    answer.conflicts[:] = listed
    return True


def _enumerate_in_order(comp: PartSolver, limit: int) -> list[FoundConflict]:
    unexplored = _MapSolver(comp)
    found: list[FoundConflict] = []
    while len(found) < limit:
        seed = unexplored.first_seed()
        if seed is None:
            break
        if comp.holds(seed):
            # Already maximal: the seed satisfies every "not inside a consistent set" clause, so
            # the seed plus any claim left out of it breaks a "not around a conflict" clause,
            # that is, holds a conflict found already.
            unexplored.block_subsets_of(set(seed))
            comp.consistent_sets.append(set(seed))
            continue
        mus = comp.shrink_in_order(seed)
        comp.conflict_sets.append(frozenset(mus))
        found.append(_named(comp, mus))
        unexplored.block_supersets_of(mus)
    return found


class _MapSolver:
    """Which claim sets are still unexplored: pure propositional logic over literals m<i>.

    z3's finite-domain solver is the quick one for that, and clauses go in as text (building
    them through the Python API cost more). It shares the part's deadline."""

    def __init__(self, comp: PartSolver) -> None:
        self.n = len(comp.p.claims)
        self.deadline = comp.deadline
        self.seen = z3.SolverFor("QF_FD")
        declared = "".join(f"(declare-const m{i} Bool)" for i in range(self.n))
        self.seen.from_string(declared)
        self.literals = [z3.Bool(f"m{i}", self.seen.ctx) for i in range(self.n)]
        self._decls = [literal.decl().as_ast() for literal in self.literals]
        # one integer term adding 2^i for each literal switched on: a model is read in one
        # evaluation (its SMT-LIB text, at 100 claims, took a millisecond to write)
        terms = " ".join(f"(ite m{i} {1 << i} 0)" for i in range(self.n))
        self._on = z3.parse_smt2_string(f"{declared}(declare-const |on#| Int)(assert (= |on#| (+ 0 0 {terms})))",
                                        ctx=self.seen.ctx)[0].arg(1)

    def block(self, literals: Sequence[str]) -> None:
        self.seen.from_string(f"(assert (or false {' '.join(literals)}))")

    def block_subsets_of(self, grown: set[int]) -> None:
        self.block([f"m{i}" for i in range(self.n) if i not in grown])

    def block_supersets_of(self, mus: Sequence[int]) -> None:
        self.block([f"(not m{i})" for i in mus])

    def first_seed(self) -> list[int] | None:
        """The unexplored set that is first in file order (claims taken greedily, each kept if
        some unexplored set holds it with those before), or None when none is left. Every answer
        is a yes or no, so the seed does not depend on the map solver's models."""
        self.deadline.arm(self.seen)
        if not z3glue.run(self.seen):
            return None
        witness = self._switched_on()  # a model of the unexplored sets: those it holds need no check
        chosen: list[z3.BoolRef] = []
        taken: list[int] = []
        for i, literal in enumerate(self.literals):
            if i not in witness:
                self.deadline.arm(self.seen)
                if not z3glue.run(self.seen, [*chosen, literal]):
                    continue
                witness = self._switched_on()
            chosen.append(literal)
            taken.append(i)
        return taken

    def next_seed(self, *, listing: bool) -> list[int] | None:
        """An unexplored claim set, or None when none is left. `listing`: a time-out here says
        that the conflict list was being drawn up."""
        self.deadline.arm(self.seen)
        if not listing:
            return self._seed() if z3glue.run(self.seen) else None
        try:
            found = z3glue.run(self.seen)
        except GaveUp:
            raise GaveUp("timed out while listing conflicts") from None
        return self._seed() if found else None

    def _switched_on(self) -> set[int]:
        """The claims the map solver's last model switches on. In `first_seed`, that model holds
        every claim taken so far, so it proves that each claim it also switches on can be taken too:
        the seed is still the one the yes/no answers give, with far fewer checks (one per claim cost
        a fifth of a check on long dated series)."""
        mask = self._mask(self.seen.model())
        return {i for i in range(self.n) if mask >> i & 1}

    def _seed(self) -> list[int]:
        """The claims the map solver's model does not switch off: a literal the model leaves out
        (no clause holds it yet) counts as on, so the seed is as large as the model allows."""
        model = self.seen.model()
        ctx, has = model.ctx.ref(), z3.Z3_model_has_interp
        given = [has(ctx, model.model, decl) for decl in self._decls]  # before the evaluation completes the model
        mask = self._mask(model)
        return [i for i in range(self.n) if not given[i] or mask >> i & 1]

    def _mask(self, model: z3.ModelRef) -> int:
        """The on-term's value in this model, literals the model leaves out read as off (model
        completion, which adds them to the model)."""
        ctx = model.ctx.ref()
        cell = (z3.Ast * 1)()
        if not z3.Z3_model_eval(ctx, model.model, self._on.as_ast(), True, cell):  # pragma: no cover
            raise GaveUp("z3 could not evaluate the map solver's model")
        z3.Z3_inc_ref(ctx, cell[0])
        try:
            return int(z3.Z3_get_numeral_string(ctx, cell[0]))
        finally:
            z3.Z3_dec_ref(ctx, cell[0])


def _enumerate(comp: PartSolver, answer: ComponentAnswer) -> None:
    unexplored = _MapSolver(comp)
    n = unexplored.n
    while True:
        if len(answer.conflicts) >= comp.p.options.max_conflicts:
            seed = unexplored.next_seed(listing=False)
            if seed is None:
                return
            if not comp.check(seed):
                answer.complete = False
                return
            # more satisfiable regions only; keep exploring until no conflict is left
            unexplored.block_subsets_of(_grow(comp, seed, answer.conflicts))
            continue
        seed = unexplored.next_seed(listing=True)
        if seed is None:
            return
        if comp.check(seed):
            grown = _grow(comp, seed, answer.conflicts)
            if len(grown) == n:
                return
            comp.consistent_sets.append(grown)
            unexplored.block_subsets_of(grown)
        else:
            mus = comp.shrink(seed, core_ready=True)
            comp.conflict_sets.append(frozenset(mus))
            answer.conflicts.append(FoundConflict(tuple(sorted(mus)), ()))  # its rules: once the list stands
            unexplored.block_supersets_of(mus)


def _grow(comp: PartSolver, seed: list[int], known: Sequence[FoundConflict]) -> set[int]:
    """Grow a consistent seed to a maximal consistent set; a model's satisfied claims come free,
    and a claim that would complete a conflict already found is left out without asking: claims
    that clash still clash with more beside them. (On the benchmark's planted contradictions,
    nine in ten of the questions growing a set were of that kind.)"""
    current = set(seed) | comp.satisfied_claims()
    clashes_with: dict[int, list[tuple[int, ...]]] = {}  # claim → the conflicts it is in
    for conflict in known:
        for i in conflict.claims:
            clashes_with.setdefault(i, []).append(conflict.claims)
    for i in range(len(comp.p.claims)):
        if i in current or any(all(j == i or j in current for j in clash) for clash in clashes_with.get(i, ())):
            continue
        if comp.check(sorted(current | {i})):
            current |= comp.satisfied_claims()
            current.add(i)
    return current
