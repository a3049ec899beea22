"""Repairs, culprits and weights: the least-weight sets of claims whose removal makes a part consistent.

The laws are checked against brute force: on small drawn files every subset of claims is tried
with a plain z3 solver, so that "no lighter set does" and "these are all the least ones, in file
order" are checked, not assumed. Weights are validated at their line, and never change a
verdict or a conflict."""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Sequence
from fractions import Fraction as F
from pathlib import Path

import pytest
import z3
from hypothesis import given, settings
from hypothesis import strategies as st

import numcheck
from numcheck import render
from numcheck.engine import SolveOptions

from .conftest import ROOT

ELECTION = ROOT / "examples" / "election-shares.yaml"


def test_the_election_report_opens_with_the_four_shares() -> None:
    report = numcheck.check(ELECTION)
    lines = render(report, "text").splitlines()
    assert lines[1] == "INCONSISTENT: 1 minimal conflict."
    assert lines[4] == "What to look at first:"
    assert lines[5] == ("  Dropping any one of share-martin, share-dubois, share-bernard, share-petit makes it "
                        "consistent (weight 1 each).")
    assert "quote: “Martin came first with 41%”" in lines[6]
    document = report.to_dict()
    assert [(r["part"], r["drop"], r["weight"]) for r in document["repairs"]] == [
        (0, [share], 1) for share in ("share-martin", "share-dubois", "share-bernard", "share-petit")]
    assert document["repairs_complete"] is True
    assert document["culprits"] == {"valid": 1, "share-martin": 1, "share-dubois": 1, "share-bernard": 1,
                                    "share-petit": 1}
    martin = document["repairs"][0]["implies"]["martin_votes"]
    assert (martin["min"], martin["max"]) == (0, "475710.9425")  # 0.395 of 1,204,331.5
    markdown = render(report, "markdown")
    assert markdown.index("## What to look at first") < markdown.index("## Conflict 1")
    page = render(report, "html")
    assert page.index('id="first"') < page.index('id="conflict-1"')


def test_the_valid_votes_are_dropped_once_the_commission_weighs_no_more(write) -> None:  # type: ignore[no-untyped-def]
    text = ELECTION.read_text(encoding="utf-8").replace("weight: 3", "weight: 1")
    report = numcheck.check(write("e.yaml", text))
    assert [r.drop for r in report.repairs] == [("valid",), ("share-martin",), ("share-dubois",),
                                               ("share-bernard",), ("share-petit",)]
    assert report.repairs_complete


@pytest.mark.parametrize(("written", "message"), [
    ("0", "weight '0' must be more than 0"),
    ("-2", "weight '-2' must be a positive number"),
    ("heavy", "weight 'heavy' must be a positive number"),
    ("true", "weight 'true' must be a positive number"),
    ("[1, 2]", "weight must be a positive number"),
    ("1/0", "weight '1/0' divides by zero"),
])
def test_a_weight_that_is_not_a_positive_number_is_refused_at_its_line(write, written, message) -> None:  # type: ignore[no-untyped-def]
    for where in ("source", "claim"):
        source = f"{{name: S, weight: {written}}}" if where == "source" else "{name: S}"
        claim = f", weight: {written}" if where == "claim" else ""
        path = write("w.yaml", f"numcheck: 1\nsources:\n  s: {source}\nquantities:\n  x: {{unit: km}}\n"
                               f"claims:\n  - {{id: a, source: s, quantity: x, value: '5'{claim}}}\n")
        with pytest.raises(numcheck.InputError) as caught:
            numcheck.load(path)
        assert f"w.yaml:{3 if where == 'source' else 7}:" in str(caught.value)
        assert message in str(caught.value)


def test_weights_are_exact_and_a_claim_overrides_its_source(write) -> None:  # type: ignore[no-untyped-def]
    path = write("w.yaml", """
        numcheck: 1
        sources:
          s: {name: S, weight: 0.1}
          t: {name: T, weight: 1/3}
        quantities:
          x: {unit: km}
        claims:
          - {id: a, source: s, quantity: x, value: '5'}
          - {id: b, source: s, quantity: x, value: '5', weight: 2.5}
          - {id: c, source: t, quantity: x, value: '5'}
          - {id: d, quantity: x, value: '5'}
        """)
    model = numcheck.load(path)
    assert [c.weight for c in model.claims] == [F(1, 10), F(5, 2), F(1, 3), F(1)]


def test_max_repairs_is_validated() -> None:
    for bad in (0, -1, True, 2.5):
        with pytest.raises(ValueError, match="max_repairs must be a whole number of at least 1"):
            SolveOptions(max_repairs=bad)  # type: ignore[arg-type]
    with pytest.raises(numcheck.UsageError):
        numcheck.check(ELECTION, max_repairs=0)


def test_a_list_cut_short_says_so(write) -> None:  # type: ignore[no-untyped-def]
    report = numcheck.check(ELECTION, max_repairs=2)
    assert [r.drop for r in report.repairs] == [("share-martin",), ("share-dubois",)]
    assert report.to_dict()["repairs_complete"] is False
    assert any("repairs among" in note and "raise --max-repairs" in note for note in report.notes)
    assert "more repairs of the same weight exist" in render(report, "text")


def test_max_repairs_on_the_command_line() -> None:
    from typer.testing import CliRunner

    from numcheck.cli import app

    cut = CliRunner().invoke(app, ["check", str(ELECTION), "--max-repairs", "2", "--format", "json"])
    assert cut.exit_code == 1, cut.output
    document = json.loads(cut.stdout)
    assert [r["drop"] for r in document["repairs"]] == [["share-martin"], ["share-dubois"]]
    assert document["repairs_complete"] is False
    whole = json.loads(CliRunner().invoke(app, ["check", str(ELECTION), "--format", "json"]).stdout)
    assert len(whole["repairs"]) == 4 and whole["repairs_complete"] is True
    refused = CliRunner().invoke(app, ["check", str(ELECTION), "--max-repairs", "0"])
    assert refused.exit_code == 2 and "--max-repairs" in refused.output


def test_the_claims_in_every_conflict_and_the_table_columns() -> None:
    report = numcheck.check(ROOT / "examples" / "one-claim-two-conflicts.yaml")
    assert report.culprits == {"hur-kursk": 2, "nis-kursk": 1, "pent-kursk": 1}
    assert report.in_every_conflict == {0: ("hur-kursk",)}
    assert [r.drop for r in report.repairs] == [("hur-kursk",)]
    assert "hur-kursk is in every conflict of its part (2 of 2)." in render(report, "text")
    frame = report.to_frame()
    assert list(frame["culprit"]) == [2, 1, 1] and list(frame["repair"]) == ["1", "", ""]


def test_the_part_of_a_repair_indexes_components(write) -> None:  # type: ignore[no-untyped-def]
    path = write("two.yaml", """
        numcheck: 1
        defaults: {precision: exact}
        quantities:
          x: {unit: km}
          y: {unit: km}
        claims:
          - {id: x1, quantity: x, value: '5'}
          - {id: y1, quantity: y, value: 'at least 10'}
          - {id: y2, quantity: y, value: 'at most 5', weight: 2}
        """)
    document = numcheck.check(path).to_dict()
    [repair] = document["repairs"]
    assert repair["drop"] == ["y1"] and document["components"][repair["part"]]["quantities"] == ["y"]
    assert repair["implies"] == {"y": {"min": 0, "max": 5, "min_open": False, "max_open": False, "unit": "km"}}
    assert json.loads(render(numcheck.check(path), "json"))["repairs"] == document["repairs"]


# -- laws, against brute force


class Oracle:
    """Every subset of a model's claims decided by a plain z3 solver (one literal per claim)."""

    def __init__(self, model: numcheck.Model) -> None:
        self.model = model
        self.solver = z3.Solver()
        x = {name: z3.Real(name) for name in model.quantities}
        for name, q in model.quantities.items():
            if not q.signed:
                self.solver.add(x[name] >= 0)

        def holds(atom: numcheck.Atom) -> z3.BoolRef:
            lhs = z3.Sum([z3.Q(c.numerator, c.denominator) * x[n] for n, c in atom.expr.terms]
                         + [z3.Q(atom.expr.const.numerator, atom.expr.const.denominator)])
            return {"<=": lhs <= 0, "<": lhs < 0, "==": lhs == 0, "!=": lhs != 0}[atom.op]

        for rule in model.rules:
            self.solver.add(*(holds(a) for a in rule.atoms))
        self.lits = [z3.Bool(f"claim{i}") for i in range(len(model.claims))]
        for lit, claim in zip(self.lits, model.claims):
            self.solver.add(z3.Implies(lit, z3.And([holds(a) for a in claim.atoms] or [z3.BoolVal(True)])))

    def consistent(self, kept: Sequence[int]) -> bool:
        return bool(self.solver.check(*[self.lits[i] for i in kept]) == z3.sat)

    def least_repairs(self, part: Sequence[int]) -> tuple[F, list[tuple[str, ...]]]:
        """The least weight of a set of these claims whose removal leaves the rest of them
        consistent, and every such set in file order (named)."""
        weights = [c.weight for c in self.model.claims]
        found: list[tuple[F, tuple[int, ...]]] = []
        for size in range(len(part) + 1):
            for dropped in itertools.combinations(part, size):
                if self.consistent([i for i in part if i not in dropped]):
                    found.append((sum((weights[i] for i in dropped), F(0)), dropped))
        least = min(w for w, _ in found)
        return least, [tuple(self.model.claims[i].id for i in d) for d in sorted(d for w, d in found if w == least)]


def _claims_of(report: numcheck.Report, part: int) -> list[int]:
    names = set(report.components[part].quantities)
    return [i for i, c in enumerate(report.model.claims) if set(c.quantities()) & names]


@st.composite
def claim_files(draw: st.DrawFn) -> str:
    """Up to 7 claims on 1 to 3 quantities, bounds and ranges from a small set of numbers (so
    that they clash often), a rule or two, and weights on some sources and claims."""
    q = draw(st.integers(1, 3))
    n = draw(st.integers(2, 7))
    weights = ["1", "2", "3", "0.5", "1/3"]
    lines = ["numcheck: 1", "defaults: {precision: exact}", "sources:",
             *(f"  s{k}: {{name: S{k}, weight: {draw(st.sampled_from(weights))}}}" for k in range(2)),
             "quantities:", *(f"  x{i}: {{unit: km}}" for i in range(q))]
    rules = [r for r in ("x0 <= x1", "x0 + x1 <= x2") if draw(st.booleans()) and int(r[-1]) < q]
    if rules:
        lines += ["rules:", *(f"  - {r}" for r in rules)]
    lines.append("claims:")
    for k in range(n):
        name = f"x{draw(st.integers(0, q - 1))}"
        a, b = sorted((draw(st.integers(0, 10)) * 10, draw(st.integers(0, 10)) * 10))
        value = draw(st.sampled_from([f"at least {a}", f"at most {a}", f"more than {a}", f"fewer than {b}",
                                      f"between {a} and {b}", f"{a}"]))
        source = draw(st.sampled_from(["", ", source: s0", ", source: s1"]))
        own = draw(st.sampled_from(["", "", f", weight: {draw(st.sampled_from(weights))}"]))
        lines.append(f"  - {{id: c{k}, quantity: {name}, value: '{value}'{source}{own}}}")
    return "\n".join(lines) + "\n"


def _check(text: str, **options: object) -> numcheck.Report:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yaml"
        path.write_text(text, encoding="utf-8")
        return numcheck.check(path, **options)


@settings(max_examples=60)
@given(claim_files(), st.sampled_from([1, 2, 20]), st.sampled_from([1, 3, 5]), st.booleans())
def test_repairs_are_all_the_least_ones_in_file_order(text: str, max_conflicts: int, max_repairs: int,
                                                      through_z3: bool) -> None:
    """Against brute force: each repair's rest is consistent; none is lighter than the least;
    they are the first of all the least ones in file order, and the list says when it is cut
    short. Also with the conflict list cut short (the implicit hitting-set loop) and with the
    hitting sets taken from z3 rather than the branch-and-bound."""
    report = _check(text, max_conflicts=max_conflicts, max_repairs=max_repairs, branch_and_bound=not through_z3)
    oracle = Oracle(report.model)
    ids = [c.id for c in report.model.claims]
    for component in report.components:
        mine = [r for r in report.repairs if r.part == component.index]
        if component.verdict == "consistent":
            assert mine == [] and component.repairs_complete
            continue
        part = _claims_of(report, component.index)
        least, every = oracle.least_repairs(part)
        for repair in mine:
            assert oracle.consistent([i for i in part if ids[i] not in repair.drop])
            assert repair.weight == least == sum((report.claim(c).weight for c in repair.drop), F(0))
            for conflict in report.conflicts:  # every repair hits every conflict of its part
                assert conflict.component != component.index or set(conflict.claims) & set(repair.drop)
        assert [r.drop for r in mine] == every[:max_repairs]
        assert component.repairs_complete == (len(every) <= max_repairs)
    assert report.repairs_complete == all(c.repairs_complete for c in report.components)


@settings(max_examples=40)
@given(claim_files())
def test_doubling_every_weight_changes_no_repair(text: str) -> None:
    one, two = _check(text), _check(_double_weights(text))
    assert [r.drop for r in one.repairs] == [r.drop for r in two.repairs]
    assert [2 * r.weight for r in one.repairs] == [r.weight for r in two.repairs]
    assert one.verdict == two.verdict and [c.claims for c in one.conflicts] == [c.claims for c in two.conflicts]


def _double_weights(text: str) -> str:
    """Every source's and claim's weight doubled, and every claim without one given its
    source's (or 1) doubled."""
    out = []
    for line in text.splitlines():
        if "weight: " in line:
            head, rest = line.split("weight: ", 1)
            number, tail = rest.split("}", 1)
            line = f"{head}weight: {2 * F(number)}}}{tail}"
        elif line.startswith("  - {id: c"):
            line = line[:-1] + ", weight: 2}" if "source:" not in line else line
        out.append(line)
    return "\n".join(out) + "\n"


@settings(max_examples=40)
@given(claim_files(), st.integers(0, 6))
def test_a_heavy_claim_is_never_dropped_while_a_lighter_repair_exists(text: str, pick: int) -> None:
    lines = text.splitlines()
    claims = [k for k, line in enumerate(lines) if line.startswith("  - {id: c")]
    k = claims[pick % len(claims)]
    lines[k] = lines[k][:-1] + ", weight: 1000}" if "weight:" not in lines[k] else \
        lines[k].split(", weight:")[0] + ", weight: 1000}"
    report = _check("\n".join(lines) + "\n")
    heavy = lines[k].split("id: ")[1].split(",")[0]
    if report.verdict != "inconsistent":
        return
    oracle = Oracle(report.model)
    n = len(report.model.claims)
    light = any(oracle.consistent([i for i in range(n) if i not in dropped])
                and heavy not in {report.model.claims[i].id for i in dropped}
                and sum((report.model.claims[i].weight for i in dropped), F(0)) < 1000
                for size in range(n + 1) for dropped in itertools.combinations(range(n), size))
    if light:
        assert all(heavy not in r.drop for r in report.repairs)


@settings(max_examples=40)
@given(claim_files())
def test_weights_never_change_a_verdict_or_a_conflict(text: str) -> None:
    plain = "\n".join(line.split(", weight:")[0] + "}" if line.startswith("  - {id: c") and "weight:" in line
                      else line.split(", weight:")[0] + "}" if line.startswith("  s") else line
                      for line in text.splitlines()) + "\n"
    one, two = _check(text), _check(plain)
    assert one.verdict == two.verdict
    assert [(c.claims, c.rules) for c in one.conflicts] == [(c.claims, c.rules) for c in two.conflicts]
    assert one.ranges == two.ranges


def test_many_overlapping_conflicts_get_their_repairs(write) -> None:  # type: ignore[no-untyped-def]
    """20 lower bounds against 20 upper bounds on one quantity: 190 conflicts of two, and the
    repairs are the 20 ways of keeping a threshold (drop the lows above it, the highs below)."""
    claims = [f"  - {{id: lo{i}, quantity: x, value: 'at least {1000 + 10 * i}'}}" for i in range(20)]
    claims += [f"  - {{id: hi{j}, quantity: x, value: 'at most {1005 + 10 * j}'}}" for j in range(20)]
    path = write("many.yaml", "numcheck: 1\nquantities:\n  x: {unit: km}\nclaims:\n" + "\n".join(claims) + "\n")
    report = numcheck.check(path, max_conflicts=20, max_repairs=3)
    assert not report.complete and len(report.conflicts) == 20
    assert [len(r.drop) for r in report.repairs] == [19, 19, 19] and not report.repairs_complete
    # in file order: the lows come first in the file, so keeping the lowest threshold comes first
    assert report.repairs[0].drop == tuple(f"lo{i}" for i in range(1, 20))
    for repair in report.repairs:
        assert repair.weight == 19
