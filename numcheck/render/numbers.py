"""Numbers and constraints written back as text: exactly for machines, readably for people.

`exact(x)` never rounds (12000, 0.45, 1/3), because `numcheck show` and the JSON must round-trip;
`readable(x)` groups digits (51,750) and rounds long fractions for sentences in a report.
"""

from __future__ import annotations

import decimal
import math
from fractions import Fraction

from numcheck.model import Atom, Claim, Interval, Linear, Model, Rule

__all__ = ["canonical_claim", "canonical_rule", "exact", "interval_text", "json_number", "readable"]


def exact(x: Fraction) -> str:
    """An exact decimal when one exists (0.45, 12000), else a fraction (1/3)."""
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    places = max(twos, fives)
    scaled = abs(x.numerator) * (10**places // x.denominator)
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if x < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}".rstrip("0").rstrip(".")


def json_number(x: Fraction | None) -> int | float | str | None:
    """Whole numbers as JSON integers; other rationals as their exact decimal or fraction text."""
    if x is None:
        return None
    if x.denominator == 1:
        return x.numerator
    return exact(x)


def readable(x: Fraction, digits: int = 4) -> str:
    """51750 → '51,750'; 1/3 → '0.3333'; for sentences, not for machines."""
    if x.denominator == 1:
        return f"{x.numerator:,}"
    text = exact(x)
    if "/" not in text and len(text.split(".")[1]) <= digits:
        whole, frac = text.split(".")
        return f"{int(whole):,}.{frac}" if whole not in ("-0",) else text
    try:
        value = float(x)
    except OverflowError:
        value = math.inf
    if value == 0 or math.isinf(value):  # beyond floating point either way: decimal, exactly rounded
        with decimal.localcontext() as context:
            context.prec = digits
            return f"{decimal.Decimal(x.numerator) / decimal.Decimal(x.denominator):.{digits - 1}E}"
    if abs(value) >= 1000:
        return f"{value:,.1f}"
    return f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.{digits - 2}f}".rstrip("0").rstrip(".")


def _term(coef: Fraction, name: str) -> str:
    return name if coef == 1 else f"{exact(coef)}*{name}"


def linear_text(lin: Linear) -> str:
    parts: list[str] = []
    for name, coef in lin.terms:
        sign = "-" if coef < 0 else "+"
        parts.append(f"{sign} {_term(abs(coef), name)}")
    if lin.const != 0 or not parts:
        parts.append(f"{'-' if lin.const < 0 else '+'} {exact(abs(lin.const))}")
    text = " ".join(parts)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


def atom_text(atom: Atom) -> str:
    """Write `expr op 0` with positive terms on each side: 0.2*t - k <= 0 → 0.2*t <= k."""
    pos = Linear(tuple((n, c) for n, c in atom.expr.terms if c > 0), max(atom.expr.const, Fraction(0)))
    neg = Linear(tuple((n, -c) for n, c in atom.expr.terms if c < 0), max(-atom.expr.const, Fraction(0)))
    op = {"<=": "<=", "<": "<", "==": "==", "!=": "!="}[atom.op]
    if not pos.terms and neg.terms:  # -x + 5 <= 0 reads better as x >= 5
        flipped = {"<=": ">=", "<": ">", "==": "==", "!=": "!="}[atom.op]
        return f"{linear_text(neg)} {flipped} {linear_text(pos)}"
    return f"{linear_text(pos)} {op} {linear_text(neg)}"


def interval_text(quantity: str, iv: Interval, unit: str = "", ref: str | None = None) -> str:
    """`11500 <= x <= 12500 soldier`, `x > 115000 soldier`, `0.45*q <= x <= 0.55*q`."""
    def bound(b: Fraction) -> str:
        return _term(b, ref) if ref else exact(b)

    suffix = f" {unit}" if unit and not ref else ""
    if iv.lo is not None and iv.hi is not None:
        if iv.lo == iv.hi and not iv.lo_open and not iv.hi_open:
            return f"{quantity} == {bound(iv.lo)}{suffix}"
        lo_op = "<" if iv.lo_open else "<="
        hi_op = "<" if iv.hi_open else "<="
        return f"{bound(iv.lo)} {lo_op} {quantity} {hi_op} {bound(iv.hi)}{suffix}"
    if iv.hi is not None:
        return f"{quantity} {'<' if iv.hi_open else '<='} {bound(iv.hi)}{suffix}"
    if iv.lo is not None:
        return f"{quantity} {'>' if iv.lo_open else '>='} {bound(iv.lo)}{suffix}"
    return f"{quantity} is unconstrained"


def canonical_claim(claim: Claim, model: Model) -> str:
    if claim.interval is not None and claim.quantity is not None:
        return interval_text(claim.quantity, claim.interval, model.quantities[claim.quantity].unit, claim.ref)
    return " and ".join(atom_text(a) for a in claim.atoms)


def canonical_rule(rule: Rule) -> str:
    return " and ".join(atom_text(a) for a in rule.atoms)
