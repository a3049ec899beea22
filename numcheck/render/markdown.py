"""A fact-check write-up in GitHub Markdown: the verdict, each conflict as a list, the ranges table.

Text from the claims file goes through `safe.md_text` (prose, table cells) or `safe.md_code`
(code spans): it stays on its line and reads as text, never as a heading, a link or HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.first import first_items
from numcheck.render.intervals import sign_cells
from numcheck.render.safe import md_code, md_text
from numcheck.render.sentences import attribution, others_allow, verdict_line
from numcheck.render.timeline import dated_sentences

if TYPE_CHECKING:
    from numcheck.model import Claim, Model
    from numcheck.report import Conflict, Report

__all__ = ["render_markdown"]


def render_markdown(report: Report) -> str:
    """A fact-check write-up: the verdict, load warnings, what to look at first, each conflict as a
    list, then the ranges table."""
    model = report.model
    out: list[str] = [f"# {md_text(model.title or 'numcheck report')}", ""]
    out.append(f"**{verdict_line(report)}** "
               f"{len(model.claims)} claims, {len(model.rules)} rules, {len(model.quantities)} quantities.")
    if model.warnings:
        out += ["", "## Warnings", "", "What loads but is probably not what the file meant (the verdict is "
                "not changed by it).", ""]
        out += [f"- {md_code(str(w.location))}: {md_text(w.message)}" for w in model.warnings]
    out += _first(report)
    for k, conflict in enumerate(report.conflicts, start=1):
        out += ["", f"## Conflict {k}: {', '.join(md_code(c) for c in conflict.claims)}", ""]
        out += _conflict(model, conflict)
    if report.ranges:
        out += ["", "## Implied ranges", "",
                "What all rules and every claim outside the conflicts imply.", "",
                "| quantity | min | max | unit |", "|---|---:|---:|---|"]
        for name, r in report.ranges.items():
            low, high = sign_cells(r.interval)
            out.append(f"| {md_text(name)} | {md_text(low)} | {md_text(high)} | {md_text(r.unit)} |")
    if report.agreements:
        out += ["", "## Sources on the same quantity", ""]
        for a in report.agreements:
            word = {True: "agree", False: "**disagree**", None: "undecided"}[a.agree]
            out.append(f"- {md_text(a.quantity)}: {md_text(a.a)} and {md_text(a.b)} {word}")
    if report.notes:
        out += ["", "## Notes", ""]
        out += [f"- {md_text(n)}" for n in report.notes]
    return "\n".join(out) + "\n"


def _first(report: Report) -> list[str]:
    """What to look at first (see render/first.py): each headline in bold, its claims under it."""
    items = first_items(report, typographic=True)
    if not items:
        return []
    out = ["", "## What to look at first", ""]
    for item in items:
        out.append(f"- **{md_text(item.headline)}**")
        for block in item.blocks:
            out += [f"  {_claim_line(report.model, claim)}" for claim in block.claims]
            if block.after:
                out.append(f"  - {md_text(block.after)}")
    return out


def _claim_line(model: Model, claim: Claim) -> str:
    """'- **hur-kursk** (source, date) says x is “up to 3,000”. Quote: “…”.'"""
    who = attribution(model, claim)
    said = (f"{md_text(claim.quantity)} is “{md_text(claim.value or '')}”" if claim.quantity
            else f"“{md_text(claim.text)}”")
    line = f"- **{md_text(claim.id)}**" + (f" ({md_text(who)})" if who else "") + f" says {said}."
    if claim.quote:
        line += f" Quote: “{md_text(claim.quote)}”."
    return line


def _conflict(model: Model, conflict: Conflict) -> list[str]:
    """One list item per claim (with its quote) and per rule, then how far apart they lie."""
    out: list[str] = [f"- **{md_text(s)}**" for s in dated_sentences(model, conflict)]  # figures over time
    out += [_claim_line(model, model.claim(claim_id)) for claim_id in conflict.claims]
    for rule_id in conflict.rules:
        rule = next(r for r in model.rules if r.id == rule_id)
        why = f" — {md_text(rule.why)}" if rule.why else ""
        out.append(f"- Rule **{md_text(rule.id)}**: {md_code(rule.text)}{why}.")
    if conflict.distances:
        out += ["", "How far apart:", ""]
        out += [f"- {md_text(others_allow(model, d, typographic=True))}" for d in conflict.distances]
    return out
