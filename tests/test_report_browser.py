"""The HTML report in real headless Chromium: the clash is seen, the text is readable on a phone,
and a page of 1,000 claims opens and scrolls.

Uses Debian's chromium through the playwright package (which downloads no browser); skips where
either is missing. NUMCHECK_SCREENSHOTS=1 also writes docs/report-1280.png and docs/report-390.png
(the seed story with two planted errors).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import numcheck

from .conftest import ROOT

SEED_TWO_ERRORS = ROOT / "examples" / "seed-two-errors.yaml"
SHOTS = os.environ.get("NUMCHECK_SCREENSHOTS") == "1"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
MIN_GAP_PX = 20  # a clash narrower than this is not seen at a glance
MIN_TEXT_PX = 11


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it where it can)")
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright driver is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _open(browser: Any, page_file: Path, width: int) -> tuple[Any, list[str], list[str]]:
    """The page at this width, with the console errors and the requests it makes."""
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def _page(tmp_path: Path, claims: Path, name: str = "report.html") -> Path:
    page_file = tmp_path / name
    page_file.write_text(numcheck.render(numcheck.check(claims), "html"), encoding="utf-8")
    return page_file


# For each bar of a chart: its claim, kind, and the x pixels of the bar's two ends.
_BARS = """chart => Array.from(chart.querySelectorAll("g.bar")).filter(g => g.querySelector("line.span"))
  .map(g => { const r = g.querySelector("line.span").getBoundingClientRect();
              return {claim: g.dataset.claim, kind: g.dataset.kind, left: r.left, right: r.right}; })"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_conflict_chart_shows_its_clash(chromium: Any, tmp_path: Path, width: int) -> None:
    report = numcheck.check(SEED_TWO_ERRORS)
    page, errors, requests = _open(chromium, _page(tmp_path, SEED_TWO_ERRORS), width)
    charts = page.locator("svg.chart[data-conflict]")
    assert charts.count() == len(report.conflicts) == 4
    for k, conflict in enumerate(report.conflicts):
        bars = charts.nth(k).evaluate(_BARS)
        pairs = 0
        for says in (b for b in bars if b["kind"] == "says"):
            allowed = [b for b in bars if b["kind"] == "allowed" and b["claim"] == says["claim"]]
            for other in allowed:  # a claim as it reads, and what the others allow for it: apart
                gap = max(other["left"] - says["right"], says["left"] - other["right"])
                assert gap >= MIN_GAP_PX, (k + 1, says["claim"], gap)
                pairs += 1
        assert pairs >= 1, f"conflict {k + 1} draws no claim beside what the others allow"
        assert set(conflict.claims) <= {b["claim"] for b in bars}
    assert errors == [] and requests == [page.url]
    if SHOTS:  # the conflicts: both planted errors and all they clash with
        top = page.locator("#conflicts").bounding_box()
        last = page.locator(f"#conflict-{len(report.conflicts)}").bounding_box()
        assert top is not None and last is not None
        clip = {"x": 0, "y": top["y"] - 8, "width": width, "height": last["y"] + last["height"] - top["y"] + 16}
        page.screenshot(path=str(ROOT / "docs" / f"report-{width}.png"), full_page=True, clip=clip)
    page.close()


def test_on_a_phone_no_text_is_under_11_px_and_nothing_scrolls_sideways(chromium: Any, tmp_path: Path) -> None:
    for claims in (SEED_TWO_ERRORS, ROOT / "examples" / "cumulative-toll.yaml"):
        page, errors, _ = _open(chromium, _page(tmp_path, claims, claims.stem + ".html"), 390)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # the rendered height of each chart's text (a matplotlib chart's is scaled with it),
        # and the computed size of the page's own text
        chart_text = page.evaluate("""Array.from(document.querySelectorAll("svg text"))
            .filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect().height)""")
        assert chart_text and min(chart_text) >= MIN_TEXT_PX, min(chart_text)
        smallest = page.evaluate("""Math.min(...Array.from(document.querySelectorAll("body *"))
            .filter(el => !el.closest("svg") && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => parseFloat(getComputedStyle(el).fontSize)))""")
        assert smallest >= MIN_TEXT_PX
        assert errors == []
        page.close()


def test_no_arrow_runs_below_zero_for_a_quantity_that_cannot_be_negative(chromium: Any, tmp_path: Path) -> None:
    model = numcheck.load(SEED_TWO_ERRORS)
    assert not any(q.signed for q in model.quantities.values())
    page, _, _ = _open(chromium, _page(tmp_path, SEED_TWO_ERRORS), 1280)
    assert page.locator("svg.chart").count() > 0
    assert page.locator("svg.chart .arrow-lo").count() == 0
    titles = page.evaluate("""Array.from(document.querySelectorAll("svg.chart > title")).map(t => t.textContent)""")
    assert len(titles) == page.locator("svg.chart").count() and all(titles)  # every chart has its name
    page.close()


def test_a_1000_claim_page_opens_scrolls_and_sorts(chromium: Any, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_check import generate

    claims = tmp_path / "big.yaml"
    claims.write_text(generate(1000), encoding="utf-8")
    report = numcheck.check(claims)
    page_file = tmp_path / "big.html"
    page_file.write_text(numcheck.render(report, "html"), encoding="utf-8")
    page, errors, requests = _open(chromium, page_file, 1280)
    assert page.locator("svg.chart[data-conflict]").count() == len(report.conflicts)
    rows = page.locator("#quantity-table tbody tr")
    assert 0 < rows.count() < len(report.model.quantities)  # charts for what clashes, a row for the rest
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("window.scrollY + window.innerHeight >= document.body.scrollHeight - 2")
    page.locator("#quantity-table th button").nth(3).click()  # implied max, ascending
    highs = page.evaluate("""Array.from(document.querySelectorAll("#quantity-table tbody tr"))
        .map(r => parseFloat(r.cells[3].dataset.sort))""")
    assert highs == sorted(highs)
    assert page.locator("#contents a[href='#other-quantities']").count() == 1
    assert errors == [] and requests == [page.url]
    page.close()
