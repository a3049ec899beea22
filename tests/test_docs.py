"""Every command has help and a place in the README; the README's first lines are the set-up."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from numcheck.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ["show", "check", "lint", "extract", "table"]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_documented(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    assert f"`numcheck {command}" in README


def test_readme_starts_with_install_and_test_commands() -> None:
    block = README.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert block == ["pip install -e '.[dev]' && numcheck check claims/nk-troops-russia-2024-10.yaml",
                     "python3 -m pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -q -e '.[dev]'" in ci and ci.rstrip().endswith("python3 -m pytest")
