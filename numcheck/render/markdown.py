"""A fact-check write-up in GitHub Markdown: the verdict, each conflict as a list, the ranges table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.intervals import sign_cells
from numcheck.render.sentences import attribution, others_allow, verdict_line

if TYPE_CHECKING:
    from numcheck.model import Model
    from numcheck.report import Conflict, Report

__all__ = ["render_markdown"]


def _md(text: str) -> str:
    """Escape what GitHub would read as markup inside a sentence or a table cell."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
    return out.replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("`", "\\`")


def render_markdown(report: Report) -> str:
    """A fact-check write-up: the verdict, each conflict as a paragraph, then the ranges table."""
    model = report.model
    out: list[str] = [f"# {_md(model.title or 'numcheck report')}", ""]
    out.append(f"**{verdict_line(report)}** "
               f"{len(model.claims)} claims, {len(model.rules)} rules, {len(model.quantities)} quantities.")
    for k, conflict in enumerate(report.conflicts, start=1):
        out += ["", f"## Conflict {k}: {', '.join(f'`{c}`' for c in conflict.claims)}", ""]
        out += _conflict(model, conflict)
    if report.ranges:
        out += ["", "## Implied ranges", "",
                "What all rules and every claim outside the conflicts imply.", "",
                "| quantity | min | max | unit |", "|---|---:|---:|---|"]
        for name, r in report.ranges.items():
            low, high = sign_cells(r.interval)
            out.append(f"| {_md(name)} | {_md(low)} | {_md(high)} | {_md(r.unit)} |")
    if report.agreements:
        out += ["", "## Sources on the same quantity", ""]
        for a in report.agreements:
            word = {True: "agree", False: "**disagree**", None: "undecided"}[a.agree]
            out.append(f"- {_md(a.quantity)}: {_md(a.a)} and {_md(a.b)} {word}")
    if report.notes:
        out += ["", "## Notes", ""]
        out += [f"- {_md(n)}" for n in report.notes]
    return "\n".join(out) + "\n"


def _conflict(model: Model, conflict: Conflict) -> list[str]:
    """One list item per claim (with its quote) and per rule, then how far apart they lie."""
    out: list[str] = []
    for claim_id in conflict.claims:
        claim = model.claim(claim_id)
        who = attribution(model, claim)
        said = (f"{_md(claim.quantity)} is “{_md(claim.value or '')}”" if claim.quantity
                else f"“{_md(claim.relation or '')}”")
        line = f"- **{_md(claim.id)}**" + (f" ({_md(who)})" if who else "") + f" says {said}."
        if claim.quote:
            line += f" Quote: “{_md(claim.quote)}”."
        out.append(line)
    for rule_id in conflict.rules:
        rule = next(r for r in model.rules if r.id == rule_id)
        why = f" — {_md(rule.why)}" if rule.why else ""
        out.append(f"- Rule **{_md(rule.id)}**: `{rule.text}`{why}.")
    if conflict.distances:
        out += ["", "How far apart:", ""]
        out += [f"- {_md(others_allow(model, d, typographic=True))}" for d in conflict.distances]
    return out
