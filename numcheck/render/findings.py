"""What a CI run should flag, and where: the findings that SARIF and GitHub annotations both print.

A check is read in CI on the claims file itself, so every finding sits on one claim's line: each
claim of each conflict is an error (the other claims and the rules of the conflict named beside
it, with their lines, and the part's cheapest repair), each load warning a warning, each part the
solver gave up on a note at its first claim. sarif.py and github.py only write these records in
their own syntax, so that the two CI formats can never disagree on what they flag.

The messages and titles are in the reader's language (a `Wording`, English by default); what
decides an alert's identity (its kind, its key, its place) never depends on it. `ci_check` keeps
what a CI format needs of one check (its findings, its verdict line, its exit status) apart from
the `Report`, so that `check --each` can word it in the worker that checked the file and carry it
back, renamed to the file names the user gave (`CheckFindings.renamed`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from numcheck.model import Location
from numcheck.render.options import RenderOptions
from numcheck.render.sentences import others_allow, repair_headline, short_claim_sentence, verdict_line
from numcheck.render.wording import ENGLISH, Wording, wording

if TYPE_CHECKING:
    from numcheck.model import Claim
    from numcheck.report import ComponentSummary, Conflict, Report

__all__ = ["CheckFindings", "Finding", "Kind", "Related", "ci_check", "findings", "is_file", "relative_path"]

Kind = Literal["conflict", "warning", "unknown"]
LEVELS: dict[Kind, Literal["error", "warning", "note"]] = {"conflict": "error", "warning": "warning", "unknown": "note"}
_MOST_NAMED = 8  # quantities named in an unknown part's message, as the report's notes do


@dataclass(frozen=True)
class Related:
    """Another claim or rule of the same conflict, and where it was written."""

    id: str
    location: Location


@dataclass(frozen=True)
class Finding:
    """One thing CI shows on one line of a claims file.

    `location` is None where the line is in nothing a CI run can show (standard input); a rule of
    a shipped pack keeps its `numcheck:NAME:LINE` location, and `is_file` tells the two apart."""

    kind: Kind
    location: Location | None
    title: str
    message: str
    claim: str | None = None
    conflict: int | None = None  # the conflict's number as the report lists it, from 1
    related: tuple[Related, ...] = ()
    key: str = ""  # what stays the same from run to run for the same finding, for CI to match alerts

    @property
    def level(self) -> Literal["error", "warning", "note"]:
        return LEVELS[self.kind]

    def renamed(self, rename: Callable[[str], str]) -> Finding:
        """The same finding with `rename` applied to every path, in its places and its words."""
        place = None if self.location is None else Location(rename(self.location.path), self.location.line)
        related = tuple(Related(r.id, Location(rename(r.location.path), r.location.line)) for r in self.related)
        return replace(self, location=place, title=rename(self.title), message=rename(self.message),
                       related=related, key=rename(self.key))


@dataclass(frozen=True)
class CheckFindings:
    """What a CI format shows of one check: its findings and its verdict, worded in `lang`."""

    findings: tuple[Finding, ...]
    verdict: str
    complete: bool
    exit_code: int
    verdict_line: str  # 'INCONSISTENT: 1 minimal conflict.', in `lang`
    lang: str

    def renamed(self, rename: Callable[[str], str]) -> CheckFindings:
        """The same findings with `rename` applied to every path: a worker that checked a file in a
        temporary folder gives them back under the names the user gave."""
        return replace(self, findings=tuple(f.renamed(rename) for f in self.findings))


def ci_check(report: Report, options: RenderOptions | None = None) -> CheckFindings:
    """The report's findings and verdict, in the options' language (else the claims file's)."""
    w = wording((options or RenderOptions()).lang_of(report))
    return CheckFindings(tuple(findings(report, w)), report.verdict, report.complete, report.exit_code,
                         verdict_line(report, w), w.lang)


def is_file(location: Location) -> bool:
    """Whether a location is a line of a file on disk: not `<stdin>`, not a shipped pack."""
    path = location.path
    return not (path.startswith("numcheck:") or (path.startswith("<") and path.endswith(">")))


def relative_path(path: str, root: str | os.PathLike[str]) -> str | None:
    """`path` as a forward-slash path below `root` (CI shows files relative to the checkout),
    or None when it lies outside. Pure path arithmetic: no symlink is followed, nothing is read."""
    base = os.path.abspath(root)
    full = os.path.normpath(os.path.join(base, path))
    try:
        inside = Path(full).relative_to(base)
    except ValueError:
        return None
    return PurePosixPath(*inside.parts).as_posix()


def findings(report: Report, w: Wording = ENGLISH) -> list[Finding]:
    """Every conflict's claims in the report's order, then the warnings, then the undecided parts."""
    out: list[Finding] = []
    headlines: dict[int, str | None] = {}  # part -> its repairs in one sentence, worded once per part
    for number, conflict in enumerate(report.conflicts, start=1):
        if conflict.component not in headlines:
            headlines[conflict.component] = _repair_headline(report, conflict.component, w)
        out.extend(_conflict_findings(report, number, conflict, headlines[conflict.component], w))
    for warning in report.model.warnings:
        located = warning.location if is_file(warning.location) else None
        title = w("ci.title.warning-on", claim=warning.claim) if warning.claim else w("ci.title.warning")
        out.append(Finding("warning", located, title, warning.message, claim=warning.claim,
                           key=f"warning:{warning.claim or ''}:{warning.message}"))
    undecided = [c for c in report.components if c.verdict == "unknown"]
    if undecided:
        claims_of = _claims_by_quantity(report)
        for component in undecided:
            indices = sorted({i for name in component.quantities for i in claims_of.get(name, ())})
            out.append(_unknown_finding(component, [report.model.claims[i] for i in indices], w))
    return out


def _claims_by_quantity(report: Report) -> dict[str, list[int]]:
    """quantity -> the indices of the claims on it, built once however many parts are undecided."""
    index: dict[str, list[int]] = {}
    for i, claim in enumerate(report.model.claims):
        for name in claim.quantities():
            index.setdefault(name, []).append(i)
    return index


def _repair_headline(report: Report, part: int, w: Wording) -> str | None:
    repairs = [r for r in report.repairs if r.part == part]
    if not repairs:
        return None
    cut = part < len(report.components) and not report.components[part].repairs_complete
    return repair_headline(report, repairs, cut=cut, w=w)


def _conflict_findings(report: Report, number: int, conflict: Conflict, repair: str | None,
                       w: Wording) -> list[Finding]:
    """One error per claim: what it says, what it clashes with and where, the gap, the repair."""
    model = report.model
    members = (*conflict.claims, *conflict.rules)
    out = []
    for claim_id in conflict.claims:
        claim = model.claim(claim_id)
        others = [f"{m} ({report.where(m)})" for m in conflict.claims if m != claim_id]
        rules = [f"{r} ({report.where(r)})" for r in conflict.rules]
        lines = [short_claim_sentence(model, claim, w=w), _clash(others, rules, w)]
        lines.extend(others_allow(model, d, w=w) for d in conflict.distances if d.claim == claim_id)
        if repair is not None:
            lines.append(repair)
        related = tuple(Related(m, report.location(m)) for m in members
                        if m != claim_id and is_file(report.location(m)))
        out.append(Finding(
            "conflict", claim.location if is_file(claim.location) else None,
            w("ci.title.conflict", n=w.number(Fraction(number)), ids=", ".join(conflict.claims)), "\n".join(lines),
            claim=claim_id, conflict=number, related=related,
            key=f"conflict:{claim_id}:{'|'.join(sorted(conflict.claims))}"))
    return out


def _clash(others: Sequence[str], rules: Sequence[str], w: Wording) -> str:
    """'It cannot hold together with b (f.yaml:9), given the rule r (f.yaml:3).'"""
    given = w("ci.given.one" if len(rules) == 1 else "ci.given.many", rules=w.and_list(list(rules))) if rules else ""
    if not others:
        return w("ci.alone", given=given)
    return w("ci.clash", others=w.and_list(list(others)), given=given)


def _unknown_finding(component: ComponentSummary, claims: Sequence[Claim], w: Wording) -> Finding:
    """A part the solver gave up on, shown at its first claim (its claims are neither confirmed nor refuted)."""
    reason = w("ci.reason", reason=component.reason) if component.reason else ""
    message = w("ci.unknown", quantities=_some(component.quantities, w), reason=reason,
                claims=_some([c.id for c in claims], w) if claims else w("ci.them"))
    first = claims[0].location if claims and is_file(claims[0].location) else None
    return Finding("unknown", first, w("ci.title.unknown"), message, claim=claims[0].id if claims else None,
                   key=f"unknown:{'|'.join(component.quantities)}")


def _some(names: Sequence[str], w: Wording) -> str:
    """'a, b and c', or the first eight and how many more, as the report's notes name them."""
    if len(names) <= _MOST_NAMED:
        return w.and_list(list(names))
    return w("ci.some", names=", ".join(names[:_MOST_NAMED]), n=w.number(Fraction(len(names) - _MOST_NAMED)))
