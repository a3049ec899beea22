"""Boxes (min and max of some quantities) an LP proposes and exact arithmetic proves.

Many tasks share one LP (see `lp.Session`), so a bound costs a share of one HiGHS solve and
an exact check of its basis (FLINT), not a z3 optimiser call. A box this route cannot prove is
left undone, for its part's own optimiser: the LP only ever proposes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

import z3

from numcheck.engine import lp, smtlib
from numcheck.engine.batch import BatchSolver, Block
from numcheck.engine.certify import ExactRows, Request
from numcheck.engine.component import PartSolver
from numcheck.engine.problem import (
    AllowedKey,
    Bound,
    BoxRoute,
    CertificateSolve,
    ComponentAnswer,
    ComponentProblem,
    GaveUp,
    RepairKey,
)
from numcheck.model import Atom

__all__ = ["BOX_BATCH", "BoxDraft", "BoxTask", "exact_boxes", "free_to_grow", "grow_together", "lp_ready",
           "prove_boxes"]

BOX_BATCH = 150  # tasks per LP: one LP over more solves no faster per task


@dataclass
class BoxTask:
    """One exact box a part still needs: its ranges (key None), what the others of a conflict
    allow for one claim (key: that conflict and claim), or what the claims a repair leaves imply
    (key: that repair)."""

    comp: PartSolver
    answer: ComponentAnswer
    claims: tuple[int, ...]
    names: tuple[str, ...]
    key: AllowedKey | RepairKey | None
    done: bool = False
    result: dict[str, Bound] | None = None
    satisfiable: bool = False  # proved so by the LP route's exact vertices (see ExactRows.consistent)
    route: BoxRoute = "z3-proof"  # how `result` was found: "lp-certificate" once `prove_boxes` proves it
    solve: CertificateSolve | None = None  # for an LP certificate, which exact solves proved its bases
    infeasible: bool = False  # its LP found no feasible point: some task of that LP, maybe not this one, clashes


@dataclass
class BoxDraft:
    """One quantity's box while it is being proved. An end is None until proved (or unbounded);
    `lo_open`/`hi_open` is None while a strict claim tight by chance leaves it unsure."""

    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open: bool | None = False
    hi_open: bool | None = True

    def prove(self, sense: str, value: Fraction, is_open: bool | None) -> None:
        if sense == "min":
            self.lo, self.lo_open = value, is_open
        else:
            self.hi, self.hi_open = value, is_open

    def settle(self, sense: str, is_open: bool) -> None:
        if sense == "min":
            self.lo_open = is_open
        else:
            self.hi_open = is_open


def free_to_grow(names: Sequence[str], rows: Sequence[Atom]) -> set[str]:
    """Of these quantities, those no constraint holds down: none has a positive coefficient on it
    (as `expr <= 0`) and no equation names it. Each is unbounded above by inspection, exactly:
    from any point, increasing it alone only lowers every constraint's left side."""
    free = set(names)
    for atom in rows:
        for name, coef in atom.expr.terms:
            if coef > 0 or atom.op == "==":
                free.discard(name)
    return free


def grow_together(names: set[str], rows: Sequence[Atom]) -> bool:
    """Whether these quantities grow without limit together: the direction that is 1 on each of
    them and 0 elsewhere lies in the recession cone (no row's linear part is positive along it, no
    equation's is non-zero), so from any point of the (consistent) claims they all rise at once,
    strict rows staying strict. Exact and linear in the rows; on a dated series, the quantities
    after the last upper bound. When it fails, z3 looks for a direction (`_prove_unbounded`)."""
    for atom in rows:
        slope = sum((coef for name, coef in atom.expr.terms if name in names), Fraction(0))
        if slope > 0 or (atom.op == "==" and slope != 0):
            return False
    return True


def lp_ready(p: ComponentProblem, claims: Sequence[int]) -> bool:
    """Whether the LP route can take these claims of a part: real, non-negative quantities, no
    `!=` and no disjunction."""
    if any(q.integer or q.signed for q in p.quantities):
        return False
    if not all(g.convex for g in (*p.rules, *(p.claims[i] for i in claims))):
        return False
    return not any(a.op == "!=" for g in (*p.rules, *(p.claims[i] for i in claims)) for a in g.atoms)


def exact_boxes(tasks: Sequence[BoxTask]) -> None:
    """Exact boxes for every task the LP route can take (proved as `prove_boxes` says), when
    the part's options allow that route; the rest are left undone, for their parts' own optimisers."""
    boxes, shared = _shared(tasks)
    _prove_all(boxes)
    for box, members in shared:
        if box.done and box.result is not None:
            for task in members:
                task.result = {n: box.result[n] for n in task.names}
                task.done, task.solve, task.satisfiable = True, box.solve, box.satisfiable
                task.route = "lp-certificate-shared" if box.route == "lp-certificate" else box.route


def _shared(tasks: Sequence[BoxTask]) -> tuple[list[BoxTask], list[tuple[BoxTask, list[BoxTask]]]]:
    """The tasks to prove: those of one part over the same claims (what the others allow, for
    each claim that clashes with one outlier; the rest a repair leaves) as one task over all
    their quantities, whose bounds are each the same, so that the part's rules go into the LP
    once for them all (on a corpus of long dated series, 1,609 boxes were 863 LP problems). The
    part's own ranges stay a task of their own: they also say how their bases were solved."""
    out: list[BoxTask] = []
    same: dict[tuple[int, tuple[int, ...]], list[BoxTask]] = {}
    for task in tasks:
        if task.key is None or not task.comp.p.options.shared_boxes:
            out.append(task)
        else:
            same.setdefault((id(task.comp), task.claims), []).append(task)
    shared = []
    for members in same.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        first = members[0]
        box = BoxTask(first.comp, first.answer, first.claims, tuple(dict.fromkeys(n for t in members for n in t.names)),
                      first.key)
        out.append(box)
        shared.append((box, members))
    return out, shared


def _prove_all(tasks: Sequence[BoxTask]) -> None:
    groups: dict[int, list[BoxTask]] = {}
    for task in tasks:
        if task.names and task.comp.p.options.lp_ranges and lp_ready(task.comp.p, task.claims):
            groups.setdefault(len(task.names).bit_length(), []).append(task)
    for group in groups.values():
        for start in range(0, len(group), BOX_BATCH):
            batch = group[start:start + BOX_BATCH]
            try:
                prove_boxes(batch)
            except GaveUp:
                pass  # the tasks left undone go to their parts' own optimisers
            except z3.Z3Exception:  # pragma: no cover
                pass
            finally:
                for task in batch:
                    task.comp.deadline.pause()


class _Slot(NamedTuple):
    """Which end of which quantity (by position in its task): the unsure ends of one slot are
    settled in one z3 call for the whole batch."""

    sense: str
    position: int


@dataclass(frozen=True)
class _UnsureEnd:
    task: int
    name: str
    value: Fraction


@dataclass
class _Proof:
    """The LP route's state over a batch of tasks: one LP, each task's constraints in exact
    rationals, the boxes drawn so far, and which tasks failed (they go to the optimiser)."""

    tasks: Sequence[BoxTask]
    rows: list[tuple[Atom, ...]]
    session: lp.Session
    exact: list[ExactRows]
    drafts: list[dict[str, BoxDraft]]
    failed: list[bool]
    deadline: float  # time.monotonic() when the first of the tasks' parts runs out of time
    unsure: dict[_Slot, list[_UnsureEnd]] = field(default_factory=dict)


def prove_boxes(tasks: Sequence[BoxTask]) -> None:
    """Proposals from the LP, each proved exactly or dropped (the task then goes to its
    part's optimiser):

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
    2. each quantity the LP found unbounded above: no constraint holds it down (`free_to_grow`),
       all of them grow together along the direction that raises each by one (`grow_together`),
       or z3 finds a direction of the recession cone along which it grows (one check for the
       whole batch).
    """
    rows = [tuple(a for g in (*task.comp.p.rules, *(task.comp.p.claims[i] for i in task.claims)) for a in g.atoms)
            for task in tasks]
    variables = [tuple(q.name for q in task.comp.p.quantities) for task in tasks]
    for task in tasks:
        task.comp.deadline.start()  # the LP's time counts against each part's own limit
    deadline = min(task.comp.deadline.at() for task in tasks)
    timeout = max(0.001, deadline - time.monotonic())
    session = lp.Session([lp.LpProblem(v, r, task.names) for v, r, task in zip(variables, rows, tasks)], timeout)
    if not session.ok:
        return
    proof = _Proof(tasks, rows, session, [ExactRows(v, r) for v, r in zip(variables, rows)],
                   [{n: BoxDraft() for n in task.names} for task in tasks], [False] * len(tasks), deadline)
    if not _propose(proof):
        for task in tasks:
            task.infeasible = session.infeasible
        return
    batch = BatchSolver("", timeout)
    _settle_unsure(proof, batch)
    _prove_unbounded(proof, batch)
    _collect(proof)


def _propose(proof: _Proof) -> bool:
    """Step 1, the rounds of LP proposals. Round 1: all of a task's minima in one objective (and
    all its finite maxima in another); the basis found is usually optimal for each quantity alone
    too. Round 2: one quantity per task and objective, for the bounds round 1 left unproved.
    A task with a bound still unproved fails. False if HiGHS failed (nothing is proved then)."""
    todo: dict[str, list[list[str]]] = {
        "min": [list(task.names) for task in proof.tasks],
        "max": [[n for n in task.names if n not in proof.session.unbounded_above[k]]
                for k, task in enumerate(proof.tasks)]}
    for round_ in (1, 2):
        for sense in ("min", "max"):
            left: list[list[str]] = [[] for _ in proof.tasks]
            for wave in _waves(proof, todo[sense], round_):
                bases = proof.session.solve(sense, wave)
                if bases is None:
                    return False
                for k, basis in bases.items():
                    left[k].extend(_certify(proof, k, sense, wave[k], basis))
            todo[sense] = left
    for k in range(len(proof.tasks)):
        if todo["min"][k] or todo["max"][k]:
            proof.failed[k] = True
    return True


def _waves(proof: _Proof, todo: list[list[str]], round_: int) -> list[dict[int, list[str]]]:
    """The objectives of a round, per task: everything at once (round 1), or one quantity a wave (round 2)."""
    if round_ == 1:
        return [{k: names for k, names in enumerate(todo) if names and not proof.failed[k]}]
    return [{k: [names[i]] for k, names in enumerate(todo) if i < len(names) and not proof.failed[k]}
            for i in range(max((len(names) for names in todo), default=0))]


def _certify(proof: _Proof, k: int, sense: str, names: list[str], basis: lp.Basis) -> list[str]:
    """Prove task k's bounds of `names` from this basis; the names it does not prove.

    An exact solve ends in one call into FLINT that cannot be interrupted (the dense one costs
    about the cube of the part's size, the sparse one the cube of what peeling leaves): when it
    would not end before the part's deadline, the task is given up here (its part then proves
    its ranges by z3 checks, under what is left of its limit)."""
    exact = proof.exact[k]
    system = exact.system(basis, sparse=proof.tasks[k].comp.p.options.sparse_certificates)
    if system is None:
        return list(names)
    if time.monotonic() + system.solver.seconds > proof.deadline:
        proof.failed[k] = True
        return list(names)
    unproved = []
    for name, result in zip(names, exact.optima([Request(name, sense) for name in names], system)):
        if result is None:
            unproved.append(name)
            continue
        proof.drafts[k][name].prove(sense, result.value, result.open)
        if result.open is None:
            slot = _Slot(sense, proof.tasks[k].names.index(name))
            proof.unsure.setdefault(slot, []).append(_UnsureEnd(k, name, result.value))
    return unproved


OWN_SOLVER_ENDS = 4  # a task with this many unsure ends settles them in a solver of its own


def _settle_unsure(proof: _Proof, batch: BatchSolver) -> None:
    """Step 2: each end a strict claim left unsure is open unless some point of the claims as
    written (strict ones strict) reaches it, with the quantity at its bound. The ends of many
    small tasks are settled together, each end a copy of its task's claims in one batched check;
    a task with many ends (a long series whose strict claims are tight by chance at many
    vertices) asks them one by one of a solver holding its claims once, since copies would grow
    with the square of the task."""
    ends = Counter(case.task for cases in proof.unsure.values() for case in cases)  # per task, in one pass
    many = {k for k, count in ends.items() if count >= OWN_SOLVER_ENDS}
    for slot, cases in proof.unsure.items():
        blocks = []
        batched = [case for case in cases if case.task not in many]
        for case in batched:
            pre = f"{case.task}.{slot.sense}{slot.position}."
            quantities = proof.tasks[case.task].comp.p.quantities
            body = " ".join(smtlib.atom(a, set(), pre) for a in proof.rows[case.task])
            blocks.append(Block(smtlib.declarations(quantities, set(), pre)[0],
                                f"(and {smtlib.signs(quantities, pre)} {body} "
                                f"(= {smtlib.sym(pre + case.name)} {smtlib.num(case.value)}))"))
        for case, reached in zip(batched, batch.each_holds(blocks)):
            proof.drafts[case.task][case.name].settle(slot.sense, not reached)
    for k in sorted(many):
        _settle_in_own_solver(proof, k, [(slot.sense, case) for slot, cases in proof.unsure.items()
                                         for case in cases if case.task == k])


def _settle_in_own_solver(proof: _Proof, k: int, ends: Sequence[tuple[str, _UnsureEnd]]) -> None:
    """Task k's unsure ends, each one check of a solver that holds the claims once, the end
    pushed and popped (z3 keeps what it learnt from one check to the next; guards on every end
    at once made each check carry them all)."""
    quantities = proof.tasks[k].comp.p.quantities
    body = " ".join(smtlib.atom(a, set()) for a in proof.rows[k])
    solver = BatchSolver(f"{smtlib.declarations(quantities, set())[0]}(assert (and {smtlib.signs(quantities, '')} "
                         f"{body}))", max(0.001, proof.deadline - time.monotonic()))
    for sense, end in ends:
        solver.solver.push()
        try:
            solver.solver.from_string(f"(assert (= {smtlib.sym(end.name)} {smtlib.num(end.value)}))")
            reached = solver.check()
        finally:
            solver.solver.pop()
        proof.drafts[k][end.name].settle(sense, not reached)


def _prove_unbounded(proof: _Proof, batch: BatchSolver) -> None:
    """Step 3: each quantity the LP found unbounded above, and no constraint holds down, must
    grow along some direction of the recession cone: the plain one (`grow_together`), else one
    z3 finds; a task whose direction z3 cannot find fails."""
    blocks, owners = [], []
    for k, task in enumerate(proof.tasks):
        if proof.failed[k] or not proof.session.unbounded_above[k]:
            continue  # nothing to prove here, so no need to read its rows
        up = proof.session.unbounded_above[k] & set(task.names) - free_to_grow(task.names, proof.rows[k])
        if not up or grow_together(proof.session.unbounded_above[k], proof.rows[k]):
            continue
        d = f"{k}'"
        cone = " ".join(smtlib.atom(smtlib.cone(a), set(), d) for a in proof.rows[k])
        grow = " ".join(f"(>= {smtlib.sym(d + n)} 1.0)" for n in sorted(up))
        quantities = task.comp.p.quantities
        blocks.append(Block(smtlib.declarations(quantities, set(), d)[0],
                            f"(and {smtlib.signs(quantities, d)} {cone} {grow})"))
        owners.append(k)
    if blocks:
        for k, fine in zip(owners, batch.each_holds(blocks)):
            proof.failed[k] = proof.failed[k] or not fine


def _collect(proof: _Proof) -> None:
    """Step 4: every task not failed gets its box, proved, and whether its vertices prove its claims satisfiable."""
    for k, task in enumerate(proof.tasks):
        if proof.failed[k]:
            continue
        result = {}
        for n in task.names:
            draft = proof.drafts[k][n]
            up = n in proof.session.unbounded_above[k]
            if draft.lo is None or (draft.hi is None) != up:  # pragma: no cover - every bound was asked for
                break
            result[n] = Bound(draft.lo, draft.hi, bool(draft.lo_open), True if up else bool(draft.hi_open))
        else:
            task.result = result
            task.done = True
            task.route = "lp-certificate"
            task.solve = "+".join(sorted(proof.exact[k].solves)) or None  # type: ignore[assignment]
            task.satisfiable = proof.exact[k].consistent()
