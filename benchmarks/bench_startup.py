"""Benchmark: how long the command takes to start, against a bare Python interpreter.

Times three commands as separate processes, interleaved (A/B in one run, so that drift of the
machine hits each alike), and prints the median of N runs of each:

    python -c pass
    numcheck --help
    numcheck check claims/nk-troops-russia-2024-10.yaml

against the targets: `--help` within 0.3 s of the bare interpreter, the seed check within 0.8 s.
`numcheck` is run as `python -m numcheck` with the same interpreter, so that the figures do not
depend on which `numcheck` is first on PATH. Run: python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "numcheck --help": [sys.executable, "-m", "numcheck", "--help"],
    "numcheck check (seed)": [sys.executable, "-m", "numcheck", "check", str(SEED)],
}
TARGETS = {"numcheck --help": 0.3, "numcheck check (seed)": 0.8}  # seconds over the bare interpreter


def _time(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def measure(runs: int) -> dict[str, list[float]]:
    """Each command `runs` times, in rounds of one of each (after one warm-up round, which fills
    the file cache and Python's bytecode cache)."""
    for command in COMMANDS.values():
        _time(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(_time(command))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args()
    times = measure(args.runs)
    base = statistics.median(times["python -c pass"])
    print(f"median of {args.runs} runs each, {sys.executable}")
    print(f"{'command':<24} {'median':>8} {'over bare':>10} {'target':>8}  result")
    for name, values in times.items():
        median = statistics.median(values)
        target = TARGETS.get(name)
        over = median - base
        verdict = "" if target is None else ("met" if over <= target else "MISSED")
        shown_target = f"+{target:.2f} s" if target is not None else ""
        print(f"{name:<24} {median:>6.3f} s {over:>+8.3f} s {shown_target:>8}  {verdict}")
    missed = [name for name, target in TARGETS.items() if statistics.median(times[name]) - base > target]
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
