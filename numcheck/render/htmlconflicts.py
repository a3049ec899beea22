"""The HTML report's conflicts: each a section with its chart (conflictchart.py), then, folded
under "In words", its claims in sentences with their quotes and `file:line`, the rules that join
them, and how far apart they are.

The chart comes first and the words are folded (a `<details>`, which needs no script, and which
Chromium opens by itself when a search finds text in it) so that the conflicts can be taken in at
a glance, one screen for a handful of them; a conflict with nothing to draw shows its words open.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.render.conflictchart import conflict_chart
from numcheck.render.safe import html_text
from numcheck.render.sentences import claim_sentence, others_allow, rule_why
from numcheck.render.timeline import dated_sentences
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["conflict_sections"]


def conflict_sections(report: Report, tick: Callable[[], None], w: Wording = ENGLISH) -> list[str]:
    """The heading, one legend for every chart, then each conflict as a section, worded by `w`."""
    if not report.conflicts:
        return []
    model = report.model
    e = html_text
    claims = {c.id: c for c in model.claims}
    rules = {r.id: r for r in model.rules}
    out = [f'<h2 id="conflicts">{e(w("html.conflicts"))}</h2>',
           f'<p class="muted">{e(w("html.conflict-chart.legend"))}</p>']
    for k, conflict in enumerate(report.conflicts, start=1):
        ids = ", ".join(f'<code class="claim-id">{e(c)}</code>' for c in conflict.claims)
        head = w.markup("html.conflict.ids", e, conflict=e(w("html.conflict", n=w.number(Fraction(k)))), ids=ids)
        out.append(f'<section class="conflict" id="conflict-{k}"><h3>{head}</h3>')
        out += [f"<p><strong>{e(s)}</strong></p>" for s in dated_sentences(model, conflict, w)]  # over time
        chart = conflict_chart(model, conflict, k, claims, w)
        if chart:
            out.append(f'<div class="plot conflict-chart" data-conflict="{k}">{chart}</div>')
        out.append(f'<details class="words"{"" if chart else " open"}><summary>{e(w("html.in-words"))}</summary>')
        for claim_id in conflict.claims:
            claim = claims[claim_id]
            out.append(f"<p>{e(claim_sentence(model, claim, quote=False, w=w))} "
                       f'<span class="where">{e(str(claim.location))}</span></p>')
            if claim.quote:
                out.append(f"<blockquote>{e(w.marks(claim.quote))}</blockquote>")
        for rule_id in conflict.rules:
            rule = rules[rule_id]
            because = rule_why(rule, w)
            why = f" — {e(because)}" if because else ""
            said = w.markup("html.rule", e, id=f"<code>{e(rule.id)}</code>", text=f"<code>{e(rule.text)}</code>",
                            why=why)
            out.append(f'<p>{said} <span class="where">{e(str(rule.location))}</span></p>')
        out += [f"<p>{e(others_allow(model, d, w=w))}</p>" for d in conflict.distances]
        out.append("</details>")
        out.append("</section>")
        tick()
    return out
