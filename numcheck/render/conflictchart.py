"""A conflict's chart: exactly its claims, each drawn as it reads and as what the conflict's
other claims (with the rules) allow for it, so that the clash is the gap between a red bar and
the green bar under it.

One panel per quantity the conflict's distances name, with an axis fitted to that panel's bars
and narrowed around their gaps when the gaps would be slivers (axis.py). Nothing from outside the
conflict is drawn: no implied range, and a relative claim ("about half of ru_casualties") is not
drawn through its reference's implied range, which leaves out the very claims that clash with it
and so would overlap them. It is shown in words, with what the others allow drawn under them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.render.axis import Gap, fit_axis
from numcheck.render.plot import Span, span_of, span_words
from numcheck.render.svgchart import Chart, Panel, Row, chart_svg
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.model import Claim, Model
    from numcheck.report import Conflict, Distance

__all__ = ["conflict_chart"]


def conflict_chart(model: Model, conflict: Conflict, number: int, claims: dict[str, Claim],
                   w: Wording = ENGLISH) -> str:
    """The conflict's chart as inline SVG ('' when nothing in it can be drawn), worded by `w`."""
    panels: list[Panel] = []
    for name, rows in _rows_by_quantity(model, conflict, claims, w).items():
        quantity = model.quantities[name]
        spans = [row.span for row in rows if row.span is not None]
        axis = fit_axis([v for s in spans for v in s.ends()], floor=None if quantity.signed else 0.0,
                        gaps=_gaps(rows))
        if axis is None:
            continue
        caption = name + (f" ({quantity.unit})" if quantity.unit else "")
        caption += w("html.narrowed") if axis.narrowed else w("html.log") if axis.log else ""
        panels.append(Panel(axis, tuple(rows), caption, name))
    if not panels:
        return ""
    title = w("html.conflict-chart.title", n=w.number(Fraction(number)), claims=", ".join(conflict.claims))
    desc = w("html.conflict-chart.legend")  # the section's sentences, right under the chart, say it exactly
    return chart_svg(Chart(f"conflict-{number}-chart", title, desc, tuple(panels), (("conflict", str(number)),),
                           w.lang))


def _rows_by_quantity(model: Model, conflict: Conflict, claims: dict[str, Claim],
                      w: Wording) -> dict[str, list[Row]]:
    """Per quantity, for each of the conflict's claims with a distance on it: what the claim says
    (a bar when it is a plain interval of that quantity, else words), then what the others allow."""
    out: dict[str, list[Row]] = {}
    for claim_id in conflict.claims:
        claim = claims[claim_id]
        for distance in (d for d in conflict.distances if d.claim == claim_id):
            if distance.quantity not in model.quantities:
                continue
            floor = not model.quantities[distance.quantity].signed
            rows = out.setdefault(distance.quantity, [])
            rows.append(_says(claim, distance.quantity, floor, w))
            rows.append(_allowed(distance, floor, w))
    return out


def _says(claim: Claim, quantity: str, floor: bool, w: Wording) -> Row:
    """The claim as it reads: a red bar for a plain interval of this quantity, else words."""
    iv = claim.interval
    said = w.marks(claim.text)
    if claim.quantity == quantity and iv is not None and claim.ref is None:
        words = span_words(iv.lo, iv.hi, iv.lo_open, iv.hi_open, w)
        try:
            span: Span | None = span_of(iv.lo, iv.hi, iv.lo_open, iv.hi_open, floor=floor)
        except ValueError:
            span = None
        text = w("html.says", claim=claim.id, said=said)
        tooltip = w("html.says.full", claim=claim.id, said=said, words=words, where=str(claim.location))
        return Row(text, span, "says", "says", claim.id, tooltip, strong=True)
    if iv is not None and claim.ref is not None:
        words = span_words(iv.lo, iv.hi, iv.lo_open, iv.hi_open, w)
        text = w("html.says.relative", claim=claim.id, said=said, words=words, ref=claim.ref)
    else:
        text = w("html.says", claim=claim.id, said=said)
    tooltip = w("html.says.no-bar", claim=claim.id, said=said, where=str(claim.location))
    return Row(text, None, "says", "words", claim.id, tooltip, strong=True)


def _allowed(distance: Distance, floor: bool, w: Wording) -> Row:
    """What the conflict's other claims, with the rules, allow for the quantity: a green bar."""
    r = distance.allowed
    low = None if floor and r.min == 0 and not r.min_open else r.min  # 0 goes without saying
    words = span_words(low, r.max, r.min_open, r.max_open, w)
    if distance.gap:
        words = w("html.apart", words=words, gap=w.number(distance.gap))
    text = w("html.others-allow", words=words)
    tooltip = ""  # the row's text says it, and the section's sentences say it exactly
    try:
        span: Span | None = span_of(r.min, r.max, r.min_open, r.max_open, floor=floor)
    except ValueError:
        span = None
    return Row(text, span, "allowed", "allowed", distance.claim, tooltip)


def _gaps(rows: list[Row]) -> list[Gap]:
    """The gap between each claim's bar and what the others allow for it, where both are drawn."""
    out: list[Gap] = []
    for says, allowed in zip(rows, rows[1:]):
        if says.kind != "says" or allowed.kind != "allowed" or says.span is None or allowed.span is None:
            continue
        a, b = says.span, allowed.span
        if a.hi is not None and b.lo is not None and a.hi < b.lo:
            out.append(Gap(a.hi, b.lo))
        elif b.hi is not None and a.lo is not None and b.hi < a.lo:
            out.append(Gap(b.hi, a.lo))
    return out
