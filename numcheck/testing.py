"""Hypothesis strategies for property-testing claims files and rule packs.

numcheck's own laws are tested with these, and they are public so that you can test a rule pack of
your own the same way: draw a world of true values, keep it if your rules hold in it, draw claims
that are true in it, and check that numcheck never flags them::

    from hypothesis import assume, given, strategies as st
    from numcheck.testing import check_document, claims_document, rules_hold, true_claims, worlds

    NAMES = ["ru_killed", "ru_wounded", "ru_casualties"]

    @given(st.data())
    def test_my_pack_never_flags_the_truth(data):
        world = data.draw(worlds(NAMES))
        assume(rules_hold("numcheck:casualties", world, units={n: "soldier" for n in NAMES}))
        claims = data.draw(true_claims(world))
        doc = claims_document(world, claims, include=["numcheck:casualties"], unit="soldier")
        assert check_document(doc, folder=".").verdict == "consistent"

Worlds hold whole numbers, and generated files use `precision: exact`, so every claim is written
with numbers that mean exactly what they say and a true claim is true without any rounding slack.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from numcheck.check import check_model
from numcheck.read.loader import load
from numcheck.render.numbers import exact
from numcheck.report import Report

__all__ = [
    "check_document",
    "claims_document",
    "exact_claims",
    "pushed_claim",
    "rules_hold",
    "true_claims",
    "true_relations",
    "true_rules",
    "worlds",
]

World = dict[str, int]


def worlds(names: Sequence[str], *, max_value: int = 10**6, min_value: int = 0) -> st.SearchStrategy[World]:
    """True values for the named quantities: whole numbers, so that any claim about them can be
    written exactly in a value phrase."""
    return st.fixed_dictionaries({n: st.integers(min_value=min_value, max_value=max_value) for n in names})


@st.composite
def _true_claim(draw: st.DrawFn, world: World, name: str, scale: int = 1, unit: str | None = None) -> dict[str, Any]:
    v = world[name] * scale
    kind = draw(st.sampled_from(["between", "up to", "at least", "more than", "fewer than", "exact"]))
    wiggle = st.integers(min_value=0, max_value=max(1, abs(v) // 2 + 5))
    suffix = f" {unit}" if unit else ""

    def below(lo: int) -> int:  # a lower bound: never below 0 for a value that is not negative
        return lo if v < 0 else max(0, lo)

    if kind == "between":
        lo, hi = below(v - draw(wiggle)), v + draw(wiggle)
        value = f"between {lo} and {hi}{suffix}"
    elif kind == "up to":
        value = f"up to {v + draw(wiggle)}{suffix}"
    elif kind == "at least":
        value = f"at least {below(v - draw(wiggle))}{suffix}"
    elif kind == "more than":
        if v == 0:
            value = f"at least 0{suffix}"
        else:
            value = f"more than {below(v - 1 - draw(wiggle))}{suffix}"
    elif kind == "fewer than":
        value = f"fewer than {v + 1 + draw(wiggle)}{suffix}"
    else:
        value = f"{v}{suffix}"
    return {"quantity": name, "value": value}


@st.composite
def true_claims(draw: st.DrawFn, world: World, *, min_size: int = 1, max_size: int = 12,
                unit_scale: int = 1, unit: str | None = None) -> list[dict[str, Any]]:
    """Claims (as claims-file mappings, ids filled in) whose intervals contain the world's values
    (a negative value, for a quantity declared `signed`, gets negative bounds).

    With `unit_scale` and `unit`, values are written in another unit: `unit_scale=1000,
    unit="m"` writes a km world in metres.
    """
    names = sorted(world)
    picks = draw(st.lists(st.sampled_from(names), min_size=min_size, max_size=max_size))
    claims = [draw(_true_claim(world, n, unit_scale, unit)) for n in picks]
    for i, c in enumerate(claims):
        c["id"] = f"c{i}"
    return claims


@st.composite
def true_relations(draw: st.DrawFn, world: World, *, max_size: int = 4) -> list[dict[str, Any]]:
    """Relation claims that hold in the world: `a <= k * b`, `a + b >= c`."""
    names = sorted(world)
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        if a == b:
            continue
        if world[b] > 0:
            k = Fraction(world[a], world[b])
            slack = Fraction(draw(st.integers(min_value=0, max_value=50)), 100)
            factor = k + slack
            out.append({"relation": f"{a} <= {_decimal_up(factor)} * {b}"})
        else:
            out.append({"relation": f"{a} + {b} >= {world[a] + world[b]}"})
    for i, c in enumerate(out):
        c["id"] = f"r{i}"
    return out


def _decimal_up(x: Fraction) -> str:
    """The smallest 6-place decimal >= x, written exactly (rules read numbers exactly)."""
    return exact(Fraction(-((-x.numerator * 10**6) // x.denominator), 10**6))


@st.composite
def true_rules(draw: st.DrawFn, world: World, *, max_size: int = 3) -> list[str]:
    """Rules that hold in the world: sums of some quantities bounded by others or by constants."""
    names = sorted(world)
    rules: list[str] = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        parts = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        total = sum(world[p] for p in parts)
        others = [n for n in names if n not in parts]
        use_other: bool = draw(st.booleans())
        if others and use_other:
            big = draw(st.sampled_from(others))
            if world[big] >= total:
                rules.append(f"{' + '.join(parts)} <= {big}")
                continue
        rules.append(f"{' + '.join(parts)} <= {total + draw(st.integers(min_value=0, max_value=100))}")
    return rules


def pushed_claim(world: World, claim: dict[str, Any], *, claim_id: str = "pushed") -> dict[str, Any]:
    """A claim about the same quantity that contradicts `claim` (and the truth): its interval
    starts above everything `claim` allows, or ends below it."""
    name = claim["quantity"]
    value: str = claim["value"]
    words = value.split()
    numbers = [int(w) for w in words if w.isdigit()]
    top = max(numbers) if numbers else world[name]
    if value.startswith(("at least", "more than")):
        low = numbers[0]
        if low == 0:
            return {"id": claim_id, "quantity": name, "value": "fewer than 0"}
        return {"id": claim_id, "quantity": name, "value": f"fewer than {low}"}
    return {"id": claim_id, "quantity": name, "value": f"more than {top + 1}"}


def exact_claims(world: Mapping[str, int]) -> list[dict[str, Any]]:
    """One claim per quantity stating its value exactly (`x0`, `x1`, …): with `precision: exact`
    they pin the world, so a file of them is consistent exactly when the rules hold in it. A
    world that breaks a rule must then be flagged, with that rule in the conflict."""
    return [{"id": f"x{i}", "quantity": name, "value": str(value)} for i, (name, value) in enumerate(world.items())]


def _declared(world: Mapping[str, int], unit: str, units: Mapping[str, str] | None,
              signed: Collection[str]) -> dict[str, dict[str, Any]]:
    declared: dict[str, dict[str, Any]] = {}
    for name in world:
        declared[name] = {"unit": (units or {}).get(name, unit)}
        if name in signed:
            declared[name]["signed"] = True
    return declared


def claims_document(world: Mapping[str, int], claims: Sequence[Mapping[str, Any]], *, rules: Sequence[str] = (),
                    include: Sequence[str] = (), unit: str = "soldier",
                    units: Mapping[str, str] | None = None, signed: Collection[str] = ()) -> str:
    """A format-1 claims file (YAML text) with one quantity per world name; `units` gives a
    name its own unit (else `unit`), and the names in `signed` may be negative."""
    doc: dict[str, Any] = {
        "numcheck": 1,
        "defaults": {"precision": "exact"},
        "quantities": _declared(world, unit, units, signed),
    }
    if include:
        doc["include"] = list(include)
    if rules:
        doc["rules"] = list(rules)
    doc["claims"] = [dict(c) for c in claims]
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def check_document(text: str, *, folder: str | os.PathLike[str] | None = None, **options: Any) -> Report:
    """Check claims-file text; `folder` is where its includes are found (default: a temp folder)."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=folder, delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        return check_model(load(path, allow_includes_outside=folder is None), **options)
    finally:
        os.unlink(path)


def rules_hold(pack: str | os.PathLike[str], world: Mapping[str, int], *, units: Mapping[str, str],
               signed: Collection[str] = ()) -> bool:
    """Whether every rule of a pack (a path, or `numcheck:NAME` for a shipped one) holds for
    these values (exact evaluation, no solver); the names in `signed` are declared signed."""
    named = str(pack) if str(pack).startswith("numcheck:") else str(Path(pack).resolve())
    doc = {"numcheck": 1, "include": [named], "quantities": _declared(world, "", units, signed)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "world.yaml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        model = load(path, allow_includes_outside=True)  # the pack is the caller's own file
    values = {n: Fraction(v) for n, v in world.items()}
    return all(atom.holds(values) for rule in model.rules for atom in rule.atoms) and all(
        e.holds(values) for rule in model.rules for e in rule.either)
