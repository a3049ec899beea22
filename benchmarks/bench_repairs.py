"""Benchmark: what repairs and tension cost, against their targets.

1. The 10,000-claim file of bench_check.py, checked in full with repairs and tension, and with
   both switched off (patched out of the engine's plan): they may add at most 30%. The same
   again with half of its ranges written as bare rounded numbers (precision as written), so that
   the tension search has numbers to shrink.
2. One part with 200 overlapping conflicts (lower bounds against upper bounds on one quantity),
   with the conflict list cut short (the default --max-conflicts, 20) and whole: its repairs in
   under 5 s.

The check times are the fastest of --runs alternating runs, the others medians. Run:
python benchmarks/bench_repairs.py [--runs 5] [--jobs N] [--size 10000]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

import numcheck
from numcheck.engine import plan as engine_plan

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import generate

plan: Any = engine_plan  # the engine's plan, whose searches this script switches off or times

OVERHEAD_TARGET = 0.30
PART_TARGET = 5.0


@contextmanager
def without_repairs_and_tension() -> Iterator[None]:
    """The engine as it was before: no repair search, no boxes after repairs, no tension search."""
    saved = plan.find_repairs, plan._repair_tasks, plan.find_tensions
    plan.find_repairs = lambda comp, answer: None
    plan._repair_tasks = lambda comp, answer: []
    plan.find_tensions = lambda problems, answers: None
    try:
        yield
    finally:
        plan.find_repairs, plan._repair_tasks, plan.find_tensions = saved


def median_time(run: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def with_bare_numbers(text: str) -> str:
    """Half of the `between` ranges as bare numbers rounded to the hundred, read as written."""
    doc = yaml.safe_load(text)
    doc["defaults"] = {"precision": "as-written"}
    for k, claim in enumerate(doc["claims"]):
        value = claim.get("value", "")
        if value.startswith("between ") and k % 2 == 0:
            low, high = (int(x) for x in value[len("between "):].split(" and "))
            claim["value"] = f"{round((low + high) / 2, -2):,.0f}"
    return yaml.safe_dump(doc, sort_keys=False)


def overhead(name: str, text: str, runs: int, jobs: int) -> None:
    """The full check with and without repairs and tension, runs alternating and the fastest of
    each kept (this machine's speed drifts within minutes, and other work on it only slows a
    run down), and the time spent inside the two searches themselves."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(text, encoding="utf-8")
        model = numcheck.load(path, jobs=jobs)
    numcheck.check_model(model, jobs=jobs)  # first use of z3, HiGHS and FLINT: not timed
    with_times, without_times, inside = [], [], []
    for _ in range(runs):
        with without_repairs_and_tension():
            took, plain = median_time(lambda: numcheck.check_model(model, jobs=jobs), 1)
        without_times.append(took)
        with searches_timed() as spent:
            took, report = median_time(lambda: numcheck.check_model(model, jobs=jobs), 1)
        with_times.append(took)
        inside.append(sum(spent))
    assert report.verdict == plain.verdict
    assert [c.claims for c in report.conflicts] == [c.claims for c in plain.conflicts]
    full, bare = min(with_times), min(without_times)  # the least disturbed run of each
    added = full / bare - 1
    verdict = "met" if added <= OVERHEAD_TARGET else "MISSED"
    print(f"{name}: {len(model.claims):,} claims, check {full:.2f} s with repairs and tension, {bare:.2f} s "
          f"without: {added:+.0%} (target at most +{OVERHEAD_TARGET:.0%}: {verdict}); the two searches themselves "
          f"{statistics.median(inside):.3f} s  [{len(report.repairs)} repairs, {len(report.tension)} tensions, "
          f"{len(report.conflicts)} conflicts]")


@contextmanager
def searches_timed() -> Iterator[list[float]]:
    """The time spent in the repair and tension searches (in this process: with --jobs 1)."""
    spent: list[float] = []
    saved = plan.find_repairs, plan.find_tensions

    def timed(search: Callable[..., None]) -> Callable[..., None]:
        def run(*args: Any) -> None:
            started = time.perf_counter()
            search(*args)
            spent.append(time.perf_counter() - started)
        return run

    plan.find_repairs, plan.find_tensions = timed(saved[0]), timed(saved[1])
    try:
        yield spent
    finally:
        plan.find_repairs, plan.find_tensions = saved


def overlapping(n_conflicts: int = 200) -> str:
    """20 lower bounds against 21 upper bounds on one quantity; a low clashes with every high
    below it: 200 conflicts of two, overlapping, whose repairs keep one threshold each."""
    lows = [1000 + 10 * i for i in range(20)]
    highs = [1005 + 10 * j for j in range(20)] + [1093]
    assert sum(1 for lo in lows for hi in highs if lo > hi) == n_conflicts
    claims = [f"  - {{id: low{i}, quantity: x, value: 'at least {v}'}}" for i, v in enumerate(lows)]
    claims += [f"  - {{id: high{j}, quantity: x, value: 'at most {v}'}}" for j, v in enumerate(highs)]
    return "numcheck: 1\nquantities:\n  x: {unit: person}\nclaims:\n" + "\n".join(claims) + "\n"


def many_conflicts(runs: int) -> None:
    spent: list[float] = []
    search = plan.find_repairs

    def timed(comp: Any, answer: Any) -> None:
        started = time.perf_counter()
        search(comp, answer)
        spent.append(time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "overlapping.yaml"
        path.write_text(overlapping(), encoding="utf-8")
        model = numcheck.load(path)
    plan.find_repairs = timed
    try:
        for most in (20, 200):
            spent.clear()
            total, report = median_time(functools.partial(numcheck.check_model, model, max_conflicts=most), runs)
            search_time = statistics.median(spent)
            print(f"a part with 200 overlapping conflicts, --max-conflicts {most} ({len(report.conflicts)} "
                  f"listed): repairs {search_time:.2f} s, whole check {total:.2f} s (target under {PART_TARGET:g} s: "
                  f"{'met' if total < PART_TARGET else 'MISSED'})  [{len(report.repairs)} repairs of weight "
                  f"{report.repairs[0].weight} listed, complete: {report.repairs_complete}]")
    finally:
        plan.find_repairs = search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    text = generate(args.size)
    overhead("bench_check's file", text, args.runs, args.jobs)
    overhead("the same with bare numbers", with_bare_numbers(text), args.runs, args.jobs)
    sys.stdout.flush()
    many_conflicts(args.runs)


if __name__ == "__main__":
    main()
