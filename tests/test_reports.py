"""Reports people read: Markdown against a checked-in file, HTML in real headless Chromium, tables."""

from __future__ import annotations

import re
import shutil
from fractions import Fraction as F
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"
runner = CliRunner()


def test_markdown_matches_the_checked_in_write_up() -> None:
    expected = (ROOT / "tests" / "expected" / "ratio-through-rule.md").read_text(encoding="utf-8")
    report = numcheck.check(ROOT / "examples" / "ratio-through-rule.yaml")
    got = numcheck.render(report, "markdown").replace(str(ROOT) + "/", "")
    assert got == expected


def test_markdown_escapes_table_breaking_characters(write) -> None:  # type: ignore[no-untyped-def]
    path = write("pipes.yaml", "numcheck: 1\ntitle: a | b * c\nquantities:\n  x_y: {unit: km}\n"
                               "claims:\n  - {id: a, quantity: x_y, value: '5', quote: 'x | y'}\n")
    text = numcheck.render(numcheck.check(path), "markdown")
    assert "# a \\| b \\* c" in text and "| x\\_y |" in text


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.parametrize("path", [SEED, *EXAMPLES], ids=lambda p: p.name)
def test_html_report_in_headless_chromium(path: Path, tmp_path: Path) -> None:
    browser_path = _chromium()
    if browser_path is None:
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it where it can)")
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright driver is not installed")
    report = numcheck.check(path)
    page_file = tmp_path / "report.html"
    page_file.write_text(numcheck.render(report, "html"), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            assert errors == []
            assert requests == [page_file.as_uri()]  # the page itself, and nothing else
            assert page.locator("#verdict").inner_text().lower().startswith(report.verdict)
            shown = set(page.locator(".claim-id").all_inner_texts())
            for conflict in report.conflicts:
                assert set(conflict.claims) <= shown
            for name in report.model.quantities:  # a chart, or a line saying there is nothing to draw
                assert page.locator(f'.plot[data-quantity="{name}"]').count() == 1
            for conflict_number in range(1, len(report.conflicts) + 1):
                assert page.locator(f'svg.chart[data-conflict="{conflict_number}"]').count() == 1
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390  # readable on a phone: nothing forces sideways scrolling
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "report.png").stat().st_size > 0


@pytest.mark.parametrize("path", [SEED, ROOT / "examples" / "cumulative-toll.yaml"], ids=lambda p: p.name)
def test_html_is_self_contained(path: Path) -> None:
    text = numcheck.render(numcheck.check(path), "html")
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", text)  # names, never fetched
    for needle in ("http://", "https://", "<script src", "@import", "<link"):
        assert needle not in without_namespaces
    assert not re.search(r"url\((?!#)", text)  # only references inside the page itself


def test_table_round_trip_has_one_row_per_claim_with_exact_bounds(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["table", str(ROOT / "examples" / "two-units.yaml"), str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    model = numcheck.load(ROOT / "examples" / "two-units.yaml", SEED)
    assert list(frame["id"]) == [c.id for c in model.claims]
    for row, claim in zip(frame.to_dict("records"), model.claims):
        iv = claim.interval
        if iv is None:
            assert row["min"] == row["max"] == ""
            continue
        assert (F(row["min"]) if row["min"] else None) == iv.lo
        assert (F(row["max"]) if row["max"] else None) == iv.hi
    us_front = frame[frame["id"] == "us-front"].iloc[0]
    assert F(us_front["min"]) == F(540) * F("1.609344") and us_front["status"] == "in-conflict"


def test_to_frame_keeps_fractions() -> None:
    frame = numcheck.check(SEED).to_frame()
    row = frame[frame["id"] == "us-ratio"].iloc[0]
    assert row["min"] == F(9, 20) and row["relative_to"] == "ru_casualties"


def test_table_refuses_unknown_suffix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["table", str(SEED), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "use a .csv, .parquet or .xlsx" in result.stderr


def test_report_repr_is_one_short_line() -> None:
    consistent = numcheck.check(SEED)
    assert repr(consistent) == (f"<Report consistent: {len(consistent.model.claims)} claims, 0 conflicts, "
                                f"{len(consistent.ranges)} ranges>")
    clash = numcheck.check(ROOT / "examples" / "cross-source.yaml")
    assert repr(clash) == "<Report inconsistent: 2 claims, 1 conflict, 1 range>"
    cut = numcheck.check(ROOT / "examples" / "one-claim-two-conflicts.yaml", max_conflicts=1)
    assert repr(cut).endswith(", list cut short>") and "\n" not in repr(cut)


def test_report_repr_html_is_the_page_body_without_the_page() -> None:
    report = numcheck.check(ROOT / "examples" / "cross-source.yaml")
    fragment = report._repr_html_()
    page = numcheck.render(report, "html")
    for chrome in ("<!DOCTYPE", "<html", "<head", "<body", "<meta"):
        assert chrome not in fragment
    outside_charts = re.sub(r'<svg class="chart".*?</g></svg>', "", fragment, flags=re.S)
    assert "<title" in fragment and "<title" not in outside_charts  # a chart's name or a bar's, not the page's
    assert fragment.startswith('<div class="numcheck-report">') and fragment.rstrip().endswith("</div>")
    body = page[page.index("<body>") + len("<body>"):page.index("</body>")]
    assert body.strip() in fragment  # the same report, only without the page around it
    style = fragment[fragment.index("<style>") + 7:fragment.index("</style>")]
    rules = re.sub(r"@media[^{]*\{", "", style).replace("}}", "}")
    selectors = [sel.strip() for block in re.findall(r"([^{}]+)\{", rules) for sel in block.split(",")]
    assert selectors and all(sel.startswith(".numcheck-report") for sel in selectors), selectors


def test_table_has_culprit_and_repair_columns(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["table", str(ROOT / "examples" / "election-shares.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns[13:15]) == ["culprit", "repair"]
    assert dict(zip(frame["id"], zip(frame["culprit"], frame["repair"]))) == {
        "valid": ("1", ""), "share-martin": ("1", "1"), "share-dubois": ("1", "2"), "share-bernard": ("1", "3"),
        "share-petit": ("1", "4")}


def test_every_format_opens_with_what_to_look_at_first() -> None:
    report = numcheck.check(ROOT / "examples" / "one-claim-two-conflicts.yaml")
    text = numcheck.render(report, "text")
    assert text.index("What to look at first:") < text.index("Conflict 1:")
    markdown = numcheck.render(report, "markdown")
    assert markdown.index("## What to look at first") < markdown.index("## Conflict 1")
    page = numcheck.render(report, "html")
    assert page.index('<section class="first" id="first">') < page.index('id="conflict-1"')
    assert 'data-claim="hur-kursk"' in page
    consistent = numcheck.check(SEED)
    assert "What to look at first" not in numcheck.render(consistent, "text")  # nothing to doubt, no tension


OLD_COLUMNS = ["file", "id", "source", "date", "quantity", "value", "relative_to", "min", "max", "min_open",
               "max_open", "unit", "status", "culprit", "repair"]
NEW_COLUMNS = ["min_value", "max_value", "quote", "source_name", "line", "conflicts"]


def test_csv_keeps_its_columns_first_and_appends_the_new_ones(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    example = ROOT / "examples" / "one-claim-two-conflicts.yaml"
    result = runner.invoke(app, ["table", str(example), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == OLD_COLUMNS + NEW_COLUMNS
    report = numcheck.check(example)
    lines = example.read_text(encoding="utf-8").splitlines()
    for row in frame.to_dict("records"):
        claim = report.claim(row["id"])
        assert row["id"] in lines[int(row["line"]) - 1]
        assert row["quote"] == (claim.quote or "") and row["source_name"] == report.model.sources[claim.source].name
        assert row["conflicts"] == ", ".join(str(k) for k, c in enumerate(report.conflicts, 1) if claim.id in c.claims)
        for exact, number in ((row["min"], row["min_value"]), (row["max"], row["max_value"])):
            assert (exact == "") == (number == "")
            assert number == "" or float(number) == float(F(exact))
    assert frame.set_index("id").loc["hur-kursk", "conflicts"] == "1, 2"  # the claim in both conflicts


def test_excel_has_a_frozen_header_a_filter_and_numeric_bounds(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "claims.xlsx"
    result = runner.invoke(app, ["table", str(ROOT / "examples" / "election-shares.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["claims"]
    header = [c.value for c in sheet[1]]
    assert header == OLD_COLUMNS + NEW_COLUMNS
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:U{sheet.max_row}"
    row = {name: cell.value for name, cell in zip(header, sheet[3])}  # share-martin, "41%"
    assert row["min"] == "0.405" and row["min_value"] == 0.405 and isinstance(row["max_value"], float)
    assert row["line"] == 19 and row["conflicts"] == "1" and row["source_name"] == "A daily newspaper"


def test_parquet_has_float_bounds_beside_the_exact_text(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "claims.parquet"
    result = runner.invoke(app, ["table", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert list(frame.columns) == OLD_COLUMNS + NEW_COLUMNS
    assert str(frame["min_value"].dtype) == "float64" and str(frame["line"].dtype) == "int64"
    ratio = frame.set_index("id").loc["us-ratio"]
    assert (ratio["min"], ratio["min_value"], ratio["max"], ratio["max_value"]) == ("0.45", 0.45, "0.55", 0.55)
    total = frame.set_index("id").loc["hur-total"]
    assert pd.isna(total["min"]) and pd.isna(total["min_value"]) and total["max_value"] == 12000.0


def test_a_bound_no_float_holds_leaves_its_float_column_empty(write) -> None:  # type: ignore[no-untyped-def]
    zeros = "0" * 150
    path = write("huge.yaml", f"""
        numcheck: 1
        defaults: {{precision: exact}}
        quantities:
          y: {{unit: mm**12}}
          w: {{unit: parsec**12}}
        claims:
          - {{id: big, quantity: y, value: "up to 1{zeros} parsec**12"}}
          - {{id: tiny, quantity: w, value: "at least 0.{zeros}1 mm**12"}}
    """)
    frame = numcheck.check(path).to_frame().set_index("id")
    assert frame.loc["big", "max"] > 10**309 and pd.isna(frame.loc["big", "max_value"])
    assert 0 < frame.loc["tiny", "min"] < F(1, 10**330) and pd.isna(frame.loc["tiny", "min_value"])


def test_html_reports_progress_while_it_writes_the_page() -> None:
    report = numcheck.check(ROOT / "examples" / "seed-two-errors.yaml")
    calls: list[tuple[int, int]] = []
    page = numcheck.render(report, "html", progress=lambda done, total: calls.append((done, total)))
    assert page == numcheck.render(report, "html")  # the callback changes nothing in the page
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total == len(report.conflicts) + len(report.model.quantities) + 1
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_seed_with_two_planted_errors_is_inconsistent_through_the_cli() -> None:
    result = runner.invoke(app, ["check", str(ROOT / "examples" / "seed-two-errors.yaml")])
    assert result.exit_code == 1
    report = numcheck.check(ROOT / "examples" / "seed-two-errors.yaml")
    assert [c.claims for c in report.conflicts] == [("hur-total", "wire-kursk"), ("hur-kursk", "wire-kursk"),
                                                    ("frolova-total", "wire-kursk"), ("us-killed", "us-ratio", "blog-ua")]


def test_the_documented_table_is_what_numcheck_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    block = re.findall(r"^```console\n\$ numcheck table (\S+) \| head -3\n(.*?)^```$", page, flags=re.S | re.M)
    [(path, shown)] = block
    printed = runner.invoke(app, ["table", path]).stdout
    assert "".join(printed.splitlines(keepends=True)[:3]) == shown
