"""The sentences of a report, one wording for every format.

Every renderer (text, Markdown, HTML, JSON's "explanation") words a claim, a range and "what the
others allow" through these functions, so that a fact-checker reads the same sentence wherever
the report is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.model import Claim, Interval, Model
from numcheck.render.numbers import canonical_claim, readable

if TYPE_CHECKING:
    from numcheck.report import Conflict, Range

__all__ = ["attribution", "bounds_text", "claim_sentence", "conflict_sentences", "range_text"]


def range_text(r: Range) -> str:
    """'nk_troops_kursk <= 3,000', 'x > 51,750', '10 <= x <= 20', or 'anything'."""
    return bounds_text(r.quantity, r.interval, r.unit)


def bounds_text(quantity: str, iv: Interval, unit: str = "") -> str:
    """The one reader's wording of an interval: 'x <= 3,000 soldier', '10 <= x < 20', 'x = 5'."""
    unit = f" {unit}" if unit else ""
    lo_open = iv.lo_open or iv.lo is None
    hi_open = iv.hi_open or iv.hi is None
    if iv.lo is not None and iv.hi is not None:
        if iv.lo == iv.hi:
            return f"{quantity} = {readable(iv.lo)}{unit}"
        return (f"{readable(iv.lo)} {'<' if lo_open else '<='} {quantity} "
                f"{'<' if hi_open else '<='} {readable(iv.hi)}{unit}")
    if iv.hi is not None:
        return f"{quantity} {'<' if hi_open else '<='} {readable(iv.hi)}{unit}"
    if iv.lo is not None and iv.lo != 0:
        return f"{quantity} {'>' if lo_open else '>='} {readable(iv.lo)}{unit}"
    if iv.lo is not None:
        return f"{quantity} {'>' if lo_open else '>='} 0 (any amount)"
    return f"{quantity}: any value"


def attribution(model: Model, claim: Claim) -> str:
    """'Ukrainian military intelligence, 2024-10-24': who said it and when, as far as known."""
    source = model.sources[claim.source].name if claim.source else None
    return ", ".join(part for part in (source, claim.as_of.isoformat() if claim.as_of else None) if part)


def claim_sentence(model: Model, claim: Claim) -> str:
    """'hur-kursk (Ukrainian military intelligence, 2024-10-24) says nk_troops_kursk is “up to 3,000”'."""
    who = attribution(model, claim)
    by = f" ({who})" if who else ""
    if claim.quantity is not None:
        said = f"{claim.quantity} is “{claim.value}”"
        exact = canonical_claim(claim, model)
        if claim.interval is not None and claim.ref is None:
            said += f", i.e. {_readable_interval(claim)}"
        else:
            said += f", i.e. {exact}"
    else:
        said = f"“{claim.relation}”"
    quote = f" — quote: “{claim.quote}”" if claim.quote else ""
    return f"{claim.id}{by} says {said}{quote}."


def _readable_interval(claim: Claim) -> str:
    iv = claim.interval
    assert iv is not None and claim.quantity is not None
    if iv.lo is not None and iv.hi is not None and iv.lo != iv.hi:
        return f"{readable(iv.lo)} to {readable(iv.hi)}"
    return bounds_text(claim.quantity, iv)


def conflict_sentences(model: Model, conflict: Conflict) -> tuple[str, ...]:
    """One sentence per claim (source, value, what it means exactly), per rule, and per gap."""
    claims = [model.claim(c) for c in conflict.claims]
    rules = [r for rule_id in conflict.rules for r in model.rules if r.id == rule_id]
    distances = conflict.distances
    parts = [claim_sentence(model, c) for c in claims]
    for r in rules:
        why = f" ({r.why})" if r.why else ""
        parts.append(f"Rule {r.id}: {r.text}{why}.")
    if len(claims) == 1 and not rules:
        parts.append("This claim alone cannot hold (quantities are never negative unless declared signed).")
    for d in distances:
        claim = next(c for c in claims if c.id == d.claim)
        if claim.quantity == d.quantity:
            gap = f" — {readable(d.gap)} apart" if d.gap else ""
            parts.append(f"The others allow {range_text(d.allowed)}; {d.claim} says “{claim.value}”{gap}.")
        else:
            parts.append(f"Without {d.claim}, the others allow {range_text(d.allowed)}.")
    return tuple(parts)
