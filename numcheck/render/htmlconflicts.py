"""The HTML report's conflicts: each a section with its chart (conflictchart.py), then, folded
under "In words", its claims in sentences with their quotes and `file:line`, the rules that join
them, and how far apart they are.

The chart comes first and the words are folded (a `<details>`, which needs no script, and which
Chromium opens by itself when a search finds text in it) so that the conflicts can be taken in at
a glance, one screen for a handful of them; a conflict with nothing to draw shows its words open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from numcheck.render.conflictchart import conflict_chart
from numcheck.render.htmlwords import WORDS
from numcheck.render.safe import html_text
from numcheck.render.sentences import claim_sentence, others_allow
from numcheck.render.timeline import dated_sentences

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["conflict_sections"]


def conflict_sections(report: Report, tick: Callable[[], None]) -> list[str]:
    """The heading, one legend for every chart, then each conflict as a section."""
    if not report.conflicts:
        return []
    model = report.model
    e = html_text
    claims = {c.id: c for c in model.claims}
    rules = {r.id: r for r in model.rules}
    out = [f'<h2 id="conflicts">{e(WORDS["conflicts"])}</h2>', f'<p class="muted">{e(WORDS["conflict legend"])}</p>']
    for k, conflict in enumerate(report.conflicts, start=1):
        out.append(f'<section class="conflict" id="conflict-{k}"><h3>{e(WORDS["conflict"].format(n=k))}: '
                   + ", ".join(f'<code class="claim-id">{e(c)}</code>' for c in conflict.claims) + "</h3>")
        out += [f"<p><strong>{e(s)}</strong></p>" for s in dated_sentences(model, conflict)]  # over time
        chart = conflict_chart(model, conflict, k, claims)
        if chart:
            out.append(f'<div class="plot conflict-chart" data-conflict="{k}">{chart}</div>')
        out.append(f'<details class="words"{"" if chart else " open"}><summary>{e(WORDS["in words"])}</summary>')
        for claim_id in conflict.claims:
            claim = claims[claim_id]
            out.append(f"<p>{e(claim_sentence(model, claim, quote=False))} "
                       f'<span class="where">{e(str(claim.location))}</span></p>')
            if claim.quote:
                out.append(f"<blockquote>“{e(claim.quote)}”</blockquote>")
        for rule_id in conflict.rules:
            rule = rules[rule_id]
            why = f" — {e(rule.why)}" if rule.why else ""
            out.append(f"<p>{e(WORDS['rule'])} <code>{e(rule.id)}</code>: <code>{e(rule.text)}</code>{why} "
                       f'<span class="where">{e(str(rule.location))}</span></p>')
        out += [f"<p>{e(others_allow(model, d))}</p>" for d in conflict.distances]
        out.append("</details>")
        out.append("</section>")
        tick()
    return out
