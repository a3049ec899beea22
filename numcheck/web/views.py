"""What the page shows, as plain values for the templates (numcheck/web/templates/).

Every text from an article or a claims file reaches the page through Jinja2 with autoescaping on,
and the page's script inserts only the HTML rendered here: it never builds markup from input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from numcheck.extract.mentions import Mention
from numcheck.read.includes import PACK_PREFIX, shipped_packs
from numcheck.render.sentences import claim_sentence, others_allow, range_text, rule_sentence
from numcheck.report import Report
from numcheck.web.charts import charts
from numcheck.web.checking import Outcome, Problem
from numcheck.web.document import Doc, text_of

__all__ = ["TEMPLATES", "Segment", "environment", "fragments", "segments"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
_EXCERPT = 2  # lines either side of an error's line


@dataclass(frozen=True)
class Segment:
    """A run of the article: plain text, or a figure (`mention` indexes the mentions)."""

    text: str
    mention: int | None = None
    start: int = 0


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def segments(text: str, mentions: list[Mention]) -> list[Segment]:
    """The article cut at its figures, in order (overlapping mentions are shown once)."""
    out, pos = [], 0
    for k, m in enumerate(mentions):
        if m.start < pos:
            continue
        if m.start > pos:
            out.append(Segment(text[pos:m.start], start=pos))
        out.append(Segment(text[m.start:m.end], k, m.start))
        pos = m.end
    if pos < len(text):
        out.append(Segment(text[pos:], start=pos))
    return out


def _rows(doc: Doc) -> list[dict[str, Any]]:
    sources = doc.data.get("sources")
    dates = {k: text_of(v.get("date")) or "" for k, v in sources.items() if isinstance(v, dict)} \
        if isinstance(sources, dict) else {}
    lines = dict(doc.claim_lines)
    rows = []
    for claim in doc.claims():
        cid = text_of(claim.get("id")) or ""
        relation = "relation" in claim and "value" not in claim
        source = text_of(claim.get("source")) or ""
        rows.append({"id": cid, "source": source, "quantity": text_of(claim.get("quantity")) or "",
                     "value": text_of(claim.get("relation" if relation else "value")) or "",
                     "as_of": text_of(claim.get("as_of")) or "", "date_hint": dates.get(source, ""),
                     "quote": text_of(claim.get("quote")) or "", "relation": relation,
                     "review": text_of(claim.get("review")) in ("true", "True", "yes"), "line": lines.get(cid)})
    return rows


def _side(doc: Doc) -> dict[str, Any]:
    quantities = doc.data.get("quantities")
    counts: dict[str, int] = {}
    for claim in doc.claims():
        q = text_of(claim.get("quantity"))
        if q:
            counts[q] = counts.get(q, 0) + 1
    qs = [{"name": k, "unit": text_of(v.get("unit")) or "" if isinstance(v, dict) else "",
           "about": text_of(v.get("about")) or "" if isinstance(v, dict) else "", "count": counts.get(k, 0)}
          for k, v in (quantities.items() if isinstance(quantities, dict) else [])]
    sources = doc.data.get("sources")
    ss = [{"id": k, "name": text_of(v.get("name")) or "", "date": text_of(v.get("date")) or ""}
          for k, v in (sources.items() if isinstance(sources, dict) else []) if isinstance(v, dict)]
    include = doc.data.get("include")
    included = set(include) if isinstance(include, list) else {include} if isinstance(include, str) else set()
    packs = [{"name": p, "on": f"{PACK_PREFIX}{p}" in included} for p in shipped_packs()]
    return {"quantities": qs, "sources": ss, "packs": packs}


def _excerpt(text: str, problem: Problem) -> list[tuple[int, str, bool]]:
    if problem.file is not None or problem.line is None:
        return []
    lines = text.split("\n")
    lo, hi = max(1, problem.line - _EXCERPT), min(len(lines), problem.line + _EXCERPT)
    return [(n, lines[n - 1][:300], n == problem.line) for n in range(lo, hi + 1)]


def _after_id(sentence: str, claim_id: str) -> str:
    """A claim's sentence without the id it starts with (the page shows the id as a link before it)."""
    return sentence[len(claim_id):].lstrip() if sentence.startswith(claim_id) else sentence


def _conflicts(report: Report) -> list[dict[str, Any]]:
    model = report.model
    out = []
    for k, conflict in enumerate(report.conflicts, start=1):
        claims = [model.claim(c) for c in conflict.claims]
        rules = [r for rid in conflict.rules for r in model.rules_named((rid,))]
        out.append({"n": k, "claims": [{"id": c.id, "sentence": _after_id(claim_sentence(model, c, quote=False), c.id),
                                        "quote": c.quote or ""} for c in claims],
                    "rules": [rule_sentence(r) for r in rules],
                    "allow": [others_allow(model, d, typographic=True) for d in conflict.distances]})
    return out


def _repairs(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for r in data.get("repairs") or []:
        if isinstance(r, dict) and isinstance(r.get("drop"), list):
            out.append({"part": r.get("part"), "drop": [str(c) for c in r["drop"]], "weight": r.get("weight")})
    return out


def result_context(outcome: Outcome, text: str) -> dict[str, Any]:
    errors = [p for p in outcome.problems if not p.warning]
    warnings = [p for p in outcome.problems if p.warning]
    ctx: dict[str, Any] = {"loaded": outcome.loaded, "seconds": outcome.seconds,
                           "errors": [{"p": p, "excerpt": _excerpt(text, p)} for p in errors],
                           "warnings": warnings}
    report = outcome.report
    if report is None:
        return ctx
    data = report.to_dict()
    n = len(report.conflicts)
    ctx.update(verdict=report.verdict, n_conflicts=n, complete=report.complete,
               counts=(len(report.model.claims), len(report.model.rules), len(report.model.quantities)),
               conflicts=_conflicts(report), repairs=_repairs(data),
               repairs_complete=data.get("repairs_complete", True),
               culprits={str(k): v for k, v in (data.get("culprits") or {}).items()},
               tension=[t for t in data.get("tension") or [] if isinstance(t, dict)],
               ranges=[range_text(r, typographic=True) for r in report.ranges.values()],
               charts=charts(report), notes=report.notes)
    return ctx


def fragments(env: Environment, outcome: Outcome, text: str, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The page's three panels for a checked text: claims table, quantities and sources, result;
    `skip` leaves out "claims" or "side", the panel the page is typing in (it keeps its own)."""
    out: dict[str, Any] = {"result_html": env.get_template("_result.html").render(result_context(outcome, text)),
                           "loaded": outcome.loaded, "parsed": outcome.doc is not None,
                           "verdict": outcome.report.verdict if outcome.report else "error",
                           "problems": [{"text": p.text(), "claim": p.claim, "line": p.line, "warning": p.warning}
                                        for p in outcome.problems]}
    if outcome.doc is None and "claims" not in skip:
        out["claims_html"] = ('<p class="muted">The file cannot be read as a claims file yet: fix it in its text '
                              "below (the check says at which line).</p>")
        out["side_html"] = ""
    if outcome.doc is not None and "claims" not in skip:
        out["claims_html"] = env.get_template("_claims.html").render(rows=_rows(outcome.doc))
    if outcome.doc is not None and "side" not in skip:
        out["side_html"] = env.get_template("_side.html").render(**_side(outcome.doc))
    return out
