"""Tension: how much of their rounding the claims of a consistent part need to hold together.

Every bare number (as written, or `precision: "5%"`) and every `about`/`nearly` interval shrinks
towards its written value v by a factor λ: lo(λ) = v − λ·(v − lo), hi(λ) = v + λ·(hi − v), so
λ = 1 is the interval as read and λ = 0 the number alone (a hedge's own edge, like the 12,000 of
"up to 12,000", is not an end that shrinks; see `problem.Shrink`). v, lo and hi are constants,
so each shrunk end is linear in (x, λ): x ≥ v − (v − lo)·λ is −x − (v − lo)·λ + v ≤ 0. λ is then
one more real variable of a linear problem, and the part's tension is the least λ in [0, 1]
for which its claims hold, proved by satisfiability checks as every range is
(`exact_bounds.exact_box`, with λ as the one name bounded). Relative values ("about half of q")
do not shrink: their ends are k·q, and λ·q is not linear.

Most parts hold with every number as written, and λ = 0 is decided first: from the part's
proved ranges when its shrinking intervals are all on one quantity; else with the written
numbers put in, in exact arithmetic, when they settle every constraint; else by one z3 check
shared by the whole batch (`batch.BatchSolver`). Only the parts that fail it are searched. The
claims reported with a tension are a minimal set that cannot hold with less rounding: λ below
the least (or at it, when it is only approached) is added as one more claim, and each claim is
left out in file order if the others still clash without it (the same set on every run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from numcheck.engine import smtlib
from numcheck.engine.batch import BatchSolver, Block, batchable
from numcheck.engine.component import PartSolver
from numcheck.engine.exact_bounds import Unproved, Variable, exact_box
from numcheck.engine.problem import (
    ComponentAnswer,
    ComponentProblem,
    FoundTension,
    GaveUp,
    Guarded,
    QuantitySpec,
    Shrink,
)
from numcheck.engine.z3glue import Deadline
from numcheck.model import Atom, Linear

__all__ = ["LAMBDA", "find_tensions", "has_room", "least_lambda", "shrunk_atoms"]

LAMBDA = "lambda#"  # the shrink factor's name: '#' is in no quantity name
_ONE = Atom(Linear(((LAMBDA, Fraction(1)),), Fraction(-1)), "<=")  # λ <= 1 (λ >= 0 as for any quantity)


def has_room(problem: ComponentProblem) -> bool:
    """Whether some claim of the part has an end that can shrink; the others need no search."""
    return any(s is not None and s.room for s in problem.shrinks)


def find_tensions(problems: Sequence[ComponentProblem], answers: Sequence[ComponentAnswer]) -> None:
    """Set `tension` on every consistent part that holds only thanks to rounding (answers in the
    problems' order). A part the search times out on gets `tension_reason` instead."""
    todo = [(p, a) for p, a in zip(problems, answers) if a.verdict == "consistent" and has_room(p)]
    if not todo:
        return
    known = {p.index: _from_ranges(p, a) for p, a in todo}
    as_written = _hold_as_written([p for p, _ in todo if known[p.index] is None])
    for problem, answer in todo:
        if known[problem.index] or as_written.get(problem.index):
            continue
        try:
            answer.tension = least_lambda(problem)
        except GaveUp as exc:
            answer.tension_reason = exc.reason


def _from_ranges(problem: ComponentProblem, answer: ComponentAnswer) -> bool | None:
    """Whether the part holds with its numbers as written, read off its proved ranges where they
    say so exactly; None where they do not. A number as written outside its quantity's range
    cannot be. And when every interval that shrinks is on one quantity x, with one written value
    v, the others constrain x alone: the part holds at λ = 0 exactly when v is in x's range
    (the range is what the rest allows, cut to those intervals, which all hold v)."""
    if answer.ranges is None:
        return None
    moving = [s for s in problem.shrinks if s is not None and s.room]
    for s in moving:
        if s.quantity not in answer.ranges or not answer.ranges[s.quantity].contains(s.written):
            return False
    if len({(s.quantity, s.written) for s in moving}) == 1:
        return True
    return None


def shrunk_atoms(s: Shrink, lam: Fraction | None = None) -> tuple[Atom, ...]:
    """The claim's interval with its shrinking ends moved by λ: a variable (`lam` None) or a
    number."""
    iv, v, x = s.interval, s.written, s.quantity
    out = []
    for end, is_open, moves, upper in ((iv.lo, iv.lo_open, s.lo, False), (iv.hi, iv.hi_open, s.hi, True)):
        if end is None:
            continue
        sign = Fraction(1 if upper else -1)  # x - end <= 0, or end - x <= 0
        if not moves or end == v:
            expr = Linear(((x, sign),), -sign * end)
        elif lam is None:  # x - v - (hi - v)·λ <= 0, or v - (v - lo)·λ - x <= 0
            expr = Linear.of({x: sign, LAMBDA: -sign * (end - v)}, -sign * v)
        else:
            expr = Linear(((x, sign),), -sign * (v + lam * (end - v)))
        out.append(Atom(expr, "<" if is_open else "<="))
    return tuple(out)


def _claims(problem: ComponentProblem, lam: Fraction | None) -> tuple[Guarded, ...]:
    out = []
    for i, claim in enumerate(problem.claims):
        s = problem.shrink(i)
        out.append(claim if s is None or not s.room else replace(claim, atoms=shrunk_atoms(s, lam)))
    return tuple(out)


def _hold_as_written(problems: Sequence[ComponentProblem]) -> dict[int, bool]:
    """Which parts hold with every shrinking interval at its written number (λ = 0): decided in
    exact arithmetic where the written numbers settle every constraint (`_pinned`), the rest by
    one solver holding the batchable parts side by side; the others are left out of the answer."""
    out: dict[int, bool] = {}
    chosen, blocks = [], []
    for p in problems:
        if not batchable(p):
            continue
        reduced = _pinned(p)
        if isinstance(reduced, bool):
            out[p.index] = reduced
            continue
        prefix = f"t{p.index}."
        left = {n for a in reduced for n in a.expr.names()}
        quantities = [q for q in p.quantities if q.name in left]
        decls, _ = smtlib.declarations(quantities, set(), prefix)
        atoms = " ".join(smtlib.atom(a, set(), prefix) for a in reduced)
        chosen.append(p)
        blocks.append(Block(decls, f"(and {smtlib.signs(quantities, prefix)} {atoms})"))
    if not chosen:
        return out
    try:
        batch = BatchSolver("", min(p.options.timeout for p in chosen))
        out.update({p.index: holds for p, holds in zip(chosen, batch.each_holds(blocks))})
    except GaveUp:
        pass  # each part is searched on its own, with its own time limit
    return out


def _pinned(problem: ComponentProblem) -> bool | list[Atom]:
    """The part at λ = 0 with each quantity a shrinking interval pins put at its written number:
    False when two pin one quantity apart, a pin breaks a quantity's sign, or a constraint left
    with no quantity fails; else what is left to solve, True if nothing is."""
    pins: dict[str, Fraction] = {}
    kept: list[Atom] = []
    for i, claim in enumerate(problem.claims):
        s = problem.shrink(i)
        if s is None or not s.room:
            kept.extend(claim.atoms)
            continue
        at_zero = shrunk_atoms(s, Fraction(0))
        iv = s.interval
        if (iv.lo is not None and not s.lo and iv.lo != s.written) or (iv.hi is not None and not s.hi and
                                                                       iv.hi != s.written):
            kept.extend(at_zero)  # an end that stays away from the number: no pin
        elif pins.setdefault(s.quantity, s.written) != s.written:
            return False
    signed = {q.name for q in problem.quantities if q.signed}
    if any(v < 0 and name not in signed for name, v in pins.items()):
        return False
    left: list[Atom] = []
    for atom in (*(a for g in problem.rules for a in g.atoms), *kept):
        if not any(n in pins for n in atom.expr.names()):
            left.append(atom)
            continue
        const = atom.expr.const + sum((c * pins[n] for n, c in atom.expr.terms if n in pins), Fraction(0))
        rest = Linear(tuple((n, c) for n, c in atom.expr.terms if n not in pins), const)
        if rest.terms:
            left.append(Atom(rest, atom.op))
        elif not Atom(rest, atom.op).holds({}):
            return False
    return left or True


def least_lambda(problem: ComponentProblem) -> FoundTension | None:
    """The part's tension, proved; None when the claims hold with every number as written."""
    claims = _claims(problem, None)
    chosen = [*problem.rules, *claims]
    variables = [*(Variable(q.name, q.integer, q.signed) for q in problem.quantities), Variable(LAMBDA, False, False)]
    deadline = Deadline(problem.options.timeout)
    try:
        box = exact_box(variables, [*(a for g in chosen for a in g.atoms), _ONE], [LAMBDA], deadline.at(),
                        [e for g in chosen for e in g.either])
    except Unproved as exc:
        raise GaveUp(f"{exc.reason} (limit {problem.options.timeout:g} s)") from None
    needs = box[LAMBDA].lo if box is not None else None
    if box is None or needs is None:  # pragma: no cover - the part holds at λ = 1, and λ >= 0
        raise GaveUp("the claims did not hold with their rounding as read")
    strict = box[LAMBDA].lo_open
    if needs == 0 and not strict:
        return None
    return FoundTension(needs, strict, _tight(problem, claims, needs, strict, deadline))


def _tight(problem: ComponentProblem, claims: tuple[Guarded, ...], needs: Fraction, strict: bool,
           deadline: Deadline) -> tuple[int, ...]:
    """A minimal set of claims that cannot hold with less than `needs` of their rounding (or
    with `needs` itself, when only values above it do): λ capped there is one more claim, and
    each claim in file order is left out if the others still clash without it."""
    cap = Guarded("lambda-cap", (Atom(Linear(((LAMBDA, Fraction(1)),), -needs), "<=" if strict else "<"),))
    capped = replace(problem, quantities=(*problem.quantities, QuantitySpec(LAMBDA)),
                     rules=(*problem.rules, Guarded("lambda-one", (_ONE,))), claims=(*claims, cap), pairs=(),
                     shrinks=())
    comp = PartSolver(capped)
    comp.deadline = deadline
    kept = list(range(len(capped.claims)))
    if comp.check(kept):  # pragma: no cover - the least λ was proved above
        raise GaveUp("the claims held with less rounding than proved necessary")
    for i in range(len(claims)):  # by deletion in file order, not from z3's cores: the same set every time
        trial = [j for j in kept if j != i]
        if not comp.check(trial):
            kept = trial
    return tuple(i for i in kept if i < len(claims))
