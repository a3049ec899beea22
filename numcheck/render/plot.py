"""What a chart draws for an interval: a claim's interval in its quantity's unit, as floats a
chart can place, and in a few words.

The HTML report's charts (conflictchart.py, quantitychart.py, drawn by svgchart.py), its time
charts (timechart.py) and the desk page (web/charts.py) all take a claim's interval from here, so
that they draw each claim in the same place. No matplotlib: the interval charts are written as
SVG by numcheck itself (see svgchart.py for why), and only the time charts still use matplotlib.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.model import Claim
    from numcheck.report import Range

__all__ = ["Bounds", "Span", "claim_interval", "span_of", "span_words"]

# Beyond this magnitude (or below its inverse) an axis' padding, log edges and tick steps may
# overflow or underflow a float; such bounds are left out of the chart (the text says them exactly).
_DRAWABLE = 1e300

Bounds = tuple[Fraction | None, Fraction | None, bool, bool]


@dataclass(frozen=True)
class Span:
    """An interval a chart can place: float ends, None where unbounded, and which ends are open."""

    lo: float | None
    hi: float | None
    lo_open: bool = False
    hi_open: bool = False

    def ends(self) -> tuple[float, ...]:
        """The finite ends, for fitting an axis to them."""
        return tuple(v for v in (self.lo, self.hi) if v is not None)


def claim_interval(claim: Claim, ranges: dict[str, Range]) -> Bounds | None:
    """A claim's interval in its quantity's unit; a relative claim through its reference's range."""
    iv = claim.interval
    if iv is None:
        return None
    if claim.ref is None:
        return iv.lo, iv.hi, iv.lo_open, iv.hi_open
    ref = ranges.get(claim.ref)
    if ref is None:
        return None
    lo = iv.lo * ref.min if iv.lo is not None and ref.min is not None else None
    hi = iv.hi * ref.max if iv.hi is not None and ref.max is not None else None
    return lo, hi, iv.lo_open or ref.min_open, iv.hi_open or ref.max_open


def span_of(lo: Fraction | None, hi: Fraction | None, lo_open: bool, hi_open: bool, *,
            floor: bool = False) -> Span:
    """The interval as a Span; with `floor` (a quantity that cannot be negative) an unbounded
    lower end is the floor of 0, included, so that no arrow runs below zero. Raises ValueError
    when an end is beyond what an axis can compute (the text gives it exactly)."""
    if floor and lo is None:
        lo, lo_open = Fraction(0), False
    return Span(_drawable(lo), _drawable(hi), lo_open, hi_open)


def span_words(lo: Fraction | None, hi: Fraction | None, lo_open: bool, hi_open: bool, w: Wording = ENGLISH) -> str:
    """The interval in a few words: '≤ 12,000', '11,500 – 12,500', 'from 0 to under
    50,000', '= 4', 'any value'; in `w`'s language and notation."""
    if lo is not None and hi is not None:
        if lo == hi:
            return w("span.equal", n=w.number(lo))
        ends = "open" if lo_open else "closed", "open" if hi_open else "closed"
        return w(f"span.{ends[0]}-{ends[1]}", lo=w.number(lo), hi=w.number(hi))
    if hi is not None:
        return f"{'<' if hi_open else '≤'} {w.number(hi)}"
    if lo is not None:
        return f"{'>' if lo_open else '≥'} {w.number(lo)}"
    return w("span.any")


def _drawable(v: Fraction | None) -> float | None:
    """The bound as a float a chart can use, None when unbounded; raises ValueError when too big."""
    if v is None:
        return None
    try:
        f = float(v)
    except OverflowError:
        raise ValueError("beyond floating point") from None
    if not math.isfinite(f) or abs(f) > _DRAWABLE or (f != 0 and abs(f) < 1 / _DRAWABLE):
        raise ValueError("beyond what an axis can compute")
    return f
