"""A fact-check write-up in GitHub Markdown: the verdict, each conflict as a list, the ranges table.

Text from the claims file goes through `safe.md_text` (prose, table cells) or `safe.md_code`
(code spans): it stays on its line and reads as text, never as a heading, a link or HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.first import first_items
from numcheck.render.intervals import sign_cells
from numcheck.render.options import RenderOptions
from numcheck.render.safe import md_code, md_text
from numcheck.render.sentences import attribution, others_allow, rule_why, verdict_line
from numcheck.render.timeline import dated_sentences
from numcheck.render.wording import Wording, wording

if TYPE_CHECKING:
    from numcheck.model import Claim, Model
    from numcheck.report import Conflict, Report

__all__ = ["render_markdown"]


def render_markdown(report: Report, options: RenderOptions | None = None) -> str:
    """A fact-check write-up: the verdict, load warnings, what to look at first, each conflict as a
    list, then the ranges table; in the options' language, each claim and rule with its `file:line`."""
    model = report.model
    w = wording((options or RenderOptions()).lang_of(report), located=True, typographic=True)
    out: list[str] = [f"# {md_text(model.title or w('md.title'))}", ""]
    counts = w("md.counts", claims=w.count("claims", len(model.claims)), rules=w.count("rules", len(model.rules)),
               quantities=w.count("quantities", len(model.quantities)))
    out.append(f"**{verdict_line(report, w)}** {counts}")
    if model.warnings:
        out += ["", f"## {w('md.warnings')}", "", w("md.warnings.lead"), ""]
        out += [f"- {md_code(str(x.location))}: {md_text(x.message)}" for x in model.warnings]
    out += _first(report, w)
    for k, conflict in enumerate(report.conflicts, start=1):
        out += ["", f"## {w('md.conflict', k=k, ids=', '.join(md_code(c) for c in conflict.claims))}", ""]
        out += _conflict(model, conflict, w)
    if report.ranges:
        out += ["", f"## {w('md.ranges')}", "", w("md.ranges.lead"), "",
                "| " + " | ".join(w(f"col.{c}") for c in ("quantity", "min", "max", "unit")) + " |",
                "|---|---:|---:|---|"]
        for name, r in report.ranges.items():
            low, high = sign_cells(r.interval, w)
            out.append(f"| {md_text(name)} | {md_text(low)} | {md_text(high)} | {md_text(r.unit)} |")
    if report.agreements:
        out += ["", f"## {w('md.agreements')}", ""]
        for a in report.agreements:
            word = w({True: "agree.yes", False: "agree.no.md", None: "agree.none"}[a.agree])
            out.append(f"- {w('agree.line', quantity=md_text(a.quantity), a=md_text(a.a), b=md_text(a.b), word=word)}")
    if report.notes:
        out += ["", f"## {w('md.notes')}", ""]
        out += [f"- {md_text(n)}" for n in report.notes]
    return "\n".join(out) + "\n"


def _first(report: Report, w: Wording) -> list[str]:
    """What to look at first (see render/first.py): each headline in bold, its claims under it."""
    items = first_items(report, w)
    if not items:
        return []
    out = ["", f"## {w('md.first')}", ""]
    for item in items:
        out.append(f"- **{md_text(item.headline)}**")
        for block in item.blocks:
            out += [f"  {_claim_line(report.model, claim, w)}" for claim in block.claims]
            if block.after:
                out.append(f"  - {md_text(block.after)}")
    return out


def _claim_line(model: Model, claim: Claim, w: Wording) -> str:
    """'- **hur-kursk** (source, date; file:line) says x is “up to 3,000”. Quote: “…”.'"""
    who = attribution(model, claim, w)
    by = w("brackets", text=md_text(who)) if who else ""
    quote = w("md.quote", quote=w.marks(md_text(claim.quote))) if claim.quote else ""
    if claim.quantity is None:
        said = w("claim.relation", id=f"**{md_text(claim.id)}**", by=by, relation=w.marks(md_text(claim.text)),
                 quoted="")
    else:
        said = w("claim.value", id=f"**{md_text(claim.id)}**", by=by, quantity=md_text(claim.quantity),
                 value=w.marks(md_text(claim.value or "")), reading="", quoted="")
    return f"- {said}{quote}"


def _conflict(model: Model, conflict: Conflict, w: Wording) -> list[str]:
    """One list item per claim (with its quote) and per rule, then how far apart they lie."""
    out: list[str] = [f"- **{md_text(s)}**" for s in dated_sentences(model, conflict, w)]  # figures over time
    out += [_claim_line(model, model.claim(claim_id), w) for claim_id in conflict.claims]
    for rule_id in conflict.rules:
        rule = model.rules_named((rule_id,))[0]
        why = rule_why(rule, w)
        out.append("- " + w("rule", id=f"**{md_text(rule.id)}**", where=w("brackets", text=md_text(str(rule.location))),
                            text=md_code(rule.text), why=w("md.why", why=md_text(why)) if why else ""))
    if conflict.distances:
        out += ["", w("md.apart"), ""]
        out += [f"- {md_text(others_allow(model, d, w=w))}" for d in conflict.distances]
    return out
