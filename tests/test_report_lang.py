"""The reader's language (`--report-lang en|fr`) and the `file:line` of claims and rules in text
and Markdown reports: golden write-ups in both languages, laws between the two languages on drawn
documents, the default from the file's `lang`, and the command line.

The golden files are tests/expected/NAME.md (English) and NAME.fr.md (French), rendered from
examples/NAME.yaml as given relative to the repository. After a deliberate change of wording,
rewrite them with `NUMCHECK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_report_lang.py` and read
the diff before committing it.
"""

from __future__ import annotations

import os
import re
import string
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app
from numcheck.testing import check_document, claims_document, pushed_claim, true_claims, true_rules, worlds

from .conftest import ROOT

EXPECTED = ROOT / "tests" / "expected"
GOLDEN = ["ratio-through-rule", "cumulative-toll", "daily-pace"]  # conflicts and repairs; dated; a pace
FR = numcheck.RenderOptions(lang="fr")
EN = numcheck.RenderOptions(lang="en")
NAMES = ["ru_killed", "ru_wounded", "ua_dead"]
VERDICTS = {"consistent": ("CONSISTENT:", "COHÉRENT\u00a0:"), "inconsistent": ("INCONSISTENT:", "INCOHÉRENT\u00a0:"),
            "unknown": ("UNKNOWN:", "INDÉTERMINÉ\u00a0:")}
# Words of the English templates that no French report may show outside quotes, ids and names.
ENGLISH_MARKERS = ["says", "others allow", "others imply", "Conflict", "Dropping", "consistent", "Implied ranges",
                   "What to look", " apart", "quote:", "Quote:", "Without", "through", " agree", "DISAGREE",
                   "undecided", "minimal conflict", " claims", " rules", "quantities", "independent", "Sources on",
                   "Rule ", "warning:", "any amount", "any value", " to ", " and ", " of ", "How far", "i.e."]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", GOLDEN)
def test_markdown_matches_the_golden_write_up(name: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # locations read as the user gave the path: examples/NAME.yaml:LINE
    got = numcheck.render(numcheck.check(f"examples/{name}.yaml"), "markdown", numcheck.RenderOptions(lang=lang))
    golden = EXPECTED / (f"{name}.md" if lang == "en" else f"{name}.{lang}.md")
    if os.environ.get("NUMCHECK_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_text_names_the_file_and_line_of_every_claim_and_rule_in_a_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = numcheck.check("examples/ratio-through-rule.yaml")
    text = numcheck.render(report, "text")
    for claim_id in report.conflicts[0].claims:
        where = str(report.model.claim(claim_id).location)
        assert where.startswith("examples/ratio-through-rule.yaml:")
        assert re.search(rf"\n  {re.escape(claim_id)} \([^)]*; {re.escape(where)}\) says ", text)
    assert "Rule killed-within-casualties[side=ru] (numcheck:casualties:14): ru_killed <= ru_casualties" in text
    assert str(report.model.claim("blog-ua").location) in numcheck.render(report, "text", FR)


def test_a_french_file_gets_a_french_report_unless_asked_otherwise(write) -> None:  # type: ignore[no-untyped-def]
    path = write("fr.yaml", """
        numcheck: 1
        defaults: {lang: fr}
        quantities:
          morts: {unit: person}
        claims:
          - {id: a, quantity: morts, value: "environ 13 500"}
          - {id: b, quantity: morts, value: "au plus 0,45"}
        """)
    report = numcheck.check(path)
    assert report.model.lang == "fr"
    text = numcheck.render(report, "text")
    assert text.startswith("INCOHÉRENT\u00a0: 1 conflit minimal.\n")
    assert "entre 12\u202f150 et 14\u202f850" in text  # about 13 500: ±10 %, in French notation
    assert "morts ≤ 0,45" in text
    assert numcheck.render(report, "text", EN).startswith("INCONSISTENT: 1 minimal conflict.\n")
    assert numcheck.render(report, "markdown").startswith("# rapport numcheck\n")
    assert '<html lang="fr">' in numcheck.render(report, "html")
    assert '<html lang="en">' in numcheck.render(report, "html", EN)


def test_an_unknown_report_language_is_a_usage_error() -> None:
    with pytest.raises(numcheck.UsageError, match="report language 'de' is not supported"):
        numcheck.RenderOptions(lang="de")  # type: ignore[arg-type]


def test_the_command_line_takes_the_report_language() -> None:
    runner = CliRunner()
    example = str(ROOT / "examples" / "cross-source.yaml")
    french = runner.invoke(app, ["check", example, "--report-lang", "fr", "--format", "markdown"])
    assert french.exit_code == 1
    assert "## Conflit 1\u00a0: `hur-kursk`, `paper-kursk`" in french.output
    english = runner.invoke(app, ["check", example, "--report-lang", "en"])
    assert english.exit_code == 1 and "Conflict 1: hur-kursk, paper-kursk" in english.output
    wrong = runner.invoke(app, ["check", example, "--report-lang", "de"])
    assert wrong.exit_code == 2 and "Traceback" not in wrong.output


def test_every_phrase_has_both_languages_with_the_same_fields() -> None:
    from numcheck.render import PHRASES

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for key, (english, french) in PHRASES.items():
        assert english and french, key
        assert fields(english) == fields(french), key


# -- laws on drawn documents: the French report says what the English one says


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A claims file on three quantities, true claims and rules, and maybe one claim pushed off."""
    world = draw(worlds(NAMES, max_value=10**6))
    claims = draw(true_claims(world, max_size=6))
    if draw(st.booleans()):
        claims.append(pushed_claim(world, claims[0]))
    return claims_document(world, claims, rules=draw(true_rules(world, max_size=2)))


def _prose(text: str, report: numcheck.Report) -> str:
    """The report without what it quotes as written (“…”, « … »), its file's path and its ids."""
    text = re.sub(r"“[^”]*”|«[^»]*»", "", text)
    for path in report.model.files:
        text = text.replace(path, "")
    for item_id in sorted([c.id for c in report.model.claims] + [r.id for r in report.model.rules], key=len,
                          reverse=True):
        text = text.replace(item_id, "")
    return text


def _numbers(text: str, lang: str) -> list[Decimal]:
    """Every number, read back in its language's notation (the separators stripped)."""
    if lang == "fr":
        found = re.findall(r"(?<![\w,\u202f])-?(?:\d{1,3}(?:\u202f\d{3})+|\d+)(?:,\d+)?(?![\w\u202f])", text)
        return [Decimal(n.replace("\u202f", "").replace(",", ".")) for n in found]
    found = re.findall(r"(?<![\w,.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w)", text)
    return [Decimal(n.replace(",", "")) for n in found]


@settings(max_examples=25)
@given(documents())
def test_the_french_report_names_the_same_claims_conflicts_and_verdict(doc: str) -> None:
    report = check_document(doc)
    for fmt in ("text", "markdown"):
        english, french = numcheck.render(report, fmt, EN), numcheck.render(report, fmt, FR)
        en_word, fr_word = VERDICTS[report.verdict]
        assert en_word in english.splitlines()[0 if fmt == "text" else 2]
        assert fr_word in french.splitlines()[0 if fmt == "text" else 2]
        ids = re.compile(r"(?<![\w-])(?:c\d+|pushed)(?![\w-])")
        assert ids.findall(french) == ids.findall(english)
        heads = (r"^Conflict \d+: (.*)$", r"^Conflit \d+\u00a0: (.*)$") if fmt == "text" else \
                (r"^## Conflict \d+: (.*)$", r"^## Conflit \d+\u00a0: (.*)$")
        assert len(re.findall(heads[1], french, re.M)) == len(report.conflicts)
        assert [line.replace(" (through ", " (via ") for line in re.findall(heads[0], english, re.M)] == \
               re.findall(heads[1], french, re.M)


@settings(max_examples=25)
@given(documents())
def test_every_french_number_reads_back_to_the_english_one(doc: str) -> None:
    report = check_document(doc)
    for fmt in ("text", "markdown"):
        english = _numbers(_prose(numcheck.render(report, fmt, EN), report), "en")
        french = _numbers(_prose(numcheck.render(report, fmt, FR), report), "fr")
        assert french == english
    table = numcheck.render(report, "markdown", FR).split("|---|---:|---:|---|\n")[-1]
    for name, r in report.ranges.items():  # whole bounds are printed exactly: they read back to the proved bound
        row = next(line for line in table.splitlines() if line.startswith(f"| {name.replace('_', chr(92) + '_')} |"))
        cells = [cell.strip() for cell in row.split("|")[2:4]]
        for bound, cell in zip((r.min, r.max), cells):
            if bound is not None and bound.denominator == 1:
                assert Fraction(_numbers(cell, "fr")[0]) == bound


@settings(max_examples=25)
@given(documents())
def test_no_english_template_word_leaks_into_a_french_report(doc: str) -> None:
    report = check_document(doc)
    for fmt in ("text", "markdown"):
        # the notes come worded by the engine, in English (a known gap, see docs/reports.md)
        french = numcheck.render(report, fmt, FR).split("\n## Notes\n")[0]
        prose = _prose("\n".join(line for line in french.splitlines() if not line.startswith("note")), report)
        for name in NAMES:
            prose = prose.replace(name, "").replace(name.replace("_", "\\_"), "")
        leaked = [word for word in ENGLISH_MARKERS if word in prose]
        assert not leaked, (leaked, prose)


def test_the_golden_files_are_the_ones_listed() -> None:
    """A golden file nobody renders any more would pass for a test."""
    listed = {f"{name}.md" for name in GOLDEN} | {f"{name}.fr.md" for name in GOLDEN}
    assert {p.name for p in EXPECTED.glob("*.md")} == listed
