"""`numcheck check --each --format github|sarif`: each file's CI findings as a check of that file
alone gives them, in the order given, with the worst exit status; one SARIF log (one run) that
validates; the findings a cluster worker words come back under the names given."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import numcheck
from numcheck.check import CheckOptions
from numcheck.cli import app
from numcheck.each import bundle, check_one, check_shipped

from .conftest import ROOT

runner = CliRunner()
# a clash, a consistent seed, a relation through a shipped pack's rule, a warning
NAMES = ["examples/cross-source.yaml", "claims/nk-troops-russia-2024-10.yaml", "examples/ratio-through-rule.yaml",
         "examples/one-claim-two-conflicts.yaml"]


def _alone(name: str, *args: str) -> Any:
    return runner.invoke(app, ["check", name, *args])


def test_github_prints_each_files_commands_in_the_order_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    names = [NAMES[2], NAMES[1], NAMES[0]]
    each = runner.invoke(app, ["check", "--each", "--jobs", "2", "--format", "github", *names])
    assert each.exit_code == 1
    expected = ""
    for name in names:
        alone = _alone(name, "--format", "github")
        *commands, verdict = alone.stdout.splitlines(keepends=True)
        assert verdict.startswith("numcheck: ")
        expected += "".join(commands) + f"numcheck: {name}: {verdict.removeprefix('numcheck: ')}"
    assert each.stdout == expected


def test_github_in_french_and_a_bad_file_on_standard_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    bad = tmp_path / "bad.yaml"
    bad.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: y, value: '5'}]\n")
    each = runner.invoke(app, ["check", "--each", "--format", "github", "--report-lang", "fr", NAMES[0], str(bad)])
    assert each.exit_code == 2  # bad input is worse than a conflict
    alone = _alone(NAMES[0], "--format", "github", "--report-lang", "fr").stdout.splitlines()
    assert each.stdout.splitlines() == [*alone[:-1], f"numcheck\u00a0: {NAMES[0]}\u00a0: INCOHÉRENT\u00a0: 1 conflit minimal."]
    assert f"error: {bad}:3:" in each.stderr and "unknown quantity 'y'" in each.stderr


def test_sarif_is_one_valid_log_with_every_files_results(tmp_path: Path, sarif_validator: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    missing = str(tmp_path / "missing.yaml")
    each = runner.invoke(app, ["check", "--each", "--format", "sarif", *NAMES, missing])
    assert each.exit_code == 2
    log = json.loads(each.stdout)
    assert list(sarif_validator.iter_errors(log)) == []
    [run] = log["runs"]
    expected = []
    for name in NAMES:
        [alone] = json.loads(_alone(name, "--format", "sarif").stdout)["runs"]
        expected += alone["results"]
        assert alone["properties"] == {k: v for k, v in run["properties"]["files"][NAMES.index(name)].items()
                                       if k != "file"}

    def flagged(results: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["ruleId"], r["level"], r["message"]["text"], r.get("locations"), r.get("relatedLocations"),
                 r.get("properties")) for r in results]

    assert flagged(run["results"]) == flagged(expected) and expected
    assert [f["file"] for f in run["properties"]["files"]] == [*NAMES, missing]
    assert run["properties"]["exitCode"] == 2 and run["properties"]["files"][-1] == {"file": missing, "exitCode": 2}
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [f"{missing}: no such file"]
    prints = [r["partialFingerprints"]["numcheckFinding/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_each_names_its_language_and_writes_the_same_bytes_whatever_jobs(tmp_path: Path, sarif_validator: Any,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "numcheck.sarif"
    one = runner.invoke(app, ["check", "--each", "--jobs", "1", "--format", "sarif", "--report-lang", "fr", *NAMES])
    two = runner.invoke(app, ["check", "--each", "--jobs", "2", "--format", "sarif", "--report-lang", "fr", *NAMES,
                              "-o", str(out)])
    assert one.exit_code == two.exit_code == 1 and two.stdout == ""
    assert out.read_text(encoding="utf-8") == one.stdout
    log = json.loads(one.stdout)
    assert list(sarif_validator.iter_errors(log)) == []
    [run] = log["runs"]
    assert run["language"] == "fr" and run["invocations"] == [{"executionSuccessful": True,
                                                                "toolExecutionNotifications": []}]
    assert all("indique que" in r["message"]["text"] for r in run["results"] if r["ruleId"] == "numcheck/conflict")
    english = json.loads(runner.invoke(app, ["check", "--each", "--format", "sarif", *NAMES]).stdout)
    assert english["runs"][0]["language"] == "en"


def test_the_text_and_json_lines_of_each_are_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = runner.invoke(app, ["check", "--each", NAMES[0], NAMES[1]])
    assert text.stdout.splitlines() == [f"{NAMES[0]}: INCONSISTENT, 1 minimal conflict", f"{NAMES[1]}: CONSISTENT"]
    lines = runner.invoke(app, ["check", "--each", "--format", "json", NAMES[0], NAMES[1]]).stdout.splitlines()
    assert [json.loads(line)["file"] for line in lines] == NAMES[:2] and "ci" not in lines[0]


STORY = """numcheck: 1
include: [packs/local.yaml]
sources: {a: {name: A paper, date: 2024-10-01}}
quantities: {x: {unit: soldier}}
claims:
  - {id: c1, source: a, quantity: x, value: more than 100}
  - {id: c2, source: a, quantity: y, value: fewer than 50}
  - {id: c3, source: a, quantity: x, value: "12.000"}
"""
PACK = "numcheck: 1\nquantities: {y: {unit: soldier}}\nrules:\n  - x <= y\n"


def test_findings_worded_on_a_cluster_worker_name_the_files_as_given(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """What a Dask worker does with a file sent as bytes: its findings, messages included, name
    the file and its pack as the client gave them, not the worker's temporary folder."""
    (tmp_path / "desk" / "packs").mkdir(parents=True)
    (tmp_path / "desk" / "story.yaml").write_text(STORY)
    (tmp_path / "desk" / "packs" / "local.yaml").write_text(PACK)
    monkeypatch.chdir(tmp_path)
    for name in ("desk/story.yaml", str(tmp_path / "desk" / "story.yaml")):
        for lang in ("en", "fr"):
            ci = numcheck.RenderOptions(lang=lang)
            alone = check_one(name, CheckOptions(), ci)
            assert alone.ci is not None and alone.ci.lang == lang
            assert {f.kind for f in alone.ci.findings} == {"conflict", "warning"}
            assert check_shipped(bundle(name), CheckOptions(), ci) == alone
            text = repr(alone.ci)
            assert "numcheck-" not in text and re.search(r"desk/packs/local\.yaml:4", text)
