"""The desk page in a real Chromium (Playwright, Debian's /usr/bin/chromium), against a real
uvicorn server on a free loopback port: paste the bundled English article, confirm two figures,
plant a claim from another source and join its quantity with the article's, see the conflict and
its repairs appear, follow a conflict's claim back to its figure, save, and check the saved file
with the CLI. Then the page at 390 x 844: no horizontal scroll, no text under 11 px.

NUMCHECK_SCREENSHOTS=1 also writes docs/web.png (1280 wide) and docs/web-390.png.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytest.importorskip("uvicorn", reason="the web extra (uvicorn) is not installed")
import uvicorn  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from numcheck.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "examples" / "article-nk-troops.en.txt").read_text(encoding="utf-8")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = os.environ.get("NUMCHECK_SCREENSHOTS") == "1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "article-nk-troops.en.txt").write_text(ARTICLE, encoding="utf-8")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(folder, port=port), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/", folder
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page
        browser.close()
        assert not errors, errors


def _row(page: Page, claim: str) -> Any:
    return page.locator(f'#claims tr[data-claim="{claim}"]')


def _paste_the_article(page: Page, url: str) -> None:
    page.goto(url)
    page.fill("#article-input", ARTICLE)
    page.fill("#article-source", "hur")
    page.fill("#article-date", "2024-10-24")
    expect(page.locator('#article-form input[name=packs][value=casualties]')).to_be_checked()
    page.click("#extract")
    expect(page.locator("#claims tr[data-claim]")).to_have_count(5)
    expect(page.locator("#article mark.fig[data-m]")).to_have_count(5)


def _confirm_two(page: Page) -> None:
    for claim in ("hur-1", "hur-3"):
        _row(page, claim).locator(".confirm").check()
        expect(page.locator(f'#article mark.fig[data-claim="{claim}"]')).to_have_class("fig confirmed")
    expect(page.locator("#result #warnings summary")).to_contain_text("3 warnings")


def _plant_and_join(page: Page) -> tuple[float, str]:
    """A claim from a blog, on a quantity of its own, then joined with the one of the article's
    "up to 12,000" (hur-1): a conflict. Returns how long the check took to follow the typing,
    and the quantity joined into (whatever name the draft gave it)."""
    troops = _row(page, "hur-1").locator("input[name=quantity]").input_value()
    page.click("#add-claim")
    row = _row(page, "hur-6")
    expect(row).to_have_count(1)
    for name, value in (("source", "blog"), ("quantity", "nk_troops")):
        row.locator(f"input[name={name}]").fill(value)
        row.locator(f"input[name={name}]").press("Tab")
        expect(page.locator(f'#side [data-{"source" if name == "source" else "quantity"}="{value}"]')).to_have_count(1)
    started = time.monotonic()
    row.locator("input[name=value]").fill("about 15,000")
    expect(page.locator('#result .chart[data-quantity="nk_troops"]')).to_contain_text("13,500 – 16,500")
    typed = time.monotonic() - started
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "consistent")
    page.select_option("#join-from", "nk_troops")
    page.select_option("#join-into", troops)
    page.click("#join")
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "inconsistent")
    return typed, troops


def test_paste_confirm_join_conflict_repair_save_and_check(served: tuple[str, Path], page: Page) -> None:
    url, folder = served
    _paste_the_article(page, url)
    _confirm_two(page)
    typed, troops = _plant_and_join(page)
    assert typed < 1.0, f"the check followed the typing after {typed:.2f} s"
    conflict = page.locator("#result .conflict")
    expect(conflict).to_have_count(1)
    expect(conflict).to_have_attribute("data-claims", "hur-1 hur-6")
    expect(page.locator("#repairs li")).to_have_text(["drop hur-1 (weight 1)", "drop hur-6 (weight 1)"])
    expect(page.locator("#verdict-pill")).to_have_text("inconsistent")
    expect(page.locator('#side [data-quantity="nk_troops"]')).to_have_count(0)
    expect(_row(page, "hur-6").locator("input[name=quantity]")).to_have_value(troops)
    # the conflict's claim leads back to its figure in the article
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    conflict.locator('.claim-link[data-claim="hur-1"]').click()
    mark = page.locator('#article mark.fig[data-claim="hur-1"]')
    expect(mark).to_have_class("fig confirmed conflict current")
    expect(mark).to_have_text("up to 12,000")
    expect(mark).to_be_in_viewport()
    if SHOTS:
        page.set_viewport_size({"width": 1280, "height": 1200})
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(ROOT / "docs" / "web.png"))
    page.fill("#save-name", "article-nk-troops.en.yaml")
    page.click("#save")
    expect(page.locator("#status")).to_contain_text("saved article-nk-troops.en.yaml")
    saved = folder / "article-nk-troops.en.yaml"
    run = subprocess.run([sys.executable, "-m", "numcheck", "check", str(saved)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "hur-1" in run.stdout and "hur-6" in run.stdout
    expect(page.locator("#folder-files option")).to_have_text(
        ["choose a file…", "article-nk-troops.en.txt", "article-nk-troops.en.yaml"])
    # the file saved is saved again without a question; the repair taken, the CLI agrees
    _row(page, "hur-6").locator("input[name=value]").fill("about 11,000")
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "consistent")
    page.evaluate("document.querySelector('#status').textContent = ''")
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile(r"saved article-nk-troops.en.yaml \(\d+ bytes\)"))
    run = subprocess.run([sys.executable, "-m", "numcheck", "check", str(saved)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "about 11,000" in saved.read_text(encoding="utf-8")


def test_a_bad_value_is_shown_at_its_line_and_row(served: tuple[str, Path], page: Page) -> None:
    url, _ = served
    _paste_the_article(page, url)
    row = _row(page, "hur-2")
    row.locator("input[name=value]").fill("as many as three bananas")
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "error")
    expect(row).to_have_class(re.compile(r"\bbad\b"))
    page.locator("#yaml-box summary").click()  # the file's text, as it will be saved
    # the box fills on its toggle event, a task after the click: wait for the text, not the click
    expect(page.locator("#yaml")).to_have_value(re.compile("three bananas"))
    text = page.locator("#yaml").input_value()
    line = next(n for n, t in enumerate(text.split("\n"), start=1) if "three bananas" in t)
    expect(row.locator(".row-msg")).to_contain_text(f"line {line}: claim 'hur-2'")
    expect(page.locator("#result .problem strong").first).to_have_text(f"line {line}")
    expect(page.locator("#result .excerpt .bad")).to_contain_text("three bananas")
    page.locator("#yaml-box summary").click()
    page.click("#result .show-line")
    expect(page.locator("#yaml-box")).to_have_attribute("open", "")
    selected = page.evaluate("() => { const y = document.querySelector('#yaml'); "
                             "return y.value.slice(y.selectionStart, y.selectionEnd); }")
    assert "three bananas" in selected
    row.locator("input[name=value]").fill("as many as 3,000")
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "consistent")
    expect(row).not_to_have_class(re.compile(r"\bbad\b"))


def test_a_claims_file_opened_and_saved_unedited_keeps_its_bytes(served: tuple[str, Path], page: Page,
                                                                 tmp_path: Path) -> None:
    url, folder = served
    seed = (ROOT / "claims" / "nk-troops-russia-2024-10.yaml").read_bytes()
    (folder / "seed.yaml").write_bytes(seed)
    page.goto(url)
    page.select_option("#folder-files", "seed.yaml")
    expect(page.locator("#claims tr[data-claim]")).to_have_count(10)
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "consistent")
    expect(page.locator("#save-name")).to_have_value("seed.yaml")
    page.fill("#save-name", "copy.yaml")
    page.click("#save")
    expect(page.locator("#status")).to_contain_text("saved copy.yaml")
    assert (folder / "copy.yaml").read_bytes() == seed
    crlf = tmp_path / "windows.yaml"
    crlf.write_bytes(seed.replace(b"\n", b"\r\n"))
    page.set_input_files("#claims-file", str(crlf))
    expect(page.locator("#status")).to_contain_text("opened windows.yaml")
    with page.expect_download() as download:
        page.click("#download")
    assert Path(download.value.path()).read_bytes() == crlf.read_bytes()
    page.click("#save")
    expect(page.locator("#status")).to_contain_text("saved windows.yaml")
    assert (folder / "windows.yaml").read_bytes() == crlf.read_bytes()


def _small_texts(page: Page) -> list[str]:
    small: list[str] = page.evaluate("""() => {
        const small = [];
        for (const el of document.querySelectorAll('body *')) {
            if (!el.getClientRects().length) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || style.display === 'none') continue;
            const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())
                || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(el.tagName);
            if (hasText && parseFloat(style.fontSize) < 11) small.push(el.tagName + ' ' + style.fontSize);
        }
        return small;
    }""")
    return small


def test_the_page_is_usable_at_390_pixels(served: tuple[str, Path], page: Page) -> None:
    url, _ = served
    page.set_viewport_size({"width": 390, "height": 844})
    _paste_the_article(page, url)
    _confirm_two(page)
    _plant_and_join(page)
    page.locator("#yaml-box summary").click()
    page.locator("#result .warnings summary").click()
    for selector in ("#article-panel", "#claims-panel", "#result-panel"):
        page.locator(selector).scroll_into_view_if_needed()
        width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1] == 390, f"horizontal scroll at 390 px: {width}"
    assert not _small_texts(page)
    if SHOTS:
        page.locator("#result-panel").scroll_into_view_if_needed()
        page.locator("#result .conflict").scroll_into_view_if_needed()
        page.evaluate("document.querySelector('#result-panel').scrollIntoView()")
        page.screenshot(path=str(ROOT / "docs" / "web-390.png"))
