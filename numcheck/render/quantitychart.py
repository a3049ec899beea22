"""A quantity's chart: each claim on it by source, beside the implied range.

The axis is fitted to the claims alone. The implied range (the rules and every claim outside the
conflicts) can be far wider, since the claims in conflict are set aside to compute it, and fitting
to it would shrink the claims to dots; it is drawn cut where it runs off the axis. A relative
claim is drawn dashed through its reference's implied range when that range is bounded, and is
left out of the fitting for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from numcheck.render.axis import fit_axis
from numcheck.render.plot import claim_interval, span_of, span_words
from numcheck.render.svgchart import Chart, Panel, Row, chart_svg
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from collections.abc import Mapping

    from numcheck.model import Claim, Model
    from numcheck.report import Report

__all__ = ["QuantityChart", "quantity_chart"]


@dataclass(frozen=True)
class QuantityChart:
    """The chart ('' when nothing has a bound to draw) and the claims too large or small for it."""

    svg: str
    omitted: tuple[str, ...] = ()


def quantity_chart(report: Report, name: str, claims: list[Claim], status: Mapping[str, str],
                   w: Wording = ENGLISH) -> QuantityChart:
    """The chart of one quantity's claims and implied range, worded by `w`."""
    model = report.model
    quantity = model.quantities[name]
    floor = not quantity.signed
    rows: list[Row] = []
    omitted: list[str] = []
    for claim in claims:
        try:
            row = _claim_row(model, report, claim, status.get(claim.id, "ok"), floor, w)
        except ValueError:
            omitted.append(claim.id)
            continue
        if row is not None:
            rows.append(row)
    implied = report.ranges.get(name)
    if implied is not None:
        words = span_words(implied.min, implied.max, implied.min_open, implied.max_open, w)
        try:
            span = span_of(implied.min, implied.max, implied.min_open, implied.max_open, floor=floor)
            rows.append(Row(w("html.row.implied", words=words), span, "implied", "implied",
                            tooltip=w("html.row.implied-full", words=words)))
        except ValueError:
            omitted.append(w("html.implied-range"))
    fitted = [v for row in rows if row.kind == "claim" and row.span for v in row.span.ends()]
    if not fitted:
        fitted = [v for row in rows if row.span for v in row.span.ends()]
    axis = fit_axis(fitted, floor=0.0 if floor else None)
    if axis is None or not any(fitted):  # nothing, or only the floor of 0: no axis of 0 to 1 soldier
        return QuantityChart("", tuple(omitted))
    caption = name + (f" ({quantity.unit})" if quantity.unit else "") + (w("html.log") if axis.log else "")
    title = w("html.quantity-chart.title", quantity=name)
    desc = " ".join(row.tooltip for row in rows)
    chart = Chart(f"q-{name}-chart", title, desc, (Panel(axis, tuple(rows), caption, name),),
                  (("quantity", name),), w.lang)
    return QuantityChart(chart_svg(chart), tuple(omitted))


def _claim_row(model: Model, report: Report, claim: Claim, state: str, floor: bool, w: Wording) -> Row | None:
    """The claim's row; None for a claim with no interval of its own (a relation). Raises
    ValueError when a bound is beyond what a chart can place."""
    bounds = claim_interval(claim, report.ranges)
    if claim.interval is None:
        return None
    source = model.sources[claim.source].name if claim.source in model.sources else w("html.no-source")
    value = claim.text
    if claim.ref is not None:
        if bounds is None or bounds[0] is None or bounds[1] is None:
            text = w("html.row.relative-words", claim=claim.id, value=value, ref=claim.ref)
            return Row(text, None, state, "words", claim.id, f"{text} ({claim.location})")
        text = w("html.row.relative", claim=claim.id, value=value, ref=claim.ref)
        words = span_words(*bounds, w)
        tooltip = w("html.row.claim-full", claim=claim.id, source=source, value=value, words=words,
                    where=str(claim.location))
        return Row(text, span_of(*bounds, floor=floor), state, "relative", claim.id, tooltip, dashed=True)
    assert bounds is not None
    words = span_words(*bounds, w)
    text = w("html.row.claim", claim=claim.id, value=value, source=source)
    tooltip = w("html.row.claim-full", claim=claim.id, source=source, value=value, words=words,
                where=str(claim.location))
    return Row(text, span_of(*bounds, floor=floor), state, "claim", claim.id, tooltip)
