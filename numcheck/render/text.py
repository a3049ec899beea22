"""The plain-text report a fact-checker reads in a terminal (`numcheck check`, the default).

Every line passes through `safe.visible` on its way out: a newline inside a quote cannot start a
line of its own, and an escape sequence in a claims file is shown as `\\x1b`, never sent to the
terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.first import first_items
from numcheck.render.intervals import bracket_cells
from numcheck.render.safe import visible
from numcheck.render.sentences import conflict_sentences, short_claim_sentence, verdict_line, warning_sentence
from numcheck.render.timeline import timeline_lines

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["render_text"]


def render_text(report: Report) -> str:
    """Verdict and load warnings, what to look at first, each conflict in sentences, the implied
    ranges as an aligned table, agreements, notes."""
    model = report.model
    out: list[str] = []
    if model.title:
        out.append(model.title)
    out.append(verdict_line(report))
    out.extend(f"warning: {warning_sentence(w)}" for w in model.warnings)
    out.append(f"{len(model.claims)} claims, {len(model.rules)} rules, {len(model.quantities)} quantities, "
               f"{len(report.components)} independent parts.")
    out.extend(_first(report))
    for k, conflict in enumerate(report.conflicts, start=1):
        out.append("")
        out.append(f"Conflict {k}: {', '.join(conflict.claims)}"
                   + (f" (through {', '.join(conflict.rules)})" if conflict.rules else ""))
        out.extend(f"  {sentence}" for sentence in conflict_sentences(report.model, conflict))
    if report.ranges:
        out.append("")
        out.append("Implied ranges (rules and every claim outside the conflicts):")
        out.extend(_ranges_table(report))
    out.extend(timeline_lines(report))  # figures over time: each date, its claims, its range
    if report.agreements:
        out.append("")
        out.append("Sources on the same quantity:")
        for a in report.agreements:
            word = {True: "agree", False: "DISAGREE", None: "undecided"}[a.agree]
            out.append(f"  {a.quantity}: {a.a} and {a.b} {word}")
    if report.notes:
        out.append("")
        out.extend(f"note: {n}" for n in report.notes)
    return "\n".join(visible(line) for line in out) + "\n"


def _first(report: Report) -> list[str]:
    """What to look at first (see render/first.py): each headline, then its claims with their
    sources and quotes, and what follows from them."""
    items = first_items(report)
    if not items:
        return []
    out = ["", "What to look at first:"]
    for item in items:
        out.append(f"  {item.headline}")
        for block in item.blocks:
            out.extend(f"    {short_claim_sentence(report.model, claim)}" for claim in block.claims)
            if block.after:
                out.append(f"      {block.after}")
    return out


def _ranges_table(report: Report) -> list[str]:
    """Columns padded to their widest cell; the bounds right-aligned so their digits line up."""
    rows = [(visible(name), *bracket_cells(r.interval), visible(r.unit)) for name, r in report.ranges.items()]
    header = ("quantity", "min", "max", "unit")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = ["  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    for row in rows:
        cells = [v.rjust(w) if i in (1, 2) else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths))]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines
