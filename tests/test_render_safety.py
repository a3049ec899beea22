"""Reports stay safe whatever a claims file says: no markup, escape sequence or formula gets through,
outputs never follow a planted link, and drawing a page leaves the caller's matplotlib alone."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import stat
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import pytest
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app
from numcheck.errors import UsageError
from numcheck.model import Claim, Interval, LoadWarning, Location, Model, Quantity, Source
from numcheck.render import show_json, show_text, write_atomically, write_table
from numcheck.report import Agreement, ClaimStatus, ComponentSummary, Conflict, Distance, Range, Report

from .conftest import ROOT

SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"
runner = CliRunner()


def _huge_file(write) -> Path:  # type: ignore[no-untyped-def]
    big = "1" + "0" * 307  # 1.7 times this is close to the largest float
    return write("huge.yaml", f"""
        numcheck: 1
        quantities:
          x: {{unit: km}}
          y: {{unit: km}}
        claims:
          - {{id: a, relation: "x <= 1.7 * y"}}
          - {{id: b, relation: "y <= {big}"}}
          - {{id: c, quantity: x, value: "at least 5"}}
          - {{id: d, quantity: y, value: "at least 5"}}
    """)


# ------------------------------------------------------------------------------- matplotlib


def test_html_leaves_the_callers_backend_and_pyplot_alone() -> None:
    """A notebook's backend must not be switched, nor pyplot imported, by rendering a page."""
    code = ("import sys, matplotlib; matplotlib.use('pdf'); import numcheck; "
            f"numcheck.render(numcheck.check({str(SEED)!r}), 'html'); "
            "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["pdf", "False"]


def test_a_dollar_sign_in_a_source_name_is_text_not_mathtext(write) -> None:  # type: ignore[no-untyped-def]
    path = write("dollar.yaml", r"""
        numcheck: 1
        sources:
          s: {name: "$\\x$ agency"}
        quantities:
          x: {unit: km}
        claims:
          - {id: a, source: s, quantity: x, value: "5"}
    """)
    page = numcheck.render(numcheck.check(path), "html")
    assert page.count("<svg") == 1


def test_html_ignores_the_callers_usetex_and_style(write) -> None:  # type: ignore[no-untyped-def]
    import matplotlib

    path = write("plain.yaml", """
        numcheck: 1
        quantities:
          x: {unit: km}
        claims:
          - {id: a, quantity: x, value: "5"}
    """)
    with matplotlib.rc_context({"text.usetex": True, "axes.facecolor": "black"}):
        page = numcheck.render(numcheck.check(path), "html")
        assert matplotlib.rcParams["text.usetex"] is True  # and the caller's settings are back
    assert page.count("<svg") == 1


def test_bounds_near_the_largest_float_do_not_break_the_page(write) -> None:  # type: ignore[no-untyped-def]
    report = numcheck.check(_huge_file(write))
    page = numcheck.render(report, "html")
    assert page.count('<svg class="chart"') == 2  # the claims that fit are drawn (arrows are <svg> inside)
    assert "too large or too small for a chart" in page and "implied range" in page


# ------------------------------------------------------------------ text from the claims file

NASTY_QUOTE = "line one\n\n# Heading\n- item \x1b[2J & <script>alert(1)</script>"
NASTY_SOURCE = "Agency\n## Fake section & <i>co</i> \x1b[31mred\x9b\u202e"
NASTY_TITLE = "Title\n# Injected & <b>bold</b> \x1b]0;pwned\x07"


def _report(*, title: str = NASTY_TITLE, source_id: str = "s", source_name: str = NASTY_SOURCE,
            quote: str = NASTY_QUOTE, value: str = "up to 5\n# not a heading",
            warnings: tuple[LoadWarning, ...] = ()) -> Report:
    """A hand-built inconsistent report (no loader, no solver) carrying the given texts."""
    loc = Location("f.yaml", 3)
    a = Claim(id="a", atoms=(), location=loc, quantity="x", value=value, interval=Interval(None, F(5)),
              source=source_id, quote=quote)
    b = Claim(id="b", atoms=(), location=Location("f.yaml", 4), quantity="x", value="at least 10",
              interval=Interval(F(10), None))
    model = Model(files=("f.yaml",), title=title,
                  sources={source_id: Source(source_id, source_name, None, None, loc)},
                  quantities={"x": Quantity("x", "km", None, False, False, loc)}, claims=(a, b),
                  warnings=warnings)
    allowed = Range("x", Interval(F(10), None), "km")
    conflict = Conflict(("a", "b"), (), (Distance("a", "x", allowed, F(5)),))
    return Report(model=model, verdict="inconsistent", conflicts=[conflict],
                  ranges={"x": Range("x", Interval(F(0), None), "km")},
                  claims=[ClaimStatus("a", "in-conflict"), ClaimStatus("b", "in-conflict")],
                  agreements=[Agreement("x", "a", "b", False)],
                  components=[ComponentSummary(0, ("x",), "inconsistent", None, True, 1)],
                  notes=["a note\n# with a heading \x1b[0m"])


_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_markdown_keeps_file_text_on_its_line_and_escapes_html() -> None:
    text = numcheck.render(_report(), "markdown")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [h for h in headings if h.startswith(("# Title", "## Conflict", "## Implied", "## Sources",
                                                             "## Notes"))]
    assert not [line for line in text.splitlines() if line.startswith("- item")]
    assert "&amp;" in text and "&lt;script&gt;" in text and "<script" not in text and "<b>" not in text
    assert "&lt;i&gt;co&lt;/i&gt;" in text
    assert not _RAW_CONTROL.search(text) and "\\x1b" in text


def test_markdown_code_spans_cannot_be_closed_by_a_backtick() -> None:
    """File names in code spans: a backtick inside takes a longer fence, one at an end a space,
    and a line break becomes a space."""
    paths = ("a`b", "`x`", "two\nlines")
    report = _report()
    report.model = dataclasses.replace(
        report.model, warnings=tuple(LoadWarning(Location(path, 3), "odd") for path in paths))
    text = numcheck.render(report, "markdown")
    for span in ("``a`b:3``", "`` `x`:3 ``", "`two lines:3`"):
        assert f"- {span}: odd" in text, span


def test_html_escapes_every_file_text() -> None:
    page = numcheck.render(_report(), "html")
    assert "<script" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page
    assert "\x1b" not in page and "\\x1b" in page


def test_text_report_never_sends_escape_sequences_to_the_terminal() -> None:
    text = numcheck.render(_report(), "text")
    assert not _RAW_CONTROL.search(text)
    assert "\\x1b[2J" in text and "\\x1b]0;pwned\\x07" in text and "\\x9b" in text and "\\u202e" in text
    lines = text.splitlines()
    assert lines[0].startswith("Title # Injected")  # the title's newline is a space
    assert not [line for line in lines if line.startswith(("# ", "- item", "## "))]


def test_show_text_never_sends_escape_sequences_to_the_terminal() -> None:
    model = _report().model
    assert not _RAW_CONTROL.search(show_text(model))
    text = show_json(model)
    assert "\x9b" not in text and "\u202e" not in text
    assert json.loads(text)["sources"]["s"]["name"] == NASTY_SOURCE  # the same data, escaped


def test_json_escapes_c1_and_bidi_controls_but_keeps_the_data() -> None:
    report = _report()
    text = numcheck.render(report, "json")
    assert not _RAW_CONTROL.search(text.replace("\n", ""))
    data = json.loads(text)
    assert data["notes"] == report.notes


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_csv_text_cells_that_look_like_formulas_are_defused(dangerous: str, tmp_path: Path) -> None:
    report = _report(source_id=dangerous, value=dangerous)
    frame = report.to_frame()
    assert frame.loc[0, "source"] == dangerous  # the DataFrame keeps the data as it is
    rows = _csv_rows(frame, tmp_path)
    assert rows[0]["source"] == "'" + dangerous and rows[0]["value"] == "'" + dangerous
    assert rows[1]["min"] == "10" and rows[0]["max"] == "5"  # numbers are never prefixed


def _csv_rows(frame: object, folder: Path) -> list[dict[str, str]]:
    out = folder / "table.csv"
    write_table(frame, out)  # type: ignore[arg-type]
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


def test_written_csv_is_defused_too(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    write_table(_report(source_id="=1+1").to_frame(), out)
    assert list(csv.DictReader(out.open(encoding="utf-8")))[0]["source"] == "'=1+1"


def test_negative_bounds_are_numbers_not_formulas(tmp_path: Path) -> None:
    report = _report()
    a = dataclasses.replace(report.model.claims[0], interval=Interval(F(-7), F(5)))
    report.model = dataclasses.replace(report.model, claims=(a, report.model.claims[1]))
    rows = _csv_rows(report.to_frame(), tmp_path)
    assert rows[0]["min"] == "-7"


# ------------------------------------------------------------------------------ output files


def _write_text(text: str):  # type: ignore[no-untyped-def]
    return lambda tmp: tmp.write_text(text, encoding="utf-8")


def test_a_planted_tmp_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    target = tmp_path / "report.json"
    (tmp_path / "report.json.tmp").symlink_to(victim)
    write_atomically(target, _write_text("new"))
    assert target.read_text() == "new" and not victim.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.json.tmp"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_atomically(target, _write_text("x"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, _write_text("new"))
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_target_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    link = tmp_path / "report.json"
    link.symlink_to(victim)
    with pytest.raises(UsageError, match="symbolic link"):
        write_atomically(link, _write_text("new"))
    assert victim.read_text() == "keep me" and link.is_symlink()


def test_a_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        write_atomically(tmp_path, _write_text("new"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_target_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="FIFO"):
        write_atomically(fifo, _write_text("new"))


def test_a_device_target_is_refused(tmp_path: Path) -> None:
    """A device node of its own in tmp_path (never /dev/null: a broken writer would replace it)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here (needs root)")
    with pytest.raises(UsageError, match="character device"):
        write_atomically(device, _write_text("new"))
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(UsageError, match="No space left"):
        write_atomically(tmp_path / "r.txt", fail)
    assert list(tmp_path.iterdir()) == []


def test_table_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nope"
    result = runner.invoke(app, ["table", str(SEED), "-o", str(folder / "x.csv")])
    assert result.exit_code == 2
    assert f"the folder {folder} does not exist" in result.stderr and "None" not in result.stderr


# ---------------------------------------------------------------------------------- warnings

WARNINGS = (LoadWarning(Location("f.yaml", 3), "'12.000' reads as twelve: write 12,000 for twelve thousand", "a"),
            LoadWarning(Location("f.yaml", 9), "claim 'b' is still marked review: true & <unchecked>", "b"))


def _warned() -> Report:
    report = _report(title="Plain title", source_name="Agency", quote="a quote", value="up to 5")
    report.model = dataclasses.replace(report.model, warnings=WARNINGS)
    return report


def test_text_report_lists_warnings_after_the_verdict() -> None:
    lines = numcheck.render(_warned(), "text").splitlines()
    assert lines[1].startswith("INCONSISTENT")
    assert lines[2:4] == ["warning: f.yaml:3: '12.000' reads as twelve: write 12,000 for twelve thousand",
                          "warning: f.yaml:9: claim 'b' is still marked review: true & <unchecked>"]
    assert not [line for line in numcheck.render(_report(), "text").splitlines() if line.startswith("warning:")]


def test_markdown_has_a_warnings_section() -> None:
    text = numcheck.render(_warned(), "markdown")
    assert "\n## Warnings\n" in text
    assert text.index("## Warnings") < text.index("## Conflict 1")
    assert "- `f.yaml:3`: '12.000' reads as twelve: write 12,000 for twelve thousand" in text
    assert "- `f.yaml:9`: claim 'b' is still marked review: true &amp; &lt;unchecked&gt;" in text
    assert "## Warnings" not in numcheck.render(_report(), "markdown")


def test_html_has_a_warnings_box_near_the_top() -> None:
    page = numcheck.render(_warned(), "html")
    box = page[page.index('<div class="warnings"'):]
    box = box[:box.index("</div>")]
    assert page.index('id="verdict"') < page.index('id="warnings"') < page.index('id="conflict-1"')
    assert "2 warnings" in box and "<code>f.yaml:3</code>" in box and "&amp; &lt;unchecked&gt;" in box
    assert 'id="warnings"' not in numcheck.render(_report(), "html")


def test_json_carries_the_same_warnings() -> None:
    data = json.loads(numcheck.render(_warned(), "json"))
    assert data["warnings"] == [{"where": "f.yaml:3", "claim": "a", "message": WARNINGS[0].message},
                                {"where": "f.yaml:9", "claim": "b", "message": WARNINGS[1].message}]
