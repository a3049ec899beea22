"""Where the time of a check goes, stage by stage, on bench_check.py's 10,000-claim file.

One process, one job (so that every stage runs here and is timed here, none in a forked
worker), in the order numcheck runs them: imports, pint's unit registry, YAML, value phrases,
expressions (lark), the rest of loading, parts, the engine's batched z3 checks (z3 parsing the
SMT-LIB text, and its checks), LP (HiGHS), certificates (FLINT), conflicts, repairs, tension,
the rest of the engine (SMT-LIB writing, bookkeeping), the report, and the JSON (the document,
then its text). Each stage's time is its own: time spent in a stage listed inside it is
counted there, not twice, so the stages add up to the whole. The wrappers cost a little (under
1%). With --jobs 2 the whole runs faster than the sum: a forked helper compiles claims beside the
loader, and the batches are solved by two worker processes (bench_timeline.py follows that run).

Run: python benchmarks/bench_stages.py [--size 10000] [--runs 3] [--old /tmp/old]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# (stage, module, attribute): what to time, patched where the caller looks it up
STAGES = [
    ("load: YAML (PyYAML's C parser, nodes with lines)", "numcheck.read.loader", "read_yaml"),
    ("load: value phrases", "numcheck.read.claims", "parse_value"),
    ("load: expressions (lark, exact linear forms)", "numcheck.read.rules", "compile_expression"),
    ("load: everything else (fields, units, ids, warnings)", "numcheck.check", "load"),
    ("parts and problems", "numcheck.check", "find_parts"),
    ("parts and problems", "numcheck.engine.pool", "problem_of"),
    ("engine: z3 parsing SMT-LIB text", "z3.Solver", "from_string"),
    ("engine: z3 parsing SMT-LIB text", "z3.Optimize", "from_string"),
    ("engine: z3 checks", "numcheck.engine.z3glue", "run"),
    # every LP: the elastic one of suspects, and each box LP's rows, its cone LP and its objectives
    ("engine: LP (HiGHS, its rows built, bases read)", "numcheck.engine.lp", "suspects"),
    ("engine: LP (HiGHS, its rows built, bases read)", "numcheck.engine.lp.Session", "__init__"),
    ("engine: LP (HiGHS, its rows built, bases read)", "numcheck.engine.lp.Session", "solve"),
    ("engine: certificates (FLINT)", "numcheck.engine.certify.ExactRows", "system"),
    ("engine: certificates (FLINT)", "numcheck.engine.certify.ExactRows", "optima"),
    ("engine: certificates (FLINT)", "numcheck.engine.certify.ExactRows", "consistent"),
    ("engine: conflicts (MARCO, besides its z3)", "numcheck.engine.plan", "marco"),
    ("engine: repairs (besides their z3)", "numcheck.engine.plan", "find_repairs"),
    ("engine: tension (besides its z3)", "numcheck.engine.plan", "find_tensions"),
    ("engine: everything else (SMT-LIB writing, bookkeeping)", "numcheck.check", "solve_parts"),
    ("report: assembling", "numcheck.check", "_assemble"),
    ("report: assembling", "numcheck.check", "_add_repairs"),
    ("JSON: the document (sentences, records)", "numcheck.report.Report", "to_dict"),
    ("JSON: the text (orjson, indented)", "numcheck.render.jsondoc", "json_document"),
]


class Clock:
    """Exclusive times: a stage's time, less the time of stages called inside it."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.inner: list[float] = []  # time of nested stages, one slot per open stage

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.inner.append(0.0)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                took = time.perf_counter() - started
                nested = self.inner.pop()
                self.spent[stage] = self.spent.get(stage, 0.0) + took - nested
                if self.inner:
                    self.inner[-1] += took
        return timed


def target_of(path: str) -> Any:
    """A module, or a class in one (`package.module.Class`)."""
    import importlib

    try:
        return importlib.import_module(path)
    except ModuleNotFoundError:
        parent, _, name = path.rpartition(".")
        return getattr(importlib.import_module(parent), name)


def child(path: str) -> None:
    """One measured run, in this (fresh) process; prints `stage<TAB>seconds` lines."""
    started = time.perf_counter()
    import importlib

    for module in ("numcheck.engine.certify", "numcheck.engine.lp", "numcheck.render.jsondoc"):
        importlib.import_module(module)  # imported by the check and the JSON anyway: timed here
    from numcheck.check import check
    from numcheck.engine.pool import import_solvers
    from numcheck.read import units
    from numcheck.read.units import registry

    units.PINT_ALONE = True  # as in numcheck's command, which this process stands for

    import_solvers()  # HiGHS with numpy, and FLINT: imported on first use otherwise
    imported = time.perf_counter()
    registry()
    registered = time.perf_counter()
    clock = Clock()
    for stage, where, name in STAGES:
        owner = target_of(where)
        setattr(owner, name, clock.wrap(stage, getattr(owner, name)))
    from numcheck.render.dispatch import render

    report = check(path, jobs=1)
    render(report, "json")
    total = time.perf_counter() - started
    print(f"imports (numcheck, z3, highspy, flint, lark)\t{imported - started}")
    print(f"load: pint imported, its unit registry built (first use)\t{registered - imported}")
    for stage, seconds in clock.spent.items():
        print(f"{stage}\t{seconds}")
    print(f"total\t{total}")


def _run_child(root: Path, path: Path, runs: dict[str, list[float]], bytecode: Path) -> None:
    """One fresh process of the build at `root` (its own copy of this script, its own package),
    its compiled modules kept in `bytecode` as an installed copy keeps them (see
    bench_check.process_env)."""
    from bench_check import process_env

    env = process_env(root, bytecode)
    out = subprocess.run([sys.executable, str(root / "benchmarks" / "bench_stages.py"), "--child", str(path)],
                         check=True, capture_output=True, text=True, env=env, cwd=root).stdout
    for line in out.splitlines():
        stage, seconds = line.split("\t")
        runs.setdefault(stage, []).append(float(seconds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", help="a checkout of another build (git worktree add /tmp/old HEAD), run in turn")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    sys.path.insert(0, str(HERE))
    import tempfile

    from bench_check import generate

    builds = {"this": HERE.parent} | ({"old": Path(args.old).resolve()} if args.old else {})
    runs: dict[str, dict[str, list[float]]] = {name: {} for name in builds}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yaml"
        path.write_text(generate(args.size), encoding="utf-8")
        for round_ in range(args.runs + 1):  # builds alternate, so that drift in the machine's load hits both
            for name, root in builds.items():  # the first round compiles the modules and is not counted
                _run_child(root, path, runs[name] if round_ else {}, Path(tmp) / f"bytecode-{name}")
    print(f"{args.size:,} claims, one process, --jobs 1; median of {args.runs} fresh processes"
          f"{' per build, alternating' if args.old else ''}; load average {os.getloadavg()[0]:.1f}")
    totals = {name: statistics.median(found.pop("total")) for name, found in runs.items()}
    header = "".join(f" {name + ' build':>11}" for name in builds)
    print(f"  {'stage':<58}{header}")
    for stage in runs["this"]:
        cells = "".join(f" {statistics.median(runs[name].get(stage, [0.0])):9.2f} s" for name in builds)
        share = 100 * statistics.median(runs["this"][stage]) / totals["this"]
        print(f"  {stage:<58}{cells} {share:5.1f}%")
    print(f"  {'whole process (sum of the stages)':<58}" + "".join(f" {totals[n]:9.2f} s" for n in builds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
