"""A self-contained HTML report: verdict banner, conflicts with quotes, and a forest plot per quantity.

The page embeds everything (CSS and matplotlib's SVG, with text drawn as paths), so it opens
offline, asks no network for fonts or scripts, and can be mailed or attached as one file. The
plots are drawn by plot.py. Every text goes through `safe.html_text` (escaped `& < > " '`, one
line, controls shown as escapes), in element text and attribute values alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.first import first_items
from numcheck.render.plot import claim_interval, forest
from numcheck.render.safe import html_text
from numcheck.render.sentences import claim_sentence, others_allow, range_text, short_claim_sentence
from numcheck.render.timechart import forest_quantities, time_sections
from numcheck.render.timeline import dated_sentences

if TYPE_CHECKING:
    from numcheck.model import Claim
    from numcheck.report import Report

__all__ = ["claim_interval", "render_html", "render_html_fragment"]

# Written once with ROOT for the report's root element: `body` on a page, the wrapper <div> in a
# notebook, where every rule must stay inside the report and leave the notebook's own styles alone.
_CSS = """
ROOT{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;
max-width:60rem;margin-inline:auto;line-height:1.45;color:#1b1b1b;background:#fff}
ROOT h1{font-size:1.4rem;margin:.2rem 0 1rem}ROOT h2{font-size:1.15rem;margin-top:2rem}
ROOT .banner{padding:.8rem 1rem;border-radius:.4rem;font-weight:600;color:#fff}
ROOT .consistent{background:#1e8449}ROOT .inconsistent{background:#c0392b}ROOT .unknown{background:#7f8c8d}
ROOT .conflict{border-left:.3rem solid #c0392b;padding:.3rem .9rem;margin:1rem 0;background:#fdf3f2}
ROOT .conflict p{margin:.35rem 0}ROOT blockquote{margin:.2rem 0 .2rem 1rem;color:#444;font-style:italic}
ROOT code{background:#f2f2f2;padding:0 .2rem;border-radius:.2rem;word-break:break-word}
ROOT table{border-collapse:collapse;width:100%;font-size:.92rem}ROOT td,ROOT th{border-bottom:1px solid #ddd;
padding:.25rem .4rem;text-align:left}ROOT td.n{text-align:right;font-variant-numeric:tabular-nums}
ROOT .plot svg{width:100%;height:auto;max-width:100%}ROOT .plot{margin:.5rem 0 1.5rem;overflow-x:auto}
ROOT .warnings{border:1px solid #d4a017;background:#fff8e1;border-radius:.4rem;padding:.4rem .9rem;margin:1rem 0}
ROOT .warnings ul{margin:.3rem 0;padding-left:1.2rem}ROOT .warnings p{margin:.3rem 0}
ROOT .first{border-left:.3rem solid #d4a017;padding:.3rem .9rem;margin:1rem 0;background:#fffbea}
ROOT .first p{margin:.35rem 0}ROOT .first ul{margin:.2rem 0 .6rem;padding-left:1.2rem}
ROOT .muted{color:#666;font-size:.9rem}ROOT .table-wrap{overflow-x:auto}
@media (max-width:30rem){ROOT{padding:.6rem}ROOT h1{font-size:1.2rem}}
"""
_PAGE_CSS = _CSS.replace("ROOT ", "").replace("ROOT", "body")
_FRAGMENT_CLASS = "numcheck-report"
_FRAGMENT_CSS = _CSS.replace("ROOT", f".{_FRAGMENT_CLASS}")


def render_html(report: Report, lang: str = "en") -> str:
    """The whole page: doctype, head with the CSS, the report's sections, the footer."""
    title = report.model.title or "numcheck report"
    out = ["<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{html_text(title)}</title><style>{_PAGE_CSS}</style></head><body>",
           *_sections(report), "</body></html>"]
    return "\n".join(out) + "\n"


def render_html_fragment(report: Report) -> str:
    """The page's body without the page around it, for a notebook cell (`Report._repr_html_`).

    No <html>, <head> or <body>: one <div> holding its own styles, scoped to that <div>."""
    out = [f'<div class="{_FRAGMENT_CLASS}"><style>{_FRAGMENT_CSS}</style>', *_sections(report), "</div>"]
    return "\n".join(out) + "\n"


def _sections(report: Report) -> list[str]:
    """Everything inside <body>: title, verdict, warnings, what to look at first, conflicts,
    quantities, notes, footer."""
    e = html_text
    out = [f"<h1>{e(report.model.title or 'numcheck report')}</h1>", _banner(report)]
    out += _warnings(report)
    out += _first(report)
    out += _conflicts(report)
    out += _quantities(report)
    if report.notes:
        out.append("<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in report.notes) + "</ul>")
    out.append('<p class="muted">Made by numcheck.</p>')
    return out


def _banner(report: Report) -> str:
    """The verdict in colour, then what was checked."""
    model = report.model
    e = html_text
    n = len(report.conflicts)
    banner = {
        "consistent": "Consistent: all claims can be true at once.",
        "inconsistent": f"Inconsistent: {n} minimal conflict{'s' if n != 1 else ''}"
                        + ("" if report.complete else " (list cut short)") + ".",
        "unknown": "Unknown: the solver gave up before deciding; nothing is assumed either way.",
    }[report.verdict]
    return (f'<div class="banner {report.verdict}" id="verdict">{e(banner)}</div>\n'
            f'<p class="muted">{len(model.claims)} claims, {len(model.rules)} rules, '
            f"{len(model.quantities)} quantities, from {e(', '.join(model.files))}.</p>")


def _warnings(report: Report) -> list[str]:
    """The load warnings in a box right under the verdict: they say what to re-read in the file."""
    warnings = report.model.warnings
    if not warnings:
        return []
    e = html_text
    items = "".join(f'<li><code>{e(str(w.location))}</code> {e(w.message)}</li>' for w in warnings)
    n = len(warnings)
    return [f'<div class="warnings" id="warnings" role="note"><p><strong>{n} warning{"s" if n != 1 else ""}'
            "</strong>: what loads but is probably not what the file meant (the verdict is not changed "
            f"by it).</p><ul>{items}</ul></div>"]


def _first(report: Report) -> list[str]:
    """What to look at first (see render/first.py), in a box before the conflicts: each headline,
    its claims with their sources and quotes, and what follows."""
    items = first_items(report)
    if not items:
        return []
    model = report.model
    e = html_text
    out = ['<section class="first" id="first"><h2>What to look at first</h2>']
    for item in items:
        out.append(f"<p><strong>{e(item.headline)}</strong></p>")
        rows = []
        for block in item.blocks:
            for claim in block.claims:
                quote = f"<blockquote>“{e(claim.quote)}”</blockquote>" if claim.quote else ""
                said = e(short_claim_sentence(model, claim, quote=False))
                rows.append(f'<li data-claim="{e(claim.id)}">{said}{quote}</li>')
            if block.after:
                rows.append(f"<li>{e(block.after)}</li>")
        if rows:
            out.append("<ul>" + "".join(rows) + "</ul>")
    out.append("</section>")
    return out


def _conflicts(report: Report) -> list[str]:
    """Each conflict as a section: its claims in sentences with their quotes, rules, gaps."""
    model = report.model
    e = html_text
    out = ["<h2>Conflicts</h2>"] if report.conflicts else []
    for k, conflict in enumerate(report.conflicts, start=1):
        out.append(f'<section class="conflict" id="conflict-{k}"><h3>Conflict {k}: '
                   + ", ".join(f'<code class="claim-id">{e(c)}</code>' for c in conflict.claims) + "</h3>")
        out += [f"<p><strong>{e(s)}</strong></p>" for s in dated_sentences(model, conflict)]  # over time
        for claim_id in conflict.claims:
            claim = model.claim(claim_id)
            out.append(f"<p>{e(claim_sentence(model, claim, quote=False))}</p>")
            if claim.quote:
                out.append(f"<blockquote>“{e(claim.quote)}”</blockquote>")
        for rule_id in conflict.rules:
            rule = next(r for r in model.rules if r.id == rule_id)
            why = f" — {e(rule.why)}" if rule.why else ""
            out.append(f"<p>Rule <code>{e(rule.id)}</code>: <code>{e(rule.text)}</code>{why}</p>")
        out += [f"<p>{e(others_allow(model, d))}</p>" for d in conflict.distances]
        out.append("</section>")
    return out


def _quantities(report: Report) -> list[str]:
    """Per quantity: its name, the implied range in words, and its forest plot."""
    model = report.model
    e = html_text
    out = ["<h2>Quantities</h2>",
           '<p class="muted">Each claim’s interval by source, beside the implied range. Filled end: '
           "included; hollow end: open; arrow: unbounded. Red: in a conflict.</p>"]
    by_quantity: dict[str, list[Claim]] = {}
    for claim in model.claims:
        if claim.quantity:
            by_quantity.setdefault(claim.quantity, []).append(claim)
    out += time_sections(report)  # figures over time: a time chart per time-indexed quantity
    for name, q in forest_quantities(model):
        plot = forest(model, report, name, by_quantity.get(name, []))
        about = f" — {e(q.about)}" if q.about else ""
        out.append(f'<h3 id="q-{e(name)}"><code>{e(name)}</code>{about}</h3>')
        r = report.ranges.get(name)
        if r is not None:
            out.append(f"<p>Implied: {e(range_text(r))}</p>")
        out.append(f'<div class="plot" data-quantity="{e(name)}">'
                   f'{plot.svg or "<p class=muted>nothing to draw</p>"}</div>')
        if plot.omitted:
            out.append('<p class="muted">Not drawn, numbers too large or too small for a chart (the text '
                       f"gives them exactly): {e(', '.join(plot.omitted))}.</p>")
    return out
