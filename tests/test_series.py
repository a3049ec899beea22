"""Figures over time (claims-format.md, "Figures over time"): dated claims on cumulative and level
quantities, rates over periods, the load errors, the dated sentences and reports, and laws."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import numcheck
from numcheck.testing import check_document, claims_document, pushed_claim, true_claims, worlds

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
        for key in ("claims", "agreement"):  # their `where` came after before-series.json was written
            new[key] = _unplaced(new[key])
        for key in ("verdict", "ranges", "claims", "complete", "agreement", "components", "warnings"):
            assert new[key] == old[key], (name, key)
        assert [(c["claims"], c["rules"], c["distances"]) for c in new["conflicts"]] == [
            (c["claims"], c["rules"], c["distances"]) for c in old["conflicts"]], name


def _unplaced(doc: Any) -> Any:
    """`doc` without its `where` entries."""
    if isinstance(doc, dict):
        return {k: _unplaced(v) for k, v in doc.items() if k != "where"}
    return [_unplaced(v) for v in doc] if isinstance(doc, list) else doc


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


# ----------------------------------------------------------------------------- laws

BASE = dt.date(2022, 2, 24)


@st.composite
def true_series(draw: st.DrawFn) -> tuple[list[dt.date], list[int]]:
    """Dates in order and a true non-decreasing toll on them (whole numbers)."""
    gaps = draw(st.lists(st.integers(1, 400), min_size=1, max_size=7))
    dates, day = [], BASE + dt.timedelta(days=draw(st.integers(0, 30)))
    for gap in gaps:
        day += dt.timedelta(days=gap)
        dates.append(day)
    steps = draw(st.lists(st.integers(0, 5_000), min_size=len(dates), max_size=len(dates)))
    values = [sum(steps[:i + 1]) for i in range(len(dates))]
    return dates, values


@st.composite
def _true_value(draw: st.DrawFn, v: int) -> str:
    wiggle = st.integers(0, v // 3 + 5)
    kind = draw(st.sampled_from(["at least", "at most", "exact", "between"]))
    if kind == "at least":
        return f"at least {max(0, v - draw(wiggle))}"
    if kind == "at most":
        return f"at most {v + draw(wiggle)}"
    if kind == "between":
        return f"between {max(0, v - draw(wiggle))} and {v + draw(wiggle)}"
    return str(v)


@st.composite
def _true_rate(draw: st.DrawFn, dates: list[dt.date], values: list[int], i: int, j: int) -> dict[str, str]:
    """A rate over dates[i]..dates[j] whose interval holds the true average pace."""
    unit, days_per = draw(st.sampled_from([("a day", Fraction(1)), ("per week", Fraction(7)),
                                           ("a month", Fraction(1461, 48)), ("par an", Fraction(1461, 4))]))
    pace = Fraction(values[j] - values[i], (dates[j] - dates[i]).days) * days_per
    low, high = math.floor(pace) - draw(st.integers(0, 50)), math.ceil(pace) + draw(st.integers(0, 50))
    kind = draw(st.sampled_from(["between", "at least", "at most"]))
    value = {"between": f"between {max(0, low)} and {high}", "at least": f"at least {max(0, low)}",
             "at most": f"at most {high}"}[kind]
    return {"quantity": "toll", "value": f"{value} {unit}", "period": f"{dates[i]}..{dates[j]}"}


@st.composite
def true_toll_claims(draw: st.DrawFn) -> tuple[list[dt.date], list[int], list[dict[str, str]]]:
    dates, values = draw(true_series())
    claims: list[dict[str, str]] = []
    for d, v in zip(dates, values):
        for _ in range(draw(st.integers(0, 2))):
            claims.append({"quantity": "toll", "value": draw(_true_value(v)), "as_of": d.isoformat()})
    for _ in range(draw(st.integers(0, 2)) if len(dates) > 1 else 0):
        i = draw(st.integers(0, len(dates) - 2))
        claims.append(draw(_true_rate(dates, values, i, draw(st.integers(i + 1, len(dates) - 1)))))
    if not claims:
        claims.append({"quantity": "toll", "value": str(values[0]), "as_of": dates[0].isoformat()})
    return dates, values, claims


def _document(claims: list[dict[str, Any]], *, since: dt.date | None = None, kind: str = "cumulative") -> str:
    quantity: dict[str, str] = {"unit": "soldier", "over_time": kind}
    if since is not None:
        quantity["since"] = since.isoformat()
    return yaml.safe_dump({"numcheck": 1, "defaults": {"precision": "exact"}, "quantities": {"toll": quantity},
                           "claims": [{"id": f"c{k}", **c} for k, c in enumerate(claims)]}, sort_keys=False)


@settings(max_examples=60)
@given(case=true_toll_claims(), since=st.booleans())
def test_claims_from_a_true_rising_toll_are_never_flagged(case: Any, since: bool) -> None:
    dates, values, claims = case
    if since:  # the toll was 0 on its first day: start the series there
        claims = [*claims, {"quantity": "toll", "value": "0", "as_of": BASE.isoformat()}]
    report = check_document(_document(claims, since=BASE if since else None))
    assert report.verdict == "consistent", [c.claims for c in report.conflicts]


@settings(max_examples=40)
@given(case=true_toll_claims(), data=st.data())
def test_a_value_pushed_below_an_earlier_one_is_flagged_through_never_falls(case: Any, data: st.DataObject) -> None:
    dates, values, claims = case
    assume(len(dates) > 1 and values[-1] > 0)
    i = data.draw(st.integers(0, len(dates) - 2))
    assume(values[i] > 0)
    j = data.draw(st.integers(i + 1, len(dates) - 1))
    pushed = data.draw(st.integers(0, values[i] - 1))
    claims = [*claims, {"quantity": "toll", "value": str(values[i]), "as_of": dates[i].isoformat()},
              {"quantity": "toll", "value": f"at most {pushed}", "as_of": dates[j].isoformat()}]
    report = check_document(_document(claims))
    assert report.verdict == "inconsistent"
    ours = f"c{len(claims) - 1}"
    kinds = {r.id: r.kind for r in report.model.rules}
    assert all(ours in c.claims for c in report.conflicts)
    assert any(c.rules and all(kinds[r] == "never-falls" for r in c.rules) for c in report.conflicts)


def _shifted(claims: list[dict[str, str]], days: int) -> list[dict[str, str]]:
    def move(text: str) -> str:
        return (dt.date.fromisoformat(text) + dt.timedelta(days=days)).isoformat()

    out = []
    for c in claims:
        c = dict(c)
        if "as_of" in c:
            c["as_of"] = move(c["as_of"])
        if "period" in c:
            c["period"] = "..".join(move(part) for part in c["period"].split(".."))
        out.append(c)
    return out


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _undated(text: str, dates: dict[str, int]) -> str:
    """Ids and names with their dates replaced by their rank, so that shifted reports compare."""
    return _DATE.sub(lambda m: f"#{dates[m.group()]}", text)


@settings(max_examples=40)
@given(case=true_toll_claims(), days=st.integers(-3_000, 3_000), push=st.booleans(),
       kind=st.sampled_from(["cumulative", "level"]))
def test_moving_every_date_by_the_same_days_changes_nothing(case: Any, days: int, push: bool, kind: str) -> None:
    dates, values, claims = case
    if push and values[-1] > 0:
        claims = [*claims, {"quantity": "toll", "value": f"fewer than {values[-1]}", "as_of": dates[-1].isoformat()}]
    reports = [check_document(_document(c, kind=kind)) for c in (claims, _shifted(claims, days))]
    shapes = []
    for report in reports:
        ranks = {q.date.isoformat(): k for k, q in enumerate(report.model.quantities.values()) if q.date}
        shapes.append((report.verdict,
                       [(c.claims, tuple(_undated(r, ranks) for r in c.rules)) for c in report.conflicts],
                       {_undated(name, ranks): r.to_dict() for name, r in report.ranges.items()}))
    assert shapes[0] == shapes[1]


@settings(max_examples=40)
@given(world=worlds(["toll"], max_value=10_000), data=st.data())
def test_on_one_date_over_time_changes_only_the_names(world: dict[str, int], data: st.DataObject) -> None:
    claims = data.draw(true_claims(world, max_size=5))
    if data.draw(st.booleans()):
        claims.append(pushed_claim(world, claims[0]))
    plain = check_document(claims_document(world, claims))
    timed = check_document(_document([{**c, "as_of": "2024-10-25"} for c in claims], kind="level"))
    assert timed.verdict == plain.verdict
    assert [c.claims for c in timed.conflicts] == [c.claims for c in plain.conflicts]
    assert {n.replace("@2024-10-25", ""): r.to_dict() for n, r in timed.ranges.items()} == {
        n: r.to_dict() for n, r in plain.ranges.items()}


# ----------------------------------------------------------------------------- rates, levels, rules

def _load(write: Any, quantities: str, claims: str, rules: str = "", lang: str = "en") -> numcheck.Model:
    text = (f"numcheck: 1\ndefaults: {{lang: {lang}}}\nquantities:\n{quantities}\n"
            + (f"rules:\n{rules}\n" if rules else "") + f"claims:\n{claims}\n")
    return numcheck.load(write("f.yaml", text))


def _bounds(claim: numcheck.Claim) -> list[tuple[str, dict[str, Fraction], Fraction]]:
    return [(a.op, dict(a.expr.terms), a.expr.const) for a in claim.atoms]


@pytest.mark.parametrize(("value", "lang", "per_day"), [
    ("about 400 a day", "en", (Fraction(360), Fraction(440))),
    ("400 per day", "en", (Fraction("399.5"), Fraction("400.5"))),
    ("between 300 and 500 daily", "en", (Fraction(300), Fraction(500))),
    ("2,800 a week", "en", (Fraction(2750, 7), Fraction(2850, 7))),
    ("environ 1 200 par mois", "fr", (Fraction(1080) * 48 / 1461, Fraction(1320) * 48 / 1461)),
    ("up to 146,100 a year", "en", (None, Fraction(146100) * 4 / 1461)),
    ("plus de 400 par jour", "fr", (Fraction(400), None)),
])
def test_rate_phrases_read_exactly(write: Any, value: str, lang: str,
                                   per_day: tuple[Fraction | None, Fraction | None]) -> None:
    model = _load(write, "  k: {unit: soldier, over_time: cumulative}",
                  f"  - {{id: pace, quantity: k, value: '{value}', period: 2024-10-25..2025-03-01}}", lang=lang)
    pace = model.claim("pace")
    days = 127
    start, end = "k@2024-10-25", "k@2025-03-01"
    assert pace.period == (dt.date(2024, 10, 25), dt.date(2025, 3, 1)) and pace.quantity is None
    expected = []
    lo, hi = per_day
    if lo is not None:
        expected.append(({start: Fraction(1), end: Fraction(-1)}, lo * days))
    if hi is not None:
        expected.append(({start: Fraction(-1), end: Fraction(1)}, -hi * days))
    assert [(terms, const) for _, terms, const in _bounds(pace)] == expected
    assert set(model.quantities) == {start, end}


def test_a_level_rises_and_falls_but_rules_hold_at_every_date(write: Any) -> None:
    quantities = ("  nk_in_russia: {unit: soldier, over_time: level}\n"
                  "  nk_kursk: {unit: soldier, over_time: level}\n  nk_army: {unit: soldier}")
    claims = ("  - {id: a, quantity: nk_in_russia, value: '12,000', as_of: 2024-10-24}\n"
              "  - {id: b, quantity: nk_in_russia, value: '3,000', as_of: 2025-04-01}\n"
              "  - {id: c, quantity: nk_kursk, value: 'more than 5,000', as_of: 2025-04-01}\n"
              "  - {id: d, quantity: nk_army, value: 'at most 1.3 million'}")
    model = _load(write, quantities, claims, "  - {id: part, rule: nk_kursk <= nk_in_russia}\n"
                                           "  - {id: army, rule: nk_in_russia <= nk_army}")
    assert sorted(r.id for r in model.rules) == ["army@2024-10-24", "army@2025-04-01", "part@2024-10-24",
                                                 "part@2025-04-01"]
    assert {r.kind for r in model.rules} == {"at-date"}
    assert "nk_army" in model.quantities and "nk_kursk@2024-10-24" in model.quantities
    report = numcheck.check_model(model)
    assert report.verdict == "inconsistent"
    assert [(c.claims, c.rules) for c in report.conflicts] == [(("b", "c"), ("part@2025-04-01",))]


def test_a_relation_claim_holds_at_its_own_date(write: Any) -> None:
    quantities = "  a: {unit: soldier, over_time: level}\n  b: {unit: soldier, over_time: level}"
    claims = ("  - {id: x, quantity: a, value: '100', as_of: 2024-01-01}\n"
              "  - {id: y, quantity: b, value: '10', as_of: 2024-06-01}\n"
              "  - {id: r, relation: 'a <= b', as_of: 2024-06-01}")
    model = _load(write, quantities, claims)
    assert model.claim("r").quantities() == ("a@2024-06-01", "b@2024-06-01")
    assert numcheck.check_model(model).verdict == "consistent"  # a was 100 in January, not in June


def test_since_is_zero_and_a_value_between_dates_is_free(write: Any) -> None:
    model = _load(write, "  k: {unit: soldier, over_time: cumulative, since: 2022-02-24}",
                  "  - {id: x, quantity: k, value: 'at most 10', as_of: 2023-01-01}\n"
                  "  - {id: y, quantity: k, value: 'at least 5000', as_of: 2023-01-02}")
    kinds = {r.id: r.kind for r in model.rules}
    assert kinds == {"k:starts-at-zero@2022-02-24": "starts-at-zero",  # and never negative: no rule from then
                     "k:never-falls@2023-01-01..2023-01-02": "never-falls"}
    report = numcheck.check_model(model)
    assert report.verdict == "consistent"
    assert report.ranges["k@2022-02-24"].max == 0 and report.ranges["k@2023-01-02"].min == 5000


def test_time_keys_are_refused_where_they_mean_nothing(write: Any) -> None:
    with pytest.raises(numcheck.InputError, match="'since' needs 'over_time"):
        _load(write, "  k: {unit: soldier, since: 2022-02-24}", "  - {id: x, quantity: k, value: '1'}")
    with pytest.raises(numcheck.InputError, match="over_time 'stock' is not one of"):
        _load(write, "  k: {unit: soldier, over_time: stock}", "  - {id: x, quantity: k, value: '1'}")
    with pytest.raises(numcheck.InputError, match="a rate needs a quantity with over_time"):
        _load(write, "  k: {unit: soldier}", "  - {id: x, quantity: k, value: '1 a day', period: 2024-01-01..2024-02-01}")
    with pytest.raises(numcheck.InputError, match="its value is no rate"):
        _load(write, "  k: {unit: soldier, over_time: level}",
              "  - {id: x, quantity: k, value: '1', period: 2024-01-01..2024-02-01}")
    with pytest.raises(numcheck.InputError, match="not a relation"):
        _load(write, "  k: {unit: soldier, over_time: level}",
              "  - {id: x, relation: 'k <= 1', period: 2024-01-01..2024-02-01}")


def test_a_speed_unit_is_a_value_not_a_rate(write: Any) -> None:
    model = _load(write, "  advance: {unit: km/day, over_time: level}",
                  "  - {id: x, quantity: advance, value: 'about 5 km/day', as_of: 2024-01-01}")
    assert model.claim("x").period is None and model.claim("x").quantity == "advance@2024-01-01"


def test_several_date_errors_come_together_in_line_order(write: Any) -> None:
    with pytest.raises(numcheck.InputErrors) as caught:
        _load(write, "  k: {unit: soldier, over_time: level}",
              "  - {id: x, quantity: k, value: '1'}\n  - {id: y, relation: 'k <= 3'}")
    assert [(e.line, e.message.split(" has")[0]) for e in caught.value.errors] == [(6, "claim 'x'"), (7, "claim 'y'")]


# ----------------------------------------------------------------------------- reports

def test_the_three_tolls_report(write: Any) -> None:
    text = TOLLS + ('  - {id: uk-killed, source: uk, quantity: ru_killed, value: "about 90,000"}\n'
                    '  - {id: pace, quantity: ru_killed, value: about 400 a day, period: 2024-10-25..2025-10-25}\n')
    report = numcheck.check(write("tolls.yaml", text))
    doc = report.to_dict()
    assert list(doc["ranges"]) == ["ru_killed@2022-02-24", "ru_killed@2024-10-25", "ru_killed@2025-03-01",
                                   "ru_killed@2025-10-25"]
    shown = numcheck.render(report)
    assert "Over time: ru_killed (soldier), cumulative, 0 on 2022-02-24" in shown
    where = {c.id: str(c.location) for c in report.model.claims}
    assert f"    uk-killed (UK ministry; {where['uk-killed']}): “about 90,000”  IN CONFLICT" in shown
    assert f"    pace ({where['pace']}): “about 400 a day” until 2025-10-25" in shown
    page = numcheck.render(report, "html")
    assert page.count('class="plot timechart" data-series="ru_killed"><svg') == 1
    assert "pyplot" not in page


def test_the_pace_sentence_says_what_the_pace_implies(write: Any) -> None:
    text = TOLLS.replace("about 250,000", "about 200,000") + (
        '  - {id: pace, quantity: ru_killed, value: about 400 a day, period: 2024-10-25..2025-10-25}\n')
    report = numcheck.check(write("pace.yaml", text))
    assert [c.claims for c in report.conflicts] == [("us-killed", "later", "pace")]
    words = report.explanation(report.conflicts[0])
    assert words.startswith("At about 400 a day from 2024-10-25, ru_killed would be more than 246,400 by 2025-10-25.")
    assert ("pace says ru_killed grew by “about 400 a day” from 2024-10-25 to 2025-10-25, i.e. 360 to 440 a day: "
            "131,400 to 160,600 over the 365 days.") in words


@pytest.mark.parametrize("name", ["cumulative-toll.yaml", "daily-pace.yaml", "levels.yaml"])
def test_the_examples_of_figures_over_time(name: str) -> None:
    report = numcheck.check(ROOT / "examples" / name)
    expected = {"cumulative-toll.yaml": "inconsistent", "daily-pace.yaml": "inconsistent",
                "levels.yaml": "consistent"}[name]
    assert report.verdict == expected
    assert all("@" in n for n in report.ranges if report.model.quantities[n].series)


def test_the_time_page_shows_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from numcheck.cli import app

    page = (ROOT / "docs" / "time.md").read_text(encoding="utf-8")
    shown = page.split("`numcheck check examples/cumulative-toll.yaml`:\n\n```text\n", 1)[1].split("\n```", 1)[0]
    monkeypatch.chdir(ROOT)  # the report names each claim's file as given: examples/cumulative-toll.yaml:LINE
    result = CliRunner().invoke(app, ["check", "examples/cumulative-toll.yaml"])
    assert result.exit_code == 1
    assert result.output == shown + "\n"
