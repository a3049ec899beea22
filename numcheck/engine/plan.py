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
from numcheck.engine.intervals import clashing_bounds, interval_shortcut
from numcheck.engine.problem import (
    AllowedKey,
    Bound,
    ComponentAnswer,
    ComponentProblem,
    GaveUp,
    Guarded,
    RepairKey,
    VerdictRoute,
)
from numcheck.engine.repairs import find_repairs
from numcheck.engine.tension import find_tensions

__all__ = ["proved_by_lp", "solve_batch", "unconstrained", "unconstrained_part"]


def solve_batch(problems: Sequence[ComponentProblem]) -> list[ComponentAnswer]:
    """Solve many parts together: what can be batched (verdicts of real-valued parts, and
    exact ranges proposed by an LP) is checked in a few large z3 calls; everything else, and
    anything the batched route cannot prove, goes through each part's own solver. A part two of
    whose claims bound one quantity to intervals that do not meet is inconsistent without asking
    (`intervals.clashing_bounds`), and goes straight to its own solver for its conflicts."""
    clashing = {p.index for p in problems if p.options.interval_clashes and clashing_bounds(p)}
    proved, looks_broken = proved_by_lp([p for p in problems if p.index not in clashing])
    verdicts = batch_verdicts([p for p in problems
                               if p.index not in proved and p.index not in looks_broken and p.index not in clashing])
    answers, tasks = [], []
    for problem in problems:
        if problem.index in proved:
            answers.append(proved[problem.index])
            continue
        clash = problem.index in clashing
        answer, more = _decide(problem, False if clash else verdicts.get(problem.index),
                               "interval-clash" if clash else None)
        answers.append(answer)
        tasks.extend(more)
    exact_boxes(tasks)
    _finish(tasks)
    find_tensions(problems, answers)
    return answers


def proved_by_lp(problems: Sequence[ComponentProblem]) -> tuple[dict[int, ComponentAnswer], set[int]]:
    """Consistent parts and their ranges, with no z3 verdict: the ranges' certified vertices
    also prove that the claims hold together (`ExactRows.consistent`). One inconsistent part
    would make a whole box LP infeasible, so parts an elastic LP suspects of a contradiction are
    left out, and returned as suspects, to be decided on their own; so is anything the route
    cannot prove. With `interval_clashes` on, the box LPs are tried first, the parts whose bounds
    clash being already out (`solve_batch`), and the elastic LP runs only for the parts of a box
    LP that finds no feasible point. Only when ranges are asked for, by the LP route
    (`lp_ranges`) and with `lp_verdicts` on: a verdict alone is cheaper from the batched z3 check."""
    ready = [p for p in problems if p.options.ranges and p.options.lp_ranges and p.options.lp_verdicts
             and (p.claims or p.rules) and lp_ready(p, range(len(p.claims)))]
    proved, infeasible = _vertices([p for p in ready if p.options.interval_clashes])
    rest = [p for p in ready if not p.options.interval_clashes or p.index in infeasible]
    if not rest:
        return proved, set()
    looks_broken = suspects(rest, min(p.options.timeout for p in rest))
    if looks_broken is None:
        return proved, set()
    suspected = {p.index for p, broken in zip(rest, looks_broken) if broken}
    proved.update(_vertices([p for p in rest if p.index not in suspected])[0])
    return proved, suspected


def _vertices(parts: Sequence[ComponentProblem]) -> tuple[dict[int, ComponentAnswer], set[int]]:
    """The parts the box LPs prove consistent, with their ranges; and the parts of any box LP
    that found no feasible point (some part in it, maybe not each, is inconsistent)."""
    tasks = [BoxTask(PartSolver(p), ComponentAnswer(p.index, "consistent", verdict_route="lp-vertices"),
                     tuple(range(len(p.claims))), tuple(q.name for q in p.quantities), None)
             for p in parts]
    exact_boxes(tasks)
    proved = {}
    for task in tasks:
        if task.done and task.satisfiable:
            task.answer.ranges = task.result
            task.answer.ranges_route = task.route
            task.answer.ranges_solve = task.solve
            task.answer.agreements = dict.fromkeys(task.comp.p.pairs, True)  # all hold together, so any two do
            proved[task.answer.index] = task.answer
    return proved, {task.answer.index for task in tasks if task.infeasible}


def _decide(problem: ComponentProblem, verdict: bool | None,
            route: VerdictRoute | None = None) -> tuple[ComponentAnswer, list[BoxTask]]:
    """Everything but the boxes: the verdict (`verdict` when the batch, or `route`, already
    decided it), the minimal conflicts, the agreements, and the list of boxes still to compute."""
    if not problem.claims and not problem.rules:
        return unconstrained(problem), []
    answer = ComponentAnswer(problem.index, "unknown",
                             verdict_route=route or ("part-solver" if verdict is None else "batch"))
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


def _names(g: Guarded) -> set[str]:
    """The quantities a rule or a claim names, in its atoms and its disjunctions."""
    names = {name for atom in g.atoms for name, _ in atom.expr.terms}
    for either in g.either:
        names.update(either.names())
    return names
