"""The sentences of a report, one wording for every format.

Every renderer (text, Markdown, HTML, JSON's "explanation") words a claim, a range and "what the
others allow" through these functions, so that a fact-checker reads the same sentence wherever
the report is shown. The sentences are plain text; each format escapes them its own way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from numcheck.model import Claim, Interval, LoadWarning, Model, Rule
from numcheck.render.intervals import sentence_form, span_form
from numcheck.render.numbers import canonical_claim
from numcheck.render.scalars import readable
from numcheck.render.timeline import dated_claim_sentence, dated_sentences

if TYPE_CHECKING:
    from numcheck.report import Conflict, Distance, Range, Repair, Report, Tension

__all__ = ["and_list", "attribution", "bounds_text", "claim_sentence", "conflict_sentences", "culprit_sentence",
           "others_allow", "range_text", "repair_headline", "repair_implies", "rule_sentence", "short_claim_sentence",
           "tension_sentence", "verdict_line", "warning_sentence"]


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
    if (dated := dated_claim_sentence(model, claim, quote=quote)) is not None:  # figures over time
        return dated
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
    parts = [*dated_sentences(model, conflict), *(claim_sentence(model, c) for c in claims)]
    parts.extend(rule_sentence(r) for r in rules)
    if len(claims) == 1 and not rules:
        parts.append("This claim alone cannot hold (quantities are never negative unless declared signed).")
    parts.extend(others_allow(model, d) for d in conflict.distances)
    return tuple(parts)


def warning_sentence(warning: LoadWarning) -> str:
    """'file.yaml:7: 12.000 reads as twelve ...': where, then what; each format adds its own label."""
    return f"{warning.location}: {warning.message}"


# -- what to look at first: repairs, culprits, tension (see render/first.py for their order)


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def short_claim_sentence(model: Model, claim: Claim, *, quote: bool = True) -> str:
    """'hur-kursk (source, date) says nk_troops_kursk is “up to 3,000” — quote: “…”.': the claim as
    written, without what it means exactly (the conflict details say that)."""
    who = attribution(model, claim)
    by = f" ({who})" if who else ""
    said = f"{claim.quantity} is “{claim.value}”" if claim.quantity is not None else f"“{claim.text}”"
    quoted = f" — quote: “{claim.quote}”" if claim.quote and quote else ""
    return f"{claim.id}{by} says {said}{quoted}."


def repair_headline(report: Report, repairs: Sequence[Repair], *, cut: bool = False) -> str:
    """'Dropping any one of share-a, share-b makes it consistent.', for one part's
    repairs (all of its least weight); `cut` adds that more of the same weight exist."""
    where = _the_claims(report, repairs[0].part)
    if len(repairs) == 1:
        drop = and_list(list(repairs[0].drop))
        lead = f"Dropping {drop}{' together' if len(repairs[0].drop) > 1 else ''} makes {where} consistent"
    elif all(len(r.drop) == 1 for r in repairs):
        lead = f"Dropping any one of {', '.join(r.drop[0] for r in repairs)} makes {where} consistent"
    else:
        lead = (f"Any one of these makes {where} consistent: "
                + "; ".join(f"dropping {and_list(list(r.drop))}" for r in repairs))
    weights = [c.weight for c in report.model.claims]
    if any(w != 1 for w in weights):
        each = repairs[0].weight
        lead += f" (weight {readable(each)}{' each' if len(repairs) > 1 else ''})"
    more = "; more repairs of the same weight exist (raise --max-repairs)" if cut else ""
    return f"{lead}{more}."


def _the_claims(report: Report, part: int) -> str:
    """'it' when one part needs repairs or has tension, else which quantities' claims."""
    parts = {r.part for r in report.repairs} | {t.part for t in report.tension}
    if len(parts) <= 1:
        return "it"
    names = report.components[part].quantities
    shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
    return f"the claims on {shown}" if names else "the constant claims"


def repair_implies(report: Report, repair: Repair, *, typographic: bool = False) -> str | None:
    """'Without other-kursk, the others imply nk_troops_kursk <= 3,000 soldier.'"""
    if not repair.implies:
        return None
    ranges = "; ".join(range_text(r, typographic=typographic) for r in repair.implies.values())
    return f"Without {and_list(list(repair.drop))}, the others imply {ranges}."


def culprit_sentence(report: Report, part: int) -> str | None:
    """'hur-kursk is in every conflict of its part (2 of 2).'"""
    common = report.in_every_conflict.get(part)
    if not common:
        return None
    n = sum(1 for c in report.conflicts if c.component == part)
    verb = "is" if len(common) == 1 else "are"
    return f"{and_list(list(common))} {verb} in every conflict of {'its' if len(common) == 1 else 'their'} part " \
           f"({n} of {n})."


def tension_sentence(report: Report, tension: Tension) -> str:
    """'Consistent only thanks to rounding: a and b need at least 4/5 of their rounding.'"""
    who = and_list(list(tension.claims))
    n = tension.needs
    if tension.strict and n == 0:
        amount = "some of their rounding, however little: as written, they clash"
    elif tension.strict:
        amount = f"more than {n} of their rounding: narrowed to {n} or less, they clash"
    elif n == 1:
        amount = "all of their rounding: narrowed at all, they clash"
    else:
        amount = f"at least {n} of their rounding: narrowed any further, they clash"
    return f"Consistent only thanks to rounding: {who} need {amount}."
