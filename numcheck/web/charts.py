"""The page's charts: one forest plot per quantity, drawn in HTML and CSS rather than as images.

Each claim's interval is a bar on a shared axis, with the implied range below; a filled end is
included, a hollow end open, and an arrow marks an unbounded side; red is a claim in a conflict.
Values spanning more than three orders of magnitude are placed on a log scale. These are the
report's forest plots (render/plot.py) in the page's own terms: drawn in microseconds instead of a
tenth of a second each, so a file of a few hundred claims re-draws as you type, and their labels
are real text that wraps at 390 pixels and stays at a readable size. A claim's interval (a relative
claim's through its reference's implied range) is the report's own `claim_interval`, so that both
draw each claim in the same place; render/plot.py loads no matplotlib, and neither does this page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from numcheck.model import Claim, Model
from numcheck.render.axis import fit_axis
from numcheck.render.plot import Bounds, claim_interval, span_of
from numcheck.render.scalars import readable
from numcheck.report import Report

__all__ = ["Bar", "Chart", "charts", "claim_interval"]


@dataclass(frozen=True)
class Bar:
    """One row: where its bar starts and ends on the axis (0 to 100), and how its ends are drawn."""

    label: str
    source: str
    claim: str | None  # None for the implied range
    status: str  # ok | in-conflict | unknown | implied
    left: float
    right: float
    width: float  # right - left, at least a sliver, so a point is seen
    lo_end: str  # closed | open | none (unbounded: an arrow)
    hi_end: str
    words: str  # the interval in words: '≤ 12,000', '11,500 – 12,500'


@dataclass(frozen=True)
class Chart:
    quantity: str
    unit: str
    log: bool
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    omitted: tuple[str, ...] = ()


def words(lo: Fraction | None, hi: Fraction | None, lo_open: bool, hi_open: bool) -> str:
    if lo is not None and hi is not None:
        return f"= {readable(lo)}" if lo == hi else f"{readable(lo)} – {readable(hi)}"
    if hi is not None:
        return f"{'<' if hi_open else '≤'} {readable(hi)}"
    if lo is not None:
        return f"{'>' if lo_open else '≥'} {readable(lo)}"
    return "any value"


class _Axis:
    """Positions on the axis (0 to 100) and its ticks, from render/axis.py's axis fitted to the
    finite ends of every row, as the report's charts fit theirs."""

    def __init__(self, finite: list[float]) -> None:
        axis = fit_axis(finite, floor=0.0 if min(finite) >= 0 else None)
        assert axis is not None
        self.axis = axis
        self.log = axis.log

    def at(self, v: float | None, *, low: bool) -> float:
        if v is None:
            return 0.0 if low else 100.0
        return min(100.0, max(0.0, self.axis.position(v) * 100))

    def ticks(self) -> tuple[tuple[float, str], ...]:
        return tuple((t.at * 100, t.label) for t in self.axis.ticks(8))


def _chart(model: Model, report: Report, name: str, claims: list[Claim],
           status: Mapping[str, str]) -> Chart | None:
    wanted: list[tuple[str, str, str | None, str, Bounds]] = []
    for claim in claims:
        bounds = claim_interval(claim, report.ranges)
        if bounds is not None:
            source = model.sources[claim.source].name if claim.source in model.sources else ""
            label = claim.id + (f" (via {claim.ref})" if claim.ref else "")
            wanted.append((label, source, claim.id, status.get(claim.id, "ok"), bounds))
    implied = report.ranges.get(name)
    if implied is not None:
        wanted.append(("implied range", "", None, "implied",
                       (implied.min, implied.max, implied.min_open, implied.max_open)))
    rows, omitted = [], []
    for label, source, claim_id, state, (lo, hi, lo_open, hi_open) in wanted:
        try:
            span = span_of(lo, hi, lo_open, hi_open)  # ValueError beyond what an axis can compute
            rows.append((label, source, claim_id, state, span.lo, span.hi, lo_open, hi_open,
                         words(lo, hi, lo_open, hi_open)))
        except ValueError:
            omitted.append(label)
    finite = [v for row in rows for v in (row[4], row[5]) if v is not None]
    if not finite:
        return None
    axis = _Axis(finite)
    bars = tuple(Bar(label, source, claim_id, state, axis.at(lo, low=True), axis.at(hi, low=False),
                     max(axis.at(hi, low=False) - axis.at(lo, low=True), 0.4),
                     "none" if lo is None else "open" if lo_open else "closed",
                     "none" if hi is None else "open" if hi_open else "closed", text)
                 for label, source, claim_id, state, lo, hi, lo_open, hi_open, text in rows)
    return Chart(name, model.quantities[name].unit, axis.log, bars, axis.ticks(), tuple(omitted))


def charts(report: Report) -> list[Chart]:
    """One chart per quantity with something to draw, quantities in conflicts first."""
    model = report.model
    status = {c.id: c.status for c in report.claims}
    by_quantity: dict[str, list[Claim]] = {}
    for claim in model.claims:
        if claim.quantity:
            by_quantity.setdefault(claim.quantity, []).append(claim)
    out = [c for name in model.quantities if (c := _chart(model, report, name, by_quantity.get(name, []), status))]
    return sorted(out, key=lambda c: not any(b.status == "in-conflict" for b in c.bars))
