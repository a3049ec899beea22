"""A self-contained HTML report: verdict banner, conflicts with quotes, and a forest plot per quantity.

The page embeds everything (CSS and matplotlib's SVG, with text drawn as paths), so it opens
offline, asks no network for fonts or scripts, and can be mailed or attached as one file. Each plot
shows every claim's interval by source beside the implied range: a filled end is included, a
hollow end is open, and an arrow means unbounded. Values spanning more than three orders of
magnitude are drawn on a log scale.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from numcheck.render.sentences import claim_sentence, range_text  # noqa: E402
from numcheck.render.numbers import readable  # noqa: E402
from numcheck.model import Claim, Model  # noqa: E402
from numcheck.report import Range, Report  # noqa: E402

__all__ = ["render_html", "claim_interval"]

_COLORS = {"ok": "#2f6f9f", "in-conflict": "#c0392b", "unknown": "#8e8e8e", "implied": "#1e8449"}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;
max-width:60rem;margin-inline:auto;line-height:1.45;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin-top:2rem}
.banner{padding:.8rem 1rem;border-radius:.4rem;font-weight:600;color:#fff}
.consistent{background:#1e8449}.inconsistent{background:#c0392b}.unknown{background:#7f8c8d}
.conflict{border-left:.3rem solid #c0392b;padding:.3rem .9rem;margin:1rem 0;background:#fdf3f2}
.conflict p{margin:.35rem 0}blockquote{margin:.2rem 0 .2rem 1rem;color:#444;font-style:italic}
code{background:#f2f2f2;padding:0 .2rem;border-radius:.2rem;word-break:break-word}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #ddd;
padding:.25rem .4rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.plot svg{width:100%;height:auto;max-width:100%}.plot{margin:.5rem 0 1.5rem;overflow-x:auto}
.muted{color:#666;font-size:.9rem}.table-wrap{overflow-x:auto}
@media (max-width:30rem){body{padding:.6rem}h1{font-size:1.2rem}}
"""


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


def _forest(model: Model, report: Report, quantity: str, claims: list[Claim]) -> str:
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


def render_html(report: Report) -> str:
    model = report.model
    e = html.escape
    title = model.title or "numcheck report"
    n = len(report.conflicts)
    banner = {
        "consistent": "Consistent: all claims can be true at once.",
        "inconsistent": f"Inconsistent: {n} minimal conflict{'s' if n != 1 else ''}"
                        + ("" if report.complete else " (list cut short)") + ".",
        "unknown": "Unknown: the solver gave up before deciding; nothing is assumed either way.",
    }[report.verdict]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(title)}</h1>",
           f'<div class="banner {report.verdict}" id="verdict">{e(banner)}</div>',
           f'<p class="muted">{len(model.claims)} claims, {len(model.rules)} rules, '
           f"{len(model.quantities)} quantities, from {e(', '.join(model.files))}.</p>"]
    if report.conflicts:
        out.append("<h2>Conflicts</h2>")
    for k, conflict in enumerate(report.conflicts, start=1):
        out.append(f'<section class="conflict" id="conflict-{k}"><h3>Conflict {k}: '
                   + ", ".join(f'<code class="claim-id">{e(c)}</code>' for c in conflict.claims) + "</h3>")
        for claim_id in conflict.claims:
            claim = model.claim(claim_id)
            out.append(f"<p>{e(claim_sentence(model, claim).split(' — quote:')[0])}</p>")
            if claim.quote:
                out.append(f"<blockquote>“{e(claim.quote)}”</blockquote>")
        for rule_id in conflict.rules:
            rule = next(r for r in model.rules if r.id == rule_id)
            why = f" — {e(rule.why)}" if rule.why else ""
            out.append(f"<p>Rule <code>{e(rule.id)}</code>: <code>{e(rule.text)}</code>{why}</p>")
        for d in conflict.distances:
            claim = model.claim(d.claim)
            gap = f" — {readable(d.gap)} apart" if d.gap else ""
            said = f"; {e(d.claim)} says “{e(claim.value or '')}”{gap}" if claim.quantity == d.quantity else ""
            out.append(f"<p>Without <code>{e(d.claim)}</code>, the others allow {e(range_text(d.allowed))}{said}.</p>")
        out.append("</section>")
    out.append("<h2>Quantities</h2>")
    out.append('<p class="muted">Each claim’s interval by source, beside the implied range. Filled end: '
               "included; hollow end: open; arrow: unbounded. Red: in a conflict.</p>")
    by_quantity: dict[str, list[Claim]] = {}
    for claim in model.claims:
        if claim.quantity:
            by_quantity.setdefault(claim.quantity, []).append(claim)
    for name, q in model.quantities.items():
        svg = _forest(model, report, name, by_quantity.get(name, []))
        about = f" — {e(q.about)}" if q.about else ""
        out.append(f'<h3 id="q-{e(name)}"><code>{e(name)}</code>{about}</h3>')
        r = report.ranges.get(name)
        if r is not None:
            out.append(f"<p>Implied: {e(range_text(r))}</p>")
        out.append(f'<div class="plot" data-quantity="{e(name)}">{svg or "<p class=muted>nothing to draw</p>"}</div>')
    if report.notes:
        out.append("<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in report.notes) + "</ul>")
    out.append('<p class="muted">Made by numcheck.</p></body></html>')
    return "\n".join(out) + "\n"
