"""The HTML report's time chart: one per time-indexed quantity (claims-format.md, "Figures over
time").

Dates run along the x-axis. Each claim is a vertical interval at its date (a filled end is
included, a hollow end open, an arrow unbounded), red when in a conflict; each rate is a wedge
from the start of its period, between its least and its greatest slope, with its middle slope
dashed; the implied range at each date is joined into a green band.

The one chart of the HTML report still drawn by matplotlib (its date axis and wedges are worth
it, and a file has few series): `matplotlib.figure.Figure` and the SVG canvas, never pyplot or
`matplotlib.use` (a notebook keeps its backend and figures), under matplotlib's default style,
with every text's mathtext off, since a claim id like `$x$` is a name, not a formula.
matplotlib is imported when a time chart is drawn, not with this module, so a page without
series never loads it. Text is written as SVG `<text>`, searchable, at 10 points or more, and
the chart keeps a width of at least 600 px (scrolling inside its box on a phone) so that its text
is never under 11 px. Its value axis is fitted by axis.py, as every chart's is.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from numcheck.render.axis import fit_axis, short_number
from numcheck.render.plot import claim_interval
from numcheck.render.safe import html_text, visible
from numcheck.render.timeline import Series, rate_change, series_of
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from numcheck.model import Model, Quantity
    from numcheck.report import Report

__all__ = ["MAX_DATED_FORESTS", "forest_quantities", "time_chart", "time_sections"]

MAX_DATED_FORESTS = 12  # a series with more dates gets its time chart only, not a forest plot per date
_COLORS = {"ok": "#2f6f9f", "in-conflict": "#c0392b", "unknown": "#8e8e8e", "implied": "#1e8449"}
_RATE_COLORS = ("#8e44ad", "#d35400", "#16a085", "#7f8c8d")
_RC: Any = {"svg.fonttype": "none", "svg.hashsalt": "numcheck", "text.usetex": False, "font.size": 10}
_LIMIT = 1e300  # beyond this a bound is not drawn (the text gives it exactly)
# A French page's date ticks: numbers in ISO order (2024-10, 10-25), never English month names,
# as the report writes its dates; matplotlib's month names follow the C locale, not the reader.
_NUMERIC_DATES: dict[str, Any] = {
    "formats": ["%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M", "%S.%f"],
    "zero_formats": ["", "%Y", "%Y-%m", "%Y-%m-%d", "%H:%M", "%H:%M"],
    "offset_formats": ["", "%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"],
}


def forest_quantities(model: Model) -> Iterator[tuple[str, Quantity]]:
    """The quantities that get a forest plot of their own: all but the dates of a long series."""
    counts: dict[str, int] = {}
    for q in model.quantities.values():
        if q.series is not None:
            counts[q.series] = counts.get(q.series, 0) + 1
    for name, q in model.quantities.items():
        if q.series is None or counts[q.series] <= MAX_DATED_FORESTS:
            yield name, q


def time_sections(report: Report, w: Wording = ENGLISH) -> list[str]:
    """Per time-indexed quantity: a heading and its time chart, as HTML, worded by `w`."""
    out: list[str] = []
    for series in series_of(report.model):
        e = html_text
        about = f" — {e(series.quantity.about)}" if series.quantity.about else ""
        svg = time_chart(report, series, w)
        head = w.markup("html.over-time", e, name=f"<code>{e(series.name)}</code>", about=about)
        out.append(f'<h3 id="t-{e(series.name)}">{head}</h3>')
        nothing = f'<p class=muted>{e(w("html.time.nothing"))}</p>'
        out.append(f'<div class="plot timechart" data-series="{e(series.name)}">{svg or nothing}</div>')
    return out


def _float(v: Fraction | None) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except OverflowError:
        return None
    return f if abs(f) <= _LIMIT else None


def _span(values: list[float]) -> tuple[float, float]:
    """The value axis (axis.py's, never log here), with a sliver below a floor of 0 so that a
    claim's end at 0 is not cut in half by the chart's edge."""
    axis = fit_axis(values, floor=0.0 if min(values) >= 0 else None, log_span=float("inf"))
    assert axis is not None
    return (axis.lo - (axis.hi - axis.lo) * 0.02 if axis.lo == 0 else axis.lo), axis.hi


def time_chart(report: Report, series: Series, w: Wording = ENGLISH) -> str:
    """The chart as inline SVG, its labels and numbers worded by `w`; '' when nothing in it has a
    drawable bound."""
    bounds = _claim_bounds(report, series)
    band = [(_day(p.date), report.ranges.get(p.quantity)) for p in series.points]
    finite = [v for _, lo, hi, *_ in bounds for v in (lo, hi) if v is not None]
    finite += [v for _, r in band if r is not None for v in (_float(r.min), _float(r.max)) if v is not None]
    wedges = _wedges(report, series, w)
    finite += [v for _, _, origin, low, high, *_ in wedges
               for v in (origin, None if low is None else origin + low, None if high is None else origin + high)
               if v is not None]
    if not finite:
        return ""
    bottom, top = _span(finite)
    import matplotlib.style
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.style.context("default"), matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.5, 4.2))
        canvas = FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        _band(ax, band, bottom, top, w("html.implied-range"))
        for wedge in wedges:
            _rate(ax, wedge, top)
        _claims(ax, bounds, bottom, top)
        _dress(ax, series, bottom, top, w.lang)
        fig.tight_layout()
        buf = io.StringIO()
        canvas.print_svg(buf, metadata={"Date": None})  # type: ignore[no-untyped-call]
    svg = buf.getvalue()
    return re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg"):], flags=re.S)


_Bound = tuple[float, float | None, float | None, bool, bool, str, str]


def _claim_bounds(report: Report, series: Series) -> list[_Bound]:
    """(day, lo, hi, lo_open, hi_open, colour, label) of each value claim on the series."""
    status = {c.id: c.status for c in report.claims}
    out: list[_Bound] = []
    for point in series.points:
        for claim in point.claims:
            if claim.quantity != point.quantity:
                continue  # a relation naming the series: no interval of its own to draw
            found = claim_interval(claim, report.ranges)
            if found is None:
                continue
            lo, hi, lo_open, hi_open = found
            colour = _COLORS.get(status.get(claim.id, "ok"), _COLORS["ok"])
            out.append((_day(point.date), _float(lo), _float(hi), lo_open, hi_open, colour,
                        textwrap.shorten(visible(claim.id), width=24, placeholder="…")))
    return out


def _band(ax: Axes, band: list[tuple[float, Any]], bottom: float, top: float, label: str) -> None:
    """The implied range at each date, joined: a band, clipped to the chart where unbounded."""
    xs, los, his = [], [], []
    for day, r in band:
        if r is None:
            continue
        lo, hi = _float(r.min), _float(r.max)
        xs.append(day)
        los.append(bottom if lo is None else lo)
        his.append(top if hi is None else hi)
    if not xs:
        return
    ax.fill_between(xs, los, his, color=_COLORS["implied"], alpha=0.18, linewidth=0, label=label)
    ax.plot(xs, los, color=_COLORS["implied"], linewidth=1)
    ax.plot(xs, his, color=_COLORS["implied"], linewidth=1)


_Wedge = tuple[float, float, float, float | None, float | None, str, str]


def _wedges(report: Report, series: Series, w: Wording) -> list[_Wedge]:
    """(start, end, origin, least change, greatest change, colour, label) of each rate."""
    out: list[_Wedge] = []
    for k, rate in enumerate(series.rates):
        assert rate.period is not None
        change = rate_change(rate)
        origin = _origin(report, series, rate.period[0])
        label = textwrap.shorten(visible(w("html.time.rate", id=rate.id, value=rate.value)), width=40, placeholder="…")
        out.append((_day(rate.period[0]), _day(rate.period[1]), origin, _float(change.lo), _float(change.hi),
                    _RATE_COLORS[k % len(_RATE_COLORS)], label))
    return out


def _origin(report: Report, series: Series, day: dt.date) -> float:
    """Where a rate's wedge starts: the middle of what the claims at the period's start say
    together (or their one bound), else the middle of the implied range there, else 0."""
    point = next((p for p in series.points if p.date == day), None)
    if point is None:
        return 0.0
    los, his = [], []
    for claim in point.claims:
        if claim.quantity == point.quantity and claim.ref is None and claim.interval is not None:
            los += [v for v in [_float(claim.interval.lo)] if v is not None]
            his += [v for v in [_float(claim.interval.hi)] if v is not None]
    r = report.ranges.get(point.quantity)
    if r is not None and not los and not his:
        los += [v for v in [_float(r.min)] if v is not None]
        his += [v for v in [_float(r.max)] if v is not None]
    lo, hi = (max(los) if los else None), (min(his) if his else None)
    if lo is not None and hi is not None and lo <= hi:
        return (lo + hi) / 2
    return lo if lo is not None else hi if hi is not None else 0.0


def _rate(ax: Axes, wedge: _Wedge, top: float) -> None:
    """A wedge between the least and the greatest slope the rate allows, its middle dashed; an
    unbounded side fades out to the top of the chart."""
    start, end, origin, low, high, colour, label = wedge
    lower = origin + (low if low is not None else 0.0)
    upper = origin + high if high is not None else top
    ax.fill([start, end, end], [origin, lower, upper], color=colour, alpha=0.18 if high is not None else 0.07,
            linewidth=0, label=label)
    for change in (low, high):
        if change is not None:
            ax.plot([start, end], [origin, origin + change], color=colour, linewidth=1)
    if low is not None and high is not None:
        ax.plot([start, end], [origin, origin + (low + high) / 2], color=colour, linestyle="--", linewidth=1.5)


def _claims(ax: Axes, bounds: list[_Bound], bottom: float, top: float) -> None:
    """Each claim a vertical bar at its date, ends marked as in the forest plots, its id beside it."""
    for day, lo, hi, lo_open, hi_open, colour, label in bounds:
        a = lo if lo is not None else bottom
        b = hi if hi is not None else top
        ax.plot([day, day], [a, b], color=colour, linewidth=3, solid_capstyle="butt")
        for end, value, is_open, arrow in ((a, lo, lo_open, "v"), (b, hi, hi_open, "^")):
            if value is None:
                ax.plot([day], [end], marker=arrow, color=colour, markersize=9)
            else:
                ax.plot([day], [end], marker="o", markersize=7, color=colour,
                        markerfacecolor="white" if is_open else colour, markeredgewidth=2)
        ax.annotate(label, (day, b), textcoords="offset points", xytext=(4, -10), fontsize=10, color=colour,
                    parse_math=False, annotation_clip=True)


def _dress(ax: Axes, series: Series, bottom: float, top: float, lang: str) -> None:
    import matplotlib.dates
    import matplotlib.ticker

    days = [_day(p.date) for p in series.points]
    first, last = min(days), max(days)
    pad = max((last - first) * 0.05, 3.0)
    ax.set_xlim(first - pad, last + pad)
    ax.set_ylim(bottom, top)
    locator = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=6)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator, **(_NUMERIC_DATES if lang == "fr" else {})))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _pos: short_number(value, lang)))
    unit = series.quantity.unit
    ax.set_ylabel(visible(series.name) + (f" ({visible(unit)})" if unit else ""), parse_math=False, usetex=False)
    ax.grid(alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        legend = ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=10,
                           frameon=False)
        for text in legend.get_texts():
            text.set_parse_math(False)


def _day(date: dt.date) -> float:
    """A date as matplotlib's date axis counts it (days since 1970-01-01, its default epoch)."""
    return float((date - dt.date(1970, 1, 1)).days)

