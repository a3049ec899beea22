"""The engine's routes in the JSON, on request (`--routes`, `RenderOptions(routes=True)`): off by
default, so that the JSON stays the same whatever `--jobs`; on, every part names the route that
decided its verdict and the one that proved its ranges, and nothing else in the document moves."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app

from .conftest import ROOT

SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"
ELECTION = ROOT / "examples" / "election-shares.yaml"
KEYS = {"verdict_route", "ranges_route", "ranges_solve", "repairs_route"}


def _json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", [SEED, ELECTION], ids=lambda p: p.name)
def test_routes_are_added_only_when_asked_and_change_nothing_else(path: object) -> None:
    plain = _json(str(path))
    routed = _json(str(path), "--routes")
    components = routed["components"]
    assert isinstance(components, list)
    assert all(not KEYS & set(c) for c in plain["components"])  # type: ignore[union-attr]
    assert all(KEYS <= set(c) for c in components)
    stripped = [{k: v for k, v in c.items() if k not in KEYS} for c in components]
    assert {**routed, "components": stripped} == plain


def test_the_seed_names_its_fast_routes() -> None:
    components = _json(str(SEED), "--routes")["components"]
    assert isinstance(components, list)
    verdicts = {c["verdict_route"] for c in components}
    assert "lp-vertices" in verdicts  # consistent parts proved by their certified vertices
    assert {c["ranges_route"] for c in components} == {"lp-certificate"}


def test_the_library_gives_the_same_routes() -> None:
    report = numcheck.check(ELECTION, jobs=1)
    document = report.to_dict(routes=True)
    assert document["components"][0]["verdict_route"] == report.components[0].verdict_route
    assert "verdict_route" not in report.to_dict()["components"][0]
    with pytest.raises(numcheck.UsageError):
        numcheck.RenderOptions(routes="yes")  # type: ignore[arg-type]


def test_repairs_come_from_the_branch_and_bound_unless_it_is_switched_off() -> None:
    """The fast repair search is taken on a small part; switched off, z3 finds the same repairs."""
    fast = numcheck.check(ELECTION, jobs=1)
    slow = numcheck.check(ELECTION, jobs=1, branch_and_bound=False)
    assert fast.components[0].repairs_route == "branch-and-bound"
    assert slow.components[0].repairs_route == "z3"
    assert [r.drop for r in fast.repairs] == [r.drop for r in slow.repairs] and len(fast.repairs) == 4
    assert _json(str(ELECTION), "--routes")["components"][0]["repairs_route"] == "branch-and-bound"  # type: ignore[index]


def test_a_part_held_by_rules_alone_is_proved_by_its_vertices(write) -> None:  # type: ignore[no-untyped-def]
    """Quantities no claim names but a rule ties together (a rule pack's rule on a figure the
    file has no claim on yet) take the LP route too, not a z3 solver of their own each."""
    path = write("rules-only.yaml", """\
        numcheck: 1
        quantities:
          killed: {unit: soldier}
          wounded: {unit: soldier}
          casualties: {unit: soldier}
          troops: {unit: soldier}
        rules:
          - killed + wounded <= casualties
        claims:
          - {id: t, quantity: troops, value: up to 12000}
        """)
    components = _json(str(path), "--routes")["components"]
    assert isinstance(components, list)
    ruled = [c for c in components if "casualties" in c["quantities"]]
    assert [(c["verdict"], c["verdict_route"], c["ranges_route"]) for c in ruled] == [
        ("consistent", "lp-vertices", "lp-certificate")]
