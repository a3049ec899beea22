"""What to look at first: the part of a report that opens it, before the conflict details.

For each inconsistent part, its cheapest repairs (the claims to doubt, with their sources and
quotes, and what the other claims then imply); the claims in every conflict of a part; then each
consistent part that holds only thanks to rounding. The sentences come from sentences.py; this
module only puts them in order, as `Item`s that text, Markdown and HTML each lay out their own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from numcheck.render.sentences import culprit_sentence, repair_headline, repair_implies, tension_sentence
from numcheck.render.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from numcheck.model import Claim
    from numcheck.report import Repair, Report

__all__ = ["Block", "Item", "first_items"]


@dataclass(frozen=True)
class Block:
    """Some claims, each shown with its source and quote, and a sentence after them."""

    claims: tuple[Claim, ...]
    after: str | None = None


@dataclass(frozen=True)
class Item:
    """One thing to look at: a headline sentence, and the claims it is about."""

    headline: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def first_items(report: Report, w: Wording = ENGLISH) -> list[Item]:
    """Repairs part by part (with the claims in every conflict), then the tensions, worded by `w`."""
    model = report.model
    by_part: dict[int, list[Repair]] = {}
    for repair in report.repairs:
        by_part.setdefault(repair.part, []).append(repair)
    cut = {c.index for c in report.components if not c.repairs_complete}
    items = []
    for part, repairs in by_part.items():
        shown: set[str] = set()
        blocks = []
        for repair in repairs:
            claims = tuple(model.claim(c) for c in repair.drop if c not in shown)
            shown.update(repair.drop)
            blocks.append(Block(claims, repair_implies(report, repair, w=w)))
        items.append(Item(repair_headline(report, repairs, cut=part in cut, w=w), tuple(blocks)))
        culprit = culprit_sentence(report, part, w)
        if culprit is not None:
            items.append(Item(culprit))
    for tension in report.tension:
        claims = tuple(model.claim(c) for c in tension.claims)
        items.append(Item(tension_sentence(report, tension, w), (Block(claims),)))
    return items
