"""The sentences of a report, one wording for every format.

Every renderer (text, Markdown, HTML, JSON's "explanation") words a claim, a range and "what the
others allow" through these functions, so that a fact-checker reads the same sentence wherever
the report is shown. The sentences are plain text; each format escapes them its own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.model import Claim, Interval, LoadWarning, Model, Rule
from numcheck.render.intervals import sentence_form, span_form
from numcheck.render.numbers import canonical_claim
from numcheck.render.scalars import readable

if TYPE_CHECKING:
    from numcheck.report import Conflict, Distance, Range, Report

__all__ = ["attribution", "bounds_text", "claim_sentence", "conflict_sentences", "others_allow",
           "range_text", "rule_sentence", "verdict_line", "warning_sentence"]


def verdict_line(report: Report) -> str:
    """'INCONSISTENT: 2 minimal conflicts.': the first thing the text and Markdown reports say."""
    n = len(report.conflicts)
    if report.verdict == "consistent":
        return "CONSISTENT: all claims can be true at once."
    if report.verdict == "unknown":
        return "UNKNOWN: the solver gave up before deciding (see notes); nothing is assumed either way."
    more = "" if report.complete else " (list cut short)"
    return f"INCONSISTENT: {n} minimal conflict{'s' if n != 1 else ''}{more}."


def range_text(r: Range, *, typographic: bool = False) -> str:
    """'nk_troops_kursk <= 3,000', 'x > 51,750', '10 <= x <= 20', or 'anything'."""
    return sentence_form(r.quantity, r.interval, r.unit, typographic=typographic)


def bounds_text(quantity: str, iv: Interval, unit: str = "") -> str:
    """The readable form of an interval (see intervals.sentence_form); kept under its old name."""
    return sentence_form(quantity, iv, unit)


def attribution(model: Model, claim: Claim) -> str:
    """'Ukrainian military intelligence, 2024-10-24': who said it and when, as far as known."""
    source = model.sources[claim.source].name if claim.source else None
    return ", ".join(part for part in (source, claim.as_of.isoformat() if claim.as_of else None) if part)


def claim_sentence(model: Model, claim: Claim, *, quote: bool = True) -> str:
    """'hur-kursk (Ukrainian military intelligence, 2024-10-24) says nk_troops_kursk is “up to 3,000”'.

    `quote=False` leaves the quote out, for a format that shows it apart (HTML's blockquote)."""
    who = attribution(model, claim)
    by = f" ({who})" if who else ""
    if claim.quantity is not None:
        said = f"{claim.quantity} is “{claim.value}”"
        if claim.interval is not None and claim.ref is None:
            said += f", i.e. {span_form(claim.quantity, claim.interval)}"
        else:
            said += f", i.e. {canonical_claim(claim, model)}"
    else:
        said = f"“{claim.relation}”"
    quoted = f" — quote: “{claim.quote}”" if claim.quote and quote else ""
    return f"{claim.id}{by} says {said}{quoted}."


def rule_sentence(rule: Rule) -> str:
    """'Rule army-bound: x <= y (troops sent abroad come from the active army).'"""
    why = f" ({rule.why})" if rule.why else ""
    return f"Rule {rule.id}: {rule.text}{why}."


def others_allow(model: Model, distance: Distance, *, typographic: bool = False) -> str:
    """'The others allow 0 <= x <= 3,000 soldier; b says “about 15,000” — 10,500 apart.'

    The one wording of how far a conflict's claim lies from what the rest of the conflict
    allows; text, Markdown and HTML all print this sentence (escaped for their format)."""
    claim = model.claim(distance.claim)
    allowed = range_text(distance.allowed, typographic=typographic)
    if claim.quantity == distance.quantity:
        gap = f" — {readable(distance.gap)} apart" if distance.gap else ""
        return f"The others allow {allowed}; {distance.claim} says “{claim.value}”{gap}."
    return f"Without {distance.claim}, the others allow {allowed}."


def conflict_sentences(model: Model, conflict: Conflict) -> tuple[str, ...]:
    """One sentence per claim (source, value, what it means exactly), per rule, and per gap."""
    claims = [model.claim(c) for c in conflict.claims]
    rules = [r for rule_id in conflict.rules for r in model.rules if r.id == rule_id]
    parts = [claim_sentence(model, c) for c in claims]
    parts.extend(rule_sentence(r) for r in rules)
    if len(claims) == 1 and not rules:
        parts.append("This claim alone cannot hold (quantities are never negative unless declared signed).")
    parts.extend(others_allow(model, d) for d in conflict.distances)
    return tuple(parts)


def warning_sentence(warning: LoadWarning) -> str:
    """'file.yaml:7: 12.000 reads as twelve ...': where, then what; each format adds its own label."""
    return f"{warning.location}: {warning.message}"
