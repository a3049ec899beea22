"""Tension: the least share λ of their rounding that a consistent part's claims need, exact.

Hand-computed cases (the contract's 4/5, and others worked out below), what does not shrink
(hedged edges, ranges, vague amounts, relative values), and two laws: claims drawn from a world
with room need no rounding at all, and a bare number pushed against a bound needs exactly the
share of its rounding that the push takes."""

from __future__ import annotations

import tempfile
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numcheck
from numcheck import render
from numcheck.engine import tension

from .conftest import ROOT


def _file(claims: list[str], quantities: str = "x: {unit: soldier}", rules: list[str] | None = None,
          defaults: str = "") -> str:
    lines = ["numcheck: 1", *([f"defaults: {defaults}"] if defaults else []), "quantities:",
             *(f"  {q}" for q in quantities.split("\n")), *(["rules:", *(f"  - {r}" for r in rules)] if rules else []),
             "claims:", *(f"  - {c}" for c in claims)]
    return "\n".join(lines) + "\n"


def _tension(write, text: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    report = numcheck.check(write("t.yaml", text))
    assert report.verdict == "consistent"
    return [t.to_dict() for t in report.tension]


def test_the_contract_example_needs_four_fifths(write) -> None:  # type: ignore[no-untyped-def]
    text = _file(["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'at least 12,400'}"])
    assert _tension(write, text) == [{"part": 0, "claims": ["a", "b"], "needs": "4/5", "strict": False}]


@pytest.mark.parametrize(("claims", "quantities", "rules", "defaults", "needs", "strict", "tight"), [
    # 12,000 + 500λ >= 12,100 − 50λ: λ = 100/550
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: '12,100'}"], "x: {unit: soldier}",
     None, "", "2/11", False, ["a", "b"]),
    # a + b == t: (1,000 + 100λ) + (2,000 + 200λ) >= 3,150 ('2,000' is ±500, capped at 10%): λ = 1/2
    (["{id: a, quantity: a, value: 'about 1,000'}", "{id: b, quantity: b, value: '2,000'}",
      "{id: t, quantity: t, value: 'at least 3,150'}", "{id: other, quantity: a, value: 'at most 5,000'}"],
     "a: {unit: soldier}\nb: {unit: soldier}\nt: {unit: soldier}", ["a + b == t"], "", "1/2", False, ["a", "b", "t"]),
    # only above 4/5 will do: x > 12,400
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'more than 12,400'}"],
     "x: {unit: soldier}", None, "", "4/5", True, ["a", "b"]),
    # a whole number above 12,400 is at least 12,401: reached at λ = 401/500
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'more than 12,400'}"],
     "x: {unit: soldier, integer: true}", None, "", "401/500", False, ["a", "b"]),
    # 'nearly 10,000' is 9,000 to 10,000; only its low end moves: 10,000 − 1,000λ <= 9,500
    (["{id: a, quantity: x, value: 'nearly 10,000'}", "{id: b, quantity: x, value: 'at most 9,500'}"],
     "x: {unit: soldier}", None, "", "1/2", False, ["a", "b"]),
    # precision 5%: 12,000 is 11,400 to 12,600; 12,000 + 600λ >= 12,300
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'at least 12,300'}"],
     "x: {unit: soldier}", None, "{precision: '5%'}", "1/2", False, ["a", "b"]),
    # a number alone, from a strict bound at its written value: any rounding at all will do
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'more than 12,000'}"],
     "x: {unit: soldier}", None, "", "0", True, ["a", "b"]),
    # through a rule and a quantity no number pins: 12,000 − 500λ + 600 <= 12,400
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: y, value: 'at least 600'}"],
     "x: {unit: soldier}\ny: {unit: soldier}", ["x + y <= 12400"], "", "2/5", False, ["a", "b"]),
    # the whole rounding: 12,000 + 500λ >= 12,500
    (["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'at least 12,500'}"],
     "x: {unit: soldier}", None, "", "1", False, ["a", "b"]),
])
def test_hand_computed_tensions(write, claims, quantities, rules, defaults, needs, strict, tight) -> None:  # type: ignore[no-untyped-def]
    found = _tension(write, _file(claims, quantities, rules, defaults))
    assert found == [{"part": 0, "claims": tight, "needs": needs, "strict": strict}]


@pytest.mark.parametrize("claims", [
    ["{id: a, quantity: x, value: 'up to 12,000'}", "{id: b, quantity: x, value: 'at least 12,000'}"],  # hedge edges
    ["{id: a, quantity: x, value: 'between 10 and 20'}", "{id: b, quantity: x, value: 'at least 20'}"],  # a range
    ["{id: a, quantity: x, value: 'hundreds of'}", "{id: b, quantity: x, value: 'at least 999'}"],  # vague
    ["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: '12,000'}"],  # the same number
])
def test_what_does_not_shrink_has_no_tension(write, claims) -> None:  # type: ignore[no-untyped-def]
    assert _tension(write, _file(claims)) == []


def test_room_left_by_a_quantity_no_number_pins_is_no_tension(write) -> None:  # type: ignore[no-untyped-def]
    text = _file(["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: y, value: 'at least 600'}",
                  "{id: c, quantity: z, value: '7'}"],
                 "x: {unit: soldier}\ny: {unit: soldier}\nz: {unit: soldier}", ["x + y <= 12700", "z <= y"])
    assert _tension(write, text) == []


def test_relative_values_do_not_shrink(write) -> None:  # type: ignore[no-untyped-def]
    """x is 0.45·q to 0.55·q, q exactly 100: x = 55 holds only at the band's edge, which stays."""
    text = _file(["{id: q, quantity: q, value: '100'}", "{id: half, quantity: x, value: 'about half of q'}",
                  "{id: b, quantity: x, value: 'at least 55'}"],
                 "x: {unit: soldier}\nq: {unit: soldier}", defaults="{precision: exact}")
    assert _tension(write, text) == []


def test_exact_precision_has_nothing_to_shrink(write) -> None:  # type: ignore[no-untyped-def]
    text = _file(["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: '12,000'}"],
                 defaults="{precision: exact}")
    assert _tension(write, text) == []


def test_an_inconsistent_part_has_no_tension_and_the_verdict_is_untouched(write) -> None:  # type: ignore[no-untyped-def]
    text = _file(["{id: a, quantity: x, value: '12,000'}", "{id: b, quantity: x, value: 'at least 13,000'}",
                  "{id: c, quantity: y, value: '500'}", "{id: d, quantity: y, value: 'at least 500.4'}"],
                 "x: {unit: soldier}\ny: {unit: soldier}")
    report = numcheck.check(write("t.yaml", text))
    assert report.verdict == "inconsistent"
    y_part = next(c.index for c in report.components if c.quantities == ("y",))
    assert [t.to_dict() for t in report.tension] == [
        {"part": y_part, "claims": ["c", "d"], "needs": "4/5", "strict": False}]


def test_parts_without_room_are_not_searched(write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def searched(problem: object) -> None:
        raise AssertionError("a part with nothing to shrink was searched")

    monkeypatch.setattr(tension, "least_lambda", searched)
    text = _file(["{id: a, quantity: x, value: 'up to 12,000'}", "{id: b, quantity: x, value: 'between 5 and 9'}"])
    assert _tension(write, text) == []


def test_the_example_file_and_its_report(tmp_path: Path) -> None:
    report = numcheck.check(ROOT / "examples" / "rounding-tension.yaml")
    assert [t.to_dict() for t in report.tension] == [
        {"part": 0, "claims": ["police-count", "organisers-count"], "needs": "4/5", "strict": False}]
    lines = render(report, "text").splitlines()
    assert lines[4] == "What to look at first:"
    assert lines[5].startswith("  Consistent only thanks to rounding: police-count and organisers-count need at "
                               "least 4/5 of their rounding")
    assert "## What to look at first" in render(report, "markdown")
    assert 'id="first"' in render(report, "html")


def _write(text: str) -> numcheck.Report:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "world.yaml"
        path.write_text(text, encoding="utf-8")
        return numcheck.check(path)


@st.composite
def worlds(draw: st.DrawFn) -> str:
    """True values; each stated by a bare number rounded at its last nonzero digits (its interval
    strictly holds the true value), by hedged bounds with room, and joined by sums with room."""
    n = draw(st.integers(1, 4))
    values = [draw(st.integers(1_000, 900_000)) for _ in range(n)]
    claims: list[str] = []
    for i, v in enumerate(values):
        step = draw(st.sampled_from([10, 100, 1000]))
        written = (v + step // 2) // step * step  # rounded; the error is at most step/2
        if written == v or abs(v - written) * 2 == step or written % (10 * step) == 0:
            written = v  # no clean rounding here: the number itself, read to the unit
        claims.append(f"{{id: n{i}, quantity: q{i}, value: '{written}'}}")
        if draw(st.booleans()):
            claims.append(f"{{id: low{i}, quantity: q{i}, value: 'at least {v - 2 * step}'}}")
        if draw(st.booleans()):
            claims.append(f"{{id: high{i}, quantity: q{i}, value: 'at most {v + 2 * step}'}}")
    rules = []
    if n >= 2 and draw(st.booleans()):
        rules.append(f"q0 + q1 <= q{n - 1} + {values[0] + values[1] - values[n - 1] + 5000}")
    if n >= 2 and draw(st.booleans()):
        rules.append(f"q0 - q1 <= {values[0] - values[1] + 5000}")
    return _file(claims, "\n".join(f"q{i}: {{unit: soldier}}" for i in range(n)), rules)


@settings(max_examples=40)
@given(worlds())
def test_claims_from_a_world_with_room_have_no_tension(text: str) -> None:
    report = _write(text)
    assert report.verdict == "consistent"
    assert report.tension == []


@settings(max_examples=40)
@given(st.integers(1, 899).filter(lambda k: k % 10 != 0), st.integers(1, 100), st.booleans(),
       st.sampled_from(["at least", "more than"]))
def test_a_pushed_number_needs_exactly_the_share_its_push_takes(k: int, push: int, low: bool, hedge: str) -> None:
    """A bare number with three trailing zeros (read ±500) and a bound pushed 5·push into its
    rounding, from above or below: the number needs push/100 of its rounding, strictly so when
    the bound is strict."""
    written = 10**7 + k * 1000
    bound = written - 5 * push if low else written + 5 * push
    word = {"at least": "at most", "more than": "less than"}[hedge] if low else hedge
    text = _file([f"{{id: n, quantity: x, value: '{written}'}}", f"{{id: b, quantity: x, value: '{word} {bound}'}}"])
    report = _write(text)
    if push == 100 and hedge == "more than":
        assert report.verdict == "inconsistent"  # past the whole rounding
        return
    assert report.verdict == "consistent"
    assert [(t.needs, t.strict, t.claims) for t in report.tension] == [(F(push, 100), hedge == "more than", ("n", "b"))]
