"""The plain-text report a fact-checker reads in a terminal (`numcheck check`, the default).

Every line passes through `safe.visible` on its way out: a newline inside a quote cannot start a
line of its own, and an escape sequence in a claims file is shown as `\\x1b`, never sent to the
terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.first import first_items
from numcheck.render.intervals import bracket_cells
from numcheck.render.options import RenderOptions
from numcheck.render.safe import visible
from numcheck.render.sentences import conflict_sentences, short_claim_sentence, verdict_line, warning_sentence
from numcheck.render.timeline import timeline_lines
from numcheck.render.wording import Wording, wording

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["render_text"]


def render_text(report: Report, options: RenderOptions | None = None) -> str:
    """Verdict and load warnings, what to look at first, each conflict in sentences, the implied
    ranges as an aligned table, agreements, notes; in the options' language, each claim and rule
    with its `file:line`."""
    model = report.model
    w = wording((options or RenderOptions()).lang_of(report), located=True)
    out: list[str] = []
    if model.title:
        out.append(model.title)
    out.append(verdict_line(report, w))
    out.extend(w("text.warning", text=warning_sentence(warning, w)) for warning in model.warnings)
    out.append(w("text.counts", claims=w.count("claims", len(model.claims)), rules=w.count("rules", len(model.rules)),
                 quantities=w.count("quantities", len(model.quantities)),
                 parts=w.count("parts", len(report.components))))
    out.extend(_first(report, w))
    for k, conflict in enumerate(report.conflicts, start=1):
        through = w("text.through", rules=", ".join(conflict.rules)) if conflict.rules else ""
        out += ["", w("text.conflict", k=k, ids=", ".join(conflict.claims), through=through)]
        out.extend(f"  {sentence}" for sentence in conflict_sentences(report.model, conflict, w))
    if report.ranges:
        out += ["", w("text.ranges")]
        out.extend(_ranges_table(report, w))
    out.extend(timeline_lines(report, w))  # figures over time: each date, its claims, its range
    if report.agreements:
        out += ["", w("text.agreements")]
        for a in report.agreements:
            word = w({True: "agree.yes", False: "agree.no", None: "agree.none"}[a.agree])
            out.append(f"  {w('agree.line', quantity=a.quantity, a=a.a, b=a.b, word=word)}")
    if report.notes:
        out.append("")
        out.extend(w("text.note", text=n) for n in report.notes)
    return "\n".join(visible(line) for line in out) + "\n"


def _first(report: Report, w: Wording) -> list[str]:
    """What to look at first (see render/first.py): each headline, then its claims with their
    sources and quotes, and what follows from them."""
    items = first_items(report, w)
    if not items:
        return []
    out = ["", w("text.first")]
    for item in items:
        out.append(f"  {item.headline}")
        for block in item.blocks:
            out.extend(f"    {short_claim_sentence(report.model, claim, w=w)}" for claim in block.claims)
            if block.after:
                out.append(f"      {block.after}")
    return out


def _ranges_table(report: Report, w: Wording) -> list[str]:
    """Columns padded to their widest cell; the bounds right-aligned so their digits line up."""
    rows = [(visible(name), *bracket_cells(r.interval, w), visible(r.unit)) for name, r in report.ranges.items()]
    header = tuple(w(f"col.{column}") for column in ("quantity", "min", "max", "unit"))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = ["  " + "  ".join(h.ljust(width) for h, width in zip(header, widths)).rstrip()]
    for row in rows:
        cells = [v.rjust(width) if i in (1, 2) else v.ljust(width) for i, (v, width) in enumerate(zip(row, widths))]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines
