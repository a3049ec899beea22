"""Reports as text a fact-checker reads, or as the stable JSON of claims-format.md.

Renderers take a finished `Report` and return a string; they never solve or load anything.
"""

from __future__ import annotations

import json
from fractions import Fraction

from numcheck.render.sentences import attribution, conflict_sentences, range_text
from numcheck.render.numbers import readable
from numcheck.report import Range, Report

__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_text"]


FORMATS = ("text", "json", "markdown", "html")


def render(report: Report, format: str = "text") -> str:
    """The report as text, json, markdown or a self-contained html page."""
    if format == "json":
        return render_json(report)
    if format == "text":
        return render_text(report)
    if format in ("markdown", "md"):
        return render_markdown(report)
    if format == "html":
        from numcheck.render.html import render_html  # matplotlib loads only when a page is asked for

        return render_html(report)
    raise ValueError(f"unknown format '{format}'")


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _verdict_line(report: Report) -> str:
    n = len(report.conflicts)
    if report.verdict == "consistent":
        return "CONSISTENT: all claims can be true at once."
    if report.verdict == "unknown":
        return "UNKNOWN: the solver gave up before deciding (see notes); nothing is assumed either way."
    more = "" if report.complete else " (list cut short)"
    return f"INCONSISTENT: {n} minimal conflict{'s' if n != 1 else ''}{more}."


def render_text(report: Report) -> str:
    model = report.model
    out: list[str] = []
    if model.title:
        out.append(model.title)
    out.append(_verdict_line(report))
    out.append(f"{len(model.claims)} claims, {len(model.rules)} rules, {len(model.quantities)} quantities, "
               f"{len(report.components)} independent parts.")
    for k, conflict in enumerate(report.conflicts, start=1):
        out.append("")
        out.append(f"Conflict {k}: {', '.join(conflict.claims)}"
                   + (f" (through {', '.join(conflict.rules)})" if conflict.rules else ""))
        for sentence in conflict_sentences(report.model, conflict):
            out.append(f"  {sentence}")
    if report.ranges:
        out.append("")
        out.append("Implied ranges (rules and every claim outside the conflicts):")
        rows = [(name, _bound_cell(r.min, r.min_open, lower=True), _bound_cell(r.max, r.max_open, lower=False),
                 r.unit) for name, r in report.ranges.items()]
        header = ("quantity", "min", "max", "unit")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
        out.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        for row in rows:
            out.append("  " + "  ".join(str(v).ljust(w) if i != 1 and i != 2 else str(v).rjust(w)
                                        for i, (v, w) in enumerate(zip(row, widths))).rstrip())
    if report.agreements:
        out.append("")
        out.append("Sources on the same quantity:")
        for a in report.agreements:
            word = {True: "agree", False: "DISAGREE", None: "undecided"}[a.agree]
            out.append(f"  {a.quantity}: {a.a} and {a.b} {word}")
    if report.notes:
        out.append("")
        out.extend(f"note: {n}" for n in report.notes)
    return "\n".join(out) + "\n"


def _bound_cell(v: Fraction | None, is_open: bool, lower: bool) -> str:
    if v is None:
        return "-inf" if lower else "+inf"
    mark = ("(" if lower else ")") if is_open else ("[" if lower else "]")
    text = readable(v)
    return f"{mark}{text}" if lower else f"{text}{mark}"


# ---------------------------------------------------------------------------------- markdown


def _md(text: str) -> str:
    """Escape what GitHub would read as markup inside a sentence or a table cell."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
    return out.replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("`", "\\`")


def _md_range(r: Range) -> str:
    return _md(range_text(r).replace("<=", "≤").replace(">=", "≥"))


def render_markdown(report: Report) -> str:
    """A fact-check write-up: the verdict, each conflict as a paragraph, then the ranges table."""
    model = report.model
    out: list[str] = [f"# {_md(model.title or 'numcheck report')}", ""]
    out.append(f"**{_verdict_line(report)}** "
               f"{len(model.claims)} claims, {len(model.rules)} rules, {len(model.quantities)} quantities.")
    for k, conflict in enumerate(report.conflicts, start=1):
        out += ["", f"## Conflict {k}: {', '.join(f'`{c}`' for c in conflict.claims)}", ""]
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
        apart = [d for d in conflict.distances]
        if apart:
            out.append("")
            out.append("How far apart:")
            out.append("")
            for d in apart:
                claim = model.claim(d.claim)
                gap = f", {readable(d.gap)} apart" if d.gap else ""
                if claim.quantity == d.quantity:
                    out.append(f"- without {_md(d.claim)}, the others allow {_md_range(d.allowed)}; "
                               f"{_md(d.claim)} says “{_md(claim.value or '')}”{gap}.")
                else:
                    out.append(f"- without {_md(d.claim)}, the others allow {_md_range(d.allowed)}.")
    if report.ranges:
        out += ["", "## Implied ranges", "",
                "What all rules and every claim outside the conflicts imply.", "",
                "| quantity | min | max | unit |", "|---|---:|---:|---|"]
        for name, r in report.ranges.items():
            low = "—" if r.min is None else f"{'>' if r.min_open else '≥'} {readable(r.min)}"
            high = "—" if r.max is None else f"{'<' if r.max_open else '≤'} {readable(r.max)}"
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
