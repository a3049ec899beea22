"""Where the wall-clock time of `numcheck check` goes, in the order it passes, with the default jobs.

bench_stages.py adds up each stage's own time in one process (`--jobs 1`); this script follows
the command as a user runs it (`numcheck check FILE --format json -o FILE`, `--jobs` the cores the
process may use) and prints, for each step of the main process, when it starts and how long it
lasts: what runs in forked processes (the loader's helper, the solving workers) shows as the time
the main process spends beside them or waiting for them. The last line is the whole process, as
the shell sees it (the interpreter's start and exit included). Median of `--runs` fresh processes,
after one not counted (which compiles numcheck's modules, kept as an installed copy keeps them).

Run: python benchmarks/bench_timeline.py [--size 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# (step, module, attribute): what to time in the main process, patched where the caller looks it up
STEPS = [
    ("load: YAML", "numcheck.read.loader", "read_yaml"),
    ("load: YAML", "numcheck.read.split_load", "compose_part"),  # a large file's text cut in two (read/split.py)
    ("load: sources and quantities declared", "numcheck.read.loader._Loader", "declare"),
    ("load: engine imported meanwhile (helper started)", "numcheck.cli", "_import_engine"),
    ("load: rules compiled", "numcheck.read.loader._Loader", "compile_rules"),
    ("load: claims compiled here (the helper takes the rest)", "numcheck.read.loader._Loader", "compile_claims"),
    ("load: claims compiled here (the helper takes the rest)", "numcheck.read.split_load", "compile_claim"),
    ("load: the helper's claims received (unpickled, or waited for)", "numcheck.read.helper.Helper", "received"),
    ("load: the helper's last claims taken", "numcheck.read.loader._Loader", "take_shares"),
    ("load: warnings", "numcheck.read.loader._Loader", "warnings"),
    ("check: parts", "numcheck.check", "find_parts"),
    ("check: problems built and solved (forked workers)", "numcheck.check", "solve_parts"),
    ("report: assembling", "numcheck.check", "_assemble"),
    ("report: assembling", "numcheck.check", "_add_repairs"),
    ("JSON: the document", "numcheck.report.Report", "to_dict"),
    ("JSON: the text (orjson)", "numcheck.render.jsondoc", "json_document"),
    ("writing the file", "numcheck.cli", "_write"),
]

# (kind, module, attribute): what the forked processes do, timed in them (the main process's own
# calls of the same functions are not counted here); each span is sent up a pipe of its own
FORKED = [
    ("loader's helper: blocks of claims parsed and compiled", "numcheck.read.split_load", "_compiled"),
    ("solving worker: problems built", "numcheck.engine.pool._Work", "batch"),
    ("solving worker: batches solved", "numcheck.engine.pool", "solve_batch"),
]


def child(fd: int, side: int, args: list[str]) -> None:
    """One run of the command in this fresh process; writes its steps as JSON to `fd`, and the
    spans of its forked processes as lines to `side`."""
    started = time.perf_counter()
    main_pid = os.getpid()
    import numcheck.cli

    cli: Any = numcheck.cli  # its `leave` and `main` are patched and called here, not exported

    marks: dict[str, list[float]] = {}  # step: [first start, total seconds]

    def timed(fn: Any, record: Any) -> Any:
        """`fn`, calling `record(start, end)` (seconds since `started`) after each call."""
        @functools.wraps(fn)
        def run(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                record(t - started, time.perf_counter() - started)
        return run

    def step_of(step: str) -> Any:
        def record(begin: float, end: float) -> None:
            mark = marks.setdefault(step, [begin, 0.0])
            mark[1] += end - begin
        return record

    def span_of(kind: str) -> Any:
        def record(begin: float, end: float) -> None:
            if os.getpid() != main_pid:  # one short line: a pipe writes it whole
                os.write(side, f"{os.getpid()}\t{kind}\t{begin}\t{end}\n".encode())
        return record

    from bench_stages import target_of  # beside this script, on its path

    for step, where, name in STEPS:
        owner = target_of(where)
        setattr(owner, name, timed(getattr(owner, name), step_of(step)))
    for kind, where, name in FORKED:
        owner = target_of(where)
        setattr(owner, name, timed(getattr(owner, name), span_of(kind)))
    leave = cli.leave

    def report_then_leave(code: int) -> None:
        marks["exit: output flushed, exit handlers"] = [time.perf_counter() - started, 0.0]
        with os.fdopen(fd, "w") as out:
            json.dump(marks, out)
        leave(code)

    cli.leave = report_then_leave
    sys.argv = ["numcheck", *args]
    cli.main()


@dataclass(frozen=True)
class Run:
    """One timed run: the whole process as the shell saw it, the main process's steps, and the
    forked processes' spans (pid, kind, start, end)."""

    whole: float
    marks: dict[str, list[float]]
    spans: list[tuple[int, str, float, float]]


def run_once(claims: Path, out: Path, bytecode: Path) -> Run:
    from bench_check import process_env

    env = process_env(HERE.parent, bytecode)
    read, write = os.pipe()
    side_read, side_write = os.pipe()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(write), str(side_write),
                                str(claims), "--format", "json", "-o", str(out)], env=env,
                               pass_fds=(write, side_write), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write)
    os.close(side_write)
    with os.fdopen(read) as got:
        text = got.read()
    code = process.wait()
    whole = time.perf_counter() - started
    with os.fdopen(side_read) as got:
        lines = [line.split("\t") for line in got.read().splitlines()]
    if code not in (0, 1):
        raise SystemExit(f"numcheck check exited {code}: {process.stderr.read().decode() if process.stderr else ''}")
    return Run(whole, json.loads(text), [(int(pid), kind, float(a), float(b)) for pid, kind, a, b in lines])


def print_forked(spans: list[tuple[int, str, float, float]]) -> None:
    """Each forked process of a run: what it did, how many times, its busy seconds, and from when
    to when (the rest of that window it spent forking, sending, waiting or leaving)."""
    if not spans:
        return
    print(f"  {'forked process: what it did':<58} {'from':>9} {'to':>7} {'busy':>7}")
    first = {pid: min(a for p, _, a, _ in spans if p == pid) for pid, _, _, _ in spans}
    for pid in sorted(first, key=first.__getitem__):
        mine = [(kind, a, b) for p, kind, a, b in spans if p == pid]
        for kind in dict.fromkeys(kind for kind, _, _ in mine):
            took = [(a, b) for k, a, b in mine if k == kind]
            label = f"{kind} ({len(took)})"
            print(f"  {label:<58} {min(a for a, _ in took):8.2f}s {max(b for _, b in took):6.2f}s "
                  f"{sum(b - a for a, b in took):6.2f}s")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), int(sys.argv[3]), ["check", *sys.argv[4:]])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_check import generate

    found: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        claims = Path(tmp) / "claims.yaml"
        claims.write_text(generate(args.size), encoding="utf-8")
        for round_ in range(args.runs + 1):
            run = run_once(claims, Path(tmp) / "report.json", Path(tmp) / "bytecode")
            if round_:
                found.append(run)
    found.sort(key=lambda run: run.whole)
    median = found[len(found) // 2]  # the median run, shown whole: its steps add up
    whole, middle = median.whole, median.marks
    cores = len(os.sched_getaffinity(0))
    print(f"numcheck check of {args.size:,} claims, --jobs {cores} (the default); the median of {args.runs} fresh "
          f"processes, step by step, and each step's median over all of them; load average {os.getloadavg()[0]:.1f}")
    print(f"  {'step of the main process':<58} {'starts at':>9} {'takes':>7} {'median':>7}")
    rows = sorted(middle.items(), key=lambda item: item[1][0])
    print(f"  {'start: interpreter, imports of the command line':<58} {0.0:8.2f}s {rows[0][1][0]:6.2f}s")
    for step, (begin, took) in rows:
        typical = statistics.median(run.marks[step][1] for run in found if step in run.marks)
        print(f"  {step:<58} {begin:8.2f}s {took:6.2f}s {typical:6.2f}s" if took else f"  {step:<58} {begin:8.2f}s")
    print(f"  {'whole process, as the shell sees it':<58} {'':>9} {whole:6.2f}s  "
          f"(runs {', '.join(f'{run.whole:.2f}' for run in found)})")
    print_forked(median.spans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
