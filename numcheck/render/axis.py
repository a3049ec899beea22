"""One axis fitted to a set of bounds, for every chart numcheck draws (the report's interval
charts, its time charts, the desk page's bars), without matplotlib.

An axis is fitted to the ends a chart must show, never to whatever else shares the chart: an
implied range of 0 to 1,350,000 must not shrink two claims of 3,000 and 15,000 to touching dots.
What lies beyond the axis is drawn clipped, by the chart. Three choices are made here once:
- log only when every end is positive and they span more than three orders of magnitude;
- a quantity that cannot be negative never gets an axis below its floor of zero;
- when a chart has gaps it must show (a claim and what the others allow for it), an axis on
  which the narrowest gap would be a sliver is narrowed around the gaps, so that a gap of 1,750
  between 50,000 and 51,750 is seen, and the rest of each bar is drawn as running off the axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from numcheck.render.scalars import NARROW_NBSP

__all__ = ["Axis", "Gap", "Tick", "fit_axis", "short_number"]

LOG_SPAN = 1000.0  # more than three orders of magnitude between the ends: a log axis
PAD = 0.12  # room on each side, as a share of the span
GAP_SHARE = 0.2  # the narrowest gap to be seen takes at least this share of a narrowed axis


@dataclass(frozen=True)
class Tick:
    """A tick mark: where it stands on the axis (0 to 1) and its label."""

    at: float
    label: str


@dataclass(frozen=True)
class Gap:
    """Two ends a chart must show apart: `lo` < `hi`, in data units."""

    lo: float
    hi: float


@dataclass(frozen=True)
class Axis:
    """lo to hi in data units (both positive on a log axis); `narrowed` when the axis was cut
    down around the gaps, so that ends beyond it are drawn as running off the chart."""

    lo: float
    hi: float
    log: bool = False
    narrowed: bool = False

    def position(self, value: float) -> float:
        """Where a value stands: 0 at lo, 1 at hi, beyond either outside the axis (not clipped)."""
        if self.log:
            if value <= 0:
                return -math.inf
            return (math.log10(value) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        return (value - self.lo) / (self.hi - self.lo)

    def ticks(self, most: int = 6, lang: str = "en") -> tuple[Tick, ...]:
        """Round values within the axis, at most `most`: 0, 5k, 10k; or 10, 1k, 100k on a log axis;
        labelled in `lang`'s notation (short_number)."""
        if self.log:
            first, last = math.ceil(math.log10(self.lo) - 1e-9), math.floor(math.log10(self.hi) + 1e-9)
            every = max(1, math.ceil((last - first + 1) / most))
            return tuple(Tick(self.position(10.0 ** k), short_number(10.0 ** k, lang))
                         for k in range(first, last + 1, every))
        step = _nice((self.hi - self.lo) / 4)
        k = math.ceil(self.lo / step - 1e-9)
        out: list[Tick] = []
        while k * step <= self.hi * (1 + 1e-12) + 1e-300 and len(out) < most:
            value = k * step
            out.append(Tick(self.position(value), short_number(0.0 if abs(value) < step * 1e-9 else value, lang)))
            k += 1
        return tuple(out)


def fit_axis(values: Sequence[float], *, floor: float | None = None, gaps: Sequence[Gap] = (),
             pad: float = PAD, log_span: float = LOG_SPAN) -> Axis | None:
    """The axis for these finite ends (None when there are none), padded, never below `floor`,
    on a log scale only when they span orders of magnitude, narrowed around `gaps` when the
    narrowest of them would otherwise take less than GAP_SHARE of the axis."""
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return None
    low, high = min(finite), max(finite)
    log = low > 0 and high / low > log_span
    to, back = (math.log10, _exp10) if log else (_same, _same)
    a, b = to(low), to(high)
    room = (b - a) * pad or (0.5 if log else max(abs(b) * 0.15, 1.0))  # one value alone: room around it
    lo_t, hi_t = a - room, b + room
    if floor is not None and not log and low >= floor:
        lo_t = max(lo_t, floor)
    shown = [g for g in gaps if g.hi > g.lo and math.isfinite(g.lo) and math.isfinite(g.hi)]
    if shown and not (log and min(g.lo for g in shown) <= 0):
        narrow = min(to(g.hi) - to(g.lo) for g in shown)
        if narrow < GAP_SHARE * (hi_t - lo_t):
            start, end = min(to(g.lo) for g in shown), max(to(g.hi) for g in shown)
            width = max((end - start) * 1.6, narrow / GAP_SHARE)
            middle = (start + end) / 2
            cut_lo, cut_hi = max(lo_t, middle - width / 2), min(hi_t, middle + width / 2)
            if cut_hi - cut_lo < hi_t - lo_t:
                return Axis(back(cut_lo), back(cut_hi), log, narrowed=True)
    return Axis(back(lo_t), back(hi_t), log)


def short_number(value: float, lang: str = "en") -> str:
    """A tick label that stays short: 115k, 1.25M, 2.5bn, 0.45; in French 115 k, 1,25 M, 2,5 Md,
    0,45 (a decimal comma, and the unit symbol after a narrow no-break space, as French writes
    km). Only ever a label: the exact numbers are in the text."""
    french = lang == "fr"
    for size, suffix in ((1e9, "Md" if french else "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            head = f"{value / size:.4g}"
            return f"{head.replace('.', ',')}{NARROW_NBSP}{suffix}" if french else f"{head}{suffix}"
    text = f"{value:.4g}"
    return text.replace(".", ",") if french else text


def _nice(raw: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) at or above raw."""
    if not raw > 0:
        return 1.0
    exp = math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10.0 ** exp >= raw * (1 - 1e-12):
            return m * 10.0 ** exp
    return 10.0 ** (exp + 1)


def _same(v: float) -> float:
    return v


def _exp10(v: float) -> float:
    return math.pow(10.0, v)
