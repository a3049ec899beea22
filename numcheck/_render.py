"""Reports as text a fact-checker reads, or as the stable JSON of claims-format.md.

Renderers take a finished `Report` and return a string; they never solve or load anything.
"""

from __future__ import annotations

import json

from ._check import range_text
from ._format import readable
from ._report import Report

__all__ = ["render", "render_json", "render_text"]


def render(report: Report, format: str = "text") -> str:
    if format == "json":
        return render_json(report)
    if format == "text":
        return render_text(report)
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
        for sentence in conflict.sentences:
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


def _bound_cell(v, is_open: bool, lower: bool) -> str:  # type: ignore[no-untyped-def]
    if v is None:
        return "-inf" if lower else "+inf"
    mark = ("(" if lower else ")") if is_open else ("[" if lower else "]")
    text = readable(v)
    return f"{mark}{text}" if lower else f"{text}{mark}"
