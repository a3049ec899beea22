"""Figures over time (claims-format.md, "Figures over time"): dated claims on cumulative and level
quantities, rates over periods, the load errors, the dated sentences and reports, and laws."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import numcheck

from .conftest import ROOT

TOLLS = """
numcheck: 1
sources:
  us-est: {name: US officials, date: 2024-10-25}
  us-later: {name: US officials, date: 2025-10-25}
  uk: {name: UK ministry, date: 2025-03-01}
quantities:
  ru_killed: {unit: soldier, over_time: cumulative, since: 2022-02-24}
claims:
  - {id: us-killed, source: us-est, quantity: ru_killed, value: "more than 115,000"}
  - {id: later, source: us-later, quantity: ru_killed, value: "about 250,000"}
"""


def test_a_toll_that_grows_is_consistent(write) -> None:  # type: ignore[no-untyped-def]
    report = numcheck.check(write("tolls.yaml", TOLLS))
    assert report.verdict == "consistent"
    assert set(report.ranges) == {"ru_killed@2022-02-24", "ru_killed@2024-10-25", "ru_killed@2025-10-25"}


def test_a_toll_that_falls_is_inconsistent_through_never_falls(write) -> None:  # type: ignore[no-untyped-def]
    text = TOLLS + '  - {id: uk-killed, source: uk, quantity: ru_killed, value: "about 90,000"}\n'
    report = numcheck.check(write("tolls.yaml", text))
    assert report.verdict == "inconsistent"
    assert [(c.claims, c.rules) for c in report.conflicts] == [
        (("us-killed", "uk-killed"), ("ru_killed:never-falls@2024-10-25..2025-03-01",))]
    assert report.explanation(report.conflicts[0]).startswith(
        "ru_killed cannot fall from more than 115,000 (US officials, 2024-10-25) to about 90,000 "
        "(UK ministry, 2025-03-01).")


def test_a_file_without_over_time_checks_as_before() -> None:
    before = json.loads((ROOT / "tests" / "expected" / "before-series.json").read_text(encoding="utf-8"))
    for name, old in before.items():
        new = numcheck.check(ROOT / name).to_dict()
        for key in ("verdict", "ranges", "claims", "complete", "agreement", "components", "warnings"):
            assert new[key] == old[key], (name, key)
        assert [(c["claims"], c["rules"], c["distances"]) for c in new["conflicts"]] == [
            (c["claims"], c["rules"], c["distances"]) for c in old["conflicts"]], name


@pytest.mark.parametrize(("claim", "message"), [
    ('{id: nodate, quantity: ru_killed, value: "100"}', "claim 'nodate' has no date"),
    ('{id: early, quantity: ru_killed, value: "100", as_of: 2021-01-01}', "claim 'early' is dated 2021-01-01, before"),
    ('{id: r, quantity: ru_killed, value: "100 a day", as_of: 2023-01-01}', "needs 'period: FROM..TO'"),
    ('{id: r, quantity: ru_killed, value: "100 a day", period: 2024-01-01..2023-01-01}', "ends on or before"),
])
def test_date_errors_name_the_claim_at_its_line(write, claim: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path: Path = write("bad.yaml", "numcheck: 1\nquantities:\n  ru_killed: {unit: soldier, over_time: cumulative, "
                                   f"since: 2022-02-24}}\nclaims:\n  - {claim}\n")
    with pytest.raises(numcheck.InputError) as caught:
        numcheck.load(path)
    assert caught.value.line == 5 and message in caught.value.message
