"""Benchmark: a realistic corpus of dated figures, and how its cost grows.

The synthetic file of bench_check.py is many small independent parts. A newsroom's corpus looks
different: 50 quantities (tolls that only grow, levels that rise and fall), each stated again and
again by many sources on many dates, a few outliers among them, and rules joining some quantities
(killed within casualties, a level within a cumulative total). Expanded over time this makes long
chains of dated quantities and, around each outlier, many overlapping conflicts.

Three series, each file generated on the fly and checked as `numcheck check FILE --format json`
in a fresh process (imports included), the median of --runs:
1. the mixed corpus (each quantity 20 to 200 claims, about 5,500 in all, a few outliers);
2. growing claims per quantity (20, 50, 100, 200 each) with the same outliers: time against
   claims, and the growth ratio (time ratio over claims ratio; 1.0 is linear);
3. growing outliers (0, 1, 2, 4 per quantity) at 100 claims per quantity: time against conflicts.

Run: python benchmarks/bench_corpus.py [--runs 3] [--jobs N] [--quick] [--old FOLDER]
(--old: another build's checkout, e.g. `git worktree add /tmp/old COMMIT`, run in turn with this one.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bench_check import process_env  # beside this script, on its path

QUANTITIES = 50
SOURCES = 40
START = dt.date(2022, 2, 24)
DAYS = 400  # the dates claims fall on: about two claims per date at 200 per quantity
# near-linear: doubling the claims should cost at most this much more than double
GROWTH_LIMIT = 1.5


@dataclass(frozen=True)
class Shape:
    """One corpus: claims per quantity (None: each draws 20 to 200) and outliers per quantity."""

    per_quantity: int | None
    outliers: int
    seed: int = 5


def _truth(rnd: random.Random, cumulative: bool, days: int) -> list[int]:
    """A true value for every day: a rising toll, or a level that wanders."""
    value = rnd.randint(1_000, 20_000)
    out = []
    for _ in range(days + 1):
        value = value + rnd.randint(0, 300) if cumulative else max(100, value + rnd.randint(-250, 250))
        out.append(value)
    return out


def _phrase(rnd: random.Random, value: int) -> str:
    """How a source states a true value: a hedge that holds it."""
    kind = rnd.randrange(5)
    if kind == 0:
        return f"about {value:,}"
    if kind == 1:
        return f"more than {int(value * rnd.uniform(0.85, 0.99)):,}"
    if kind == 2:
        return f"up to {int(value * rnd.uniform(1.01, 1.15)) + 1:,}"
    if kind == 3:
        return f"between {int(value * 0.93):,} and {int(value * 1.07) + 1:,}"
    return f"at least {int(value * rnd.uniform(0.7, 0.95)):,}"


def _outlier(rnd: random.Random, value: int, cumulative: bool) -> str:
    """A figure no other source bears out: a toll far below what was already reported, or a level
    far off on a date others report too (so every claim it clashes with is its own conflict)."""
    if cumulative:
        return f"fewer than {int(value * rnd.uniform(0.4, 0.6)):,}"
    return f"more than {int(value * rnd.uniform(1.6, 2.0)):,}"


def _joined(q: int) -> bool:
    """Whether toll q is held within toll q + 1 by a rule (four pairs, eight quantities)."""
    return 0 <= q < 20 and q % 5 == 0


def generate(shape: Shape) -> str:
    """The claims file of one corpus shape, as YAML text (deterministic for a given shape)."""
    rnd = random.Random(shape.seed)
    sources = {f"s{k}": {"name": f"Outlet {k}", "date": (START + dt.timedelta(days=k)).isoformat()}
               for k in range(SOURCES)}
    quantities: dict[str, dict[str, str]] = {}
    claims: list[dict[str, str]] = []
    truths: dict[int, list[int]] = {}
    for q in range(QUANTITIES):
        cumulative = q % 5 != 4  # four tolls in five, one level
        name = f"q{q}"
        quantities[name] = {"unit": "person", "over_time": "cumulative" if cumulative else "level"}
        count = shape.per_quantity or rnd.randint(20, 200)
        # the second of each joined pair is the larger toll (casualties, of which the first is the killed)
        truth = truths[q] = ([2 * v for v in truths[q - 1]] if _joined(q - 1) else _truth(rnd, cumulative, DAYS))
        picks = sorted(rnd.randrange(DAYS + 1) for _ in range(count))
        bad = set(rnd.sample(range(count // 2, count), min(shape.outliers, count - count // 2)))
        for i, day in enumerate(picks):
            value = truth[day]
            text = _outlier(rnd, value, cumulative) if i in bad else _phrase(rnd, value)
            claims.append({"id": f"{name}-{i}", "source": f"s{rnd.randrange(SOURCES)}", "quantity": name,
                           "value": text, "as_of": (START + dt.timedelta(days=day)).isoformat()})
    # rules joining pairs of tolls (one within the other), as a rule pack would, on a few quantities
    rules = [f"q{q} <= q{q + 1}" for q in range(QUANTITIES) if _joined(q)]
    doc = {"numcheck": 1, "title": "A realistic corpus", "sources": sources, "quantities": quantities,
           "rules": rules, "claims": claims}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True)
class Timing:
    """One shape's whole-process seconds (median) and what its report holds."""

    claims: int
    seconds: float
    conflicts: int
    verdict: str
    stages: dict[str, float]


_CHILD = """
import json, sys, time
import numcheck
from numcheck.render.dispatch import render
report = numcheck.check(sys.argv[1], jobs=int(sys.argv[2]))
started = time.perf_counter()
render(report, "json")
report.timings["json"] = time.perf_counter() - started
print(json.dumps({"verdict": report.verdict, "conflicts": len(report.conflicts),
                  "claims": len(report.model.claims), "timings": report.timings}))
"""


_BYTECODE = tempfile.mkdtemp(prefix="numcheck-bytecode-")  # numcheck's compiled modules, for every run


def measure(shape: Shape, runs: int, jobs: int, old: Path | None = None) -> tuple[Timing, Timing | None]:
    """Check the shape's file in `runs` fresh processes; the median wall time, imports included.
    With `old` (another build's checkout), that build is run in turn with this one, so that the
    machine's drift hits both alike; its timing comes second."""
    builds = [Path(__file__).resolve().parent.parent] + ([old] if old is not None else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.yaml"
        path.write_text(generate(shape), encoding="utf-8")
        seconds: list[list[float]] = [[] for _ in builds]
        last: list[dict[str, Any]] = [{} for _ in builds]
        envs = [process_env(root, Path(_BYTECODE) / str(k)) for k, root in enumerate(builds)]  # modules kept
        for k, env in enumerate(envs):
            if not (Path(_BYTECODE) / str(k)).exists():  # the first run of a build compiles its modules, not counted
                subprocess.run([sys.executable, "-c", _CHILD, str(path), str(jobs)], check=True,
                               capture_output=True, env=env, cwd=builds[k])
        for _ in range(runs):
            for k, env in enumerate(envs):
                started = time.perf_counter()
                out = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(jobs)], check=True,
                                     capture_output=True, text=True, env=env, cwd=builds[k]).stdout
                seconds[k].append(time.perf_counter() - started)
                last[k] = json.loads(out)
    timings = [Timing(found["claims"], statistics.median(times), found["conflicts"], found["verdict"],
                      {k: round(v, 2) for k, v in found["timings"].items()}) for times, found in zip(seconds, last)]
    return timings[0], timings[1] if old is not None else None


def _row(label: str, t: Timing, growth: str = "") -> str:
    stages = ", ".join(f"{k} {v:.2f}" for k, v in t.stages.items())
    return (f"{label:<28} {t.claims:>7,} claims {t.seconds:7.2f} s  {t.verdict:<12} {t.conflicts:>5} conflicts"
            f"  {growth:<22} [{stages}]")


def _growth(series: list[tuple[str, Shape]], runs: int, jobs: int, scale: str, old: Path | None) -> bool:
    """Time each shape; print seconds and the growth ratio against the previous one (and, with
    `old`, the old build's seconds of the same run)."""
    ok, before = True, None
    for label, shape in series:
        t, then = measure(shape, runs, jobs, old)
        growth = ""
        if before is not None:
            measure_of = t.claims / before.claims if scale == "claims" else None
            ratio = t.seconds / before.seconds
            if measure_of is not None:
                per = ratio / measure_of
                growth = f"x{ratio:.2f} time / x{measure_of:.2f} claims = {per:.2f}"
                ok = ok and per <= GROWTH_LIMIT
            else:
                growth = f"x{ratio:.2f} time"
        print(_row(label, t, growth), flush=True)
        if then is not None:
            same = "" if (then.verdict, then.conflicts) == (t.verdict, t.conflicts) else "  (a different report!)"
            print(f"{'  old build':<28} {then.claims:>7,} claims {then.seconds:7.2f} s  "
                  f"this build is {then.seconds / t.seconds:.2f}x the old one{same}", flush=True)
        before = t
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--quick", action="store_true", help="smaller sizes (20, 50 per quantity)")
    parser.add_argument("--old", type=Path, help="a checkout of another build, run in turn with this one")
    args = parser.parse_args()
    old = args.old.resolve() if args.old else None
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; --jobs {args.jobs}; "
          f"median of {args.runs} fresh processes, imports and JSON included")
    print("1. the mixed corpus (20 to 200 claims per quantity)")
    _growth([("mixed, 2 outliers each", Shape(None, 2))], args.runs, args.jobs, "claims", old)
    sizes = (20, 50) if args.quick else (20, 50, 100, 200)
    print(f"2. claims per quantity (near-linear: each growth ratio at most {GROWTH_LIMIT})")
    linear = _growth([(f"{k} per quantity", Shape(k, 2)) for k in sizes], args.runs, args.jobs, "claims", old)
    print("3. outliers per quantity, 100 claims each (time against conflicts)")
    outliers = (0, 1) if args.quick else (0, 1, 2, 4)
    _growth([(f"{k} outliers per quantity", Shape(50 if args.quick else 100, k)) for k in outliers],
            args.runs, args.jobs, "conflicts", old)
    print("near-linear in claims per quantity:", "met" if linear else "NOT MET")
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
