"""The HTML report's quantities: which get a chart and which a table row, the time charts, and
each charted quantity's section (its implied range, chart, and where its claims are written).

A page of a few dozen quantities charts them all. Beyond CHART_EVERY, a chart is kept for what a
reader must look at (the quantities of the claims in a conflict, in a repair or in tension) and
every other quantity is one row of a sortable table (htmltable.py): ten thousand charts would be a
page no browser opens, and nobody reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from numcheck.render.htmltable import quantity_table
from numcheck.render.quantitychart import quantity_chart
from numcheck.render.safe import html_text
from numcheck.render.sentences import range_text
from numcheck.render.timechart import forest_quantities, time_sections
from numcheck.render.timeline import series_of
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.model import Claim
    from numcheck.report import Report

__all__ = ["CHART_EVERY", "Layout", "layout", "quantity_sections"]

CHART_EVERY = 40  # up to this many quantities, each gets a chart


@dataclass(frozen=True)
class Layout:
    """Which quantities get a chart, which a table row, in the model's order; and whether the
    page has time charts."""

    charted: tuple[str, ...]
    tabled: tuple[str, ...]
    series: bool


def layout(report: Report) -> Layout:
    """Every quantity charted when there are few; else those a reader must look at."""
    names = [name for name, _ in forest_quantities(report.model)]
    series = bool(series_of(report.model))
    if len(names) <= CHART_EVERY:
        return Layout(tuple(names), (), series)
    wanted = _to_look_at(report)
    return Layout(tuple(n for n in names if n in wanted), tuple(n for n in names if n not in wanted), series)


def _to_look_at(report: Report) -> set[str]:
    """The quantities of the claims in a conflict, a repair or tension, and what a repair implies."""
    claims = {c.id: c for c in report.model.claims}
    ids = {c for conflict in report.conflicts for c in conflict.claims}
    ids.update(c for repair in report.repairs for c in repair.drop)
    ids.update(c for tension in report.tension for c in tension.claims)
    out = {name for claim_id in ids if claim_id in claims for name in claims[claim_id].quantities()}
    out.update(name for repair in report.repairs for name in repair.implies)
    return out


def quantity_sections(report: Report, plan: Layout, tick: Callable[[], None], w: Wording = ENGLISH) -> list[str]:
    """The time charts, a section per charted quantity, then the table of the rest, worded by `w`."""
    model = report.model
    e = html_text
    out: list[str] = []
    if plan.charted or plan.series:
        out += [f'<h2 id="quantities">{e(w("html.quantities"))}</h2>',
                f'<p class="muted">{e(w("html.quantity-chart.legend"))}</p>']
    by_quantity: dict[str, list[Claim]] = {}
    for claim in model.claims:
        if claim.quantity:
            by_quantity.setdefault(claim.quantity, []).append(claim)
    status = {c.id: c.status for c in report.claims}
    out += time_sections(report, w)  # figures over time: a time chart per time-indexed quantity
    for name in plan.charted:
        q = model.quantities[name]
        claims = by_quantity.get(name, [])
        chart = quantity_chart(report, name, claims, status, w)
        about = f" — {e(q.about)}" if q.about else ""
        out.append(f'<h3 id="q-{e(name)}"><code>{e(name)}</code>{about}</h3>')
        r = report.ranges.get(name)
        if r is not None:
            out.append(f"<p>{e(w('html.implied', range=range_text(r, w=w)))}</p>")
        drawn = chart.svg or f'<p class="muted">{e(w("html.nothing-to-draw"))}</p>'
        out.append(f'<div class="plot" data-quantity="{e(name)}">{drawn}</div>')
        if chart.omitted:
            out.append(f'<p class="muted">{e(w("html.not-drawn", ids=", ".join(chart.omitted)))}</p>')
        if claims:
            items = ", ".join(f"{e(c.id)} <span class=\"where\">{e(str(c.location))}</span>" for c in claims)
            out.append(f'<p class="muted">{w.markup("html.claims-at", e, items=items)}</p>')
        tick()
    if plan.tabled:
        out += quantity_table(report, plan.tabled, by_quantity, w)
    return out
