"""The HTML report's table of the quantities that get no chart: one row each, sortable by any
column with a small inline script (no network, no library), and readable unsorted without it.

Its number columns are right-aligned by the page's CSS (not a class per cell: the table can have
ten thousand rows). A number cell carries its value as `data-sort` (a float, ±Infinity when unbounded), so that the
script sorts by value while the cell shows the exact bound as the text report writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.render.intervals import bracket_cells
from numcheck.render.safe import html_text
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.model import Claim
    from numcheck.report import Report

__all__ = ["SORT_SCRIPT", "quantity_table"]

# Sorts a table.sortable by the column whose heading button is pressed, by data-sort when the
# cells have it (numbers), else by text; pressing again reverses; ties keep the page's order.
SORT_SCRIPT = """<script>
(function(){document.querySelectorAll("table.sortable").forEach(function(t){
var heads=t.tHead.rows[0].cells;Array.prototype.forEach.call(heads,function(th,i){
var b=document.createElement("button");b.type="button";b.textContent=th.textContent;th.textContent="";th.appendChild(b);
b.addEventListener("click",function(){var up=th.getAttribute("aria-sort")!=="ascending";
Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});
th.setAttribute("aria-sort",up?"ascending":"descending");var body=t.tBodies[0];
var rows=Array.prototype.map.call(body.rows,function(r,k){var c=r.cells[i],s=c.getAttribute("data-sort");
return {r:r,k:k,n:s===null?null:parseFloat(s),s:c.textContent};});
rows.sort(function(a,c){var d=(a.n!==null&&c.n!==null)?(a.n<c.n?-1:a.n>c.n?1:0):a.s.localeCompare(c.s);
return (up?d:-d)||a.k-c.k;});var f=document.createDocumentFragment();
rows.forEach(function(x){f.appendChild(x.r);});body.appendChild(f);});});});})();
</script>"""


def quantity_table(report: Report, names: Sequence[str], by_quantity: Mapping[str, list[Claim]],
                   w: Wording = ENGLISH) -> list[str]:
    """The heading, a line on how to use it, the table, and the script that sorts it."""
    e = html_text
    heads = "".join(f'<th scope="col">{e(w(f"html.col.{k}"))}</th>' for k in
                    ("quantity", "unit", "min", "max", "count", "claims"))
    rows = [_row(report, name, by_quantity.get(name, []), w) for name in names]
    return [f'<h2 id="other-quantities">{e(w("html.other-quantities"))}</h2>',
            f'<p class="muted">{e(w("html.table.intro", n=w.number(Fraction(len(names)))))}</p>',
            f'<div class="table-wrap"><table class="sortable" id="quantity-table"><thead><tr>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>', SORT_SCRIPT]


def _row(report: Report, name: str, claims: list[Claim], w: Wording) -> str:
    e = html_text
    quantity = report.model.quantities[name]
    r = report.ranges.get(name)
    if r is not None:
        low, high = bracket_cells(r.interval, w)
        lo = f'<td data-sort="{_sort(r.min, -1)}">{e(low)}</td>'
        hi = f'<td data-sort="{_sort(r.max, 1)}">{e(high)}</td>'
    else:
        lo, hi = '<td data-sort="-Infinity"></td>', '<td data-sort="Infinity"></td>'
    said = e(w("repair.sep")).join(
        f'{e(c.id)} {e(w.marks(c.text))} <span class="where">{e(str(c.location))}</span>' for c in claims)
    return (f'<tr id="q-{e(name)}"><td>{e(name)}</td><td>{e(quantity.unit)}</td>{lo}{hi}'
            f'<td data-sort="{len(claims)}">{e(w.number(Fraction(len(claims))))}</td><td>{said}</td></tr>')


def _sort(value: Fraction | None, unbounded: int) -> str:
    """The value as a float for sorting; ±Infinity when unbounded or beyond floating point."""
    if value is None:
        return "Infinity" if unbounded > 0 else "-Infinity"
    try:
        return f"{float(value):.17g}"
    except OverflowError:
        return "Infinity" if value > 0 else "-Infinity"
