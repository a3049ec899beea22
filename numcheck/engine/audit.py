"""Rule audits for `numcheck lint`: contradictory rules, and rules the others already imply."""

from __future__ import annotations

from dataclasses import dataclass

import z3

from numcheck.engine import smtlib
from numcheck.engine.component import PartSolver
from numcheck.engine.problem import ComponentProblem, GaveUp

__all__ = ["RuleAudit", "audit_rules"]


@dataclass(frozen=True)
class RuleAudit:
    """What the audit of one part's rules found (rules by position in the part)."""

    broken: tuple[int, ...] | None  # a minimal set of rules that contradict each other
    redundant: list[int]  # rules the other rules imply
    reason: str | None  # why the audit gave up, if it did


def audit_rules(problem: ComponentProblem) -> RuleAudit:
    """For `numcheck lint`: rules that contradict each other (a minimal set), and rules that the
    other rules already imply (each rule r with: other rules and not r is unsatisfiable)."""
    try:
        comp = PartSolver(problem)
        if not comp.check([]):
            return RuleAudit(tuple(comp.shrink_rules([])), [], None)
        redundant = []
        for i, rule in enumerate(problem.rules):
            others = [j for j in range(len(problem.rules)) if j != i]
            comp.solver.push()
            comp.solver.add(z3.parse_smt2_string(
                comp.decls + f"(assert (not {smtlib.formula(rule, comp.ints)}))"))
            try:
                if not comp.check([], rules=others):
                    redundant.append(i)
            finally:
                comp.solver.pop()
        return RuleAudit(None, redundant, None)
    except GaveUp as exc:
        return RuleAudit(None, [], exc.reason)
