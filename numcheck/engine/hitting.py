"""Least-weight hitting sets of a family of conflicts, in file order, exact.

Given sets of claims (the conflicts known) and a whole-number weight per claim, `hitting_sets`
yields every set that takes at least one claim out of each conflict at the least total weight,
first in file order first (by their sorted tuples). Two searches, one answer:

- a branch-and-bound in Python, exact in whole numbers. The least weight is found by branching
  on the open conflict with the fewest claims left (take one of its claims, or leave it for
  good), cut by a lower bound that no hitting set can undercut: a packing of the open conflicts
  (each takes the least weight left on its claims and leaves that much less on each; claims
  left for good do not count). Then the sets of that weight are listed in file order by a
  second walk that decides the claims one by one in file order, taking before leaving.
- z3 over Booleans, past the branch-and-bound's node budget: its optimiser proposes the least
  weight, an unsatisfiable check proves that nothing lighter exists (the weight of the sets z3
  shows is counted here), and each set first in file order is fixed claim by claim with
  satisfiability checks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import z3

from numcheck.engine import z3glue
from numcheck.engine.problem import GaveUp
from numcheck.engine.z3glue import Deadline

__all__ = ["MAX_DOMAIN", "NODE_BUDGET", "hitting_sets"]

NODE_BUDGET = 60_000  # branch-and-bound nodes (a few seconds) before the search moves to z3
MAX_DOMAIN = 400  # claims in some conflict beyond which only z3 is tried (the walks recurse per claim)
_NONE = 1 << 62  # the lower bound of a branch where some conflict can no longer be hit


class _TooBig(Exception):
    """The branch-and-bound ran past its node budget: the z3 search takes over."""


def hitting_sets(conflicts: Sequence[frozenset[int]], weights: Sequence[int], skip: set[tuple[int, ...]],
                 deadline: Deadline, branch_and_bound: bool = True,
                 routes: set[str] | None = None) -> Iterator[tuple[int, tuple[int, ...]]]:
    """Every least-weight hitting set of the conflicts, as (weight, sorted claims), in file order;
    the sets in `skip` may be left out. `weights` holds a whole number per claim. Without
    `branch_and_bound` (`SolveOptions.branch_and_bound`), z3 alone searches. The search that
    answered ("branch-and-bound" or "z3") is added to `routes`, so that a test can see the fast
    one taken."""
    domain = sorted(set().union(*conflicts))
    if branch_and_bound and len(domain) <= MAX_DOMAIN:
        search = _BranchAndBound(conflicts, weights, domain, deadline)
        try:
            least = search.minimum()
            if routes is not None:
                routes.add("branch-and-bound")
            for chosen in search.sets(least):
                if chosen not in skip:
                    yield least, chosen
            return
        except _TooBig:
            pass
    if routes is not None:
        routes.add("z3")
    yield from _z3_sets(conflicts, weights, domain, skip, deadline)


class _BranchAndBound:
    """The exact search (see the module's docstring), over the claims' positions in `domain`."""

    def __init__(self, conflicts: Sequence[frozenset[int]], weights: Sequence[int], domain: Sequence[int],
                 deadline: Deadline) -> None:
        self.domain = list(domain)
        position = {c: k for k, c in enumerate(self.domain)}
        self.conflicts = sorted({tuple(sorted(position[c] for c in conflict)) for conflict in conflicts})
        self.weights = [weights[c] for c in self.domain]
        self.member: list[list[int]] = [[] for _ in self.domain]
        for k, conflict in enumerate(self.conflicts):
            for e in conflict:
                self.member[e].append(k)
        shared = [len(ks) for ks in self.member]
        order = sorted(range(len(self.conflicts)),
                       key=lambda k: (min(shared[e] for e in self.conflicts[k]), len(self.conflicts[k]), k))
        self.ordered = [(k, self.conflicts[k]) for k in order]  # the packing's order: least-shared claims first
        self.hits = [0] * len(self.conflicts)
        self.out = [False] * len(self.domain)  # left out for good on this branch
        self.free = [len(c) for c in self.conflicts]  # per conflict, its claims not left out
        self.deadline = deadline
        self.nodes = 0
        self.best = 0

    def _tick(self) -> None:
        self.nodes += 1
        if self.nodes > NODE_BUDGET:
            raise _TooBig
        if self.nodes % 1024 == 0 and self.deadline.passed():
            raise GaveUp(f"timed out after {self.deadline.seconds:g} s while listing repairs")

    def _lower(self, enough: int) -> int:
        """What the open conflicts still cost at least (the packing), or a number no less than
        `enough` as soon as it is that much; _NONE if an open conflict cannot be hit."""
        left = self.weights[:]
        hits, out = self.hits, self.out
        total = 0
        for k, conflict in self.ordered:
            if hits[k]:
                continue
            take = _NONE
            for e in conflict:
                if not out[e] and left[e] < take:
                    take = left[e]
            if take == _NONE:
                return _NONE
            if take:
                total += take
                if total >= enough:
                    return total
                for e in conflict:
                    if not out[e]:
                        left[e] -= take
        return total

    def _take(self, e: int, step: int) -> None:
        for k in self.member[e]:
            self.hits[k] += step

    def _leave(self, e: int, out: bool) -> None:
        self.out[e] = out
        step = -1 if out else 1
        for k in self.member[e]:
            self.free[k] += step

    # -- the least weight

    def minimum(self) -> int:
        self.best = self._greedy()
        self._least(0)
        return self.best

    def _greedy(self) -> int:
        """A hitting set's weight, to start from: claims taken by weight per conflict they hit."""
        open_ = set(range(len(self.conflicts)))
        weight = 0
        while open_:
            newly = [sum(1 for k in ks if k in open_) for ks in self.member]
            e = min((e for e in range(len(self.domain)) if newly[e]), key=lambda e: (self.weights[e] / newly[e], e))
            weight += self.weights[e]
            open_.difference_update(self.member[e])
        return weight

    def _least(self, weight: int) -> None:
        """Lower `self.best` to the least weight below it that this branch can reach."""
        self._tick()
        hits, free = self.hits, self.free
        fewest, pick = min(((free[k], k) for k in range(len(hits)) if not hits[k]), default=(_NONE, -1))
        if pick < 0:
            self.best = min(self.best, weight)
            return
        if fewest == 0 or weight + self._lower(self.best - weight) >= self.best:
            return
        left_out = []
        for e in sorted((e for e in self.conflicts[pick] if not self.out[e]), key=lambda e: (self.weights[e], e)):
            self._take(e, 1)
            self._least(weight + self.weights[e])
            self._take(e, -1)
            self._leave(e, True)  # the branches after this one leave it out
            left_out.append(e)
        for e in left_out:
            self._leave(e, False)

    # -- the sets of that weight, in file order

    def sets(self, least: int) -> Iterator[tuple[int, ...]]:
        """The hitting sets of weight `least` (the minimum), in file order, as claims."""
        self.hits = [0] * len(self.conflicts)
        self.out = [False] * len(self.domain)
        self.free = [len(c) for c in self.conflicts]
        for chosen in self._walk(0, [], 0, least):
            yield tuple(self.domain[e] for e in chosen)

    def _walk(self, at: int, chosen: list[int], weight: int, least: int) -> Iterator[tuple[int, ...]]:
        self._tick()
        if weight > least:
            return
        if 0 not in self.hits:
            if weight == least:
                yield tuple(chosen)
            return
        if weight + self._lower(least - weight + 1) > least:
            return
        members = self.member[at]
        if any(not self.hits[k] for k in members):  # taking a claim that hits nothing open is never least
            self._take(at, 1)
            chosen.append(at)
            yield from self._walk(at + 1, chosen, weight + self.weights[at], least)
            chosen.pop()
            self._take(at, -1)
        self._leave(at, True)
        yield from self._walk(at + 1, chosen, weight, least)
        self._leave(at, False)


def _z3_sets(conflicts: Sequence[frozenset[int]], weights: Sequence[int], domain: Sequence[int],
             skip: set[tuple[int, ...]], deadline: Deadline) -> Iterator[tuple[int, tuple[int, ...]]]:
    """The same sets from z3 (see the module's docstring)."""
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
        yield least, tuple(picked)
        solver.add(z3.Or([z3.Not(take[c]) for c in picked]))


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
