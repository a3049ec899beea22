"""Benchmark: one cumulative quantity with 1,000 dated claims (one long chain), against 2 s.

A true non-decreasing toll is drawn (whole numbers, one date every few days); each date gets one
claim (`at least`, `at most`, `between`, or the exact number), so that the expansion makes 1,000
quantities joined by 999 "never falls" rules: one part, one chain. The consistent file is timed
(the target is for it), then the same file with the value after the middle one pushed below it
(a conflict through one never-falls rule).
Run: python benchmarks/bench_series.py [--sizes 100,1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

import numcheck

TARGET_SECONDS = 2.0


def generate(n: int, *, seed: int = 11, conflict: bool = False) -> str:
    """A claims file of n dated claims on one cumulative quantity, true unless `conflict`."""
    rnd = random.Random(seed)
    day = dt.date(2022, 2, 24)
    value = 0
    claims = []
    for i in range(n):
        day += dt.timedelta(days=rnd.randint(1, 5))
        value += rnd.randint(0, 400)
        kind = rnd.choice(["at least", "at most", "between", "exact"])
        if kind == "at least":
            text = f"at least {max(0, value - rnd.randint(0, 500))}"
        elif kind == "at most":
            text = f"at most {value + rnd.randint(0, 500)}"
        elif kind == "between":
            text = f"between {max(0, value - rnd.randint(0, 500))} and {value + rnd.randint(0, 500)}"
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


def run(n: int, repeat: int, conflict: bool) -> tuple[float, numcheck.Report]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "series.yaml"
        path.write_text(generate(n, conflict=conflict), encoding="utf-8")
        best = float("inf")
        report = None
        for _ in range(repeat):
            started = time.perf_counter()
            report = numcheck.check(path)
            best = min(best, time.perf_counter() - started)
        assert report is not None
        return best, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    numcheck.check_model  # noqa: B018  (import the engine before timing)
    for n in (int(s) for s in args.sizes.split(",")):
        for conflict in (False, True):
            seconds, report = run(n, args.repeat, conflict)
            t = report.timings
            stages = ", ".join(f"{k} {t[k]:.2f}" for k in ("load", "build", "solve", "assemble") if k in t)
            flag = "ok" if seconds <= TARGET_SECONDS or n < 1000 else "SLOWER THAN TARGET"
            print(f"{n:>6} dated claims, {'one conflict' if conflict else 'consistent  '}: {seconds:6.2f} s "
                  f"(target {TARGET_SECONDS:.0f} s at 1,000) {flag}; {report.verdict}, "
                  f"{len(report.conflicts)} conflicts, {len(report.ranges)} ranges; {stages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
