"""`numcheck lint`: findings for rule-pack authors, before any claim is checked.

A rule pack is shared and reused, so its faults spread: rules that contradict each other make
every file that includes them fail; a rule the others already imply is noise in every conflict
explanation; a generic rule that never binds is usually a misspelt placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from numcheck.engine.audit import audit_rules
from numcheck.engine.options import SolveOptions
from numcheck.engine.parts import Part, find_parts, problem_of
from numcheck.model import Location, Model

__all__ = ["Finding", "lint_model"]

Kind = Literal["contradiction", "redundant", "unbound", "unknown"]


@dataclass(frozen=True)
class Finding:
    kind: Kind
    message: str
    location: Location
    rules: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.location}: {self.kind}: {self.message}"


def lint_model(model: Model, *, timeout: float = 30.0) -> list[Finding]:
    findings: list[Finding] = []
    for text, loc in model.unbound_rules:
        findings.append(Finding("unbound", f"generic rule '{text}' binds to no declared quantities", loc))
    options = SolveOptions(max_conflicts=1, timeout=timeout, ranges=False)
    for k, part in enumerate(find_parts(model)):
        names, rule_ix = part.quantities, part.rules
        if not rule_ix:
            continue
        rules = [model.rules[i] for i in rule_ix]
        problem = problem_of(model, k, Part(names, rule_ix, ()), options)
        audit = audit_rules(problem)
        if audit.reason:
            findings.append(Finding("unknown", f"could not audit the rules on {', '.join(names)}: {audit.reason}",
                                    rules[0].location))
        if audit.broken is not None:
            culprits = [rules[i] for i in audit.broken]
            listed = "; ".join(f"{r.id}: {r.text}" for r in culprits)
            findings.append(Finding("contradiction", f"these rules contradict each other: {listed}",
                                    culprits[0].location, tuple(r.id for r in culprits)))
        for i in audit.redundant:
            r = rules[i]
            findings.append(Finding("redundant", f"rule {r.id} ({r.text}) is implied by the other rules",
                                    r.location, (r.id,)))
    return sorted(findings, key=lambda f: (f.location, f.kind))
