"""Benchmark: generated claim sets of 100, 1,000 and 10,000 claims, timed stage by stage, and the
whole `numcheck check` process against the targets.

Components of about 10 quantities; a third of the claims are relations; a conflict is planted in
one component in ten. The same constraints are then solved by a plain, direct z3 script (Python
API, assumption literals, a MARCO loop with deletion shrinking, one box optimisation per
component) and the ratio is printed.

Then the targets, whole process (`numcheck check FILE --format json -o FILE` in a fresh process:
imports, loading, the full check with conflicts, ranges, repairs and tension, the JSON), with the
default options (--jobs: the cores this process may use):
- 10,000 claims in at most 1.5 s, and at least 10x the direct script of the same run;
- 100,000 claims in at most 15 s and 1 GB of peak memory (the largest process's RSS).
With --old FOLDER (a checkout of another build, e.g. `git worktree add /tmp/old HEAD`), the old
and this build run in turn, each in fresh processes, so that drift hits both alike.

Run: python benchmarks/bench_check.py [--sizes 100,1000,10000] [--runs 5] [--old /tmp/old] [--no-100k]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
import z3

import numcheck
from numcheck.engine.parts import find_parts
from numcheck.model import Atom

QUANTITIES_PER_PART = 10
TARGET_10K_SECONDS = 1.5
TARGET_RATIO = 10.0
TARGET_100K_SECONDS = 15.0
TARGET_100K_MB = 1024.0
FILE_CLAIMS = 10_000  # claims per generated file (see write_claims)
HERE = Path(__file__).resolve().parent.parent  # this build


def generate(n_claims: int, seed: int = 7, tag: str = "") -> str:
    """A claims file of `n_claims`; `tag` starts every quantity name and claim id (for several
    files checked together as one set)."""
    rnd = random.Random(seed)
    parts = max(1, n_claims // 10)
    quantities: dict[str, dict[str, str]] = {}
    rules: list[str] = []
    claims: list[dict[str, str]] = []
    for p in range(parts):
        names = [f"{tag}p{p}_q{i}" for i in range(QUANTITIES_PER_PART)]
        world = {n: rnd.randint(100, 100_000) for n in names}
        for n in names:
            quantities[n] = {"unit": "soldier"}
        rules.append(f"{names[0]} + {names[1]} <= {names[2]} + {world[names[0]] + world[names[1]]}")
        chain = list(names)
        rnd.shuffle(chain)
        first = len(claims)
        for a, b in zip(chain, chain[1:]):  # a relation between neighbours links the part together
            if len(claims) - first >= 10:  # this part's claims so far
                break
            ratio = world[a] / world[b]
            claims.append({"p": str(p), "relation": f"{a} <= {ratio * 1.2:.4f} * {b}"})
            if rnd.random() < 0.5:
                low, high = int(world[a] * 0.9), int(world[a] * 1.1) + 1
                claims.append({"p": str(p), "quantity": a, "value": f"between {low} and {high}"})
                claims.append({"p": str(p), "quantity": b, "value": f"up to {int(world[b] * 1.3) + 1}"})
        if p % 10 == 3:  # plant a conflict
            target = names[rnd.randrange(QUANTITIES_PER_PART)]
            claims.append({"p": str(p), "quantity": target, "value": f"more than {world[target] * 3}"})
            claims.append({"p": str(p), "quantity": target, "value": f"fewer than {world[target] * 2}"})
    claims = claims[: max(n_claims, len(claims))]
    out = []
    for i, c in enumerate(claims[:n_claims] if len(claims) > n_claims else claims):
        c.pop("p")
        out.append({"id": f"{tag}c{i}", **c})
    doc = {"numcheck": 1, "defaults": {"precision": "exact"}, "quantities": quantities, "rules": rules, "claims": out}
    return yaml.dump(doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False)  # C: same text


def direct_z3(model: numcheck.Model) -> dict[str, float]:
    """The plain route: z3's Python API, one solver and one Optimize per component."""
    times = {"build": 0.0, "check": 0.0, "conflicts": 0.0, "ranges": 0.0}
    for part in find_parts(model):
        names, rule_ix, claim_ix = part.quantities, part.rules, part.claims
        t0 = time.perf_counter()
        var = {n: z3.Real(n) for n in names}

        def expr(atom: Atom, var: dict[str, z3.ArithRef] = var) -> z3.BoolRef:
            lin = z3.Sum([z3.Q(c.numerator, c.denominator) * var[n] for n, c in atom.expr.terms] + [
                z3.Q(atom.expr.const.numerator, atom.expr.const.denominator)])
            return {"<=": lin <= 0, "<": lin < 0, "==": lin == 0, "!=": lin != 0}[atom.op]

        s = z3.Solver()
        for n in names:
            s.add(var[n] >= 0)
        for i in rule_ix:
            for a in model.rules[i].atoms:
                s.add(expr(a))
        lits = []
        for i in claim_ix:
            p = z3.Bool(f"a{i}")
            s.add(z3.Implies(p, z3.And([expr(a) for a in model.claims[i].atoms])))
            lits.append(p)
        t1 = time.perf_counter()
        consistent = s.check(*lits) == z3.sat
        t2 = time.perf_counter()
        in_conflict: set[int] = set()
        if not consistent:
            seen = z3.Solver()
            m = [z3.Bool(f"m{i}") for i in range(len(lits))]
            while seen.check() == z3.sat:
                model_ = seen.model()
                seed = [i for i in range(len(lits)) if not z3.is_false(model_.eval(m[i]))]
                if s.check(*[lits[i] for i in seed]) == z3.sat:
                    grown = set(seed)
                    for i in range(len(lits)):
                        if i not in grown and s.check(*[lits[j] for j in grown | {i}]) == z3.sat:
                            grown.add(i)
                    seen.add(z3.Or([m[i] for i in range(len(lits)) if i not in grown] or [z3.BoolVal(False)]))
                else:
                    mus = list(seed)
                    k = 0
                    while k < len(mus):
                        trial = mus[:k] + mus[k + 1:]
                        if s.check(*[lits[i] for i in trial]) == z3.unsat:
                            mus = trial
                        else:
                            k += 1
                    in_conflict |= set(mus)
                    seen.add(z3.Or([z3.Not(m[i]) for i in mus]))
        t3 = time.perf_counter()
        opt = z3.Optimize()
        opt.set(priority="box")
        opt.add(s.assertions())
        for i, p in enumerate(lits):
            if i not in in_conflict:
                opt.add(p)
        handles = [(opt.minimize(var[n]), opt.maximize(var[n])) for n in names]
        opt.check()
        for lo, hi in handles:
            opt.lower_values(lo), opt.upper_values(hi)
        t4 = time.perf_counter()
        times["build"] += t1 - t0
        times["check"] += t2 - t1
        times["conflicts"] += t3 - t2
        times["ranges"] += t4 - t3
    return times


def stage_table(sizes: list[int], jobs: int) -> float | None:
    """The in-process table: load, verdict + conflicts, ranges, against the direct script; the
    10,000-claim direct-script total (numcheck's load plus its z3 work), for the ratio."""
    direct_10k = None
    print(f"{'claims':>7} {'load':>7} {'verdict+conflicts':>18} {'ranges':>7} {'total':>7} "
          f"{'direct z3':>10} {'ratio':>6} {'peak MB':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"bench-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            t0 = time.perf_counter()
            model = numcheck.load(path, jobs=jobs)
            t1 = time.perf_counter()
            quick = numcheck.check_model(model, ranges=False, jobs=jobs)
            t2 = time.perf_counter()
            full = numcheck.check_model(model, jobs=jobs)
            t3 = time.perf_counter()
            assert quick.verdict == full.verdict
            ranges_time = max(0.0, (t3 - t2) - (t2 - t1))
            ours = (t1 - t0) + (t3 - t2)
            direct = direct_z3(model)
            direct_total = (t1 - t0) + sum(direct.values())
            if size == 10_000:
                direct_10k = direct_total
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{len(model.claims):>7} {t1 - t0:>7.2f} {t2 - t1:>18.2f} {ranges_time:>7.2f} {ours:>7.2f} "
                  f"{direct_total:>10.2f} {direct_total / ours:>6.1f} {peak:>8.0f}   "
                  f"[{full.verdict}, {len(full.conflicts)} conflicts; direct: build {direct['build']:.2f} "
                  f"check {direct['check']:.2f} conflicts {direct['conflicts']:.2f} ranges {direct['ranges']:.2f}]")
            sys.stdout.flush()
    return direct_10k


# run in a fresh process: the check as the command line runs it, and the peak RSS of the largest
# process under it (the check and its forked workers), from RUSAGE_CHILDREN of this wrapper
_WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run([sys.executable, "-m", "numcheck", "check", *sys.argv[1:]]).returncode
seconds = time.perf_counter() - started
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)
"""


@dataclass(frozen=True)
class Whole:
    """One build's whole-process runs on one file: median seconds and the largest peak RSS."""

    build: str
    seconds: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def write_claims(folder: Path, size: int) -> list[Path]:
    """The claims of one benchmark size: one file up to 10,000 claims, else files of 10,000
    (checked together as one set). A file of 100,000 claims would pass the loader's cap of
    500,000 YAML nodes per file (yamlnodes.MAX_NODES, against alias bombs); a newsroom's
    100,000 claims are many files anyway."""
    if size <= FILE_CLAIMS:
        path = folder / f"bench-{size}.yaml"
        path.write_text(generate(size), encoding="utf-8")
        return [path]
    paths = []
    for k in range(-(-size // FILE_CLAIMS)):
        path = folder / f"bench-{size}-{k}.yaml"
        path.write_text(generate(min(FILE_CLAIMS, size - k * FILE_CLAIMS), seed=7 + k, tag=f"f{k}_"), encoding="utf-8")
        paths.append(path)
    return paths


def process_env(root: Path, bytecode: Path) -> dict[str, str]:
    """The environment of a timed process: `root`'s numcheck, and its compiled modules kept in
    `bytecode`, as an installed copy keeps them. (This project's machines set
    PYTHONDONTWRITEBYTECODE=1, and a checkout imported from its source folder then compiles
    numcheck's 120 modules again in every process: 0.3 s that no installed numcheck spends.)"""
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(bytecode))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def whole_process(paths: list[Path], builds: dict[str, Path], runs: int) -> dict[str, Whole]:
    """`numcheck check PATHS --format json -o FILE` of each build in turn, `runs` rounds after
    one round not counted (which compiles the modules, as installing does)."""
    seconds: dict[str, list[float]] = {name: [] for name in builds}
    peaks: dict[str, float] = dict.fromkeys(builds, 0.0)
    with tempfile.TemporaryDirectory() as caches:
        for round_ in range(runs + 1):
            for k, (name, root) in enumerate(builds.items()):
                env = process_env(root, Path(caches) / str(k))
                with tempfile.TemporaryDirectory() as tmp:
                    out = subprocess.run([sys.executable, "-c", _WRAPPER, *map(str, paths), "--format", "json",
                                          "-o", str(Path(tmp) / "report.json")], env=env, cwd=root, check=True,
                                         capture_output=True, text=True).stdout.split()
                took, peak, code = float(out[0]), float(out[1]), int(out[2])
                if code not in (0, 1):
                    raise SystemExit(f"{name}: numcheck check exited {code}")
                if round_:
                    seconds[name].append(took)
                    peaks[name] = max(peaks[name], peak)
    return {name: Whole(name, seconds[name], peaks[name]) for name in builds}


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def targets(args: argparse.Namespace, direct_10k: float | None) -> bool:
    """The whole-process figures against the targets; True when every one measured is met."""
    builds = {"this build": HERE} | ({"old build": Path(args.old).resolve()} if args.old else {})
    ok = True
    sizes = [10_000] + ([] if args.no_100k else [100_000])
    print(f"\nWhole process, default options (--jobs {len(os.sched_getaffinity(0))}), median of {args.runs} "
          f"fresh processes{', alternating builds' if args.old else ''}; load average {os.getloadavg()[0]:.1f}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            paths = write_claims(Path(tmp), size)
            found = whole_process(paths, builds, args.runs if size == 10_000 else max(1, args.runs // 3))
        for name, whole in found.items():
            times = ", ".join(f"{t:.2f}" for t in sorted(whole.seconds))
            print(f"  {size:>7,} claims, {name:<10}: {whole.median:6.2f} s median ({times}); "
                  f"peak {whole.peak_mb:,.0f} MB")
        mine = found["this build"]
        if "old build" in found:
            print(f"  {size:>7,} claims: this build is {found['old build'].median / mine.median:.2f}x the old one")
        if size == 10_000:
            met = mine.median <= TARGET_10K_SECONDS
            print(f"  target <= {TARGET_10K_SECONDS} s: {_verdict(met)} "
                  f"({mine.median / TARGET_10K_SECONDS:.1f}x the target)")
            ok = ok and met
            if direct_10k is not None:
                ratio = direct_10k / mine.median
                print(f"  target >= {TARGET_RATIO:.0f}x the direct script ({direct_10k:.2f} s in this run): "
                      f"{_verdict(ratio >= TARGET_RATIO)} ({ratio:.1f}x)")
                ok = ok and ratio >= TARGET_RATIO
        else:
            met = mine.median <= TARGET_100K_SECONDS and mine.peak_mb <= TARGET_100K_MB
            print(f"  target <= {TARGET_100K_SECONDS:.0f} s and {TARGET_100K_MB:,.0f} MB: {_verdict(met)} "
                  f"({mine.median / TARGET_100K_SECONDS:.1f}x the time, "
                  f"{mine.peak_mb / TARGET_100K_MB:.2f}x the memory)")
            ok = ok and met
        sys.stdout.flush()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="the in-process table's sizes ('' for none)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--runs", type=int, default=5, help="whole-process rounds at 10,000 (a third at 100,000)")
    parser.add_argument("--old", help="a checkout of another build, run in turn with this one")
    parser.add_argument("--no-100k", action="store_true", help="skip the 100,000-claim run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    direct_10k = stage_table(sizes, args.jobs) if sizes else None
    return 0 if targets(args, direct_10k) else 1


if __name__ == "__main__":
    sys.exit(main())
