"""One number as text: exactly for machines, readably for people.

`exact(x)` never rounds (12000, 0.45, 1/3), because `numcheck show` and the JSON must round-trip;
`readable(x)` groups digits (51,750) and rounds long fractions for sentences in a report;
`french(text)` writes either in French notation (51 750, 0,45), for a report in French. This is
the bottom layer of render/: intervals.py and numbers.py build on it, and it imports nothing of
numcheck, so anything may use it without an import cycle.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from fractions import Fraction

__all__ = ["NARROW_NBSP", "exact", "french", "json_number", "readable", "scaled"]

# French groups digits with a narrow no-break space (U+202F): it never breaks a number across
# lines, and it is the thin space of French typography (13 500), unlike the wider U+00A0.
NARROW_NBSP = "\u202f"


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


def scaled(coef: Fraction, name: str, number: Callable[[Fraction], str] = exact) -> str:
    """`name` times an exact coefficient, as a constraint writes it: 'q', '0.45*q'."""
    return name if coef == 1 else f"{number(coef)}*{name}"


def french(text: str) -> str:
    """A number written by `readable` or `exact` ('51,750', '-0.45', '1.000E+400', '1/3') in French
    notation ('51 750', '-0,45', '1,000E+400', '1/3'): the same digits, so it reads back exactly.

    Working on the English text rather than on the number keeps one rounding for both languages:
    a French report never shows a digit that the English one does not."""
    mantissa, e, exponent = text.partition("E")
    sign = "-" if mantissa.startswith("-") else ""
    whole, dot, frac = mantissa.removeprefix("-").replace(",", "").partition(".")
    if not whole.isdigit():  # a fraction (1/3) has no thousands and no decimals to rewrite
        return text
    head = len(whole) % 3 or 3
    grouped = NARROW_NBSP.join([whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))])
    return f"{sign}{grouped}{',' if dot else ''}{frac}{e}{exponent}"
