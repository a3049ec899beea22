"""Many parts in one z3 solver: verdicts of real-valued parts, and blocks checked side by side.

Small parts cost z3 far more in per-call overhead than in solving. So the parts of a batch are
written into one solver side by side, each under its own prefix ("12.x"): since they share no
quantity, their conjunction is satisfiable exactly when each one is, and a disjunction is
unsatisfiable exactly when each disjunct is. One check then speaks for all, and when it fails,
a few more find exactly which parts are to blame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import z3

from numcheck.engine import lp, smtlib, z3glue
from numcheck.engine.problem import ComponentProblem, GaveUp
from numcheck.engine.z3glue import Deadline, core_names

__all__ = ["BatchSolver", "Block", "batch_verdicts", "batchable", "suspects"]


def batchable(problem: ComponentProblem) -> bool:
    """Whether the batched verdict route may take this part: it has claims, every quantity is
    real-valued, every rule and claim is convex (no `Either`), and the route is switched on."""
    return (problem.options.batches and bool(problem.claims) and not any(q.integer for q in problem.quantities)
            and all(g.convex for g in (*problem.rules, *problem.claims)))


def batch_verdicts(problems: Sequence[ComponentProblem]) -> dict[int, bool]:
    """Verdicts of the real-valued parts, from one solver holding them all, each behind a
    literal `v<index>`. A part left out of the answer is decided on its own."""
    chosen = [p for p in problems if batchable(p)]
    if not chosen:
        return {}
    text: list[str] = []
    for p in chosen:
        prefix = f"{p.index}."
        decls, background = smtlib.declarations(p.quantities, set(), prefix)
        text.extend((decls, *background))
        body = " ".join(smtlib.atom(a, set(), prefix) for g in (*p.rules, *p.claims) for a in g.atoms)
        text.append(f"(declare-const v{p.index} Bool)(assert (=> v{p.index} (and true {body})))")
    try:
        batch = BatchSolver("".join(text), min(p.options.timeout for p in chosen))
        lits = {p.index: z3.Bool(f"v{p.index}") for p in chosen}
        if batch.check(list(lits.values())):
            return dict.fromkeys(lits, True)
        return _blame(batch, chosen, lits)
    except GaveUp:
        return {}  # whatever is undecided is decided part by part, with its own time limit


def _blame(batch: BatchSolver, chosen: Sequence[ComponentProblem], lits: dict[int, z3.BoolRef]) -> dict[int, bool]:
    """After a failed batched check: which parts are inconsistent. An LP points at those that
    look it; they are left to their own solvers (which they need anyway, for their conflicts),
    so that the next check is likely sat rather than one check per inconsistent part. A time-out
    keeps what was decided so far."""
    out: dict[int, bool] = {}
    live = dict(lits)
    looks_broken = suspects(chosen, batch.deadline.seconds)
    for p, broken in zip(chosen, looks_broken or ()):
        if broken:
            live.pop(p.index)
    try:
        while live:
            if batch.check(list(live.values())):
                out.update(dict.fromkeys(live, True))
                break
            blamed = [int(name[1:]) for name in core_names(batch.solver) if name[1:].isdigit()]
            found = [k for k in blamed if len(blamed) == 1 or not batch.check([lits[k]])]
            if not found:  # pragma: no cover - a core always holds an unsatisfiable part
                break
            for k in found:
                out[k] = False
                live.pop(k, None)
    except GaveUp:
        pass
    return out


def suspects(problems: Sequence[ComponentProblem], timeout: float) -> list[bool] | None:
    """Which parts look inconsistent to an elastic LP (a hint only: see `lp.suspects`)."""
    return lp.suspects([lp.LpProblem(
        tuple(q.name for q in p.quantities),
        tuple(a for g in (*p.rules, *p.claims) for a in g.atoms if a.op != "!="), (),
        frozenset(q.name for q in p.quantities if q.signed)) for p in problems], timeout)


@dataclass(frozen=True)
class Block:
    """A formula over quantities no other block of the same call names, and the declarations of
    those quantities (declarations only: they outlive any pop)."""

    declarations: str
    formula: str


class BatchSolver:
    """One solver over many independent blocks, with checks that find the blocks to blame.

    Formulas are handed over as SMT-LIB text, which z3 parses straight into the solver; the
    solver remembers every declaration (even past a pop), so a later text must only declare
    new names: guards get a fresh prefix on every call. Its clock starts when it is built.
    (`check` is the seam a test patches to simulate a batch running out of time.)"""

    def __init__(self, text: str, timeout: float) -> None:
        self.calls = 0
        self.deadline = Deadline(timeout)
        self.deadline.start()
        self.solver = z3.SolverFor("QF_LRA")
        self.solver.from_string(text)

    def _guards(self) -> str:
        self.calls += 1
        return f"g{self.calls}_"

    def check(self, assumptions: Sequence[z3.BoolRef] = ()) -> bool:
        self.deadline.arm(self.solver)
        return z3glue.run(self.solver, assumptions)

    def each_holds(self, blocks: Sequence[Block]) -> list[bool]:
        """Which blocks' formulas hold (together with everything asserted)."""
        if not blocks:
            return []
        self.solver.from_string("".join(b.declarations for b in blocks))
        self.solver.push()
        try:
            self.solver.from_string("".join(f"(assert {b.formula})" for b in blocks))
            if self.check():
                return [True] * len(blocks)
        finally:
            self.solver.pop()
        return self._each_guarded(blocks)

    def _each_guarded(self, blocks: Sequence[Block]) -> list[bool]:
        """Not all hold: each block behind a fresh guard, the blamed ones dropped until the rest hold."""
        ok = [True] * len(blocks)
        g = self._guards()
        self.solver.push()
        try:
            self.solver.from_string("".join(
                f"(declare-const {g}{i} Bool)(assert (=> {g}{i} {b.formula}))" for i, b in enumerate(blocks)))
            lits = [z3.Bool(f"{g}{i}") for i in range(len(blocks))]
            live = set(range(len(blocks)))
            while not self.check([lits[i] for i in sorted(live)]):
                blamed = [int(name[len(g):]) for name in core_names(self.solver) if name.startswith(g)]
                found = [i for i in blamed if len(blamed) == 1 or not self.check([lits[i]])]
                if not found:  # pragma: no cover
                    raise GaveUp("z3 gave an unsat core that blames no block")
                for i in found:
                    ok[i] = False
                    live.discard(i)
            return ok
        finally:
            self.solver.pop()
