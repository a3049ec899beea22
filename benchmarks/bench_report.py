"""Benchmark: how long the HTML report takes to write, and how heavy it is, at 1,000 and 10,000 claims.

The claim sets are bench_check.py's (parts of 10 quantities, a conflict planted in one part in
ten). Each measurement runs in a fresh process, which loads and checks the file untimed, then
times `render_html` alone and reports the page's size. At 1,000 claims the page of an older
commit (by default the last one before the SVG charts, which drew every chart with matplotlib) is
measured in the same run, alternating old and new, from a copy of that commit's package made with
`git archive`. Targets: 1,000 claims in under 5 s, 10,000 in under 30 s, pages under 5 MB.

Run: python benchmarks/bench_report.py [--sizes 1000,10000] [--rounds 3] [--old COMMIT|none]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import generate

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = {1000: 5.0, 10000: 30.0}
TARGET_BYTES = 5_000_000
OLD_COMMIT = "059431b"  # the page as the issue measured it: a matplotlib figure per quantity

# Run in a fresh process with the package to measure first on sys.path.
_MEASURE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import numcheck
from numcheck.check import check_model
from numcheck.render.html import render_html
report = check_model(numcheck.load(sys.argv[2]))
calls = []
t0 = time.perf_counter()
try:
    page = render_html(report, progress=lambda done, total: calls.append(done))
except TypeError:  # an older page, without the progress callback
    page = render_html(report)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "bytes": len(page.encode("utf-8")), "progress_calls": len(calls),
                  "charts": page.count('<svg class="chart"') + page.count("<svg xmlns"),
                  "package": numcheck.__file__}))
"""


def measure(package: Path, claims_file: Path) -> dict[str, float]:
    """One fresh process: check untimed, then the seconds render_html takes and the page's bytes."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(package), str(claims_file)], check=True,
                         capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def old_package(commit: str, into: Path) -> Path:
    """That commit's numcheck package, extracted beside nothing else, for the old page."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "numcheck"], check=True,
                             capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=3, help="new pages per size (old: one per round at 1,000)")
    parser.add_argument("--old", default=OLD_COMMIT, help="the commit whose page is measured A/B, or 'none'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old = None if args.old == "none" else old_package(args.old, folder / "old")
        for size in (int(s) for s in args.sizes.split(",")):
            claims_file = folder / f"bench-{size}.yaml"
            claims_file.write_text(generate(size), encoding="utf-8")
            new_runs: list[dict[str, float]] = []
            old_runs: list[dict[str, float]] = []
            for _ in range(args.rounds):
                if old is not None and size <= 1000 and len(old_runs) < args.rounds:
                    old_runs.append(measure(old, claims_file))
                new_runs.append(measure(ROOT, claims_file))
            report(size, new_runs, old_runs)


def report(size: int, new_runs: list[dict[str, float]], old_runs: list[dict[str, float]]) -> None:
    seconds = statistics.median(r["seconds"] for r in new_runs)
    size_bytes = new_runs[-1]["bytes"]
    target = TARGET_SECONDS.get(size)
    met = "met" if target is not None and seconds < target else "MISSED" if target is not None else "-"
    print(f"{size:,} claims: page written in {seconds:.2f} s (median of {len(new_runs)}: "
          + ", ".join(f"{r['seconds']:.2f}" for r in new_runs) + f"); target < {target} s: {met}")
    print(f"  page {size_bytes / 1e6:.2f} MB, {int(new_runs[-1]['charts'])} charts; target < "
          f"{TARGET_BYTES / 1e6:.0f} MB: {'met' if size_bytes < TARGET_BYTES else 'MISSED'}; "
          f"progress reported {int(new_runs[-1]['progress_calls'])} times")
    if old_runs:
        old_seconds = statistics.median(r["seconds"] for r in old_runs)
        print(f"  old page ({len(old_runs)} run(s), alternating with the new): "
              + ", ".join(f"{r['seconds']:.1f} s" for r in old_runs)
              + f", {old_runs[-1]['bytes'] / 1e6:.1f} MB; new/old time {seconds / old_seconds:.3f}")


if __name__ == "__main__":
    main()
