"""The same input gives the same answer: whatever --jobs, the order of the claims, or how many
checks ran before in the same process."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numcheck
from numcheck.engine import PartSolver

from .test_reference_law import DrawnFile, Reference, drawn_files

_SETTINGS = settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _write(tmp_path: Path, drawn: DrawnFile, name: str = "drawn.yaml") -> Path:
    path = tmp_path / name
    path.write_text(drawn.text())
    return path


def _answer(report: numcheck.Report) -> tuple[str, set[frozenset[str]], str]:
    """What must not depend on the order of the claims: verdict, conflicts as sets, ranges."""
    data = report.to_dict()
    return (data["verdict"], {frozenset(c["claims"]) for c in data["conflicts"]},
            json.dumps(data["ranges"], sort_keys=True))


@_SETTINGS
@given(drawn=drawn_files())
def test_repeated_calls_give_the_same_json(drawn: DrawnFile, tmp_path: Path) -> None:
    if not Reference(drawn).holds(()):
        return
    path = _write(tmp_path, drawn)
    first = numcheck.check(path).to_dict()
    assert numcheck.check(path).to_dict() == first
    assert numcheck.check(path).to_dict() == first


@_SETTINGS
@given(drawn=drawn_files(), seed=st.integers(0, 1000))
def test_claim_order_changes_nothing(drawn: DrawnFile, seed: int, tmp_path: Path) -> None:
    if not Reference(drawn).holds(()):
        return
    shuffled = list(drawn.claims)
    random.Random(seed).shuffle(shuffled)
    rules = list(drawn.rules)
    random.Random(seed + 1).shuffle(rules)
    other = DrawnFile(dict(reversed(list(drawn.quantities.items()))), rules, shuffled)
    a = numcheck.check(_write(tmp_path, drawn, "a.yaml"))
    b = numcheck.check(_write(tmp_path, other, "b.yaml"))
    assert _answer(a) == _answer(b)


def _many_parts(tmp_path: Path) -> Path:
    """Parts of every kind side by side: whole-number, signed, !=, strict, contradictions."""
    lines = ["numcheck: 1", "quantities:"]
    claims = []
    for k in range(40):
        kind = k % 5
        lines += [f"  a{k}: {{unit: person, integer: {str(kind in (0, 3)).lower()}, signed: {str(kind == 1).lower()}}}",
                  f"  b{k}: {{unit: person}}"]
        claims += [f"  - {{id: x{k}, relation: 'a{k} + b{k} <= {k + 3}.5'}}",
                   f"  - {{id: y{k}, quantity: b{k}, value: 'more than {k % 4}'}}"]
        if kind == 2:
            claims.append(f"  - {{id: z{k}, relation: 'a{k} != b{k}'}}")
        if kind == 4:
            claims.append(f"  - {{id: z{k}, quantity: b{k}, value: 'at most {k % 4}'}}")
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines + ["claims:"] + claims) + "\n")
    return path


def test_jobs_change_nothing_byte_for_byte(tmp_path: Path) -> None:
    path = _many_parts(tmp_path)
    texts = {numcheck.render(numcheck.check(path, jobs=jobs), "json") for jobs in (1, 2, 1, 2)}
    assert len(texts) == 1


@st.composite
def _two_ways(draw: st.DrawFn) -> str:
    """A chain of rules q0 <= q1 <= ... <= qn with a shortcut rule beside it, so that a clash of a
    claim on q0 with one on qn is explained by more than one minimal set of rules."""
    n = draw(st.integers(2, 6))
    shortcut = draw(st.sampled_from([f"q0 <= q{n}", f"q0 + q1 <= q{n}", f"2 * q0 <= q{n} + q0"]))
    rules = [f"q{i} <= q{i + 1}" for i in range(n)]
    rules.insert(draw(st.integers(0, n)), shortcut)
    lows = draw(st.lists(st.sampled_from(["at least 11", "at least 21", "11", "more than 30"]), min_size=1, max_size=4))
    highs = draw(st.lists(st.sampled_from(["at most 20", "at most 5", "fewer than 10"]), min_size=1, max_size=3))
    claims = [f"  - {{id: lo{k}, quantity: q0, value: '{v}'}}" for k, v in enumerate(lows)]
    claims += [f"  - {{id: hi{k}, quantity: q{n}, value: '{v}'}}" for k, v in enumerate(highs)]
    return "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:",
                      *(f"  q{i}: {{unit: soldier}}" for i in range(n + 1)), "rules:",
                      *(f"  - {r}" for r in rules), "claims:", *claims]) + "\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_two_ways(), other=drawn_files())
def test_the_rules_named_do_not_depend_on_what_was_solved_before(text: str, other: DrawnFile,
                                                                  tmp_path: Path) -> None:
    """Which minimal set of rules a conflict names comes from yes/no answers in file order, never
    from z3's unsat cores, which change with the process's history."""
    path = tmp_path / "two-ways.yaml"
    path.write_text(text)
    first = numcheck.check(path, jobs=1).to_dict()
    if Reference(other).holds(()):  # the other file's rules hold together: it checks
        numcheck.check(_write(tmp_path, other), jobs=1)  # z3's state moves on
    assert numcheck.check(path, jobs=1).to_dict() == first
    assert numcheck.check(path, jobs=2).to_dict() == first


def test_a_chain_and_its_shortcut_name_the_same_rules_on_every_call(tmp_path: Path) -> None:
    """Found by the sparse-solve law: this file named the chain f#1..f#5 for one conflict on one
    call and the shortcut f#6 on the next, in one process."""
    path = tmp_path / "f.yaml"
    path.write_text("numcheck: 1\ndefaults: {precision: exact}\nquantities:\n"
                    + "".join(f"  q{i}: {{unit: soldier}}\n" for i in range(6))
                    + "rules:\n" + "".join(f"  - q{i} <= q{i + 1}\n" for i in range(5)) + "  - q0 + q1 <= q5 + 0\n"
                    "claims:\n  - {id: c0, quantity: q0, value: 'at least 11'}\n"
                    "  - {id: c1, quantity: q0, value: 'at least 21'}\n  - {id: c2, quantity: q0, value: 'at least 21'}\n"
                    "  - {id: c3, quantity: q0, value: '11'}\n  - {id: c4, quantity: q0, value: 'at most 20'}\n"
                    "  - {id: c5, quantity: q5, value: 'at most 20'}\n  - {id: c6, quantity: q0, value: 'at least 21'}\n")
    answers = {json.dumps(numcheck.check(path, jobs=1).to_dict(), sort_keys=True) for _ in range(8)}
    assert len(answers) == 1
    rules = {tuple(c["claims"]): c["rules"] for c in json.loads(answers.pop())["conflicts"]}
    assert rules[("c2", "c5")] == rules[("c1", "c5")]


_CUT = """numcheck: 1
defaults: {precision: exact, about: 10%}
quantities:
  qa: {unit: person, integer: false, signed: true}
  qb: {unit: person, integer: true, signed: false}
  qc: {unit: person, integer: true, signed: false}
  qd: {unit: person, integer: true, signed: true}
rules:
  - "qa + qd <= qc"
claims:
  - {id: k0, relation: "qb == qa - 7"}
  - {id: k1, relation: "qd + qa <= qd"}
  - {id: k2, quantity: qb, value: "more than 17.5"}
  - {id: k3, quantity: qb, value: "half of qa"}
  - {id: k4, relation: "qa <= qd < qb"}
"""


def test_a_list_cut_short_holds_the_first_conflicts_in_file_order(tmp_path: Path) -> None:
    """Found by drawing files: with --max-conflicts 2, which two of this file's five conflicts
    were listed changed with what the process had checked before. A cut-short list is now drawn up
    from yes/no answers in file order: the first unexplored set, shrunk in file order."""
    path = tmp_path / "cut.yaml"
    path.write_text(_CUT)
    every = {tuple(c["claims"]) for c in numcheck.check(path, jobs=1).to_dict()["conflicts"]}
    assert len(every) == 5
    cut = numcheck.check(path, jobs=1, max_conflicts=2).to_dict()
    assert cut["complete"] is False
    assert [c["claims"] for c in cut["conflicts"]] == [["k0", "k1"], ["k0", "k2", "k3"]]
    assert {tuple(c["claims"]) for c in cut["conflicts"]} <= every


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(drawn=drawn_files(), other=drawn_files())
def test_a_list_cut_short_does_not_depend_on_what_was_solved_before(drawn: DrawnFile, other: DrawnFile,
                                                                   tmp_path: Path) -> None:
    if not Reference(drawn).holds(()):
        return
    path = _write(tmp_path, drawn)
    first = numcheck.check(path, jobs=1, max_conflicts=2).to_dict()
    if Reference(other).holds(()):
        numcheck.check(_write(tmp_path, other, "other.yaml"), jobs=1)
    assert numcheck.check(path, jobs=1, max_conflicts=2).to_dict() == first
    every = {tuple(c["claims"]) for c in numcheck.check(path, jobs=1).to_dict()["conflicts"]}
    assert {tuple(c["claims"]) for c in first["conflicts"]} <= every



@st.composite
def _dated_series(draw: st.DrawFn) -> str:
    """A toll that only grows, stated on drawn dates with drawn bounds: many overlapping conflicts."""
    lines = ["numcheck: 1", "quantities:", "  toll: {unit: person, over_time: cumulative}", "claims:"]
    for i in range(draw(st.integers(4, 10))):
        word = draw(st.sampled_from(["at least", "at most", "about"]))
        lines.append(f"  - {{id: c{i}, quantity: toll, value: '{word} {draw(st.integers(10, 30)) * 100}', "
                     f"as_of: 2024-01-{draw(st.integers(1, 20)):02d}}}")
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=_dated_series(), cap=st.integers(1, 4))
def test_what_is_known_answers_as_z3_would(text: str, cap: int, tmp_path: Path) -> None:
    """The conflicts and consistent sets already found answer some of the questions of a list
    drawn up again in file order (`PartSolver.holds`); asking z3 every time gives the same report."""
    path = tmp_path / "series.yaml"
    path.write_text(text)
    quick = numcheck.check(path, jobs=1, max_conflicts=cap).to_dict()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PartSolver, "holds", PartSolver.check)
        slow = numcheck.check(path, jobs=1, max_conflicts=cap).to_dict()
    assert quick == slow


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=_dated_series())
def test_boxes_proved_together_are_the_boxes_proved_alone(text: str, tmp_path: Path) -> None:
    """What the others allow and what a repair leaves, proved as one LP problem for every box of
    a part over the same claims, are the bounds each box has on its own."""
    path = tmp_path / "series.yaml"
    path.write_text(text)
    shared = numcheck.check(path, jobs=1).to_dict()
    alone = numcheck.check(path, jobs=1, shared_boxes=False).to_dict()
    assert shared == alone
