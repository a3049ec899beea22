"""Repairs: the minimum-weight sets of claims whose removal makes an inconsistent part consistent.

Dropping a set of claims leaves the part consistent exactly when the set takes at least one
claim out of every minimal conflict (what is left then holds no conflict, and a consistent rest
holds none). So the repairs are the minimum-weight hitting sets of all the part's minimal
conflicts, and with positive weights each is minimal. They are listed in file order (all have the
same, least, weight), up to `max_repairs`.

The conflict list may be cut short (`--max-conflicts`), so the search is an implicit hitting-set
loop: take the least-weight hitting set of the conflicts known so far (the first in file order);
if the rest of the part is consistent (a z3 check, or a set MARCO already proved consistent),
it is a repair; if not, the rest holds conflicts no known one covers, and some of them are
shrunk from it and added before the next round. The known conflicts' least hitting weight is a
lower bound on every repair's weight (each repair hits them too), and every repair listed has
that weight and a consistent rest: exact and proved. Nothing is assumed of the listed conflicts
being all of them.

The hitting sets themselves come from engine/hitting.py, in whole numbers (the weights scaled by
a common denominator): an exact branch-and-bound, or past its budget z3 with a proved optimum.
Either way the answer depends on the conflicts only, never on the order z3 found them in.
"""

from __future__ import annotations

import math
from fractions import Fraction

from numcheck.engine.component import PartSolver
from numcheck.engine.hitting import hitting_sets
from numcheck.engine.problem import ComponentAnswer, FoundRepair, GaveUp
from numcheck.engine.z3glue import Deadline

__all__ = ["CONFLICTS_PER_ROUND", "find_repairs"]

CONFLICTS_PER_ROUND = 32  # conflicts shrunk from one rejected rest


def find_repairs(comp: PartSolver, answer: ComponentAnswer) -> None:
    """Fill `answer.repairs` for an inconsistent part whose conflicts are listed. The search has
    a limit of its own, as long as the part's (so that a hard one never starves the part's
    ranges); a time-out keeps the repairs proved so far and marks the list cut short. It never
    touches the verdict or the conflicts."""
    if answer.verdict != "inconsistent" or not answer.conflicts:
        return
    part_clock = comp.deadline
    part_clock.pause()
    comp.deadline = Deadline(comp.p.options.timeout)
    routes: set[str] = set()
    try:
        _search(comp, answer, routes)
    except GaveUp as exc:
        answer.repairs_complete = False
        answer.repairs_reason = exc.reason
    finally:
        comp.deadline = part_clock
        answer.repairs_route = "+".join(sorted(routes)) or None


def _search(comp: PartSolver, answer: ComponentAnswer, routes: set[str]) -> None:
    p = comp.p
    scale = math.lcm(*(p.weight(i).denominator for i in range(len(p.claims))))
    whole = [int(p.weight(i) * scale) for i in range(len(p.claims))]
    known = [frozenset(c.claims) for c in answer.conflicts]
    found: list[tuple[int, ...]] = []
    while True:
        for weight, candidate in hitting_sets(known, whole, set(found), comp.deadline, p.options.branch_and_bound,
                                              routes):
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
    """Minimal conflicts inside `rest`, which was just found inconsistent (so its unsat core is
    ready): after each, one of its claims (its last) is left out and the rest shrunk again, so
    that a round of the loop learns many conflicts, each new (it lacks a claim of every one
    before it) and none hit by the rejected set (they lie in its complement)."""
    out: list[frozenset[int]] = []
    current = rest
    while len(out) < CONFLICTS_PER_ROUND:
        mus = comp.shrink(current, core_ready=True)
        out.append(frozenset(mus))
        current = [i for i in current if i != max(mus)]
        if comp.known_consistent(current) or comp.check(current):
            break
    return out
