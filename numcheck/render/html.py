"""A self-contained HTML report: verdict, contents, what to look at first, each conflict with its
chart, the quantities' charts, and a sortable table for the rest.

The page embeds everything (CSS, the charts as SVG written by svgchart.py, one small inline
script that sorts the table), so it opens offline, asks no network for fonts or scripts, and can
be mailed or attached as one file; with scripts off only the sorting is gone. Every claim and
rule it names carries its `file:line`. Every text goes through `safe.html_text` (escaped
`& < > " '`, one line, controls shown as escapes), in element text and attribute values alike.
The page is written in the reader's language (`RenderOptions`, else the claims file's `lang`):
its own phrases are in htmlwords.py, worded through the same `Wording` as the text report, and
its numbers, tick labels included, are in that language's notation. A notebook's fragment stays
English unless given options.

Its size follows what it must show, not the file's: conflicts are all drawn (up to the listing's
limit), quantities get a chart each up to CHART_EVERY of them, and beyond that only those in a
conflict, a repair or tension do, the rest being one table row each. A `progress(done, total)`
callback, when given, is called as sections are written (the command line's progress bar).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.render.first import Item, first_items
from numcheck.render.htmlconflicts import conflict_sections
from numcheck.render.htmlquantities import Layout, layout, quantity_sections
from numcheck.render.options import RenderOptions
from numcheck.render.safe import html_text
from numcheck.render.sentences import short_claim_sentence
from numcheck.render.svgchart import chart_css
from numcheck.render.wording import Wording, wording

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["Progress", "render_html", "render_html_fragment"]

Progress = Callable[[int, int], None]

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
padding:.25rem .4rem;text-align:left;vertical-align:top}ROOT td.n{text-align:right;font-variant-numeric:tabular-nums}
ROOT .plot{margin:.5rem 0 1.2rem;overflow-x:auto}ROOT .timechart svg{width:100%;min-width:640px;height:auto}
ROOT svg.chart{display:block;background:#fff}ROOT .chart text{font-size:13px;fill:#1b1b1b;stroke:none}
ROOT .chart text.strong{font-weight:600}
ROOT .chart text.tick{text-anchor:middle}ROOT .chart text.tick,ROOT .chart text.caption{font-size:12px;fill:#555}
ROOT .chart .grid{stroke:#ececec}ROOT .chart .axis{stroke:#888}ROOT .chart .span{stroke-width:6}
ROOT .warnings{border:1px solid #d4a017;background:#fff8e1;border-radius:.4rem;padding:.4rem .9rem;margin:1rem 0}
ROOT .warnings ul{margin:.3rem 0;padding-left:1.2rem}ROOT .warnings p{margin:.3rem 0}
ROOT .first{border-left:.3rem solid #d4a017;padding:.3rem .9rem;margin:1rem 0;background:#fffbea}
ROOT .first p{margin:.35rem 0}ROOT .first ul{margin:.2rem 0 .6rem;padding-left:1.2rem}
ROOT .muted{color:#555;font-size:.9rem}ROOT .table-wrap{overflow-x:auto}
ROOT #quantity-table td:nth-child(n+3):nth-child(-n+5){text-align:right;font-variant-numeric:tabular-nums}
ROOT details.words summary{cursor:pointer;color:#555;font-size:.9rem;margin:.2rem 0}
ROOT .where{color:#555;font-size:.85rem;white-space:nowrap}
ROOT .contents ul{margin:.2rem 0;padding-left:1.2rem}ROOT .contents li{margin:.1rem 0}
ROOT th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;
text-decoration:underline dotted}ROOT th[aria-sort=ascending] button::after{content:" ▲"}
ROOT th[aria-sort=descending] button::after{content:" ▼"}
@media (max-width:30rem){ROOT{padding:.6rem}ROOT h1{font-size:1.2rem}ROOT .where{white-space:normal}}
"""
_CSS += chart_css("ROOT") + "\n"
_PAGE_CSS = _CSS.replace("ROOT ", "").replace("ROOT", "body")
_FRAGMENT_CLASS = "numcheck-report"
_FRAGMENT_CSS = _CSS.replace("ROOT", f".{_FRAGMENT_CLASS}")


def render_html(report: Report, options: RenderOptions | None = None, *, progress: Progress | None = None) -> str:
    """The whole page: doctype, head with the CSS, the report's sections, the footer; in the
    options' language (`<html lang>` and every word and number of the page)."""
    w = wording((options or RenderOptions()).lang_of(report))
    title = report.model.title or w("html.untitled")
    out = ["<!DOCTYPE html>", f'<html lang="{w.lang}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{html_text(title)}</title><style>{_PAGE_CSS}</style></head><body>",
           *_sections(report, progress, w), "</body></html>"]
    return "\n".join(out) + "\n"


def render_html_fragment(report: Report, options: RenderOptions | None = None) -> str:
    """The page's body without the page around it, for a notebook cell (`Report._repr_html_`),
    in English unless the options say otherwise.

    No <html>, <head> or <body>: one <div> holding its own styles, scoped to that <div>."""
    w = wording((options or RenderOptions(lang="en")).lang_of(report))
    out = [f'<div class="{_FRAGMENT_CLASS}"><style>{_FRAGMENT_CSS}</style>',
           *_sections(report, None, w), "</div>"]
    return "\n".join(out) + "\n"


def _sections(report: Report, progress: Progress | None, w: Wording) -> list[str]:
    """Everything inside <body>: title, verdict, contents, warnings, what to look at first,
    conflicts, quantities, the table, notes, footer."""
    e = html_text
    plan = layout(report)
    first = first_items(report, w)
    total = len(report.conflicts) + len(plan.charted) + 1
    tick = _counter(progress, total)
    out = [f"<h1>{e(report.model.title or w('html.untitled'))}</h1>", _banner(report, w),
           _contents(report, plan, first, w)]
    out += _warnings(report, w)
    out += _first(report, first, w)
    out += conflict_sections(report, tick, w)
    out += quantity_sections(report, plan, tick, w)
    if report.notes:  # worded by the engine, in English (see docs/reports.md, Language)
        out.append(f'<h2 id="notes">{e(w("html.notes"))}</h2><ul>'
                   + "".join(f"<li>{e(n)}</li>" for n in report.notes) + "</ul>")
    out.append(f'<p class="muted">{e(w("html.made-by"))}</p>')
    tick()
    return out


def _counter(progress: Progress | None, total: int) -> Callable[[], None]:
    """A function to call once per section written, which reports progress every 1% or so."""
    done = 0
    every = max(1, total // 100)

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % every == 0 or done == total):
            progress(done, total)

    return tick


def _banner(report: Report, w: Wording) -> str:
    """The verdict in colour, then what was checked."""
    model = report.model
    e = html_text
    if report.verdict == "inconsistent":
        cut = "" if report.complete else w("verdict.cut")
        banner = w("html.inconsistent", count=w.count("conflicts", len(report.conflicts)), cut=cut)
    else:
        banner = w(f"html.{report.verdict}")
    checked = w("html.checked", claims=w.count("claims", len(model.claims)), rules=w.count("rules", len(model.rules)),
                quantities=w.count("quantities", len(model.quantities)), files=", ".join(model.files))
    return f'<div class="banner {report.verdict}" id="verdict">{e(banner)}</div>\n<p class="muted">{e(checked)}</p>'


def _contents(report: Report, plan: Layout, first: list[Item], w: Wording) -> str:
    """A list of the page's sections with anchors; conflicts and charted quantities by name, up
    to a screenful each."""
    e = html_text
    most = 20

    def n(count: int) -> str:
        return w.number(Fraction(count))

    items: list[str] = []
    if first:
        items.append(f'<li><a href="#first">{e(w("html.first"))}</a></li>')
    if report.conflicts:
        sub = [w.markup("html.conflict.ids", e, conflict=f'<a href="#conflict-{k}">{e(w("html.conflict", n=n(k)))}</a>',
                        ids=e(", ".join(c.claims)))
               for k, c in enumerate(report.conflicts[:most], start=1)]
        if len(report.conflicts) > most:
            sub.append(e(w("html.more", n=n(len(report.conflicts) - most))))
        items.append(f'<li><a href="#conflicts">{e(w("html.conflicts"))}</a> ({e(n(len(report.conflicts)))})'
                     f'<ul>{"".join(f"<li>{s}</li>" for s in sub)}</ul></li>')
    if plan.charted or plan.series:
        sub = [f'<li><a href="#q-{e(name)}"><code>{e(name)}</code></a></li>' for name in plan.charted[:most]]
        if len(plan.charted) > most:
            sub.append(f"<li>{e(w('html.more', n=n(len(plan.charted) - most)))}</li>")
        items.append(f'<li><a href="#quantities">{e(w("html.quantities"))}</a> ({e(n(len(plan.charted)))})'
                     f'<ul>{"".join(sub)}</ul></li>')
    if plan.tabled:
        items.append(f'<li><a href="#other-quantities">{e(w("html.other-quantities"))}</a> '
                     f'({e(n(len(plan.tabled)))})</li>')
    if report.notes:
        items.append(f'<li><a href="#notes">{e(w("html.notes"))}</a></li>')
    return (f'<nav class="contents" id="contents" aria-label="{e(w("html.contents"))}"><strong>'
            f'{e(w("html.contents"))}</strong><ul>{"".join(items)}</ul></nav>')


def _warnings(report: Report, w: Wording) -> list[str]:
    """The load warnings in a box right under the verdict: they say what to re-read in the file."""
    warnings = report.model.warnings
    if not warnings:
        return []
    e = html_text
    items = "".join(f'<li><code>{e(str(x.location))}</code> {e(x.message)}</li>' for x in warnings)
    head = w.count("html.warnings", len(warnings))
    return [f'<div class="warnings" id="warnings" role="note"><p><strong>{e(head)}</strong>'
            f'{e(w("html.warnings.why"))}</p><ul>{items}</ul></div>']


def _first(report: Report, items: list[Item], w: Wording) -> list[str]:
    """What to look at first (see render/first.py), in a box before the conflicts: each headline,
    its claims with their sources, quotes and places in the file, and what follows."""
    if not items:
        return []
    model = report.model
    e = html_text
    out = [f'<section class="first" id="first"><h2>{e(w("html.first"))}</h2>']
    for item in items:
        out.append(f"<p><strong>{e(item.headline)}</strong></p>")
        rows = []
        for block in item.blocks:
            for claim in block.claims:
                quote = f"<blockquote>{e(w.marks(claim.quote))}</blockquote>" if claim.quote else ""
                said = e(short_claim_sentence(model, claim, quote=False, w=w))
                rows.append(f'<li data-claim="{e(claim.id)}">{said} <span class="where">{e(str(claim.location))}'
                            f"</span>{quote}</li>")
            if block.after:
                rows.append(f"<li>{e(block.after)}</li>")
        if rows:
            out.append("<ul>" + "".join(rows) + "</ul>")
    out.append("</section>")
    return out
