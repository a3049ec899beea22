"""`--format github`: one workflow command per finding, on the claim's own line, escaped so that no
text from a claims file can end a command early or start one of its own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app
from numcheck.render import escape_data, escape_property

from .conftest import ROOT

runner = CliRunner()
COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def _unescape(text: str) -> str:
    """What GitHub's runner reads back from an escaped value."""
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """(command, properties, message) of every workflow command; each must be one whole line."""
    found = []
    for line in output.splitlines():
        if line.startswith("::"):
            match = COMMAND.match(line)
            assert match, line
            props = dict(p.split("=", 1) for p in match.group(2).split(","))
            found.append((match.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(match.group(3))))
    return found


def test_each_conflict_claim_is_an_error_on_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", "examples/one-claim-two-conflicts.yaml", "--format", "github"])
    assert result.exit_code == 1
    report = numcheck.check("examples/one-claim-two-conflicts.yaml")
    commands = _commands(result.stdout)
    assert [c[0] for c in commands] == ["error"] * sum(len(k.claims) for k in report.conflicts)
    expected = [(report.claim(c).location.path, str(report.claim(c).location.line))
                for k in report.conflicts for c in k.claims]
    assert [(p["file"], p["line"]) for _, p, _ in commands] == expected
    source = (ROOT / "examples" / "one-claim-two-conflicts.yaml").read_text(encoding="utf-8").splitlines()
    for (_, props, message), claim_id in zip(commands, [c for k in report.conflicts for c in k.claims]):
        assert claim_id in source[int(props["line"]) - 1] and message.startswith(f"{claim_id} (")
        assert props["title"].startswith("numcheck: conflict ")
    assert result.stdout.splitlines()[-1] == "numcheck: INCONSISTENT: 2 minimal conflicts."


def test_a_consistent_file_prints_only_its_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", "claims/nk-troops-russia-2024-10.yaml", "-f", "github"])
    assert result.exit_code == 0 and result.stdout == "numcheck: CONSISTENT: all claims can be true at once.\n"


def test_warnings_are_warnings_and_undecided_parts_notices(write: Any, monkeypatch: pytest.MonkeyPatch,
                                                          request: pytest.FixtureRequest) -> None:
    path = write("w.yaml", """
        numcheck: 1
        quantities:
          troops: {unit: soldier}
        claims:
          - {id: a, quantity: troops, value: "12.000"}
        """)
    result = runner.invoke(app, ["check", str(path), "--format", "github"])
    assert result.exit_code == 0
    [(kind, props, message)] = _commands(result.stdout)
    assert kind == "warning" and props["line"] == "5" and "12.000" in message

    request.getfixturevalue("z3_gives_up")  # from here on every z3 check gives up
    monkeypatch.chdir(ROOT)
    undecided = runner.invoke(app, ["check", "examples/cross-source.yaml", "--timeout", "0.001", "-f", "github"])
    assert undecided.exit_code == 3
    [(kind, props, message)] = _commands(undecided.stdout)
    assert kind == "notice" and props["line"] == "9" and "could not decide" in message


def test_quotes_paths_and_names_cannot_break_out_of_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "a,b:c %41"
    folder.mkdir()
    path = folder / "x.yaml"
    head = (
        'numcheck: 1\n'
        'sources:\n'
        '  s: {name: "Agency, Inc.: 100% sure", date: 2024-01-01}\n'
        'quantities:\n'
        '  q: {unit: soldier}\n'
        'claims:\n'
    )
    path.write_text(
        head +
        '  - id: a%0A\n'  # not an id: refused, so ids are plain; use the quote for the payloads
        , encoding="utf-8")
    bad = runner.invoke(app, ["check", str(path), "-f", "github"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    path.write_text(
        head +
        '  - {id: a, source: s, quantity: q, value: "up to 5", quote: "50%25 of them\\n::error::pwned\\r\\n::x"}\n'
        '  - {id: b, source: s, quantity: q, value: "at least 9"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(path), "-f", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith(("::error ", "numcheck: ")) for line in lines)
    # a '::' inside the message is text: the runner reads a command only at the start of a line,
    # and its properties end at the first '::', which no escaped property holds
    [(_, props, message), _] = _commands(result.stdout)
    assert props["file"] == "a,b:c %41/x.yaml" and props["line"] == "7"
    assert "“50%25 of them\n::error::pwned\r\n::x”" in message
    assert "Agency, Inc.: 100% sure" in message


@given(st.text())
def test_escaped_text_reads_back_and_stays_on_one_line(text: str) -> None:
    data, prop = escape_data(text), escape_property(text)
    assert "\n" not in data and "\r" not in data and "\n" not in prop and "\r" not in prop
    assert ":" not in prop and "," not in prop
    plain = not re.search("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]",
                          text.replace("\n", "").replace("\r", ""))
    if plain:  # other control characters are shown inert (\x1b), so only plain text reads back as itself
        assert _unescape(data) == text and _unescape(prop) == text


def test_the_documented_annotation_and_workflow_are_what_numcheck_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    section = page.split("### GitHub annotations\n", 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r"^```text\n(.*?)^```$", section, flags=re.S | re.M)[0].splitlines()
    printed = runner.invoke(app, ["check", "examples/cross-source.yaml", "--format", "github"]).stdout.splitlines()
    assert printed[0].startswith(shown[0].removesuffix("…")) and shown[-1] == printed[-1]
    workflow = yaml.safe_load((ROOT / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert runs == ["pip install numcheck", "numcheck check claims/*.yaml --format github"]
    result = runner.invoke(app, ["check", *map(str, sorted(Path("claims").glob("*.yaml"))), "--format", "github"])
    assert result.exit_code == 0 and result.stdout.startswith("numcheck: CONSISTENT")
