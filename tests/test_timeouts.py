"""--timeout bounds each independent part, and only the part that gives up is marked unknown."""

from __future__ import annotations

import time
from pathlib import Path

import numcheck


def _chain(tmp_path: Path, n: int = 1000, extra: str = "") -> Path:
    """A 1,000-rule chain: one large part whose exact certificate costs seconds when solved densely."""
    lines = ["numcheck: 1", "quantities:"] + [f"  q{i}: {{unit: person}}" for i in range(n + 1)]
    lines += ["  w: {unit: person, integer: true}", "  s: {unit: person, signed: true}"]
    lines += ["rules:"] + [f"  - 'q{i} <= q{i + 1} + 1'" for i in range(n)]
    lines += ["claims:", "  - {id: a, quantity: q0, value: 'at least 5'}",
              f"  - {{id: b, quantity: q{n}, value: 'at most 100000'}}",
              "  - {id: w1, quantity: w, value: 'at most 7.5'}",
              "  - {id: s1, quantity: s, value: 'more than 3'}"]
    path = tmp_path / "chain.yaml"
    path.write_text("\n".join(lines) + extra + "\n")
    return path


def test_a_part_that_runs_out_of_time_is_the_only_one_without_ranges(tmp_path: Path) -> None:
    path = _chain(tmp_path)
    started = time.perf_counter()
    # the dense exact solve (the sparse one settles this chain in well under a second) makes the
    # part cost seconds, so that it runs out of time
    report = numcheck.check(path, timeout=1, sparse_certificates=False)
    solve = report.timings["solve"]
    assert time.perf_counter() - started < 10
    # the part's limit and a tenth more, the other parts' own work, and room for a loaded machine
    # (without the limit kept, this part alone took 8 s)
    assert solve < 3
    assert report.verdict == "consistent"  # the verdict is proved before the ranges are given up
    assert "q0" not in report.ranges
    assert any("timed out" in note for note in report.notes)
    # the small whole-number and signed parts beside it keep their proved ranges
    assert report.ranges["w"].max == 7 and not report.ranges["w"].max_open
    assert report.ranges["s"].min == 3 and report.ranges["s"].min_open


def test_with_time_enough_the_same_part_gets_exact_ranges(tmp_path: Path) -> None:
    report = numcheck.check(_chain(tmp_path, n=200), timeout=60)
    assert report.ranges["q0"].min == 5 and report.ranges["q200"].max == 100000
