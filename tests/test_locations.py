"""Every claim and rule a report names leads back to the line it was written on (`Report.where`,
the JSON's `where` maps), and every exact number in the JSON follows one written policy."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app
from numcheck.testing import check_document, claims_document, pushed_claim, true_claims, true_relations, worlds

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"


def _line(where: str) -> str:
    """The text of the line a 'file:line' names, in a claims file or in a shipped pack."""
    path, _, line = where.rpartition(":")
    if path.startswith("numcheck:"):
        text = files("numcheck.packs").joinpath(f"{path.removeprefix('numcheck:')}.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return text.splitlines()[int(line) - 1]


@pytest.mark.parametrize("path", [SEED, *EXAMPLES], ids=lambda p: p.name)
def test_every_claim_and_rule_is_found_on_its_line(path: Path) -> None:
    report = numcheck.check(path)
    for claim in report.model.claims:
        assert claim.id in _line(report.where(claim.id)), claim.id
    for rule in report.model.rules:
        line = _line(report.where(rule.id))
        if rule.kind in ("never-falls", "starts-at-zero"):  # made for a time-indexed quantity: at its declaration
            assert line.lstrip().startswith(f"{rule.id.split(':')[0]}:"), (rule.id, line)
        else:
            assert (rule.template or rule.text) in line, (rule.id, line)


def test_shipped_rules_are_placed_in_their_pack() -> None:
    report = numcheck.check(ROOT / "examples" / "ratio-through-rule.yaml")
    assert report.where("killed-within-casualties[side=ru]") == "numcheck:casualties:14"
    assert report.location("us-killed") == numcheck.Location(str(ROOT / "examples" / "ratio-through-rule.yaml"), 14)
    with pytest.raises(KeyError):
        report.where("no-such-id")


def test_claims_over_time_keep_their_own_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for name, ids in (("cumulative-toll.yaml", ("us-killed", "uk-killed", "us-later")),
                      ("daily-pace.yaml", None)):
        report = numcheck.check(f"examples/{name}")
        text = (ROOT / "examples" / name).read_text(encoding="utf-8").splitlines()
        for claim_id in ids or [c.id for c in report.model.claims]:
            path, line = report.where(claim_id).rsplit(":", 1)
            assert path == f"examples/{name}" and f"id: {claim_id}" in text[int(line) - 1]


def test_the_json_places_every_record_that_names_claims_or_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "examples/ratio-through-rule.yaml", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    [conflict] = doc["conflicts"]
    assert conflict["where"] == {"us-killed": "examples/ratio-through-rule.yaml:14",
                                 "us-ratio": "examples/ratio-through-rule.yaml:15",
                                 "blog-ua": "examples/ratio-through-rule.yaml:16",
                                 "killed-within-casualties[side=ru]": "numcheck:casualties:14"}
    assert [r["where"] for r in doc["repairs"]] == [{c: conflict["where"][c]} for c in conflict["claims"]]
    assert {c["id"]: c["where"] for c in doc["claims"]} == {c: conflict["where"][c] for c in conflict["claims"]}
    assert all(set(a["where"]) == set(a["claims"]) for pairs in doc["agreement"].values() for a in pairs)
    assert all(set(e["where"]) == set(e["claims"]) for e in doc["in_every_conflict"])
    # the contract's keys are all still there, as they were
    assert {"claims", "rules", "explanation", "distances"} <= set(conflict)
    assert set(doc["claims"][0]) == {"id", "status", "where"}


def test_a_claims_list_in_another_order_is_still_placed_by_id() -> None:
    """`to_dict` reads each claim's place straight off the model while the report's statuses
    follow the model's claims one for one; a list a caller reordered is placed by id."""
    report = numcheck.check(ROOT / "examples" / "ratio-through-rule.yaml")
    placed = {c["id"]: c["where"] for c in report.to_dict()["claims"]}
    assert placed == {c.id: str(c.location) for c in report.model.claims}
    report.claims.reverse()
    assert [c["id"] for c in report.to_dict()["claims"]] == [c.id for c in reversed(report.model.claims)]
    assert {c["id"]: c["where"] for c in report.to_dict()["claims"]} == placed


def test_tension_claims_are_placed() -> None:
    report = numcheck.check(ROOT / "examples" / "rounding-tension.yaml")
    [tension] = report.to_dict()["tension"]
    assert tension["needs"] == "4/5" and tension["where"] == {
        "police-count": f"{ROOT}/examples/rounding-tension.yaml:9",
        "organisers-count": f"{ROOT}/examples/rounding-tension.yaml:11"}


# ------------------------------------------------------------------ one policy for exact numbers

EXACT_TEXT = re.compile(r"-?\d+\.\d*[1-9]|-?\d+/\d+")
NUMBER_KEYS = {"min", "max", "gap", "weight"}


def _numbers(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) of a bound, gap or weight field anywhere in the document."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NUMBER_KEYS and not isinstance(value, (dict, list)):
                found.append((f"{path}/{key}", value))
            found.extend(_numbers(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_numbers(value, f"{path}/{i}"))
    return found


def _read(value: Any, where: str = "") -> Fraction | None:
    """The policy, as a reader applies it: null, a JSON integer, or exact non-integer text."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    assert isinstance(value, str) and EXACT_TEXT.fullmatch(value), (where, value)  # never a float, nor "12000"
    exact = Fraction(value)
    assert exact.denominator != 1, (where, value)
    assert ("/" in value) == _no_decimal(exact.denominator), (where, value)  # a decimal whenever one exists
    return exact


def _no_decimal(d: int) -> bool:
    """Whether 1/d has no finite decimal: d has a prime factor other than 2 and 5."""
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d != 1


def _assert_policy(report: numcheck.Report) -> None:
    doc = json.loads(numcheck.render(report, "json"))
    for where, value in _numbers(doc):
        _read(value, where)
    for name, r in report.ranges.items():
        got = doc["ranges"][name]
        assert (_read(got["min"]), _read(got["max"])) == (r.min, r.max)
        assert got["min_open"] is True if got["min"] is None else True
        assert got["max_open"] is True if got["max"] is None else True
    for conflict, shown in zip(report.conflicts, doc["conflicts"]):
        for d, s in zip(conflict.distances, shown["distances"]):
            assert _read(s["gap"]) == d.gap and _read(s["others_allow"]["max"]) == d.allowed.max
    for repair, shown in zip(report.repairs, doc["repairs"]):
        assert _read(shown["weight"]) == repair.weight
    for tension, shown in zip(report.tension, doc["tension"]):
        assert isinstance(shown["needs"], str) and Fraction(shown["needs"]) == tension.needs  # the contract's "4/5"


@settings(max_examples=25)
@given(st.data())
def test_every_bound_gap_and_weight_follows_the_one_policy(data: st.DataObject) -> None:
    world = data.draw(worlds(["a", "b", "c"], max_value=5000))
    claims = data.draw(true_claims(world, max_size=5)) + data.draw(true_relations(world, max_size=3))
    if data.draw(st.booleans()):
        claims.append(pushed_claim(world, next(c for c in claims if "quantity" in c) if any(
            "quantity" in c for c in claims) else {"quantity": "a", "value": "5"}))
    weights = data.draw(st.sampled_from([None, "0.5", "1/3", "2"]))
    if weights is not None and claims:
        claims[0] = {**claims[0], "weight": weights}
    _assert_policy(check_document(claims_document(world, claims)))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_follow_the_policy(path: Path) -> None:
    _assert_policy(numcheck.check(path))
