"""The rule packs shipped in numcheck/packs/: each one documented, listed by `numcheck packs`,
free of contradictions, and property-tested with `numcheck.testing`: claims true in a world where
the pack's rules hold are never flagged, and a world that breaks one of its rules always is,
through that rule."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from numcheck import load
from numcheck.cli import app
from numcheck.packs import FOLDER, pack_titles
from numcheck.testing import check_document, claims_document, exact_claims, rules_hold, true_claims

from .conftest import ROOT

N = st.integers(min_value=0, max_value=10**6)
PCT = st.integers(min_value=0, max_value=100)


@dataclass(frozen=True)
class Pack:
    """A shipped pack, the quantities a file binds it with, and worlds where its rules hold."""

    units: dict[str, str]
    worlds: Callable[[st.DrawFn], dict[str, int]]
    signed: frozenset[str] = field(default_factory=frozenset)


def casualties(draw: st.DrawFn) -> dict[str, int]:
    k, w, m, c, more = (draw(N) for _ in range(5))
    return {"ru_killed": k, "ru_wounded": w, "ru_missing": m, "ru_captured": c, "ru_casualties": k + w + m + c + more}


def displacement(draw: st.DrawFn) -> dict[str, int]:
    refugees, idps, other, returnees, rest = (draw(N) for _ in range(5))
    displaced = refugees + idps + other
    return {"sy_refugees": refugees, "sy_idps": idps, "sy_displaced": displaced, "sy_returnees": returnees,
            "sy_population": displaced + returnees + rest}


def elections(draw: st.DrawFn) -> dict[str, int]:
    winner, others, blank, spoiled, lost, absent = (draw(N) for _ in range(6))
    runner_up = draw(st.integers(min_value=0, max_value=winner))
    valid = winner + runner_up + others
    cast = valid + blank + spoiled + lost
    winner_share = draw(PCT)
    runner_up_share = draw(st.integers(min_value=0, max_value=min(winner_share, 100 - winner_share)))
    return {"fr_registered": cast + absent, "fr_cast": cast, "fr_valid": valid, "fr_blank": blank,
            "fr_spoiled": spoiled, "fr_winner_votes": winner, "fr_runner_up_votes": runner_up,
            "fr_smith_votes": others, "fr_turnout": draw(PCT), "fr_smith_share": draw(PCT),
            "fr_winner_share": winner_share, "fr_runner_up_share": runner_up_share}


def polls(draw: st.DrawFn) -> dict[str, int]:
    sample = draw(N)
    yes = draw(PCT)
    no = draw(st.integers(min_value=0, max_value=100 - yes))
    leader = draw(PCT)
    second = draw(st.integers(min_value=0, max_value=min(leader, 100 - leader)))
    return {"ifop_sample": sample, "ifop_women_sample": draw(st.integers(min_value=0, max_value=sample)),
            "ifop_yes_respondents": draw(st.integers(min_value=0, max_value=sample)),
            "ifop_yes_share": yes, "ifop_no_share": no,
            "ifop_undecided_share": draw(st.integers(min_value=0, max_value=100 - yes - no)),
            "ifop_leader_share": leader, "ifop_second_share": second, "ifop_lead": leader - second}


def budgets(draw: st.DrawFn) -> dict[str, int]:
    total, revenue, deficit, previous = (draw(N) for _ in range(4))
    return {"de_total": total, "de_health_allocation": draw(st.integers(min_value=0, max_value=total)),
            "de_health_share": draw(PCT), "de_revenue": revenue, "de_deficit": deficit,
            "de_spending": revenue + deficit, "de_previous_total": previous, "de_change": total - previous}


def _units(names: str, unit: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), unit)


PACKS = {
    "casualties": Pack(_units("ru_killed ru_wounded ru_missing ru_captured ru_casualties", "soldier"), casualties),
    "displacement": Pack(_units("sy_refugees sy_idps sy_displaced sy_returnees sy_population", "person"),
                         displacement),
    "elections": Pack({**_units("fr_registered fr_cast fr_valid fr_blank fr_spoiled fr_winner_votes "
                                "fr_runner_up_votes fr_smith_votes", "person"),
                       **_units("fr_turnout fr_smith_share fr_winner_share fr_runner_up_share", "percent")}, elections),
    "polls": Pack({**_units("ifop_sample ifop_women_sample ifop_yes_respondents", "person"),
                   **_units("ifop_yes_share ifop_no_share ifop_undecided_share ifop_leader_share "
                            "ifop_second_share ifop_lead", "percent")}, polls),
    "budgets": Pack({**_units("de_total de_health_allocation de_revenue de_deficit de_spending de_previous_total "
                              "de_change", "EUR"), "de_health_share": "percent"}, budgets,
                    signed=frozenset({"de_change"})),
}


def test_every_shipped_pack_is_tested_listed_and_documented() -> None:
    assert sorted(PACKS) == sorted(pack_titles())
    page = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    for name, title in pack_titles().items():
        text = (FOLDER / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.startswith(f"# numcheck rule pack: {name}"), name
        assert title and f"`numcheck:{name}`" in page, name
        rules = yaml.safe_load(text)["rules"]
        assert rules and all(isinstance(r, dict) and r.get("why") and r.get("id") for r in rules), name


@pytest.mark.parametrize("name", sorted(PACKS))
def test_every_rule_of_a_pack_binds_and_none_contradict(tmp_path: Path, name: str) -> None:
    pack = PACKS[name]
    path = tmp_path / "all.yaml"
    path.write_text(claims_document(dict.fromkeys(pack.units, 0), [], include=[f"numcheck:{name}"],
                                    units=pack.units, signed=pack.signed), encoding="utf-8")
    model = load(path)
    assert not model.unbound_rules
    templates = {r.template or r.text for r in model.rules}
    assert len(templates) == len(yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))["rules"])
    linted = CliRunner().invoke(app, ["lint", str(path)])  # a line per finding: FILE:LINE: KIND: ...
    assert linted.exit_code in (0, 1) and "Traceback" not in linted.output
    assert not [line for line in linted.output.splitlines() if re.search(r": (contradiction|unknown): ", line)]


@pytest.mark.parametrize("name", sorted(PACKS))
def test_a_pack_never_flags_claims_true_in_a_world_where_its_rules_hold(name: str) -> None:
    pack = PACKS[name]

    @settings(max_examples=15)
    @given(st.data())
    def law(data: st.DataObject) -> None:
        world = data.draw(st.composite(pack.worlds)())
        assert rules_hold(f"numcheck:{name}", world, units=pack.units, signed=pack.signed)
        claims = data.draw(true_claims(world))
        doc = claims_document(world, claims, include=[f"numcheck:{name}"], units=pack.units, signed=pack.signed)
        assert check_document(doc, folder=ROOT).verdict == "consistent"

    law()


@pytest.mark.parametrize("name", sorted(PACKS))
def test_a_world_that_breaks_a_rule_of_the_pack_is_flagged_through_it(name: str) -> None:
    pack = PACKS[name]

    @settings(max_examples=15)
    @given(st.data())
    def law(data: st.DataObject) -> None:
        world = data.draw(st.composite(pack.worlds)())
        bumped = data.draw(st.sampled_from(sorted(world)))
        world[bumped] += data.draw(st.integers(min_value=1, max_value=10**6))
        assume(not rules_hold(f"numcheck:{name}", world, units=pack.units, signed=pack.signed))
        doc = claims_document(world, exact_claims(world), include=[f"numcheck:{name}"], units=pack.units,
                              signed=pack.signed)
        report = check_document(doc, folder=ROOT)
        assert report.verdict == "inconsistent"
        assert all(conflict.rules for conflict in report.conflicts)  # each claim alone is possible

    law()


def test_numcheck_packs_lists_every_pack_with_its_title() -> None:
    done = subprocess.run([sys.executable, "-m", "numcheck", "packs"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listed = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in done.stdout.splitlines())
    assert listed == {f"numcheck:{name}": title for name, title in pack_titles().items()}
