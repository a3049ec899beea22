"""The forest plot of one quantity: every claim's interval by source, beside the implied range.

A filled end is included, a hollow end is open, and an arrow means unbounded. Values spanning
more than three orders of magnitude are drawn on a log scale. The SVG draws text as paths, so
the page needs no fonts.

matplotlib is used through `Figure` and the SVG canvas directly, never through pyplot or
`matplotlib.use`: a notebook that renders a report keeps its own backend and open figures, and
the drawing runs under matplotlib's default style, so the caller's style sheet changes neither
the report nor is changed by it. Every text artist is drawn with mathtext and TeX off, because a
source named `$\\x$` is a name, not a formula.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import matplotlib
import matplotlib.style
import matplotlib.ticker
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from numcheck.render.safe import visible

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from numcheck.model import Claim, Model
    from numcheck.report import Range, Report

__all__ = ["Plot", "claim_interval", "forest"]

_COLORS = {"ok": "#2f6f9f", "in-conflict": "#c0392b", "unknown": "#8e8e8e", "implied": "#1e8449"}
# Beyond this magnitude (or below its inverse) an axis' padding, log edges and tick steps may
# overflow or underflow a float; such bounds are left out of the chart (the text says them exactly).
_DRAWABLE = 1e300
_RC: Any = {"svg.fonttype": "path", "svg.hashsalt": "numcheck", "text.usetex": False}

Bounds = tuple[Fraction | None, Fraction | None, bool, bool]


@dataclass(frozen=True)
class Plot:
    """One quantity's chart: the SVG ('' when nothing could be drawn) and the rows left out."""

    svg: str
    omitted: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Row:
    label: str
    lo: float | None
    hi: float | None
    lo_open: bool
    hi_open: bool
    color: str


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


def _rows(model: Model, report: Report, quantity: str, claims: list[Claim]) -> tuple[list[_Row], list[str]]:
    """The rows to draw, top to bottom, and the labels of those too large or small to draw."""
    status = {c.id: c.status for c in report.claims}
    wanted: list[tuple[str, Bounds, str]] = []
    for claim in claims:
        bounds = claim_interval(claim, report.ranges)
        if bounds is None:
            continue
        source = model.sources[claim.source].name if claim.source else "no source"
        label = claim.id + (f" via {claim.ref}" if claim.ref else "")
        label = visible(label) + "\n" + textwrap.shorten(visible(source), width=34, placeholder="…")
        wanted.append((label, bounds, _COLORS.get(status.get(claim.id, "ok"), _COLORS["ok"])))
    implied = report.ranges.get(quantity)
    if implied is not None:
        wanted.append(("implied range", (implied.min, implied.max, implied.min_open, implied.max_open),
                       _COLORS["implied"]))
    rows: list[_Row] = []
    omitted: list[str] = []
    for label, (lo, hi, lo_open, hi_open), color in wanted:
        try:
            rows.append(_Row(label, _drawable(lo), _drawable(hi), lo_open, hi_open, color))
        except ValueError:
            omitted.append(label.split("\n")[0])
    return rows, omitted


def _tick(value: float, _pos: object = None) -> str:
    """Short tick labels that never collide: 115k, 1.25M, 2.5bn."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.4g}{suffix}"
    return f"{value:g}"


def _edges(finite: list[float]) -> tuple[float, float, bool]:
    """The x-axis limits, with room around the data, and whether the axis is logarithmic."""
    positive = [v for v in finite if v > 0]
    log = bool(positive) and len(positive) == len(finite) and max(positive) / min(positive) > 1000
    lo_edge, hi_edge = min(finite), max(finite)
    if log:
        return lo_edge / 3, hi_edge * 3, True
    pad = (hi_edge - lo_edge) * 0.15 or max(abs(hi_edge) * 0.15, 1.0)
    lo_edge, hi_edge = lo_edge - pad, hi_edge + pad
    if min(finite) >= 0:
        lo_edge = max(lo_edge, -pad * 0.2)
    return lo_edge, hi_edge, False


def forest(model: Model, report: Report, quantity: str, claims: list[Claim]) -> Plot:
    """The chart of one quantity as inline SVG, or Plot('') when no row has a drawable bound."""
    rows, omitted = _rows(model, report, quantity, claims)
    finite = [v for row in rows for v in (row.lo, row.hi) if v is not None]
    if not rows or not finite:
        return Plot("", tuple(omitted))
    lo_edge, hi_edge, log = _edges(finite)
    unit = model.quantities[quantity].unit
    xlabel = visible(quantity) + (f" ({visible(unit)})" if unit else "") + ("  — log scale" if log else "")
    with matplotlib.style.context("default"), matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.5, 0.62 * len(rows) + 0.9))
        canvas = FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        _draw(ax, rows, lo_edge, hi_edge, log)
        ax.set_xlabel(xlabel, parse_math=False, usetex=False)
        fig.tight_layout()
        buf = io.StringIO()
        canvas.print_svg(buf, metadata={"Date": None})  # type: ignore[no-untyped-call]
    svg = buf.getvalue()
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg"):], flags=re.S)
    return Plot(svg, tuple(omitted))


def _draw(ax: Axes, rows: list[_Row], lo_edge: float, hi_edge: float, log: bool) -> None:
    """One horizontal bar per row, bottom-up, with its ends marked; then the axes dressed."""
    for y, row in enumerate(reversed(rows)):
        a = row.lo if row.lo is not None else lo_edge
        b = row.hi if row.hi is not None else hi_edge
        if log:
            a = max(a, lo_edge)
        ax.plot([a, b], [y, y], color=row.color, linewidth=3, solid_capstyle="butt")
        for end, value, is_open, direction in ((a, row.lo, row.lo_open, "<"), (b, row.hi, row.hi_open, ">")):
            if value is None:
                ax.plot([end], [y], marker=direction, color=row.color, markersize=10)
            else:
                ax.plot([end], [y], marker="o", markersize=8, color=row.color,
                        markerfacecolor="white" if is_open else row.color, markeredgewidth=2)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([row.label for row in reversed(rows)], parse_math=False, usetex=False)
    if log:
        ax.set_xscale("log")
    ax.set_xlim(lo_edge, hi_edge)
    ax.grid(axis="x", alpha=0.3)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if not log:
        ax.ticklabel_format(axis="x", style="plain", useOffset=False)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=5))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_tick))
