"""The sentences of a report, one wording for every format.

Every renderer (text, Markdown, HTML, JSON's "explanation") words a claim, a range and "what the
others allow" through these functions, so that a fact-checker reads the same sentence wherever
the report is shown. The sentences are plain text; each format escapes them its own way.

Each takes a `Wording` (wording.py), English and without locations by default: the words come
from its table, one per language, and `w.located` adds each claim's and rule's `file:line`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from numcheck.model import Claim, Interval, LoadWarning, Model, Rule
from numcheck.render.intervals import sentence_form, span_form
from numcheck.render.numbers import canonical_claim
from numcheck.render.timeline import dated_claim_sentence, dated_sentences
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.report import Conflict, Distance, Range, Repair, Report, Tension

__all__ = ["and_list", "attribution", "bounds_text", "claim_sentence", "conflict_sentences", "culprit_sentence",
           "others_allow", "range_text", "repair_headline", "repair_implies", "rule_sentence", "rule_why",
           "short_claim_sentence", "tension_sentence", "verdict_line", "warning_sentence"]


def verdict_line(report: Report, w: Wording = ENGLISH) -> str:
    """'INCONSISTENT: 2 minimal conflicts.': the first thing the text and Markdown reports say."""
    if report.verdict in ("consistent", "unknown"):
        return w(f"verdict.{report.verdict}")
    cut = "" if report.complete else w("verdict.cut")
    return w("verdict.inconsistent", count=w.count("conflicts", len(report.conflicts)), cut=cut)


def range_text(r: Range, *, typographic: bool = False, w: Wording = ENGLISH) -> str:
    """'nk_troops_kursk <= 3,000', 'x > 51,750', '10 <= x <= 20', or 'anything'."""
    return sentence_form(r.quantity, r.interval, r.unit, typographic=typographic, w=w)


def bounds_text(quantity: str, iv: Interval, unit: str = "") -> str:
    """The readable form of an interval (see intervals.sentence_form); kept under its old name."""
    return sentence_form(quantity, iv, unit)


def attribution(model: Model, claim: Claim, w: Wording = ENGLISH) -> str:
    """'Ukrainian military intelligence, 2024-10-24': who said it and when, as far as known, and
    where it is written ('…; claims.yaml:12') when `w.located`."""
    source = model.sources[claim.source].name if claim.source else None
    who = ", ".join(part for part in (source, claim.as_of.isoformat() if claim.as_of else None) if part)
    return w.located_at(who, claim.location)


def _by(model: Model, claim: Claim, w: Wording) -> str:
    who = attribution(model, claim, w)
    return w("brackets", text=who) if who else ""


def claim_sentence(model: Model, claim: Claim, *, quote: bool = True, w: Wording = ENGLISH) -> str:
    """'hur-kursk (Ukrainian military intelligence, 2024-10-24) says nk_troops_kursk is “up to 3,000”'.

    `quote=False` leaves the quote out, for a format that shows it apart (HTML's blockquote)."""
    if (dated := dated_claim_sentence(model, claim, quote=quote, w=w)) is not None:  # figures over time
        return dated
    quoted = w("claim.quote", quote=w.marks(claim.quote)) if claim.quote and quote else ""
    if claim.quantity is None:
        return w("claim.relation", id=claim.id, by=_by(model, claim, w), relation=w.marks(claim.relation or ""),
                 quoted=quoted)
    if claim.interval is not None and claim.ref is None:
        reading = span_form(claim.quantity, claim.interval, w)
    else:
        reading = canonical_claim(claim, model, w)
    return w("claim.value", id=claim.id, by=_by(model, claim, w), quantity=claim.quantity,
             value=w.marks(claim.value or ""), reading=w("claim.reading", reading=reading), quoted=quoted)


def rule_sentence(rule: Rule, w: Wording = ENGLISH) -> str:
    """'Rule army-bound: x <= y (troops sent abroad come from the active army).'"""
    why = rule_why(rule, w)
    where = w("brackets", text=str(rule.location)) if w.located else ""
    return w("rule", id=rule.id, where=where, text=rule.text, why=w("rule.why", why=why) if why else "")


def rule_why(rule: Rule, w: Wording = ENGLISH) -> str | None:
    """Why a rule holds: as written in its file or pack, or, for the rules numcheck writes itself
    for figures over time, in the report's language."""
    if rule.why and rule.kind in ("never-falls", "starts-at-zero"):
        return w(f"rule.why.{rule.kind}", series=rule.id.split(":")[0])
    return rule.why


def others_allow(model: Model, distance: Distance, *, typographic: bool = False, w: Wording = ENGLISH) -> str:
    """'The others allow 0 <= x <= 3,000 soldier; b says “about 15,000” — 10,500 apart.'

    The one wording of how far a conflict's claim lies from what the rest of the conflict
    allows; text, Markdown and HTML all print this sentence (escaped for their format)."""
    claim = model.claim(distance.claim)
    allowed = range_text(distance.allowed, typographic=typographic, w=w)
    if claim.quantity == distance.quantity:
        gap = w("allow.apart", gap=w.number(distance.gap)) if distance.gap else ""
        return w("allow.gap", allowed=allowed, id=distance.claim, value=w.marks(claim.value or ""), gap=gap)
    return w("allow.without", id=distance.claim, allowed=allowed)


def conflict_sentences(model: Model, conflict: Conflict, w: Wording = ENGLISH) -> tuple[str, ...]:
    """One sentence per claim (source, value, what it means exactly), per rule, and per gap."""
    claims = [model.claim(c) for c in conflict.claims]
    rules = [r for rule_id in conflict.rules for r in model.rules_named((rule_id,))]
    parts = [*dated_sentences(model, conflict, w), *(claim_sentence(model, c, w=w) for c in claims)]
    parts.extend(rule_sentence(r, w) for r in rules)
    if len(claims) == 1 and not rules:
        parts.append(w("alone"))
    parts.extend(others_allow(model, d, w=w) for d in conflict.distances)
    return tuple(parts)


def warning_sentence(warning: LoadWarning, w: Wording = ENGLISH) -> str:
    """'file.yaml:7: 12.000 reads as twelve ...': where, then what; each format adds its own label."""
    return w("warning", where=warning.location, message=warning.message)


# -- what to look at first: repairs, culprits, tension (see render/first.py for their order)


def and_list(items: Sequence[str], w: Wording = ENGLISH) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return w.and_list(items)


def short_claim_sentence(model: Model, claim: Claim, *, quote: bool = True, w: Wording = ENGLISH) -> str:
    """'hur-kursk (source, date) says nk_troops_kursk is “up to 3,000” — quote: “…”.': the claim as
    written, without what it means exactly (the conflict details say that)."""
    quoted = w("claim.quote", quote=w.marks(claim.quote)) if claim.quote and quote else ""
    if claim.quantity is None:
        return w("claim.relation", id=claim.id, by=_by(model, claim, w), relation=w.marks(claim.text), quoted=quoted)
    return w("claim.value", id=claim.id, by=_by(model, claim, w), quantity=claim.quantity,
             value=w.marks(claim.value or ""), reading="", quoted=quoted)


def repair_headline(report: Report, repairs: Sequence[Repair], *, cut: bool = False, w: Wording = ENGLISH) -> str:
    """'Dropping any one of share-a, share-b makes it consistent.', for one part's
    repairs (all of its least weight); `cut` adds that more of the same weight exist."""
    part = _the_claims(report, repairs[0].part, w)
    if len(repairs) == 1:
        together = w("repair.together") if len(repairs[0].drop) > 1 else ""
        lead = w("repair.one", drop=w.and_list(list(repairs[0].drop)), together=together, part=part)
    elif all(len(r.drop) == 1 for r in repairs):
        lead = w("repair.any", ids=w("list.sep").join(r.drop[0] for r in repairs), part=part)
    else:
        choices = w("repair.sep").join(w("repair.choice", drop=w.and_list(list(r.drop))) for r in repairs)
        lead = w("repair.choices", part=part, choices=choices)
    if report.weighted:
        each = w("repair.each") if len(repairs) > 1 else ""
        lead += w("repair.weight", weight=w.number(repairs[0].weight), each=each)
    return w("repair.end", lead=lead, more=w("repair.more") if cut else "")


def _the_claims(report: Report, part: int, w: Wording) -> str:
    """'it' when one part needs repairs or has tension, else which quantities' claims."""
    if len(report.parts_to_look_at) <= 1:
        return w("part.it")
    names = report.components[part].quantities
    shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
    return w("part.names", names=shown) if names else w("part.constants")


def repair_implies(report: Report, repair: Repair, *, typographic: bool = False, w: Wording = ENGLISH) -> str | None:
    """'Without other-kursk, the others imply nk_troops_kursk <= 3,000 soldier.'"""
    if not repair.implies:
        return None
    ranges = w("repair.sep").join(range_text(r, typographic=typographic, w=w) for r in repair.implies.values())
    return w("implies", drop=w.and_list(list(repair.drop)), ranges=ranges)


def culprit_sentence(report: Report, part: int, w: Wording = ENGLISH) -> str | None:
    """'hur-kursk is in every conflict of its part (2 of 2).'"""
    common = report.in_every_conflict.get(part)
    if not common:
        return None
    n = w.number(Fraction(sum(1 for c in report.conflicts if c.component == part)))
    return w("culprit.one" if len(common) == 1 else "culprit.many", ids=w.and_list(list(common)), n=n)


def tension_sentence(report: Report, tension: Tension, w: Wording = ENGLISH) -> str:
    """'Consistent only thanks to rounding: a and b need at least 4/5 of their rounding.'"""
    n = tension.needs
    if tension.strict and n == 0:
        amount = w("tension.any")
    elif tension.strict:
        amount = w("tension.more", n=n)
    elif n == 1:
        amount = w("tension.all")
    else:
        amount = w("tension.least", n=n)
    return w("tension", who=w.and_list(list(tension.claims)), amount=amount)
