"""Benchmark: one cumulative quantity with 1,000 dated claims (one long chain), against 2 s.

A true non-decreasing toll is drawn (whole numbers, one date every few days); each date gets one
claim (`at least`, `at most`, `between`, or the exact number), so that the expansion makes 1,000
quantities joined by 999 "never falls" rules: one part, one chain. The consistent file is timed
(the target is for it), the same drawn with `more than` and `fewer than` as well, then the first
file with the value after the middle one pushed below it (a conflict through one never-falls rule).

`--ab` compares the exact certificates' sparse solve (engine/basis_solve.py) with the dense one
(`SolveOptions(sparse_certificates=False)`): each run is a fresh process that first checks a small
file (imports, pint and the solvers loaded), then times one check of the series; the two
alternate, and the medians are printed with the load average before and after.
Run: python benchmarks/bench_series.py [--sizes 100,1000] [--repeat 3] [--ab]
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

import numcheck
from numcheck.check import CheckOptions
from numcheck.engine.options import SolveOptions

TARGET_SECONDS = 2.0


def generate(n: int, *, seed: int = 11, conflict: bool = False, strict: bool = False) -> str:
    """A claims file of n dated claims on one cumulative quantity, true unless `conflict`;
    `strict` draws `more than` and `fewer than` too (strict claims, tight by chance at many
    vertices, leave ends for z3 to settle)."""
    rnd = random.Random(seed)
    day = dt.date(2022, 2, 24)
    value = 0
    claims = []
    for i in range(n):
        day += dt.timedelta(days=rnd.randint(1, 5))
        value += rnd.randint(0, 400)
        kind = rnd.choice(["at least", "at most", "between", "exact", *(["more than", "fewer than"] if strict else [])])
        if kind == "at least":
            text = f"at least {max(0, value - rnd.randint(0, 500))}"
        elif kind == "at most":
            text = f"at most {value + rnd.randint(0, 500)}"
        elif kind == "between":
            text = f"between {max(0, value - rnd.randint(0, 500))} and {value + rnd.randint(0, 500)}"
        elif kind == "more than":
            text = f"more than {max(0, value - rnd.randint(1, 500))}"
        elif kind == "fewer than":
            text = f"fewer than {value + rnd.randint(1, 500)}"
        else:
            text = str(value)
        claims.append({"id": f"c{i}", "quantity": "ru_killed", "value": text, "as_of": day.isoformat()})
    if conflict:  # the next value pushed below an exact one: the toll would fall
        i = n // 2
        exact = max(1, int(claims[i]["value"].split()[-1]))
        claims[i]["value"] = str(exact)
        claims[i + 1]["value"] = f"at most {exact - 1}"
    doc = {"numcheck": 1, "defaults": {"precision": "exact"},
           "quantities": {"ru_killed": {"unit": "soldier", "over_time": "cumulative"}}, "claims": claims}
    return yaml.safe_dump(doc, sort_keys=False)


def _options(sparse: bool) -> CheckOptions:
    return CheckOptions(solve=SolveOptions(sparse_certificates=sparse))


def run(n: int, repeat: int, conflict: bool, strict: bool = False) -> tuple[float, numcheck.Report]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "series.yaml"
        path.write_text(generate(n, conflict=conflict, strict=strict), encoding="utf-8")
        best = float("inf")
        report = None
        for _ in range(repeat):
            started = time.perf_counter()
            report = numcheck.check(path)
            best = min(best, time.perf_counter() - started)
        assert report is not None
        return best, report


def child(path: str, sparse: bool) -> None:
    """One timed check in this fresh process, after a small one that loads everything; JSON out."""
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.yaml"
        warm.write_text(generate(5), encoding="utf-8")
        numcheck.check(warm, options=_options(sparse))
    started, cpu = time.perf_counter(), time.process_time()
    report = numcheck.check(Path(path), options=_options(sparse))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "solve": report.timings.get("solve", 0.0),
                      "verdict": report.verdict,
                      "ranges": len(report.ranges), "conflicts": len(report.conflicts),
                      "solves": sorted({c.ranges_solve or "-" for c in report.components}),
                      "json": report.to_dict()}))


@dataclass(frozen=True)
class Run:
    """One fresh process's timed check of a series."""

    seconds: float
    cpu: float  # this process's processor time: less swayed than the wall clock by other work on the machine
    solve: float
    verdict: str
    ranges: int
    conflicts: int
    solves: tuple[str, ...]
    doc: dict[str, Any]


def _fresh(path: Path, sparse: bool) -> Run:
    out = subprocess.run([sys.executable, __file__, "--child", str(path), "--sparse", str(int(sparse))],
                         check=True, capture_output=True, text=True)
    d = json.loads(out.stdout)
    return Run(d["seconds"], d["cpu"], d["solve"], d["verdict"], d["ranges"], d["conflicts"], tuple(d["solves"]),
               d["json"])


def _same(runs: dict[bool, list[Run]]) -> str:
    """Whether the runs agree: among the sparse ones, among the dense ones, and across (a dense
    run that gave up its ranges at the time limit differs, and says so in its notes)."""
    within = {sparse: all(r.doc == runs[sparse][0].doc for r in runs[sparse]) for sparse in (True, False)}
    across = runs[True][0].doc == runs[False][0].doc
    return (f"every sparse run {'yes' if within[True] else 'NO'}, every dense run {'yes' if within[False] else 'NO'}, "
            f"sparse and dense {'yes' if across else 'no'}")


def ab(n: int, repeat: int) -> None:
    """Sparse against dense, alternating fresh processes, both series; medians against the target."""
    with tempfile.TemporaryDirectory() as tmp:
        for conflict in (False, True):
            path = Path(tmp) / f"series-{int(conflict)}.yaml"
            path.write_text(generate(n, conflict=conflict), encoding="utf-8")
            load_before = os.getloadavg()[0]
            runs: dict[bool, list[Run]] = {True: [], False: []}
            for i in range(repeat):
                for sparse in ((True, False) if i % 2 == 0 else (False, True)):
                    runs[sparse].append(_fresh(path, sparse))
            load_after = os.getloadavg()[0]
            label = "one value pushed down" if conflict else "consistent"
            print(f"{n:>6} dated claims, {label} (load average {load_before:.1f} -> {load_after:.1f} on "
                  f"{os.cpu_count()} cores; median of {repeat} fresh processes each, alternating):")
            for sparse in (True, False):
                seconds = statistics.median(r.seconds for r in runs[sparse])
                solve = statistics.median(r.solve for r in runs[sparse])
                cpu = statistics.median(r.cpu for r in runs[sparse])
                last = runs[sparse][-1]
                flag = "ok" if seconds <= TARGET_SECONDS else "SLOWER THAN TARGET"
                each = ", ".join(f"{r.seconds:.2f}" for r in runs[sparse])
                print(f"    {'sparse' if sparse else 'dense ':6} {seconds:6.2f} s (processor {cpu:5.2f} s, "
                      f"solve {solve:5.2f} s; target {TARGET_SECONDS:.0f} s) {flag}; {last.verdict}, "
                      f"{last.conflicts} conflicts, {last.ranges} ranges, solves {'/'.join(last.solves)}; "
                      f"all runs {each}")
            print(f"    the same JSON: {_same(runs)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None, help="default 100,1000 (--ab: 1000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ab", action="store_true", help="sparse against dense solves, in fresh processes")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--sparse", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, bool(args.sparse))
        return 0
    sizes = [int(s) for s in (args.sizes or ("1000" if args.ab else "100,1000")).split(",")]
    if args.ab:
        for n in sizes:
            ab(n, args.repeat)
        return 0
    numcheck.check_model  # noqa: B018  (import the engine before timing)
    for n in sizes:
        for conflict, strict in ((False, False), (False, True), (True, False)):
            seconds, report = run(n, args.repeat, conflict, strict)
            t = report.timings
            stages = ", ".join(f"{k} {t[k]:.2f}" for k in ("load", "build", "solve", "assemble") if k in t)
            flag = "ok" if seconds <= TARGET_SECONDS or n < 1000 else "SLOWER THAN TARGET"
            label = "one conflict" if conflict else "strict too  " if strict else "consistent  "
            print(f"{n:>6} dated claims, {label}: {seconds:6.2f} s "
                  f"(target {TARGET_SECONDS:.0f} s at 1,000) {flag}; {report.verdict}, "
                  f"{len(report.conflicts)} conflicts, {len(report.ranges)} ranges; {stages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
