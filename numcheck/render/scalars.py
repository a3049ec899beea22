"""One number as text: exactly for machines, readably for people.

`exact(x)` never rounds (12000, 0.45, 1/3), because `numcheck show` and the JSON must round-trip;
`readable(x)` groups digits (51,750) and rounds long fractions for sentences in a report. This is
the bottom layer of render/: intervals.py and numbers.py build on it, and it imports nothing of
numcheck, so anything may use it without an import cycle.
"""

from __future__ import annotations

import decimal
import math
from fractions import Fraction

__all__ = ["exact", "json_number", "readable", "scaled"]


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
    scaled_digits = abs(x.numerator) * (10**places // x.denominator)
    digits = str(scaled_digits).rjust(places + 1, "0")
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


def scaled(coef: Fraction, name: str) -> str:
    """`name` times an exact coefficient, as a constraint writes it: 'q', '0.45*q'."""
    return name if coef == 1 else f"{exact(coef)}*{name}"
