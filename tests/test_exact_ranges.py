"""Ranges where no LP certificate applies (whole-number or signed quantities, `!=`), each proved.

Each file here was once answered wrongly by z3's optimiser, or differently from one call to the
next; the right answers were worked out by hand (issue "Trust")."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import numcheck

CASES = Path(__file__).parent / "cases"


def _range(report: numcheck.Report, name: str) -> tuple[object, bool, object, bool]:
    r = report.ranges[name]
    return r.min, r.min_open, r.max, r.max_open


@pytest.mark.parametrize(("file", "name", "expected"), [
    ("int-signed-upper.yaml", "b", (None, True, Fraction(5), False)),
    ("int-signed-upper.yaml", "a", (Fraction(0), False, None, True)),
    ("int-signed-half.yaml", "b", (None, True, Fraction(229999, 2), False)),
    ("int-not-equal.yaml", "d", (Fraction(9, 5), False, Fraction(11, 5), False)),
    ("int-not-equal.yaml", "b", (Fraction(1), False, None, True)),
    ("int-chain.yaml", "b", (Fraction(1), False, None, True)),
    ("int-chain.yaml", "d", (Fraction(0), True, None, True)),
    ("grim.yaml", "d", (Fraction(375), False, Fraction(499), False)),
    ("grim.yaml", "e", (Fraction(375), True, None, True)),
    ("jobs-not-equal.yaml", "p0_d", (Fraction(0), False, None, True)),
])
def test_each_range_is_the_proved_one(file: str, name: str, expected: tuple[object, bool, object, bool]) -> None:
    report = numcheck.check(CASES / file, timeout=10)
    assert _range(report, name) == expected


@pytest.mark.parametrize("file", sorted(p.name for p in CASES.glob("*.yaml")))
def test_the_same_answer_on_every_call_and_with_any_jobs(file: str) -> None:
    first = numcheck.check(CASES / file, timeout=10).to_dict()
    for jobs in (1, 2, 1):
        again = numcheck.check(CASES / file, timeout=10, jobs=jobs).to_dict()
        assert again == first


def test_a_half_bound_is_proved_quickly_not_timed_out() -> None:
    report = numcheck.check(CASES / "int-signed-half.yaml", timeout=10)
    assert not report.notes
    assert "b" in report.ranges
