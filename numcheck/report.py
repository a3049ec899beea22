"""The result of a check: typed records a notebook can use, and the stable JSON of the contract."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from numcheck.model import Claim, Interval, Location, Model
from numcheck.render.numbers import json_number
from numcheck.render.sentences import conflict_sentences

__all__ = ["Agreement", "ClaimStatus", "Conflict", "Distance", "Range", "Repair", "Report", "Tension", "Verdict"]

Verdict = Literal["consistent", "inconsistent", "unknown"]
Status = Literal["ok", "in-conflict", "unknown"]


@dataclass(frozen=True)
class Range:
    """What the claims imply for one quantity: an exact interval in the quantity's unit."""

    quantity: str
    interval: Interval
    unit: str

    @property
    def min(self) -> Fraction | None:
        return self.interval.lo

    @property
    def max(self) -> Fraction | None:
        return self.interval.hi

    @property
    def min_open(self) -> bool:
        return self.interval.lo_open or self.interval.lo is None

    @property
    def max_open(self) -> bool:
        return self.interval.hi_open or self.interval.hi is None

    def to_dict(self) -> dict[str, Any]:
        iv = self.interval  # read once: a report has a range per quantity, 100,000 at the largest
        lo, hi = iv.lo, iv.hi
        return {"min": json_number(lo), "max": json_number(hi), "min_open": iv.lo_open or lo is None,
                "max_open": iv.hi_open or hi is None, "unit": self.unit}

    def contains(self, v: Fraction) -> bool:
        return self.interval.contains(v)


@dataclass(frozen=True)
class Distance:
    """For one claim of a conflict: what the conflict's other claims (with the rules) allow.

    `gap` is how far the claim's own interval lies from what the others allow, in the quantity's
    unit, when both are plain intervals of the same quantity; None otherwise.
    """

    claim: str
    quantity: str
    allowed: Range
    gap: Fraction | None


@dataclass(frozen=True)
class Conflict:
    """A minimal set of claims that cannot all hold, with the rules that join them."""

    claims: tuple[str, ...]
    rules: tuple[str, ...]
    distances: tuple[Distance, ...] = ()
    component: int = 0

    def to_dict(self, explanation: str) -> dict[str, Any]:
        return {
            "claims": list(self.claims),
            "rules": list(self.rules),
            "explanation": explanation,
            "distances": [
                {"claim": d.claim, "quantity": d.quantity, "others_allow": d.allowed.to_dict(),
                 "gap": json_number(d.gap)}
                for d in self.distances
            ],
        }


@dataclass(frozen=True)
class Repair:
    """A least-weight set of claims whose removal makes one independent part consistent.

    `implies` is what the claims left (with the rules) then imply for the quantities of the
    claims dropped, exactly ("without other-kursk, nk_troops_kursk <= 3,000")."""

    part: int  # the index of its part in `Report.components`
    drop: tuple[str, ...]
    weight: Fraction
    implies: dict[str, Range] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "drop": list(self.drop), "weight": json_number(self.weight),
                "implies": {name: r.to_dict() for name, r in self.implies.items()}}


@dataclass(frozen=True)
class Tension:
    """A consistent part whose claims hold together only thanks to their rounding: they need at
    least `needs` of it (λ of claims-format.md; with `strict`, more than `needs`), and `claims`
    is a minimal set of them that cannot hold with less."""

    part: int  # the index of its part in `Report.components`
    claims: tuple[str, ...]
    needs: Fraction
    strict: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "claims": list(self.claims), "needs": str(self.needs), "strict": self.strict}


@dataclass(frozen=True)
class ClaimStatus:
    id: str
    status: Status


@dataclass(frozen=True)
class Agreement:
    """Whether two claims about the same quantity can both be true (given the rules)."""

    quantity: str
    a: str
    b: str
    agree: bool | None  # None: the solver gave up


@dataclass(frozen=True)
class ComponentSummary:
    index: int
    quantities: tuple[str, ...]
    verdict: Verdict
    reason: str | None
    complete: bool
    checks: int
    # Which engine route decided the verdict, and which computed the ranges (see engine/problem.py):
    # diagnostics, kept out of the JSON, since which route succeeds can depend on --jobs and the clock.
    verdict_route: str | None = None
    ranges_route: str | None = None
    repairs_complete: bool = True  # False when the part has more repairs of its least weight than listed
    ranges_solve: str | None = None  # on the LP-certificate route: "sparse", "dense" or "dense+sparse" solves
    repairs_route: str | None = None  # which search found the repairs: "branch-and-bound", "z3" or both

    def routes(self) -> dict[str, str | None]:
        """The routes as the JSON gives them on request (`RenderOptions(routes=True)`, `--routes`)."""
        return {"verdict_route": self.verdict_route, "ranges_route": self.ranges_route,
                "ranges_solve": self.ranges_solve, "repairs_route": self.repairs_route}


@dataclass(repr=False)
class Report:
    """Everything `numcheck check` found. `to_dict()` is the JSON of claims-format.md.

    In a notebook, `repr()` is one short line and `_repr_html_` the HTML report itself, because
    the dataclass's own repr would print the whole model."""

    model: Model
    verdict: Verdict
    conflicts: list[Conflict]
    ranges: dict[str, Range]
    claims: list[ClaimStatus]
    agreements: list[Agreement]
    components: list[ComponentSummary]
    complete: bool = True
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    repairs: list[Repair] = field(default_factory=list)  # per inconsistent part, cheapest first, then in file order
    repairs_complete: bool = True  # False when a part has more repairs of its least weight than listed
    culprits: dict[str, int] = field(default_factory=dict)  # claim id -> how many listed conflicts it is in
    in_every_conflict: dict[int, tuple[str, ...]] = field(default_factory=dict)  # part -> claims in all its conflicts
    tension: list[Tension] = field(default_factory=list)  # consistent parts that need their rounding

    def __repr__(self) -> str:
        """<Report inconsistent: 3 claims, 1 conflict, 4 ranges>: the verdict and the counts."""
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        cut = ", list cut short" if not self.complete else ""
        return (f"<Report {self.verdict}: {count(len(self.model.claims), 'claim')}, "
                f"{count(len(self.conflicts), 'conflict')}, {count(len(self.ranges), 'range')}{cut}>")

    def _repr_html_(self) -> str:
        """The HTML report's body, without the page around it (no <html> or <head>), for Jupyter."""
        from numcheck.render.html import render_html_fragment  # matplotlib loads only when shown

        return render_html_fragment(self)

    @property
    def exit_code(self) -> int:
        return {"consistent": 0, "inconsistent": 1, "unknown": 3}[self.verdict]

    def to_frame(self) -> Any:
        """Every claim as one row of a pandas DataFrame, with exact bounds (see `numcheck table`)."""
        from numcheck.render.table import claims_frame

        return claims_frame(self)

    def claim(self, claim_id: str) -> Claim:
        return self.model.claim(claim_id)

    def location(self, item_id: str) -> Location:
        """Where a claim or a rule was written; KeyError for an id that is neither.

        A rule from a shipped pack is at `numcheck:casualties:14` (its line in the pack), a
        generated rule of a time-indexed quantity at its quantity's declaration, and a claim on
        a time-indexed quantity at its own line, so that every id a report names leads back to
        the line a person would edit."""
        return self.model.location(item_id)

    def where(self, item_id: str) -> str:
        """'examples/cross-source.yaml:14': `location(item_id)` as the text every format prints."""
        return str(self.model.location(item_id))

    @cached_property
    def weighted(self) -> bool:
        """Whether any claim weighs other than 1: only then do repair sentences name weights.
        Read once per report (a render asks for every part's repairs); the model does not change."""
        return any(c.weight != 1 for c in self.model.claims)

    @cached_property
    def parts_to_look_at(self) -> frozenset[int]:
        """The parts with repairs or tension, read once the check is done (render time)."""
        return frozenset({r.part for r in self.repairs} | {t.part for t in self.tension})

    def _claims_list(self) -> list[dict[str, Any]]:
        """Each claim's status, with where it was written. The statuses follow the model's claims
        one for one (as `check` makes them), so each claim's place is read straight off it
        rather than looked up by id; a list in any other order is looked up."""
        claims = self.model.claims
        if len(claims) == len(self.claims) and all(a.id == b.id for a, b in zip(claims, self.claims)):
            return [{"id": c.id, "status": c.status, "where": str(m.location)} for c, m in zip(self.claims, claims)]
        return [{"id": c.id, "status": c.status, "where": self.where(c.id)} for c in self.claims]

    def _where(self, ids: Iterable[str]) -> dict[str, str]:
        """The JSON's `where` of a record that names claims or rules: each id → 'file:line'."""
        return {item_id: self.where(item_id) for item_id in ids}

    def explanation(self, conflict: Conflict) -> str:
        """The conflict in sentences: each claim with its source and value, the rules, the gaps."""
        return " ".join(conflict_sentences(self.model, conflict))

    def to_dict(self, *, routes: bool = False) -> dict[str, Any]:
        """The JSON document: the contract's keys as they are, and (docs/results.md) a `where`
        beside every record that names claims or rules, mapping each id to 'file:line'.
        `routes=True` adds each part's engine routes to `components` (see RenderOptions.routes)."""
        agreement: dict[str, list[dict[str, Any]]] = {}
        for a in self.agreements:
            agreement.setdefault(a.quantity, []).append({"claims": [a.a, a.b], "agree": a.agree,
                                                         "where": self._where((a.a, a.b))})
        return {
            "numcheck": 1,
            "verdict": self.verdict,
            "complete": self.complete,
            "conflicts": [{**c.to_dict(self.explanation(c)), "where": self._where((*c.claims, *c.rules))}
                          for c in self.conflicts],
            "repairs": [{**r.to_dict(), "where": self._where(r.drop)} for r in self.repairs],
            "repairs_complete": self.repairs_complete,
            "culprits": dict(self.culprits),
            "in_every_conflict": [{"part": part, "claims": list(claims), "where": self._where(claims)}
                                  for part, claims in self.in_every_conflict.items()],
            "tension": [{**t.to_dict(), "where": self._where(t.claims)} for t in self.tension],
            "ranges": {name: r.to_dict() for name, r in self.ranges.items()},
            "claims": self._claims_list(),
            "agreement": agreement,
            "components": [
                {"quantities": list(c.quantities), "verdict": c.verdict, "reason": c.reason,
                 "complete": c.complete, **(c.routes() if routes else {})}
                for c in self.components
            ],
            "warnings": [{"where": str(w.location), "claim": w.claim, "message": w.message}
                         for w in self.model.warnings],
            "notes": list(self.notes),
        }
