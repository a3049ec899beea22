"""Benchmark: generated claim sets of 100, 1,000 and 10,000 claims, timed stage by stage.

Components of about 10 quantities; a third of the claims are relations; a conflict is planted in
one component in ten. The same constraints are then solved by a plain, direct z3 script (Python
API, assumption literals, a MARCO loop with deletion shrinking, one box optimisation per
component) and the ratio is printed. Run: python benchmarks/bench_check.py [--sizes 100,1000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml
import z3

import numcheck
from numcheck.engine.parts import find_parts

QUANTITIES_PER_PART = 10


def generate(n_claims: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    parts = max(1, n_claims // 10)
    quantities: dict[str, dict[str, str]] = {}
    rules: list[str] = []
    claims: list[dict[str, str]] = []
    for p in range(parts):
        names = [f"p{p}_q{i}" for i in range(QUANTITIES_PER_PART)]
        world = {n: rnd.randint(100, 100_000) for n in names}
        for n in names:
            quantities[n] = {"unit": "soldier"}
        rules.append(f"{names[0]} + {names[1]} <= {names[2]} + {world[names[0]] + world[names[1]]}")
        chain = list(names)
        rnd.shuffle(chain)
        for a, b in zip(chain, chain[1:]):  # a relation between neighbours links the part together
            if len([c for c in claims if c.get("p") == str(p)]) >= 10:
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
        out.append({"id": f"c{i}", **c})
    doc = {"numcheck": 1, "defaults": {"precision": "exact"}, "quantities": quantities, "rules": rules, "claims": out}
    return yaml.safe_dump(doc, sort_keys=False)


def direct_z3(model: numcheck.Model) -> dict[str, float]:
    """The plain route: z3's Python API, one solver and one Optimize per component."""
    times = {"build": 0.0, "check": 0.0, "conflicts": 0.0, "ranges": 0.0}
    for part in find_parts(model):
        names, rule_ix, claim_ix = part.quantities, part.rules, part.claims
        t0 = time.perf_counter()
        var = {n: z3.Real(n) for n in names}

        def expr(atom, var=var):  # type: ignore[no-untyped-def]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    print(f"{'claims':>7} {'load':>7} {'verdict+conflicts':>18} {'ranges':>7} {'total':>7} "
          f"{'direct z3':>10} {'ratio':>6} {'peak MB':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"bench-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            t0 = time.perf_counter()
            model = numcheck.load(path, jobs=args.jobs)
            t1 = time.perf_counter()
            quick = numcheck.check_model(model, ranges=False, jobs=args.jobs)
            t2 = time.perf_counter()
            full = numcheck.check_model(model, jobs=args.jobs)
            t3 = time.perf_counter()
            assert quick.verdict == full.verdict
            ranges_time = max(0.0, (t3 - t2) - (t2 - t1))
            ours = (t1 - t0) + (t3 - t2)
            direct = direct_z3(model)
            direct_total = (t1 - t0) + sum(direct.values())
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{len(model.claims):>7} {t1 - t0:>7.2f} {t2 - t1:>18.2f} {ranges_time:>7.2f} {ours:>7.2f} "
                  f"{direct_total:>10.2f} {direct_total / ours:>6.1f} {peak:>8.0f}   "
                  f"[{full.verdict}, {len(full.conflicts)} conflicts; direct: build {direct['build']:.2f} "
                  f"check {direct['check']:.2f} conflicts {direct['conflicts']:.2f} ranges {direct['ranges']:.2f}]")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
