"""The forest plot of one quantity: every claim's interval by source, beside the implied range.

A filled end is included, a hollow end is open, and an arrow means unbounded. Values spanning
more than three orders of magnitude are drawn on a log scale. The SVG draws text as paths, so
the page needs no fonts.
"""

from __future__ import annotations

import io
import re
import textwrap
from fractions import Fraction
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from numcheck.model import Claim, Model  # noqa: E402

if TYPE_CHECKING:
    from numcheck.report import Range, Report

__all__ = ["claim_interval", "forest"]

_COLORS = {"ok": "#2f6f9f", "in-conflict": "#c0392b", "unknown": "#8e8e8e", "implied": "#1e8449"}


def claim_interval(claim: Claim, ranges: dict[str, Range]) -> tuple[Fraction | None, Fraction | None, bool, bool] | None:
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


def _tick(value: float, _pos: object = None) -> str:
    """Short tick labels that never collide: 115k, 1.25M, 2.5bn."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.4g}{suffix}"
    return f"{value:g}"


def forest(model: Model, report: Report, quantity: str, claims: list[Claim]) -> str:
    status = {c.id: c.status for c in report.claims}
    rows: list[tuple[str, tuple[Fraction | None, Fraction | None, bool, bool], str]] = []
    for claim in claims:
        iv = claim_interval(claim, report.ranges)
        if iv is None:
            continue
        source = model.sources[claim.source].name if claim.source else "no source"
        label = claim.id + (f" via {claim.ref}" if claim.ref else "")
        label += "\n" + textwrap.shorten(source, width=34, placeholder="…")
        rows.append((label, iv, _COLORS.get(status.get(claim.id, "ok"), _COLORS["ok"])))
    implied = report.ranges.get(quantity)
    if implied is not None:
        rows.append(("implied range", (implied.min, implied.max, implied.min_open, implied.max_open),
                     _COLORS["implied"]))
    try:
        finite = [float(v) for _, (lo, hi, _, _), _ in rows for v in (lo, hi) if v is not None]
    except OverflowError:
        return ""  # numbers beyond floating point: the table says them exactly, no chart can draw them
    if not rows or not finite:
        return ""
    positive = [v for v in finite if v > 0]
    log = bool(positive) and len(positive) == len(finite) and max(positive) / min(positive) > 1000
    lo_edge, hi_edge = min(finite), max(finite)
    if log:
        lo_edge, hi_edge = lo_edge / 3, hi_edge * 3
    else:
        pad = (hi_edge - lo_edge) * 0.15 or max(abs(hi_edge) * 0.15, 1.0)
        lo_edge, hi_edge = lo_edge - pad, hi_edge + pad
        if min(finite) >= 0:
            lo_edge = max(lo_edge, -pad * 0.2)
    fig, ax = plt.subplots(figsize=(7.5, 0.62 * len(rows) + 0.9))
    for y, (_, (lo, hi, lo_open, hi_open), color) in enumerate(reversed(rows)):
        a = float(lo) if lo is not None else lo_edge
        b = float(hi) if hi is not None else hi_edge
        if log:
            a = max(a, lo_edge)
        ax.plot([a, b], [y, y], color=color, linewidth=3, solid_capstyle="butt")
        for end, value, is_open, direction in ((a, lo, lo_open, "<"), (b, hi, hi_open, ">")):
            if value is None:
                ax.plot([end], [y], marker=direction, color=color, markersize=10)
            else:
                ax.plot([end], [y], marker="o", markersize=8, color=color,
                        markerfacecolor="white" if is_open else color, markeredgewidth=2)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([label for label, _, _ in reversed(rows)])
    if log:
        ax.set_xscale("log")
    ax.set_xlim(lo_edge, hi_edge)
    unit = model.quantities[quantity].unit
    ax.set_xlabel(f"{quantity}" + (f" ({unit})" if unit else "") + ("  — log scale" if log else ""))
    ax.grid(axis="x", alpha=0.3)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if not log:
        ax.ticklabel_format(axis="x", style="plain", useOffset=False)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=5))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_tick))
    fig.tight_layout()
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "numcheck"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg"):], flags=re.S)
    return svg


