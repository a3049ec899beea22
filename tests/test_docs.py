"""The docs: a short README that starts with the set-up, pages in docs/ whose links all resolve, and
examples that still do what the text says they do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app

from .conftest import ROOT

README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
MARKDOWN = [README_PATH, ROOT / "CHANGELOG.md", *PAGES]
COMMANDS = ["show", "check", "lint", "extract", "table"]
SHARED_CONTRACT = ROOT.parent / "shared" / "claims-format.md"


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def blocks(source: str, lang: str) -> list[str]:
    """The fenced code blocks of one language, in order."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", source, flags=re.S | re.M)


def section(source: str, heading: str) -> str:
    return source.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_documented(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    assert f"`numcheck {command}" in README


def test_readme_starts_with_install_and_test_commands() -> None:
    title, rest = README.split("\n\n", 1)
    assert title == "# numcheck" and rest.startswith("```sh\n")
    block = blocks(README, "sh")[0].strip().splitlines()
    assert block == ["pip install -e '.[dev]' && numcheck check claims/nk-troops-russia-2024-10.yaml",
                     "python3 -m pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -q -e '.[dev]'" in ci and ci.rstrip().endswith("python3 -m pytest")


def test_readme_is_at_most_8_kb() -> None:
    assert len(README.encode("utf-8")) <= 8 * 1024


def test_the_pages_are_there_and_listed() -> None:
    names = {p.name for p in PAGES}
    assert {"index.md", "claims-format.md", "results.md", "reports.md", "extraction.md", "rule-packs.md",
            "how-it-works.md", "benchmarks.md"} <= names
    index = text(DOCS / "index.md")
    for name in names - {"index.md"}:
        assert f"]({name})" in index, f"docs/index.md does not list {name}"
        assert f"](docs/{name})" in README, f"README.md does not link to docs/{name}"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _prose(source: str) -> str:
    """The text outside fenced code blocks and inline code, where links and headings live."""
    source = re.sub(r"^```.*?^```$", "", source, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", source)


def _anchors(path: Path) -> set[str]:
    return {_slug(h) for h in re.findall(r"^#+ (.*)$", re.sub(r"^```.*?^```$", "", text(path), flags=re.S | re.M),
                                         flags=re.M)}


@pytest.mark.parametrize("page", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_points_at_an_existing_file(page: Path) -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", _prose(text(page)))
    assert links or page.name == "CHANGELOG.md"
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue  # https:, mailto:
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{page.relative_to(ROOT)}: {link} points at nothing"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{page.relative_to(ROOT)}: {link} has no such heading"


def test_claims_format_is_the_contract_then_extensions() -> None:
    page = text(DOCS / "claims-format.md")
    assert page.startswith("# The numcheck claims file — format 1 (the contract)\n")
    assert "\n## Extensions\n" in page
    if SHARED_CONTRACT.exists():  # the developers' copy beside the checkout; the repo does not need it
        assert page.startswith(text(SHARED_CONTRACT))


def test_readme_conflict_report_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README shows the report's opening lines, then an ellipsis: they are what check prints,
    and they say that dropping any one of the paper's four shares makes it consistent."""
    monkeypatch.chdir(ROOT)
    shown = blocks(section(README, "A real conflict report"), "text")[0].splitlines()
    assert shown[-1] == "…"
    result = CliRunner().invoke(app, ["check", "examples/election-shares.yaml"])
    assert result.exit_code == 1
    assert result.output.splitlines()[: len(shown) - 1] == shown[:-1]
    assert shown[5].startswith("  Dropping any one of share-martin, share-dubois, share-bernard, share-petit ")


def test_readme_dated_conflict_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line of the README's dated excerpt is a line of the report, in the same order."""
    monkeypatch.chdir(ROOT)
    shown = [line for line in blocks(section(README, "Figures over time"), "text")[0].splitlines() if line]
    result = CliRunner().invoke(app, ["check", "examples/cumulative-toll.yaml"])
    assert result.exit_code == 1
    printed = result.output.splitlines()
    at = [printed.index(line) for line in shown]
    assert at == sorted(at)
    assert any("ru_killed cannot fall from more than 115,000" in line for line in shown)


def test_readme_first_claims_file_finds_its_one_conflict(tmp_path: Path) -> None:
    path = tmp_path / "kursk.yaml"
    path.write_text(blocks(section(README, "A first claims file"), "yaml")[0], encoding="utf-8")
    report = numcheck.check(path)
    assert report.verdict == "inconsistent"
    assert [c.claims for c in report.conflicts] == [("hur-total", "paper-kursk")]
    assert [r.drop for r in report.repairs] == [("paper-kursk",)]  # the lighter claim


def test_readme_python_lines_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    scope: dict[str, object] = {}
    exec(blocks(section(README, "From Python"), "python")[0], scope)
    report = scope["report"]
    assert isinstance(report, numcheck.Report) and report.verdict == "consistent"
    assert report.ranges["ua_casualties"].min == 51750


def test_results_page_python_lines_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    scope: dict[str, object] = {}
    exec(blocks(text(DOCS / "results.md"), "python")[0], scope)
    assert isinstance(scope["model"], numcheck.Model)


def test_rule_pack_page_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    scope: dict[str, object] = {}
    exec(blocks(text(DOCS / "rule-packs.md"), "python")[0], scope)
    settings(max_examples=10)(scope["test_my_pack_never_flags_the_truth"])()  # type: ignore[operator]


def test_readme_ci_workflow_runs_the_github_format() -> None:
    """The README's workflow is a GitHub workflow on pull requests whose last step annotates."""
    import yaml

    workflow = yaml.safe_load(blocks(README, "yaml")[-1])
    assert workflow[True] == "pull_request"  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[-1]["run"].endswith("numcheck check claims/*.yaml --format github")
