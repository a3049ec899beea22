"""Constraints written back as text: a claim or a rule as the exact constraint numcheck checks.

The scalar formatters (`exact`, `readable`, `json_number`) live in scalars.py and the interval
forms in intervals.py; they are re-exported here because report.py, extract/ and testing.py
have always imported them from this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from numcheck.model import Atom, Claim, Either, Interval, Linear, Model, Rule
from numcheck.render.intervals import exact_form
from numcheck.render.scalars import exact, json_number, readable, scaled
from numcheck.render.wording import ENGLISH, Wording

__all__ = ["atom_text", "canonical_claim", "canonical_rule", "exact", "interval_text", "json_number",
           "linear_text", "readable"]


def linear_text(lin: Linear, w: Wording = ENGLISH) -> str:
    parts: list[str] = []
    for name, coef in lin.terms:
        sign = "-" if coef < 0 else "+"
        parts.append(f"{sign} {scaled(abs(coef), name, w.exact)}")
    if lin.const != 0 or not parts:
        parts.append(f"{'-' if lin.const < 0 else '+'} {w.exact(abs(lin.const))}")
    text = " ".join(parts)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


def atom_text(atom: Atom, w: Wording = ENGLISH) -> str:
    """Write `expr op 0` with positive terms on each side: 0.2*t - k <= 0 → 0.2*t <= k."""
    pos = Linear(tuple((n, c) for n, c in atom.expr.terms if c > 0), max(atom.expr.const, Fraction(0)))
    neg = Linear(tuple((n, -c) for n, c in atom.expr.terms if c < 0), max(-atom.expr.const, Fraction(0)))
    signs = _TYPOGRAPHIC if w.typographic else _PLAIN
    if not pos.terms and neg.terms:  # -x + 5 <= 0 reads better as x >= 5
        flipped = {"<=": ">=", "<": ">", "==": "==", "!=": "!="}[atom.op]
        return f"{linear_text(neg, w)} {signs[flipped]} {linear_text(pos, w)}"
    return f"{linear_text(pos, w)} {signs[atom.op]} {linear_text(neg, w)}"


_PLAIN = {op: op for op in ("<=", "<", ">=", ">", "==", "!=")}
_TYPOGRAPHIC = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "==": "=", "!=": "≠"}


def interval_text(quantity: str, iv: Interval, unit: str = "", ref: str | None = None) -> str:
    """The exact form of an interval (see intervals.exact_form); kept under its old name."""
    return exact_form(quantity, iv, unit, ref)


def canonical_claim(claim: Claim, model: Model, w: Wording = ENGLISH) -> str:
    """The claim as the constraint numcheck checks, unrounded; in a French report, in French notation."""
    if claim.interval is not None and claim.quantity is not None and not claim.either:
        return exact_form(claim.quantity, claim.interval, model.quantities[claim.quantity].unit, claim.ref, w)
    return constraint_text(claim.atoms, claim.either, w)


def canonical_rule(rule: Rule) -> str:
    return constraint_text(rule.atoms, rule.either)


def constraint_text(atoms: Sequence[Atom], either: Sequence[Either] = (), w: Wording = ENGLISH) -> str:
    """Atoms joined by 'and'; a disjunction as '(… and …) or (… and …)'."""
    both, one = w("constraint.and"), w("constraint.or")
    parts = [atom_text(a, w) for a in atoms]
    for alternative in either:
        parts.append(one.join(f"({both.join(atom_text(a, w) for a in option)})" for option in alternative.options))
    return both.join(parts)
