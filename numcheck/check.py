"""From claims files to a `Report`: load, split into independent parts, solve each, assemble.

This is the library's front door (`numcheck.check`); the CLI and notebooks call it with a
`CheckOptions`. It runs the stages in order and owns none of their work: read/ builds the model,
engine/ answers each part, and the report is assembled here from the engine's answers.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from numcheck.engine.options import DEFAULT_MAX_CONFLICTS, DEFAULT_TIMEOUT, OptionError, SolveOptions
from numcheck.engine.parts import Part, find_parts
from numcheck.engine.pool import Progress, solve_parts
from numcheck.engine.problem import AllowedKey, ComponentAnswer, RepairKey
from numcheck.errors import RulePackError, UsageError
from numcheck.model import Claim, Model
from numcheck.read.loader import load, paused_gc
from numcheck.report import (
    Agreement,
    ClaimStatus,
    ComponentSummary,
    Conflict,
    Distance,
    Range,
    Repair,
    Report,
    Tension,
)

__all__ = ["DEFAULT_MAX_CONFLICTS", "DEFAULT_TIMEOUT", "CheckOptions", "check", "check_model"]


@dataclass(frozen=True)
class CheckOptions:
    """How a whole check runs: the engine's limits and routes, and how many processes share it.

    The same options give the same report whatever `jobs` is."""

    solve: SolveOptions = field(default_factory=SolveOptions)
    jobs: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.jobs, bool) or not isinstance(self.jobs, int) or self.jobs < 1:
            raise UsageError("jobs must be a whole number of at least 1")


def _options(options: CheckOptions | None, overrides: dict[str, Any]) -> CheckOptions:
    """Options from an options object and the keyword shortcuts (max_conflicts=, timeout=, ...)."""
    options = options or CheckOptions()
    jobs = overrides.pop("jobs", None)
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        solve = replace(options.solve, **given) if given else options.solve
    except OptionError as exc:
        raise UsageError(str(exc)) from None
    except TypeError as exc:
        raise UsageError(f"unknown option: {exc}") from None
    return replace(options, solve=solve, jobs=options.jobs if jobs is None else jobs)


def check(*paths: str | os.PathLike[str], options: CheckOptions | None = None,
          progress: Progress | None = None, **shortcuts: Any) -> Report:
    """Load claims files and check them: `numcheck.check("claims.yaml").verdict`.

    `shortcuts` are the fields of `SolveOptions` (max_conflicts=, timeout=, ranges=, ...) and
    `jobs=`, for a notebook that does not want to build a `CheckOptions`."""
    chosen = _options(options, shortcuts)
    started = time.perf_counter()
    model = load(*paths, jobs=chosen.jobs)
    loaded = time.perf_counter()
    report = check_model(model, options=chosen, progress=progress)
    report.timings["load"] = loaded - started
    return report


def check_model(model: Model, *, options: CheckOptions | None = None, progress: Progress | None = None,
                **shortcuts: Any) -> Report:
    """Check a loaded model; `progress(done, total)` is called as independent parts finish."""
    chosen = _options(options, shortcuts)
    started = time.perf_counter()
    with paused_gc():  # many short-lived objects (z3 wrappers, report records); see paused_gc
        parts = find_parts(model)
        built = time.perf_counter()
        answers = solve_parts(model, parts, chosen.solve, chosen.jobs, progress)  # problems built in the workers
        solved = time.perf_counter()
        report = _assemble(model, parts, answers, chosen.solve.max_conflicts)
        _add_repairs(report, parts, answers, chosen.solve.max_repairs)
    report.timings.update(build=built - started, solve=solved - built, assemble=time.perf_counter() - solved)
    return report


def _assemble(model: Model, parts: list[Part],
              answers: list[ComponentAnswer], max_conflicts: int) -> Report:
    """The report from the engine's answers, part by part, in the model's order."""
    _refuse_broken_rules(model, parts, answers)
    conflicts: list[Conflict] = []
    status: dict[str, str] = {c.id: "ok" for c in model.claims}
    ranges: dict[str, Range] = {}
    agreements: list[Agreement] = []
    summaries: list[ComponentSummary] = []
    notes: list[str] = []
    units = {name: q.unit for name, q in model.quantities.items()}
    for part, answer in zip(parts, answers):
        names = part.quantities
        claims = [model.claims[i] for i in part.claims]
        if answer.verdict == "unknown":
            status.update(dict.fromkeys((c.id for c in claims), "unknown"))
            notes.append(f"no verdict for {_listed(names) or 'constant claims'}: {answer.reason}")
        if not answer.complete:
            notes.append(f"the conflicts among {_listed(names)} were cut short "
                         f"({answer.reason or f'more than {max_conflicts}; raise --max-conflicts'})")
        for conflict in _conflicts(model, part, answer):
            status.update(dict.fromkeys(conflict.claims, "in-conflict"))
            conflicts.append(conflict)
        if answer.ranges is not None:
            bounds = answer.ranges
            for name in names:
                ranges[name] = Range(name, bounds[name], units[name])
        elif answer.ranges_reason and names:
            notes.append(f"no ranges for {_listed(names)}: {answer.ranges_reason}")
        for (a, b), agree in answer.agreements.items():
            agreements.append(Agreement(claims[a].quantity or "", claims[a].id, claims[b].id, agree))
        summaries.append(ComponentSummary(
            index=answer.index, quantities=tuple(names), verdict=answer.verdict, reason=answer.reason,
            complete=answer.complete, checks=answer.checks, verdict_route=answer.verdict_route,
            ranges_route=answer.ranges_route, repairs_complete=answer.repairs_complete,
            ranges_solve=answer.ranges_solve, repairs_route=answer.repairs_route))
    verdicts = {a.verdict for a in answers}
    verdict = "inconsistent" if "inconsistent" in verdicts else "unknown" if "unknown" in verdicts else "consistent"
    ordered = {name: ranges[name] for name in model.quantities if name in ranges}
    complete = all(a.complete for a in answers)
    return Report(model, verdict, conflicts, ordered,  # type: ignore[arg-type]
                  [ClaimStatus(c.id, status[c.id]) for c in model.claims],  # type: ignore[arg-type]
                  agreements, summaries, complete, notes)


def _add_repairs(report: Report, parts: list[Part], answers: list[ComponentAnswer], max_repairs: int) -> None:
    """What to look at first: each inconsistent part's repairs (with what the rest then
    implies), how many conflicts each claim is in, and each consistent part's tension."""
    model = report.model
    counts: dict[str, int] = {}
    for conflict in report.conflicts:
        for claim_id in conflict.claims:
            counts[claim_id] = counts.get(claim_id, 0) + 1
    report.culprits = {c.id: counts[c.id] for c in model.claims if c.id in counts}
    by_part: dict[int, list[set[str]]] = {}
    for conflict in report.conflicts:
        by_part.setdefault(conflict.component, []).append(set(conflict.claims))
    for part, answer in zip(parts, answers):
        ids = [model.claims[i].id for i in part.claims]
        names = _listed(part.quantities) or "constant claims"
        for k, found in enumerate(answer.repairs):
            wanted = _implied_names(model, [model.claims[part.claims[i]] for i in found.claims],
                                    [model.claims[i] for i in part.claims])
            implies = {name: Range(name, bound, model.quantities[name].unit)
                       for name, bound in (answer.repair_ranges.get(RepairKey(k)) or {}).items() if name in wanted}
            report.repairs.append(Repair(answer.index, tuple(ids[i] for i in found.claims), found.weight, implies))
        if not answer.repairs_complete:
            report.repairs_complete = False
            report.notes.append(f"the repairs among {names} were cut short ("
                                + (answer.repairs_reason or f"more than {max_repairs}; raise --max-repairs") + ")")
        elif answer.repairs_reason:
            report.notes.append(f"what the claims left imply after a repair among {names} is missing: "
                                f"{answer.repairs_reason}")
        mine = by_part.get(answer.index, [])
        if len(mine) > 1 and (common := set.intersection(*mine)):
            report.in_every_conflict[answer.index] = tuple(i for i in ids if i in common)
        if answer.tension is not None:
            found_tension = answer.tension
            report.tension.append(Tension(answer.index, tuple(ids[i] for i in found_tension.claims),
                                          found_tension.needs, found_tension.strict))
        elif answer.tension_reason:
            report.notes.append(f"no tension computed for {names}: {answer.tension_reason}")


def _implied_names(model: Model, dropped: list[Claim], claims: list[Claim]) -> set[str]:
    """The quantities worth saying what the rest implies for, once `dropped` are dropped: each
    value claim's own quantity, and a relation's quantities that no value claim left in the part
    states (the others are as those claims say); all of a relation's if that leaves none."""
    gone = {c.id for c in dropped}
    stated = {c.quantity for c in claims if c.quantity is not None and c.id not in gone}
    wanted: set[str] = set()
    for claim in dropped:
        if claim.quantity is not None:
            wanted.add(claim.quantity)
        else:
            names = [n for n in claim.quantities() if n in model.quantities]
            wanted.update([n for n in names if n not in stated] or names)
    return wanted


def _refuse_broken_rules(model: Model, parts: list[Part], answers: list[ComponentAnswer]) -> None:
    """Rules that contradict each other before any claim make every verdict meaningless: an error, not a report."""
    broken = [(part, a) for part, a in zip(parts, answers) if a.broken_rules is not None]
    if not broken:
        return
    part, answer = broken[0]
    rules = [model.rules[part.rules[i]] for i in answer.broken_rules or ()]
    listed = "; ".join(f"{r.id} ({r.location}): {r.text}" for r in rules)
    first = rules[0] if rules else None
    raise RulePackError(
        f"the rules contradict each other before any claim: {listed}",
        path=first.location.path if first else None, line=first.location.line if first else None,
        hint="fix or remove one of these rules (run 'numcheck lint' for more)")


def _conflicts(model: Model, part: Part, answer: ComponentAnswer) -> list[Conflict]:
    """The part's conflicts by claim and rule id, each claim with what the others allow."""
    if not answer.conflicts:  # most parts: no list of their claims to build
        return []
    claims = [model.claims[i] for i in part.claims]
    out = []
    for k, found in enumerate(answer.conflicts):
        rules = [model.rules[part.rules[j]] for j in found.rules]
        distances = []
        for i in found.claims:
            for name, bound in answer.allowed.get(AllowedKey(k, i), {}).items():
                allowed = Range(name, bound, model.quantities[name].unit)
                distances.append(Distance(claims[i].id, name, allowed, _gap(claims[i], name, allowed)))
        out.append(Conflict(tuple(claims[i].id for i in found.claims), tuple(r.id for r in rules),
                            tuple(distances), answer.index))
    return out


def _gap(claim: Claim, name: str, allowed: Range) -> Fraction | None:
    """Distance between the claim's interval and what the others allow (0 if they touch)."""
    iv = claim.interval
    if iv is None or claim.ref is not None or claim.quantity != name:
        return None
    if iv.lo is not None and allowed.max is not None and iv.lo >= allowed.max:
        return iv.lo - allowed.max
    if iv.hi is not None and allowed.min is not None and iv.hi <= allowed.min:
        return allowed.min - iv.hi
    return Fraction(0)


def _listed(names: tuple[str, ...] | list[str], most: int = 8) -> str:
    """Quantity names for a note: all of a small part's, the first few of a large one's."""
    if len(names) <= most:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most:,} more"
