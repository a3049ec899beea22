"""The dates of a draft: each claim's `as_of` or rate `period`, and the `over_time` a rate needs.

A draft must load as it stands. A rate needs `over_time` on its quantity, and a quantity with
`over_time` needs a date on every claim about it; so a quantity is given `over_time` only when
every claim on it has one (its own, or the article's date), and a rate whose quantity cannot have
it is drafted as before, marked for review. The kind is `cumulative` for a toll (the words of
`_TOLL`), which never falls; anything else is drafted as a `level` with a comment saying so, since
a level can do all a pace says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from numcheck.extract.rates import RATE_SUFFIX
from numcheck.extract.timing import Timing, timing_of
from numcheck.extract.vocabulary import Lang, fold

if TYPE_CHECKING:
    from numcheck.extract.mentions import Mention

__all__ = ["ClaimTime", "DraftTimes", "draft_times"]

_TOLL = re.compile(r"(?<![a-z])(?:kill|dead|death|died|casualt|wounded|injur|tue|mort(?!gage)|deces|blesse|"
                   r"victim|perte|perd|loss|lost|lose)", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimTime:
    """What one drafted claim says about time: its value (with the pace written after it when it
    is drafted as a rate), the fields to write, and the note and comment for the human."""

    value: str
    fields: tuple[str, ...]  # 'as_of: 2024-10-01', 'period: 2022-02-01..2024-10-24'
    note: str | None  # what was guessed, or why a pace was left without its period


@dataclass(frozen=True)
class OverTime:
    """The `over_time` drafted on a quantity, and why."""

    kind: str
    why: str


@dataclass(frozen=True)
class DraftTimes:
    """Each mention's `ClaimTime`, in order, and the `over_time` of each quantity that has one."""

    claims: list[ClaimTime]
    over_time: dict[str, OverTime]


def draft_times(mentions: list[Mention], article: dt.date | None, lang: Lang) -> DraftTimes:
    """The time fields of a draft's claims, by the rules of the module's docstring."""
    timings = [_timing(m, article) for m in mentions]
    rated = {m.quantity for m, t in zip(mentions, timings) if t is not None and t.period is not None}
    for m, t in zip(mentions, timings):
        dated = article is not None or (t is not None and (t.as_of is not None or t.period is not None))
        if not dated:
            rated.discard(m.quantity)
            rated.discard(m.relative_to or "")
    over_time = {q: _over_time(q, mentions) for q in sorted(rated)}
    claims = [_claim_time(m, t if t is None or t.period is None or m.quantity in rated else None, lang)
              for m, t in zip(mentions, timings)]
    return DraftTimes(claims, over_time)


def _timing(m: Mention, article: dt.date | None) -> Timing | None:
    if m.date_phrase is None or m.relative_to is not None or m.hedge == "unread":
        return None
    return timing_of(m.date_phrase, m.rate, article)


def _claim_time(m: Mention, t: Timing | None, lang: Lang) -> ClaimTime:
    if t is not None and t.period is not None and t.rate is not None:
        period = f"period: {t.period.start.isoformat()}..{t.period.end.isoformat()}"
        return ClaimTime(f"{m.value} {RATE_SUFFIX[lang][t.rate]}", (period,), t.note)
    if m.rate is not None:
        suffix = RATE_SUFFIX[lang][m.rate]
        return ClaimTime(m.value, (), f"a pace ('{suffix}') with no period that the text and the article's date "
                         f"give: drafted as the figure alone; write '{m.value} {suffix}' with period: FROM..TO")
    if t is not None and t.as_of is not None:
        return ClaimTime(m.value, (f"as_of: {t.as_of.isoformat()}",), t.note)
    return ClaimTime(m.value, (), None)


def _over_time(quantity: str, mentions: list[Mention]) -> OverTime:
    words = " ".join(fold(f"{m.quantity} {m.about or ''} {m.sentence}") for m in mentions if m.quantity == quantity)
    if _TOLL.search(words):
        return OverTime("cumulative", "drafted for a rate: a toll never falls; check")
    return OverTime("level", "drafted for a rate: cumulative if it never falls; check")
