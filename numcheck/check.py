"""From a loaded model to a `Report`: split into independent components, solve each, assemble.

Quantities that share a claim or a rule form one component; no constraint crosses components,
so each is solved on its own (in parallel processes with `jobs > 1`) and the cost grows with the
largest component, not with the file.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
from itertools import combinations, islice
from typing import Any

from numcheck.read.helper import can_fork
from numcheck.errors import RulePackError, UsageError
from numcheck.render.numbers import canonical_claim, readable
from numcheck.read.loader import load, paused_gc
from numcheck.model import Claim, Model
from numcheck.report import (
    Agreement,
    ClaimStatus,
    ComponentSummary,
    Conflict,
    Distance,
    Range,
    Report,
)
from numcheck.engine.solve import Bound, ComponentAnswer, ComponentProblem, solve_batch, unconstrained

__all__ = ["attribution", "check", "check_model", "claim_sentence", "components", "range_text"]

Progress = Callable[[int, int], None]

DEFAULT_MAX_CONFLICTS = 20
DEFAULT_TIMEOUT = 30.0
MAX_PAIRS_PER_QUANTITY = 200


def check(*paths: str | os.PathLike[str], max_conflicts: int = DEFAULT_MAX_CONFLICTS,
          timeout: float = DEFAULT_TIMEOUT, jobs: int = 1, ranges: bool = True,
          progress: Progress | None = None) -> Report:
    """Load claims files and check them: `numcheck.check("claims.yaml").verdict`."""
    started = time.perf_counter()
    model = load(*paths, jobs=jobs)
    loaded = time.perf_counter()
    report = check_model(model, max_conflicts=max_conflicts, timeout=timeout, jobs=jobs, ranges=ranges,
                         progress=progress)
    report.timings["load"] = loaded - started
    return report


def components(model: Model) -> list[tuple[list[str], list[int], list[int]]]:
    """Union-find over quantities: each part's (quantities, rule indexes, claim indexes)."""
    parent: dict[str, str] = {name: name for name in model.quantities}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(names: tuple[str, ...]) -> None:
        roots = [find(n) for n in names]
        for r in roots[1:]:
            parent[r] = roots[0]

    rule_names = [rule.quantities() for rule in model.rules]
    claim_names = [claim.quantities() for claim in model.claims]
    for names in (*rule_names, *claim_names):
        join(names)
    groups: dict[str, tuple[list[str], list[int], list[int]]] = {}
    for name in model.quantities:
        groups.setdefault(find(name), ([], [], []))[0].append(name)
    orphans: list[int] = []
    for i, names in enumerate(rule_names):
        (groups[find(names[0])][1] if names else orphans).append(i)
    loose: list[int] = []
    for i, names in enumerate(claim_names):
        (groups[find(names[0])][2] if names else loose).append(i)
    parts = list(groups.values())
    if orphans or loose:  # constant-only rules or claims ("1 <= 2") still need a verdict
        parts.append(([], orphans, loose))
    return parts


def check_model(model: Model, *, max_conflicts: int = DEFAULT_MAX_CONFLICTS, timeout: float = DEFAULT_TIMEOUT,
                jobs: int = 1, ranges: bool = True, progress: Progress | None = None) -> Report:
    """Check a loaded model; `progress(done, total)` is called as independent parts finish."""
    if max_conflicts < 1:
        raise UsageError("--max-conflicts must be at least 1")
    if timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    started = time.perf_counter()
    with paused_gc():  # many short-lived objects (z3 wrappers, report records); see paused_gc
        parts = components(model)
        problems = [_problem(model, k, part, max_conflicts, timeout, ranges) for k, part in enumerate(parts)]
        built = time.perf_counter()
        answers = _solve_all(problems, jobs, progress)
        solved = time.perf_counter()
        report = _assemble(model, parts, answers, max_conflicts)
    report.timings.update(build=built - started, solve=solved - built, assemble=time.perf_counter() - solved)
    return report


def _problem(model: Model, k: int, part: tuple[list[str], list[int], list[int]], max_conflicts: int,
             timeout: float, ranges: bool) -> ComponentProblem:
    names, rule_ix, claim_ix = part
    claims = [model.claims[i] for i in claim_ix]
    by_quantity: dict[str, list[int]] = defaultdict(list)
    for local, claim in enumerate(claims):
        if claim.quantity is not None:
            by_quantity[claim.quantity].append(local)
    pairs: list[tuple[int, int]] = []
    for members in by_quantity.values():
        pairs.extend(islice(combinations(members, 2), MAX_PAIRS_PER_QUANTITY))
    return ComponentProblem(
        index=k,
        quantities=tuple((n, model.quantities[n].integer, model.quantities[n].signed) for n in names),
        rules=tuple((model.rules[i].id, model.rules[i].atoms) for i in rule_ix),
        claims=tuple((c.id, c.atoms) for c in claims),
        claim_quantities=tuple((c.quantity,) if c.quantity else c.quantities() for c in claims),
        pairs=tuple(pairs),
        max_conflicts=max_conflicts,
        timeout=timeout,
        ranges=ranges,
    )


def _solve_all(problems: list[ComponentProblem], jobs: int, progress: Progress | None) -> list[ComponentAnswer]:
    """Solve the parts in batches (see `solve_batch`), in `jobs` processes when asked. Parts no
    claim or rule speaks of are answered here: sending them to a worker and back cost more."""
    answers = [unconstrained(p) for p in problems if not p.claims and not p.rules]
    batches = _batches([p for p in problems if p.claims or p.rules], jobs)
    if answers and progress:
        progress(len(answers), len(problems))
    if jobs <= 1 or len(batches) < 2:
        for batch in batches:
            answers.extend(solve_batch(batch))
            if progress:
                progress(len(answers), len(problems))
        return sorted(answers, key=lambda a: a.index)
    global _SHARED
    fork = can_fork()
    # Forked workers inherit the batches: only an index crosses the pipe, not the problems
    # (unpickling exact Fractions costs more than solving many small parts). The lock keeps two
    # threads checking at once from handing each other's batches to their workers.
    with _SHARED_LOCK:
        if fork:
            _SHARED = batches
            work: list[Any] = list(range(len(batches)))
            context = multiprocessing.get_context("fork")
        else:  # pragma: no cover - platforms without fork send the problems themselves
            work = batches
            context = multiprocessing.get_context()
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                for done in pool.map(_solve_shared, work):
                    answers.extend(done)
                    if progress:
                        progress(len(answers), len(problems))
        finally:
            _SHARED = None
    return sorted(answers, key=lambda a: a.index)


_SHARED: list[list[ComponentProblem]] | None = None
_SHARED_LOCK = threading.Lock()


def _solve_shared(work: int | list[ComponentProblem]) -> list[ComponentAnswer]:
    batch = _SHARED[work] if isinstance(work, int) and _SHARED is not None else work
    assert isinstance(batch, list)
    return solve_batch(batch)


BATCH_WEIGHT = 3000  # claims and rules per batch: large enough to amortise, small enough to spread
BATCHES_PER_JOB = 3  # with several processes: enough batches that the processes finish together


def _batches(problems: list[ComponentProblem], jobs: int) -> list[list[ComponentProblem]]:
    """Cut the parts into batches of about BATCH_WEIGHT claims and rules.

    With several processes there are BATCHES_PER_JOB batches per process (more if they would
    exceed BATCH_WEIGHT), and the parts are dealt out to them like cards, biggest first: each
    batch then starts with one of the big parts (a slow one never starts last) and gets its
    share of every size, so the processes finish together. Cut in file order instead, the parts
    a contradiction makes costly (their conflicts are listed) crowded into one batch and kept
    one process busy long after the other was done. More, smaller batches balance no better and
    cost more: each batch pays for its own LPs and solvers (16 per process cost a third more)."""
    size = [len(p.claims) + len(p.rules) + 1 for p in problems]
    total = sum(size)
    if jobs <= 1:
        batches: list[list[ComponentProblem]] = [[]]
        load = 0
        for p, weight in zip(problems, size):
            if load >= BATCH_WEIGHT:
                batches.append([])
                load = 0
            batches[-1].append(p)
            load += weight
        return [b for b in batches if b]
    count = min(len(problems), jobs * max(BATCHES_PER_JOB, -(-total // (BATCH_WEIGHT * jobs))))
    order = sorted(range(len(problems)), key=lambda i: -size[i])
    dealt: list[list[ComponentProblem]] = [[] for _ in range(count)]
    for rank, i in enumerate(order):
        dealt[rank % count].append(problems[i])
    return [b for b in dealt if b]


def _range(name: str, bound: Bound, unit: str) -> Range:
    return Range(name, bound.lo, bound.hi, bound.lo_open or bound.lo is None, bound.hi_open or bound.hi is None, unit)


def _assemble(model: Model, parts: list[tuple[list[str], list[int], list[int]]],
              answers: list[ComponentAnswer], max_conflicts: int) -> Report:
    rule_of = model.rules
    broken = [(part, a) for part, a in zip(parts, answers) if a.broken_rules is not None]
    if broken:
        part, answer = broken[0]
        rules = [rule_of[part[1][i]] for i in answer.broken_rules or ()]
        listed = "; ".join(f"{r.id} ({r.location}): {r.text}" for r in rules)
        first = rules[0] if rules else None
        raise RulePackError(
            f"the rules contradict each other before any claim: {listed}",
            path=first.location.path if first else None, line=first.location.line if first else None,
            hint="fix or remove one of these rules (run 'numcheck lint' for more)")
    conflicts: list[Conflict] = []
    status: dict[str, str] = {c.id: "ok" for c in model.claims}
    ranges: dict[str, Range] = {}
    agreements: list[Agreement] = []
    summaries: list[ComponentSummary] = []
    notes: list[str] = []
    complete = True
    for part, answer in zip(parts, answers):
        names, rule_ix, claim_ix = part
        claims = [model.claims[i] for i in claim_ix]
        if answer.verdict == "unknown":
            for c in claims:
                status[c.id] = "unknown"
            notes.append(f"no verdict for {', '.join(names) or 'constant claims'}: {answer.reason}")
        if not answer.complete:
            complete = False
            notes.append(f"the conflicts among {', '.join(names)} were cut short "
                         f"({answer.reason or f'more than {max_conflicts}; raise --max-conflicts'})")
        for k, (local_claims, local_rules) in enumerate(answer.conflicts):
            members = [claims[i] for i in local_claims]
            rules = [rule_of[rule_ix[j]] for j in local_rules]
            distances = []
            for i in local_claims:
                for name, bound in answer.allowed.get((k, i), {}).items():
                    claim = claims[i]
                    allowed = _range(name, bound, model.quantities[name].unit)
                    distances.append(Distance(claim.id, name, allowed, _gap(claim, name, allowed)))
            for c in members:
                status[c.id] = "in-conflict"
            conflicts.append(Conflict(tuple(c.id for c in members), tuple(r.id for r in rules),
                                      _explain(model, members, rules, distances), tuple(distances), answer.index))
        if answer.ranges is not None:
            for name in names:
                ranges[name] = _range(name, answer.ranges[name], model.quantities[name].unit)
        elif answer.ranges_reason and names:
            notes.append(f"no ranges for {', '.join(names)}: {answer.ranges_reason}")
        for (a, b), agree in answer.agreements.items():
            agreements.append(Agreement(claims[a].quantity or "", claims[a].id, claims[b].id, agree))
        summaries.append(ComponentSummary(answer.index, tuple(names), answer.verdict, answer.reason,
                                          answer.complete, answer.checks))
    verdicts = {a.verdict for a in answers}
    verdict = "inconsistent" if "inconsistent" in verdicts else "unknown" if "unknown" in verdicts else "consistent"
    ordered = {name: ranges[name] for name in model.quantities if name in ranges}
    return Report(model, verdict, conflicts, ordered,  # type: ignore[arg-type]
                  [ClaimStatus(c.id, status[c.id]) for c in model.claims],  # type: ignore[arg-type]
                  agreements, summaries, complete, notes)


def _gap(claim: Claim, name: str, allowed: Range) -> Fraction | None:
    """Distance between the claim's interval and what the others allow (0 if they touch)."""
    iv = claim.interval
    if iv is None or iv.ref is not None or claim.quantity != name:
        return None
    if iv.lo is not None and allowed.max is not None and iv.lo >= allowed.max:
        return iv.lo - allowed.max
    if iv.hi is not None and allowed.min is not None and iv.hi <= allowed.min:
        return allowed.min - iv.hi
    return Fraction(0)


def range_text(r: Range) -> str:
    """'nk_troops_kursk <= 3,000', 'x > 51,750', '10 <= x <= 20', or 'anything'."""
    unit = f" {r.unit}" if r.unit else ""
    if r.min is not None and r.max is not None:
        if r.min == r.max:
            return f"{r.quantity} = {readable(r.min)}{unit}"
        return (f"{readable(r.min)} {'<' if r.min_open else '<='} {r.quantity} "
                f"{'<' if r.max_open else '<='} {readable(r.max)}{unit}")
    if r.max is not None:
        return f"{r.quantity} {'<' if r.max_open else '<='} {readable(r.max)}{unit}"
    if r.min is not None and r.min != 0:
        return f"{r.quantity} {'>' if r.min_open else '>='} {readable(r.min)}{unit}"
    if r.min is not None:
        return f"{r.quantity} {'>' if r.min_open else '>='} 0 (any amount)"
    return f"{r.quantity}: any value"


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
        if claim.interval is not None and claim.interval.ref is None:
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
    r = Range(claim.quantity, iv.lo, iv.hi, iv.lo_open, iv.hi_open, "")
    if iv.lo is not None and iv.hi is not None and iv.lo != iv.hi:
        return f"{readable(iv.lo)} to {readable(iv.hi)}"
    return range_text(r)


def _explain(model: Model, claims: list[Claim], rules: list[Any], distances: list[Distance]) -> tuple[str, ...]:
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

