"""Repairs: the minimum-weight sets of claims whose removal makes an inconsistent part consistent.

Dropping a set of claims leaves the part consistent exactly when the set takes at least one
claim out of every minimal conflict (what is left then holds no conflict, and a consistent rest
holds none). So the repairs are the minimum-weight hitting sets of all the part's minimal
conflicts, and with positive weights each is minimal. They are listed in file order (all have the
same, least, weight), up to `max_repairs`.

The conflict list may be cut short (`--max-conflicts`), so the search is an implicit hitting-set
loop: take the least-weight hitting set of the conflicts known so far (the first in file order);
if the rest of the part is consistent (a z3 check, or a set MARCO already proved consistent),
it is a repair; if not, the rest holds conflicts no known one covers, and a few disjoint ones are
shrunk from it and added before the next round. The known conflicts' least hitting weight is a
lower bound on every repair's weight (each repair hits them too), and every repair listed has
that weight and a consistent rest: exact and proved. Nothing is assumed of the listed conflicts
being all of them.

The hitting sets themselves come from an exact branch-and-bound in whole numbers (weights scaled
by a common denominator) when the conflicts are few; beyond its node budget, from z3 over
Booleans: its optimiser proposes the least weight, an unsatisfiability check proves that nothing
lighter exists, and the set first in file order is fixed claim by claim with satisfiability
checks. Either way the answer depends on the conflicts only, never on the order z3 found them in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

import z3

from numcheck.engine import z3glue
from numcheck.engine.component import PartSolver
from numcheck.engine.problem import ComponentAnswer, FoundRepair, GaveUp
from numcheck.engine.z3glue import Deadline

__all__ = ["NODE_BUDGET", "find_repairs", "hitting_sets"]

NODE_BUDGET = 50_000  # branch-and-bound nodes before the search moves to z3
MAX_DOMAIN = 400  # claims in some conflict beyond which the branch-and-bound is not tried
CORES_PER_ROUND = 8  # disjoint conflicts shrunk from one rejected rest


class _TooBig(Exception):
    """The branch-and-bound ran past its node budget: the z3 search takes over."""


def find_repairs(comp: PartSolver, answer: ComponentAnswer) -> None:
    """Fill `answer.repairs` for an inconsistent part whose conflicts are listed. A time-out
    keeps the repairs proved so far and marks the list cut short; it never touches the verdict."""
    if answer.verdict != "inconsistent" or not answer.conflicts:
        return
    try:
        _search(comp, answer)
    except GaveUp as exc:
        answer.repairs_complete = False
        answer.repairs_reason = exc.reason


def _search(comp: PartSolver, answer: ComponentAnswer) -> None:
    p = comp.p
    scale = math.lcm(*(p.weight(i).denominator for i in range(len(p.claims))))
    whole = [int(p.weight(i) * scale) for i in range(len(p.claims))]
    known = [frozenset(c.claims) for c in answer.conflicts]
    found: list[tuple[int, ...]] = []
    while True:
        for weight, candidate in hitting_sets(known, whole, set(found), comp.deadline):
            if candidate in found:
                continue
            rest = [i for i in range(len(p.claims)) if i not in candidate]
            if comp.known_consistent(rest) or comp.check(rest):
                if len(found) == p.options.max_repairs:
                    answer.repairs_complete = False  # one more exists, proved like the others
                    return
                found.append(candidate)
                answer.repairs.append(FoundRepair(candidate, Fraction(weight, scale)))
                continue
            known.extend(_new_conflicts(comp, rest))
            break  # the known conflicts grew: a new round, from the first set in file order
        else:
            return


def _new_conflicts(comp: PartSolver, rest: list[int]) -> list[frozenset[int]]:
    """Disjoint minimal conflicts inside `rest`, which was just found inconsistent (so its
    unsat core is ready): each round of the loop then learns several at once."""
    out: list[frozenset[int]] = []
    current = rest
    while len(out) < CORES_PER_ROUND:
        mus = comp.shrink(current, core_ready=True)
        out.append(frozenset(mus))
        current = [i for i in current if i not in out[-1]]
        if comp.known_consistent(current) or comp.check(current):
            break
    return out


def hitting_sets(conflicts: Sequence[frozenset[int]], weights: Sequence[int], skip: set[tuple[int, ...]],
                 deadline: Deadline) -> Iterator[tuple[int, tuple[int, ...]]]:
    """Every least-weight hitting set of the conflicts, as (weight, sorted claims), in file order
    (by the sorted tuples); the sets in `skip` may be left out. Weights are whole numbers."""
    domain = sorted(set().union(*conflicts))
    if len(domain) <= MAX_DOMAIN:
        exact = _BranchAndBound(conflicts, weights, domain, deadline)
        try:
            least = exact.minimum()
            for chosen in exact.sets(least):
                if chosen not in skip:
                    yield least, chosen
            return
        except _TooBig:
            pass
    yield from _z3_sets(conflicts, weights, domain, skip, deadline)


class _BranchAndBound:
    """Exact search over the claims of the conflicts in file order, each taken (first) or left.

    Taking a claim that hits no conflict still open is never tried (the set would not be least),
    leaving one is not tried when a conflict would then be missed for good, and a branch is cut
    when its weight plus a lower bound of what the open conflicts still need (a greedy packing of
    disjoint ones, each costing at least its lightest claim) is past the bound."""

    def __init__(self, conflicts: Sequence[frozenset[int]], weights: Sequence[int], domain: Sequence[int],
                 deadline: Deadline) -> None:
        self.domain = list(domain)
        position = {c: k for k, c in enumerate(self.domain)}
        self.conflicts = sorted({tuple(sorted(c, key=position.__getitem__)) for c in conflicts}, key=len)
        self.weights = weights
        self.member = {c: [k for k, conflict in enumerate(self.conflicts) if c in conflict] for c in self.domain}
        self.last = [max(position[c] for c in conflict) for conflict in self.conflicts]
        self.position = position
        self.deadline = deadline
        self.nodes = 0

    def minimum(self) -> int:
        best = [sum(self.weights[c] for c in self.domain) + 1]

        def improve(_chosen: tuple[int, ...], weight: int) -> bool:
            best[0] = weight  # below the best so far: the walk cut everything else
            return True

        for _ in self._walk(0, [], 0, [0] * len(self.conflicts), len(self.conflicts), best, improve, strict=True):
            pass
        return best[0]

    def sets(self, least: int) -> Iterator[tuple[int, ...]]:
        """The hitting sets of weight `least` (the minimum), in file order: taking a claim is
        tried before leaving it, so a set whose first claims come earlier comes first."""
        yield from self._walk(0, [], 0, [0] * len(self.conflicts), len(self.conflicts), [least],
                              lambda _c, weight: weight == least, strict=False)

    def _walk(self, at: int, chosen: list[int], weight: int, hits: list[int], open_: int, bound: list[int],
              found: Callable[[tuple[int, ...], int], bool], *, strict: bool) -> Iterator[tuple[int, ...]]:
        self.nodes += 1
        if self.nodes > NODE_BUDGET:
            raise _TooBig
        if self.nodes % 2048 == 0 and self.deadline.passed():
            raise GaveUp(f"timed out after {self.deadline.seconds:g} s while listing repairs")
        if weight > bound[0] or (strict and weight >= bound[0]):
            return
        if open_ == 0:
            if found(tuple(chosen), weight):
                yield tuple(chosen)  # in file order already: the claims are decided in that order
            return
        need = self._lower(at, hits)
        if weight + need > bound[0] or (strict and weight + need >= bound[0]):
            return
        claim = self.domain[at]
        members = self.member[claim]
        if any(hits[k] == 0 for k in members):
            newly = sum(1 for k in members if hits[k] == 0)
            for k in members:
                hits[k] += 1
            chosen.append(claim)
            yield from self._walk(at + 1, chosen, weight + self.weights[claim], hits, open_ - newly, bound, found,
                                  strict=strict)
            chosen.pop()
            for k in members:
                hits[k] -= 1
        if not any(hits[k] == 0 and self.last[k] == at for k in members):
            yield from self._walk(at + 1, chosen, weight, hits, open_, bound, found, strict=strict)

    def _lower(self, at: int, hits: list[int]) -> int:
        """What the open conflicts still cost at least: disjoint ones (in their claims not yet
        decided), each at its lightest such claim."""
        used: set[int] = set()
        total = 0
        for k, conflict in enumerate(self.conflicts):
            if hits[k]:
                continue
            free = [c for c in conflict if self.position[c] >= at]
            if not used.isdisjoint(free):
                continue
            used.update(free)
            total += min(self.weights[c] for c in free)
        return total


def _z3_sets(conflicts: Sequence[frozenset[int]], weights: Sequence[int], domain: Sequence[int],
             skip: set[tuple[int, ...]], deadline: Deadline) -> Iterator[tuple[int, tuple[int, ...]]]:
    """The same sets from z3 (see the module's docstring): the least weight proposed by the
    optimiser and proved by an unsatisfiable check, then each set fixed claim by claim."""
    take = {c: z3.Bool(f"take{c}") for c in domain}
    clauses = [z3.Or([take[c] for c in sorted(conflict)]) for conflict in conflicts]
    terms = [(take[c], weights[c]) for c in domain]
    least = _least_weight(clauses, terms, take, weights, deadline)
    solver = z3.Solver()
    solver.add(*clauses, z3.PbLe(terms, least))
    for chosen in skip:
        solver.add(z3.Or([z3.Not(take[c]) for c in chosen]))
    while True:
        deadline.arm(solver)
        if not z3glue.run(solver):
            return
        fixed: list[z3.BoolRef] = []
        picked: list[int] = []
        for c in domain:
            deadline.arm(solver)
            if z3glue.run(solver, [*fixed, take[c]]):
                fixed.append(take[c])
                picked.append(c)
            else:
                fixed.append(z3.Not(take[c]))
        chosen = tuple(picked)
        yield least, chosen
        solver.add(z3.Or([z3.Not(take[c]) for c in chosen]))


def _least_weight(clauses: Sequence[z3.BoolRef], terms: Sequence[tuple[z3.BoolRef, int]],
                  take: dict[int, z3.BoolRef], weights: Sequence[int], deadline: Deadline) -> int:
    """The least weight of a hitting set: proposed by z3's optimiser, then proved (no set of
    less weight; the weight of a set z3 shows, counted here) by plain satisfiability checks."""
    opt = z3.Optimize()
    opt.add(*clauses)
    opt.minimize(z3.Sum([z3.If(t, w, 0) for t, w in terms]))
    deadline.arm(opt)
    if not z3glue.run(opt):  # pragma: no cover - every claim of every conflict is a hitting set
        raise GaveUp("z3 found no hitting set of the conflicts")
    proposal = _weight_of(opt.model(), take, weights)
    proof = z3.Solver()
    proof.add(*clauses)
    while True:
        deadline.arm(proof)
        proof.push()
        try:
            proof.add(z3.PbLe(list(terms), proposal - 1))
            if not z3glue.run(proof):
                return proposal
            proposal = _weight_of(proof.model(), take, weights)  # the proposal was wrong: a lighter set
        finally:
            proof.pop()


def _weight_of(model: z3.ModelRef, take: dict[int, z3.BoolRef], weights: Sequence[int]) -> int:
    return sum(weights[c] for c, t in take.items() if z3.is_true(model.eval(t, model_completion=True)))
