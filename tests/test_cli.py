"""The command line: output, exit codes 0/1/2/3, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from numcheck.cli import app

from .conftest import ROOT

SEED = str(ROOT / "claims" / "nk-troops-russia-2024-10.yaml")
runner = CliRunner()


def test_show_prints_canonical_constraints() -> None:
    result = runner.invoke(app, ["show", SEED])
    assert result.exit_code == 0
    assert "hur-total: nk_troops_in_russia <= 12000 soldier" in result.stdout
    assert "us-ratio: 0.45*ru_casualties <= ua_casualties <= 0.55*ru_casualties" in result.stdout
    data = json.loads(runner.invoke(app, ["show", "--format", "json", SEED]).stdout)
    assert {c["id"]: c["constraint"] for c in data["claims"]}["hur-kursk"] == "nk_troops_kursk <= 3000 soldier"


def test_check_seed_exits_0_with_ranges() -> None:
    result = runner.invoke(app, ["check", SEED])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("CONSISTENT")
    assert "ua_casualties" in result.stdout and "(51,750" in result.stdout


def test_check_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["check", "--format", "json", str(ROOT / "examples" / "cross-source.yaml")])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["numcheck"] == 1 and data["verdict"] == "inconsistent"
    assert data["conflicts"][0]["claims"] == ["hur-kursk", "paper-kursk"]
    assert "explanation" in data["conflicts"][0] and "rules" in data["conflicts"][0]
    assert {c["id"]: c["status"] for c in data["claims"]} == {"hur-kursk": "in-conflict", "paper-kursk": "in-conflict"}


def test_bad_input_exits_2_with_one_line_and_no_traceback(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.yaml", "numcheck: 1\nquantities:\n  ru_killed: {unit: soldier}\nclaims:\n"
                             "  - {id: a, quantity: ru_kiled, value: '5'}\n")
    for command in ("show", "check", "lint"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2
        assert result.stderr.strip() == (f"error: {path}:5: claim 'a': unknown quantity 'ru_kiled' "
                                         "— did you mean 'ru_killed'?")
        assert "Traceback" not in result.output


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["check", "--max-conflicts", "0", SEED]).exit_code == 2
    assert runner.invoke(app, ["check", "--format", "pdf", SEED]).exit_code == 2
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", "-f", "json", "-o", str(out), SEED])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["verdict"] == "consistent"
    assert not (tmp_path / "report.json.tmp").exists()


def test_lint_reports_redundant_and_unbound_rules() -> None:
    result = runner.invoke(app, ["lint", SEED])
    assert result.exit_code == 1
    assert "redundant: rule killed-within-casualties[side=ru]" in result.stdout
    assert "unbound: generic rule '{side}_killed + {side}_wounded + {side}_missing" in result.stdout


def test_lint_names_contradicting_rules(write) -> None:  # type: ignore[no-untyped-def]
    path = write("pack.yaml", "numcheck: 1\nquantities:\n  a: {unit: soldier}\n  b: {unit: soldier}\n"
                              "rules:\n  - {id: up, rule: a >= b + 1}\n  - {id: down, rule: b >= a}\n")
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    assert "contradiction: these rules contradict each other: up: a >= b + 1; down: b >= a" in result.stdout


def test_terminal_colours_the_verdict_as_a_whole_word() -> None:
    import io

    from rich.console import Console

    from numcheck.cli import print_coloured

    buf = io.StringIO()
    print_coloured("x\nINCONSISTENT: 1\nConflict 1: a, b\n  a and b DISAGREE\n",
                   Console(file=buf, force_terminal=True, color_system="standard", highlight=False))
    out = buf.getvalue()
    assert "\x1b[1;31mINCONSISTENT\x1b[0m" in out and "\x1b[1;31mDISAGREE\x1b[0m" in out
    assert "\x1b[1mConflict 1: a, b\x1b[0m" in out


def test_several_load_errors_are_one_input_errors_listing_each(write) -> None:  # type: ignore[no-untyped-def]
    import numcheck

    path = write("three.yaml", "numcheck: 1\nquantities:\n  x: {unit: person}\nclaims:\n"
                               "  - {id: a, quantity: y, value: '5'}\n  - {id: b, quantity: x, vale: '5'}\n"
                               "  - {id: c, quantity: x, value: 'lots of'}\n")
    with pytest.raises(numcheck.InputErrors) as info:
        numcheck.load(path)
    found = info.value
    assert isinstance(found, numcheck.InputError) and (found.path, found.line) == (str(path), 5)
    assert [e.line for e in found.errors] == [5, 6, 7]
    assert str(found) == "\n".join(str(e) for e in found.errors)
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {e}" for e in found.errors]


def test_a_check_run_in_the_same_process_gives_the_cycle_collector_back() -> None:
    """The command switches Python's cycle collector off while it checks, and leaves it off only
    when it is the process (it then ends it): a caller in the same process gets it back."""
    import gc

    assert gc.isenabled()
    result = runner.invoke(app, ["check", SEED, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
