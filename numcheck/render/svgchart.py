"""Interval charts written as plain SVG: rows of labelled bars over one axis per panel.

Why not matplotlib: a figure costs 50 to 100 ms, so a page of a thousand charts took minutes,
and its SVG scales as a picture, so its 10-point labels were 5 px high on a phone. Here every
horizontal position is a percentage of the chart's width and every size is in CSS pixels: the
chart stretches to the page while its text stays at the page's size (13 px, 12 px for ticks),
real `<text>` that a reader can search and select, and a chart is a few kilobytes written in
microseconds. Each chart has a `<title>` and `<desc>` for screen readers, and each bar a
`<title>` (its full wording) and data attributes naming its claim and kind, for tests and scripts.

Ends: a filled circle is included, a hollow one open, an arrow unbounded; a break mark (two
slashes) is an end that lies beyond the axis, as an implied range of 0 to 1,350,000 on an axis
fitted to claims of 3,000 and 15,000, or a bar cut at a narrowed axis.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from numcheck.render.axis import Axis
from numcheck.render.plot import Span
from numcheck.render.safe import html_text

__all__ = ["COLOURS", "Chart", "Panel", "Row", "chart_css", "chart_svg"]

COLOURS = {"says": "#c0392b", "in-conflict": "#c0392b", "allowed": "#1e8449", "implied": "#1e8449",
           "ok": "#2f6f9f", "unknown": "#8e8e8e", "relative": "#7d5ba6"}
_ROW = 38  # a row with a bar: its text line, then the bar
_WORDS_ROW = 22  # a row of words only
_AXIS = 52  # the axis line, its tick labels and its caption
_LINE = 16  # each further line of a row's text
# A row's text wraps at this many characters, so that it fits a phone's width at 13 px (about 330
# px of chart), on at most two lines; beyond, an ellipsis (the bar's <title> holds all of it).
_LABEL_CHARS = 44


@dataclass(frozen=True)
class Row:
    """One line of text and, under it, one bar (none for a row of words only)."""

    text: str
    span: Span | None
    colour: str  # a key of COLOURS
    kind: str  # says | allowed | claim | implied | relative | words
    claim: str | None = None
    tooltip: str = ""
    dashed: bool = False
    strong: bool = False


@dataclass(frozen=True)
class Panel:
    """Rows over one axis; the caption names what the axis measures."""

    axis: Axis
    rows: tuple[Row, ...]
    caption: str
    quantity: str = ""


@dataclass(frozen=True)
class Chart:
    """A whole chart: its element id, accessible title and description, panels, data attributes
    for its <svg> element (name without the `data-` prefix), and the language of its tick labels
    (the title, description and rows come worded already)."""

    id: str
    title: str
    desc: str
    panels: tuple[Panel, ...]
    data: tuple[tuple[str, str], ...] = ()
    lang: str = "en"


def chart_svg(chart: Chart) -> str:
    """The chart as an inline <svg> element, as wide as its box and as tall as its rows."""
    e = html_text
    body: list[str] = []
    y = 4
    for panel in chart.panels:
        y = _panel(body, panel, y, chart.lang)
    data = "".join(f' data-{name}="{e(value)}"' for name, value in chart.data)
    return (f'<svg class="chart" width="100%" height="{y}" role="img" aria-labelledby="{e(chart.id)}-t '
            f'{e(chart.id)}-d"{data}><title id="{e(chart.id)}-t">{e(chart.title)}</title>'
            f'<desc id="{e(chart.id)}-d">{e(chart.desc)}</desc>{"".join(body)}</svg>')


def _panel(out: list[str], panel: Panel, y: int, lang: str) -> int:
    """Draw one panel from height y down; the height below it."""
    e = html_text
    out.append(f'<g class="panel" data-quantity="{e(panel.quantity)}">')
    ticks = panel.axis.ticks(lang=lang)
    top, under = y, len(out)
    for row in panel.rows:
        y = _row(out, row, panel.axis, y)
    # a grid line through the rows (put under them), down to a tick mark under the axis
    out.insert(under, "".join(f'<line class="grid" x1="{_x(t.at)}" x2="{_x(t.at)}" y1="{top}" y2="{y + 9}"/>'
                              for t in ticks))
    out += [f'<text class="tick" x="{_x(t.at)}" y="{y + 23}">{e(t.label)}</text>' for t in ticks]
    out.append(f'<line class="axis" x1="{_x(0)}" x2="{_x(1)}" y1="{y + 4}" y2="{y + 4}"/>')
    lines = _lines(panel.caption)
    for k, line in enumerate(lines):
        out.append(f'<text class="caption" x="{_x(0)}" y="{y + 42 + k * _LINE}">{e(line)}</text>')
    out.append("</g>")
    return y + _AXIS + (len(lines) - 1) * _LINE


def _row(out: list[str], row: Row, axis: Axis, y: int) -> int:
    """One row: its text, then its bar with both ends marked; the height below it."""
    e = html_text
    weight = ' class="strong"' if row.strong else ""
    claim = f' data-claim="{e(row.claim)}"' if row.claim is not None else ""
    colour = row.colour if row.colour in COLOURS else "ok"
    lines = _lines(row.text)
    tooltip = f"<title>{e(row.tooltip or row.text)}</title>" if row.tooltip or len(lines) > 1 else ""
    out.append(f'<g class="bar c-{colour}" data-kind="{e(row.kind)}"{claim}>{tooltip}'
               + "".join(f'<text x="{_x(0)}" y="{y + 14 + k * _LINE}"{weight}>{e(line)}</text>'
                         for k, line in enumerate(lines)))
    y += (len(lines) - 1) * _LINE
    if row.span is None:
        out.append("</g>")
        return y + _WORDS_ROW
    span, bar_y = row.span, y + 27
    lo = -math.inf if span.lo is None else axis.position(span.lo)
    hi = math.inf if span.hi is None else axis.position(span.hi)
    a, b = min(max(lo, 0.0), 1.0), min(max(hi, 0.0), 1.0)
    dash = ' stroke-dasharray="6 4"' if row.dashed else ""
    out.append(f'<line class="span" x1="{_x(a)}" x2="{_x(b)}" y1="{bar_y}" y2="{bar_y}"{dash}/>')
    out.append(_end(span.lo, lo, span.lo_open, a, bar_y, "lo"))
    out.append(_end(span.hi, hi, span.hi_open, b, bar_y, "hi"))
    out.append("</g>")
    return y + _ROW


def _end(value: float | None, at: float, is_open: bool, x: float, y: int, side: str) -> str:
    """An end's mark: a circle on the axis, an arrow when unbounded, a break mark beyond the axis.
    Their colours come from the page's CSS (the row's `c-` class), which keeps a page of
    hundreds of charts light."""
    if value is None:
        tip = "M-9,-6L2,0L-9,6Z" if side == "hi" else "M9,-6L-2,0L9,6Z"
        return f'<svg class="arrow-{side}" x="{_x(x)}" y="{y}" overflow="visible"><path d="{tip}"/></svg>'
    if at < 0 or at > 1:
        slashes = "M-16,9L-11,-9M-9,9L-4,-9" if side == "hi" else "M4,9L9,-9M11,9L16,-9"
        return f'<svg class="cut-{side}" x="{_x(x)}" y="{y}" overflow="visible"><path class="cut" d="{slashes}"/></svg>'
    return f'<circle class="end-{side}{" open" if is_open else ""}" cx="{_x(x)}" cy="{y}" r="5"/>'


def chart_css(root: str) -> str:
    """The charts' colours and strokes, for the page's style sheet, each rule under `root`."""
    rules = [f"{root} .c-{key}{{stroke:{colour};fill:{colour}}}" for key, colour in COLOURS.items()]
    rules += [f"{root} .chart .open{{fill:#fff}}", f"{root} .chart .cut{{stroke:#fff;stroke-width:3;fill:none}}"]
    return "".join(rules)


def _x(at: float) -> str:
    """A position on the axis (0 to 1) as a share of the chart's width, with room at both sides
    for an end's mark."""
    return f"{2 + 96 * at:.1f}%"


def _lines(text: str) -> list[str]:
    """The text on one line, or two, the second ending in an ellipsis when cut."""
    if len(text) <= _LABEL_CHARS:
        return [text]
    return textwrap.wrap(text, _LABEL_CHARS, max_lines=2, placeholder=" …", break_on_hyphens=False) or [text]
