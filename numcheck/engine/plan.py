"""The plan of routes: which route answers each part of a batch, fast ones first.

Small parts cost z3 more in per-call overhead than in solving, so `solve_batch` takes many at
once: the exact ranges (and "what the others allow") come from an LP's optimal bases,
certified in exact rationals (see `boxes.prove_boxes`), and the vertices certified on the way
prove most consistent parts consistent (`proved_by_lp`); the verdicts of the other real-valued
parts come from one solver holding them side by side (`batch.batch_verdicts`). Only conflicts
are enumerated part by part. Each fast route can be switched off in `SolveOptions`, and each
answer records the route that decided its verdict and the one that computed its ranges.

Which route a part is offered depends on the part and the options only, never on the other
parts of its batch (a batch of one part is offered the same routes), so that --jobs, which
deals the parts out differently, changes no choice. Whether a fast route then succeeds can
still depend on the batch (an LP's floating-point basis) or the clock; the answer never does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import z3

from numcheck.engine.batch import batch_verdicts, suspects
from numcheck.engine.boxes import BoxTask, exact_boxes, lp_ready
from numcheck.engine.component import PartSolver
from numcheck.engine.conflicts import marco
from numcheck.engine.problem import AllowedKey, Bound, ComponentAnswer, ComponentProblem, GaveUp, Guarded, RepairKey
from numcheck.engine.repairs import find_repairs
from numcheck.engine.tension import find_tensions

__all__ = ["interval_shortcut", "proved_by_lp", "solve_batch", "unconstrained", "unconstrained_part"]


def solve_batch(problems: Sequence[ComponentProblem]) -> list[ComponentAnswer]:
    """Solve many parts together: what can be batched (verdicts of real-valued parts, and
    exact ranges proposed by an LP) is checked in a few large z3 calls; everything else, and
    anything the batched route cannot prove, goes through each part's own solver."""
    proved, looks_broken = proved_by_lp(problems)
    verdicts = batch_verdicts([p for p in problems if p.index not in proved and p.index not in looks_broken])
    answers, tasks = [], []
    for problem in problems:
        if problem.index in proved:
            answers.append(proved[problem.index])
            continue
        answer, more = _decide(problem, verdicts.get(problem.index))
        answers.append(answer)
        tasks.extend(more)
    exact_boxes(tasks)
    _finish(tasks)
    find_tensions(problems, answers)
    return answers


def proved_by_lp(problems: Sequence[ComponentProblem]) -> tuple[dict[int, ComponentAnswer], set[int]]:
    """Consistent parts and their ranges, with no z3 verdict: the ranges' certified vertices
    also prove that the claims hold together (`ExactRows.consistent`). Parts an elastic LP
    suspects of a contradiction are left out (one of them would make the whole LP infeasible)
    and returned as suspects, to be decided on their own; so is anything the route cannot prove.
    Only when ranges are asked for, by the LP route (`lp_ranges`) and with `lp_verdicts` on: a
    verdict alone is cheaper from the batched z3 check."""
    ready = [p for p in problems if p.options.ranges and p.options.lp_ranges and p.options.lp_verdicts
             and (p.claims or p.rules) and lp_ready(p, range(len(p.claims)))]
    if not ready:
        return {}, set()
    looks_broken = suspects(ready, min(p.options.timeout for p in ready))
    if looks_broken is None:
        return {}, set()
    suspected = {p.index for p, broken in zip(ready, looks_broken) if broken}
    tasks = [BoxTask(PartSolver(p), ComponentAnswer(p.index, "consistent", verdict_route="lp-vertices"),
                     tuple(range(len(p.claims))), tuple(q.name for q in p.quantities), None)
             for p in ready if p.index not in suspected]
    exact_boxes(tasks)
    proved = {}
    for task in tasks:
        if task.done and task.satisfiable:
            task.answer.ranges = task.result
            task.answer.ranges_route = task.route
            task.answer.ranges_solve = task.solve
            task.answer.agreements = dict.fromkeys(task.comp.p.pairs, True)  # all hold together, so any two do
            proved[task.answer.index] = task.answer
    return proved, suspected


def _decide(problem: ComponentProblem, verdict: bool | None) -> tuple[ComponentAnswer, list[BoxTask]]:
    """Everything but the boxes: the verdict (`verdict` when the batch already decided it), the
    minimal conflicts, the agreements, and the list of boxes still to compute."""
    if not problem.claims and not problem.rules:
        return unconstrained(problem), []
    answer = ComponentAnswer(problem.index, "unknown", verdict_route="part-solver" if verdict is None else "batch")
    comp = PartSolver(problem)
    try:
        return _decide_with(comp, answer, verdict)
    finally:
        comp.deadline.pause()  # the other parts' work does not count against this part's limit


def _decide_with(comp: PartSolver, answer: ComponentAnswer,
                 verdict: bool | None) -> tuple[ComponentAnswer, list[BoxTask]]:
    problem = comp.p
    tasks: list[BoxTask] = []
    marco_done = False
    try:
        everything = tuple(range(len(problem.claims)))
        if verdict if verdict is not None else comp.check(everything):
            answer.verdict = "consistent"
            free = everything
        else:
            if not comp.check([]):
                answer.broken_rules = tuple(comp.shrink_rules([]))
                answer.verdict = "inconsistent"
                return answer, []
            answer.verdict = "inconsistent"
            marco(comp, answer)
            marco_done = True
            find_repairs(comp, answer)
            in_conflict = {i for conflict in answer.conflicts for i in conflict.claims}
            free = tuple(i for i in everything if i not in in_conflict)
        tasks.extend(_allowed_tasks(comp, answer))
        tasks.extend(_repair_tasks(comp, answer))
        _agreements(comp, answer)
        if problem.options.ranges:
            if answer.complete or comp.check(free):
                tasks.append(BoxTask(comp, answer, free, tuple(q.name for q in problem.quantities), None))
            else:
                answer.ranges_reason = ("the conflict list was cut short, so the claims outside every conflict "
                                        "are not known")
    except GaveUp as exc:
        _gave_up(answer, exc, marco_done)
        tasks = []
        if not marco_done:  # the conflicts found in time are enough to start from (with a clock of its own)
            find_repairs(comp, answer)
    except z3.Z3Exception as exc:  # pragma: no cover - z3 internal failure is not a verdict
        answer.verdict = "unknown"
        answer.reason = f"z3 failed: {exc}"
        tasks = []
    answer.checks = comp.checks
    return answer, tasks


def _allowed_tasks(comp: PartSolver, answer: ComponentAnswer) -> list[BoxTask]:
    """For each claim of each conflict, what the others allow: by the interval shortcut when it
    applies, else a box still to compute."""
    problem = comp.p
    # quantities some rule touches: "what the others allow" needs the optimiser for those
    ruled = {name for rule in problem.rules for name in _names(rule)} if answer.conflicts else set()
    tasks = []
    for k, conflict in enumerate(answer.conflicts):
        for i in conflict.claims:
            others = tuple(j for j in conflict.claims if j != i)
            bounded = problem.claim_quantities[i]
            key = AllowedKey(k, i)
            allowed = interval_shortcut(problem, others, bounded, ruled)
            if allowed is not None:
                answer.allowed[key] = allowed
                answer.allowed_routes[key] = "interval-shortcut"
            elif bounded:
                tasks.append(BoxTask(comp, answer, others, tuple(bounded), key))
    return tasks


def _repair_tasks(comp: PartSolver, answer: ComponentAnswer) -> list[BoxTask]:
    """For each repair, what the claims left imply for the quantities of the claims it drops
    ("without other-kursk, nk_troops_kursk <= 3,000"): one more box, on the same routes."""
    if not comp.p.options.ranges:
        return []
    tasks = []
    for k, repair in enumerate(answer.repairs):
        rest = tuple(i for i in range(len(comp.p.claims)) if i not in repair.claims)
        names = tuple(dict.fromkeys(n for i in repair.claims for n in comp.p.claim_quantities[i]))
        if names:
            tasks.append(BoxTask(comp, answer, rest, names, RepairKey(k)))
    return tasks


def _agreements(comp: PartSolver, answer: ComponentAnswer) -> None:
    """Whether each pair of claims on one quantity can hold together."""
    for a, b in comp.p.pairs:
        if answer.verdict == "consistent":
            answer.agreements[(a, b)] = True  # all claims hold together, so any two do
        elif answer.complete:
            # every contradictory set contains a minimal conflict, and all are listed
            answer.agreements[(a, b)] = not any(set(c.claims) <= {a, b} for c in answer.conflicts)
        else:
            answer.agreements[(a, b)] = comp.holds([a, b])  # what is known answers many pairs


def unconstrained(problem: ComponentProblem) -> ComponentAnswer:
    """A part no claim or rule speaks of: its range is what its declaration says, no solver needed."""
    return unconstrained_part(problem.index, {q.name: q.signed for q in problem.quantities}, problem.options.ranges)


_NON_NEGATIVE = Bound(Fraction(0), None, False, True)
_ANY = Bound(None, None, True, True)


def unconstrained_part(index: int, signed: Mapping[str, bool], ranges: bool) -> ComponentAnswer:
    """`unconstrained` from the part's quantities (each: whether it may be negative) alone: a
    file's lone quantities need no problem built (29,000 parts of the 100,000-claim benchmark,
    answered in the parent before the workers start)."""
    answer = ComponentAnswer(index, "consistent", verdict_route="no-constraints")
    if ranges:
        answer.ranges = {name: _ANY if may_be_negative else _NON_NEGATIVE for name, may_be_negative in signed.items()}
        answer.ranges_route = "no-constraints"
    return answer


def _gave_up(answer: ComponentAnswer, exc: GaveUp, marco_done: bool = True) -> None:
    answer.reason = exc.reason
    if answer.verdict == "consistent" or (answer.verdict == "inconsistent" and answer.conflicts):
        # the verdict is proven (a model, or a conflict); say what is missing instead
        if answer.verdict == "inconsistent" and not marco_done:
            answer.complete = False
        if answer.ranges is None:
            answer.ranges_reason = exc.reason
    else:
        answer.verdict = "unknown"


def _finish(tasks: Sequence[BoxTask]) -> None:
    """Each box the batch did not prove comes from the part's own optimiser; then every
    box goes where the report looks for it."""
    failed: set[int] = set()
    for task in tasks:
        if id(task.answer) in failed:
            continue
        if not task.done:
            try:
                task.result = task.comp.optimise(task.claims, task.names)
                task.comp.deadline.pause()
            except GaveUp as exc:
                task.comp.deadline.pause()
                if isinstance(task.key, RepairKey):  # the repair stands; only what it implies is missing
                    task.answer.repairs_reason = task.answer.repairs_reason or exc.reason
                    continue
                _gave_up(task.answer, exc)
                failed.add(id(task.answer))
                continue
            except z3.Z3Exception as exc:  # pragma: no cover
                task.answer.reason = f"z3 failed: {exc}"
                failed.add(id(task.answer))
                continue
            task.done = True
        if task.result is None:
            continue
        if task.key is None:
            task.answer.ranges = task.result
            task.answer.ranges_route = task.route
            task.answer.ranges_solve = task.solve
        elif isinstance(task.key, RepairKey):
            task.answer.repair_ranges[task.key] = task.result
        else:
            task.answer.allowed[task.key] = task.result
            task.answer.allowed_routes[task.key] = task.route
    for task in tasks:
        task.answer.checks = task.comp.checks


def interval_shortcut(problem: ComponentProblem, others: Sequence[int], names: Sequence[str],
                      ruled: set[str]) -> dict[str, Bound] | None:
    """What the other claims of a conflict allow, when they are plain bounds on the one rational
    quantity asked about and no rule touches it: the intersection of their half-lines, computed
    exactly. This is the common case (two sources on one figure) and needs no optimiser call."""
    if len(names) != 1:
        return None
    name = names[0]
    spec = next(q for q in problem.quantities if q.name == name)
    if spec.integer or name in ruled:
        return None
    lo: Fraction | None = None if spec.signed else Fraction(0)
    hi: Fraction | None = None
    lo_open = hi_open = False
    for j in others:
        if not problem.claims[j].convex:
            return None
        for atom in problem.claims[j].atoms:
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


def _names(g: Guarded) -> set[str]:
    """The quantities a rule or a claim names, in its atoms and its disjunctions."""
    names = {name for atom in g.atoms for name, _ in atom.expr.terms}
    for either in g.either:
        names.update(either.names())
    return names
