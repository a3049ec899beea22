"""Benchmark: how long the command takes to start, against a bare Python interpreter.

Times three commands as separate processes, interleaved (A/B in one run, so that drift of the
machine hits each alike), and prints the median of N runs of each:

    python -c pass
    numcheck --help
    numcheck check claims/nk-troops-russia-2024-10.yaml

against the targets: `--help` within 0.3 s of the bare interpreter, the seed check within 0.8 s.
`numcheck` is run as `python -m numcheck` with the interpreter given (this one by default), from
a directory outside any checkout, so that the numcheck measured is the one installed there.

`--against PYTHON` times a second interpreter (a venv with another build of numcheck, such as
the commit before, from `git worktree add`) in the same rounds, for an A/B comparison.

`--where` prints instead where the seed check's processor time goes, step by step (each library
imported in turn, numcheck's modules, the unit registry, the rule parser, then the command
itself), the median of fresh processes.

Run: python benchmarks/bench_startup.py [--runs 15] [--python PY] [--against PY] [--where]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"
TARGETS = {"numcheck --help": 0.3, "numcheck check (seed)": 0.8}  # seconds over the bare interpreter


@dataclass(frozen=True)
class Timing:
    """One run: the time it took, and the processor time it used (user and system, the process
    and its children), which other work on the machine changes far less than the time taken."""

    wall: float
    cpu: float


def commands(python: str) -> dict[str, list[str]]:
    return {
        "python -c pass": [python, "-c", "pass"],
        "numcheck --help": [python, "-m", "numcheck", "--help"],
        "numcheck check (seed)": [python, "-m", "numcheck", "check", str(SEED)],
    }


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _time(command: list[str], where: str) -> Timing:
    cpu = _cpu()
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=where)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return Timing(wall=elapsed, cpu=_cpu() - cpu)


def _numcheck_of(python: str, where: str) -> str:
    """Where the interpreter finds numcheck (to show that it is the installed build)."""
    done = subprocess.run([python, "-c", "import numcheck; print(numcheck.__file__)"], capture_output=True,
                          text=True, cwd=where, check=True)
    return done.stdout.strip()


def measure(pythons: list[str], runs: int, where: str) -> dict[tuple[str, str], list[Timing]]:
    """Each command of each interpreter `runs` times, in rounds of one of each (after one warm-up
    round, which fills the file cache and Python's bytecode cache)."""
    every = {(python, name): command for python in pythons for name, command in commands(python).items()}
    for command in every.values():
        _time(command, where)
    times: dict[tuple[str, str], list[Timing]] = {key: [] for key in every}
    for _ in range(runs):
        for key, command in every.items():
            times[key].append(_time(command, where))
    return times


def report(python: str, times: dict[tuple[str, str], list[Timing]]) -> list[str]:
    """The table of one interpreter: medians of the time taken and of the processor time used,
    each over the bare interpreter's, and the fastest run (the nearest to a quiet machine); the
    names of the targets missed, which are on the median time taken."""
    bare = times[(python, "python -c pass")]
    base, base_cpu, base_min = (statistics.median(t.wall for t in bare), statistics.median(t.cpu for t in bare),
                                min(t.wall for t in bare))
    print(f"{'command':<24} {'median':>8} {'over bare':>10} {'target':>8}  {'result':<7} {'cpu over bare':>13} "
          f"{'fastest over bare':>17}")
    missed = []
    for name in commands(python):
        median = statistics.median(t.wall for t in times[(python, name)])
        cpu = statistics.median(t.cpu for t in times[(python, name)]) - base_cpu
        fastest = min(t.wall for t in times[(python, name)]) - base_min
        target = TARGETS.get(name)
        over = median - base
        verdict = "" if target is None else ("met" if over <= target else "MISSED")
        if verdict == "MISSED":
            missed.append(name)
        shown_target = f"+{target:.2f} s" if target is not None else ""
        print(f"{name:<24} {median:>6.3f} s {over:>+8.3f} s {shown_target:>8}  {verdict:<7} {cpu:>+11.3f} s "
              f"{fastest:>+15.3f} s")
    return missed


# Run in a fresh process by --where: the processor time of each step, the steps in the order a check
# meets them, each library imported before numcheck's modules so that it is counted once, on its own.
WHERE = """
import contextlib, io, json, resource, sys
def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
steps = [("start", cpu())]
def step(name):
    steps.append((name, cpu()))
import typer; step("import typer")
import numpy; step("import numpy")
import highspy; step("import highspy (besides numpy)")
import pint; step("import pint (besides numpy)")
import z3; step("import z3")
import flint; step("import flint")
import lark, yaml, text_to_num; step("import lark, yaml, text2num")
import typer._adapters; step("import pydantic (typer's coercion)")
import numcheck.cli, numcheck.each, numcheck.check, numcheck.render.dispatch; step("import numcheck's modules")
from numcheck.read.units import registry; registry(); step("the unit registry")
from numcheck.read.expressions import _parser; _parser(); step("the rule parser (lark)")
sys.argv = ["numcheck", "check", SEED]
try:
    with contextlib.redirect_stdout(io.StringIO()):
        numcheck.cli.main()
except SystemExit:
    pass
step("the command: typer's parsing, load, check, report")
print(json.dumps([[now[0], now[1] - before[1]] for before, now in zip(steps, steps[1:])]))
"""


def where(python: str, runs: int, folder: str) -> None:
    """Where the seed check's processor time goes: the median of `runs` fresh processes per step."""
    code = WHERE.replace("SEED", repr(str(SEED)))
    done = [json.loads(subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=folder,
                                      check=True).stdout) for _ in range(runs)]
    print(f"\n{python}: processor time of the seed check, median of {runs} fresh processes")
    total = 0.0
    for k, (name, _) in enumerate(done[0]):
        median = statistics.median(run[k][1] for run in done)
        total += median
        print(f"  {name:<52} {median:6.3f} s")
    print(f"  {'in all':<52} {total:6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter whose numcheck is timed")
    parser.add_argument("--against", help="a second interpreter (another build), timed in the same rounds")
    parser.add_argument("--where", action="store_true", help="where the seed check's processor time goes")
    args = parser.parse_args()
    pythons = [args.python] + ([args.against] if args.against else [])
    if args.where:
        with tempfile.TemporaryDirectory() as folder:
            for python in pythons:
                where(python, args.runs, folder)
        return
    with tempfile.TemporaryDirectory() as folder:
        load_before = os.getloadavg()[0]
        times = measure(pythons, args.runs, folder)
        load_after = os.getloadavg()[0]
        print(f"median of {args.runs} runs each; load average {load_before:.1f} before, {load_after:.1f} after "
              f"({os.cpu_count()} cores)")
        missed: dict[str, list[str]] = {}
        for python in pythons:
            print(f"\n{python} (numcheck from {_numcheck_of(python, folder)})")
            missed[python] = report(python, times)
    sys.exit(1 if missed[args.python] else 0)  # the targets are those of the build timed, not of --against


if __name__ == "__main__":
    main()
