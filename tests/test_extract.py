"""Extraction: each kind of mention and each kind of thing left out, in both languages; laws; the seed."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app
from numcheck.extract import detect_language, draft_claims, extract_mentions

from .conftest import ROOT

N = None
runner = CliRunner()

# sentence, lang, mention text, (min, max, min_open, max_open), unit of the counted noun
KINDS = [
    ("Up to 12,000 North Korean soldiers are in Russia.", "en", "Up to 12,000", (N, 12000, True, False), "soldier"),
    ("Jusqu’à 12 000 soldats nord-coréens sont en Russie.", "fr", "Jusqu’à 12 000", (N, 12000, True, False), "soldier"),
    ("They had 1.3 million soldiers.", "en", "1.3 million", (1_250_000, 1_350_000, False, False), "soldier"),
    ("Ils avaient 1,3 million de soldats.", "fr", "1,3 million", (1_250_000, 1_350_000, False, False), "soldier"),
    ("It shipped more than four million rounds.", "en", "more than four million", (4_000_000, N, True, True), "round"),
    ("Il a expédié plus de quatre millions de cartouches.", "fr", "plus de quatre millions", (4_000_000, N, True, True), "round"),
    ("Up to half a million were wounded.", "en", "Up to half a million", (N, 500_000, True, False), None),
    ("Jusqu’à un demi-million de blessés.", "fr", "Jusqu’à un demi-million", (N, 500_000, True, False), "person"),
    ("Douze mille soldats, a-t-elle dit.", "fr", "Douze mille", (11_500, 12_500, False, False), "soldier"),
    ("Three thousand troops crossed.", "en", "Three thousand", (2700, 3300, False, False), "soldier"),
    ("Ukraine took hundreds of kilometres.", "en", "hundreds of", (200, 1000, False, True), "km"),
    ("L’Ukraine a pris des centaines de kilomètres.", "fr", "des centaines de", (200, 1000, False, True), "km"),
    ("Between 3,000 and 5,000 soldiers took part.", "en", "Between 3,000 and 5,000", (3000, 5000, False, False), "soldier"),
    ("Entre 3 000 et 5 000 soldats ont participé.", "fr", "Entre 3 000 et 5 000", (3000, 5000, False, False), "soldier"),
    ("Turnout was 67% in the north.", "en", "67%", (F("66.5"), F("67.5"), False, False), "percent"),
    ("La participation était de 67 % au nord.", "fr", "67 %", (F("66.5"), F("67.5"), False, False), "percent"),
    ("Losses are about half of Russian losses.", "en", "about half of Russian losses", (F("0.45"), F("0.55"), False, False), None),
    ("Les pertes représentent environ la moitié des pertes russes.", "fr", "environ la moitié des pertes russes",
     (F("0.45"), F("0.55"), False, False), None),
    ("Plus de deux ans et demi après l’invasion.", "fr", "Plus de deux ans et demi", (F("2.5"), N, True, True), "year"),
    ("More than two and a half years after the invasion.", "en", "More than two and a half years", (F("2.5"), N, True, True), "year"),
    ("Nearly 3,000 civilians fled.", "en", "Nearly 3,000", (2700, 3000, False, False), "person"),
    ("Près de 3 000 civils ont fui.", "fr", "Près de 3 000", (2700, 3000, False, False), "person"),
]


@pytest.mark.parametrize(("sentence", "lang", "text", "interval", "unit"), KINDS, ids=[f"{k[1]}:{k[2]}" for k in KINDS])
def test_each_kind_of_mention(sentence: str, lang: str, text: str, interval: tuple, unit: str | None) -> None:
    found = extract_mentions(sentence, lang)  # type: ignore[arg-type]
    assert [m.text for m in found] == [text]
    m = found[0]
    lo, hi, lo_open, hi_open = interval
    assert (m.min, m.max) == (None if lo is None else F(lo), None if hi is None else F(hi))
    assert (m.min_open or m.min is None, m.max_open or m.max is None) == (lo_open, hi_open)
    if unit is not None:
        assert m.unit == unit
    assert sentence[m.start:m.end] == m.text


LEFT_OUT = [
    ("The invasion began in February 2022.", "en"),
    ("L’invasion a commencé en février 2022.", "fr"),
    ("He inspected the 2nd Corps on October 17, 2024.", "en"),
    ("Il a inspecté le 2e corps le 17 octobre 2024.", "fr"),
    ("Graduates of the 75e promotion paraded.", "fr"),
    ("The G7 met in Hiroshima.", "en"),
    ("Le G7 s’est réuni à Hiroshima.", "fr"),
    ("They built stadiums for the 2018 World Cup.", "en"),
    ("Ils ont construit des stades pour la Coupe du monde 2018.", "fr"),
    ("The meeting starts at 10:30.", "en"),
    ("La réunion commence à 10h30.", "fr"),
    ("See page 12 for details.", "en"),
    ("Voir la page 12 pour les détails.", "fr"),
    ("Section 3 explains the method.", "en"),
    ("The F-16 and the Su-34 are jets.", "en"),
    ("Both sides signed an accord.", "en"),
    ("Les deux camps ont signé un accord.", "fr"),
]


@pytest.mark.parametrize(("sentence", "lang"), LEFT_OUT, ids=[s for s, _ in LEFT_OUT])
def test_what_is_not_a_claim_is_left_out(sentence: str, lang: str) -> None:
    assert extract_mentions(sentence, lang) == []  # type: ignore[arg-type]


def test_language_is_detected() -> None:
    assert detect_language("Les soldats sont dans la région et le pays est en guerre.") == "fr"
    assert detect_language("The soldiers are in the region and the country is at war.") == "en"


# ------------------------------------------------------------------------------------ laws

PREFIXES = ["The agency said", "Officials counted", "Selon le ministère,", "Reports mention"]
SUFFIXES = ["soldiers were seen.", "people arrived.", "rounds were shipped.", "civilians left."]


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(["en", "fr"]), st.data())
def test_a_number_in_a_sentence_is_found_once_with_its_interval(n: int, lang: str, data: st.DataObject) -> None:
    from numcheck.read import parse_value

    sep = data.draw(st.sampled_from([",", " ", "\u202f"] if lang == "en" else [" ", "\u202f", "\u00a0"]))
    written = f"{n:,}".replace(",", sep)
    sentence = f"{data.draw(st.sampled_from(PREFIXES))} {written} {data.draw(st.sampled_from(SUFFIXES))}"
    found = extract_mentions(sentence, lang)  # type: ignore[arg-type]
    assert [m.text for m in found] == [written]
    expected = parse_value(written, lang=lang)  # type: ignore[arg-type]
    assert (found[0].min, found[0].max) == (expected.lo, expected.hi)


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "No", "Nl")), max_size=300).filter(
    lambda t: not any(w in t.lower() for w in ("one", "two", "ten", "six", "un", "deux", "dix", "half", "moitié",
                                                "dozen", "hundred", "thousand", "million", "cent", "mille", "zero",
                                                "tiers", "third", "quarter", "quart", "twice", "double", "triple",
                                                "four", "five", "seven", "eight", "nine", "three", "trois", "quatre",
                                                "cinq", "sept", "huit", "neuf", "onze", "douze", "vingt", "trente",
                                                "twelve", "eleven", "twenty", "thirty", "forty", "fifty", "sixty",
                                                "seventy", "eighty", "ninety", "billion", "milliard", "treize",
                                                "quatorze", "quinze", "seize", "quarante", "cinquante", "soixante",
                                                "fifteen", "sixteen", "thirteen", "fourteen", "seventeen", "eighteen",
                                                "nineteen", "trillion", "zéro", "une", "same", "dizaine", "centaine",
                                                "millier"))))
def test_text_with_no_figures_yields_no_mentions(text: str) -> None:
    assert extract_mentions(text, "en") == [] and extract_mentions(text, "fr") == []


@given(st.text(max_size=400), st.sampled_from(["en", "fr", "auto"]))
def test_extraction_never_crashes_and_offsets_slice_the_input(text: str, lang: str) -> None:
    for m in extract_mentions(text, lang):  # type: ignore[arg-type]
        assert text[m.start:m.end] == m.text


# ------------------------------------------------------------------------------------ drafts

ARTICLE_FR = (
    "Le renseignement ukrainien affirme que jusqu’à 12 000 soldats nord-coréens se préparent à rejoindre la guerre. "
    "Jusqu’à 3 000 soldats nord-coréens auraient déjà été envoyés dans la région de Koursk, le 24 octobre 2024. "
    "Plus de 115 000 soldats russes ont été tués, selon des estimations, et le nombre de victimes ukrainiennes "
    "représente environ la moitié des pertes russes. La Corée du Nord compte 1,3 million de soldats."
)


def test_draft_loads_and_checks_without_edits(tmp_path: Path) -> None:
    mentions = extract_mentions(ARTICLE_FR, "fr")
    draft = draft_claims(ARTICLE_FR, mentions, lang="fr", source="hur", date="2024-10-24")
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    model = numcheck.load(path)
    assert len(model.claims) == len(mentions) == 5
    by_value = {c.value: c for c in model.claims}
    assert by_value["jusqu'à 12 000"].quantity == by_value["Jusqu'à 3 000"].quantity == "north_korean_soldiers"
    relation = next(c for c in model.claims if c.review)
    assert relation.interval is not None and relation.ref == "russian_losses"
    assert relation.quantity == "ukrainian_victims"
    report = numcheck.check_model(model)
    assert report.verdict == "consistent"
    assert model.quantities["ukrainian_victims"].unit == model.quantities["russian_losses"].unit
    assert "  # line 1: Le renseignement ukrainien affirme que jusqu" in draft and "characters" not in draft


def test_extract_cli_yaml_and_json(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Up to 12,000 North Korean soldiers, in October 2024.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--source", "hur", "--date", "2024-10-24"])
    assert result.exit_code == 0
    assert 'value: "Up to 12,000"' in result.stdout and "north_korean_soldiers: {unit: \"soldier\"" in result.stdout
    result = runner.invoke(app, ["extract", "-", "--format", "json", "--lang", "en"],
                           input="More than 115,000 Russian soldiers killed.")
    assert result.exit_code == 0
    import json

    [mention] = json.loads(result.stdout)
    assert mention == {**mention, "text": "More than 115,000", "start": 0, "end": 17, "min": 115000, "max": None,
                       "min_open": True, "max_open": False, "unit": "soldier", "hedge": "more",
                       "noun": "Russian soldiers killed", "quantity": "russian_soldiers_killed"}


def test_extract_cli_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["extract", str(tmp_path / "none.txt")]).exit_code == 2
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Près de 3 000".encode("latin-1"))
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    good = tmp_path / "a.txt"
    good.write_text("12,000 soldiers", encoding="utf-8")
    assert runner.invoke(app, ["extract", str(good), "--date", "24/10/2024"]).exit_code == 2


SEED_ARTICLE = ROOT.parent / "shared" / "corpus" / "nk-troops-russia-2024-10.fr.txt"


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="../shared/corpus is not beside this checkout")
def test_seed_article_figures_with_intended_hedges_and_no_dates() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    found = {m.text.replace("’", "'"): m for m in extract_mentions(text, "fr")}
    expected = {
        "jusqu'à 12 000": (N, 12000), "jusqu'à 3 000": (N, 3000), "plus de 115 000": (115000, N),
        "jusqu'à un demi-million": (N, 500000), "environ la moitié des pertes russes": (F("0.45"), F("0.55")),
        "1,3 million": (1_250_000, 1_350_000), "plus de quatre millions": (4_000_000, N),
        "moins d'un million": (N, 1_000_000), "Douze mille": (11500, 12500),
    }
    for text_, (lo, hi) in expected.items():
        m = found[text_]
        assert (m.min, m.max) == (None if lo is None else F(lo), None if hi is None else F(hi)), text_
    for m in found.values():
        assert not any(x in m.text for x in ("2024", "2022", "2018", "2e", "75e", "17 octobre"))
    draft = draft_claims(text, list(found.values()), lang="fr", source="cbc")
    path = Path(__import__("tempfile").mkdtemp()) / "seed-draft.yaml"
    path.write_text(draft, encoding="utf-8")
    report = numcheck.check(path)
    assert report.verdict == "consistent"
    # its five speakers are five sources (Frolova, quoted twice, is one of them), beside the article's
    assert {s.name for sid, s in report.model.sources.items() if sid != "cbc"} == {
        "principal service de renseignement ukrainien", "Alina Frolova", "Estimations américaines",
        "responsables américains", "armée sud-coréenne"}


def test_readme_round_trip_article_draft_edited_check(tmp_path: Path) -> None:
    article = ROOT / "examples" / "article-nk-troops.en.txt"
    draft = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["extract", str(article), "--source", "hur", "--date", "2024-10-24", "-o", str(draft)])
    assert result.exit_code == 0
    drafted = numcheck.check(draft)
    assert drafted.verdict == "consistent" and len(drafted.model.claims) == 5
    edited = numcheck.check(ROOT / "examples" / "article-nk-troops.edited.yaml")
    assert edited.verdict == "consistent"
    assert [c.value for c in edited.model.claims] == [c.value for c in drafted.model.claims]
    assert edited.ranges["ru_casualties"].min == 115000 and edited.ranges["ru_casualties"].min_open


@pytest.mark.parametrize(("phrase", "lang"), [
    ("between 3,000 and 5,000", "en"), ("10-12 million", "en"), ("3,000 to 5,000", "en"),
    ("between 10 and 12 million", "en"), ("entre 3 000 et 5 000", "fr"), ("entre 10 et 12 millions", "fr"),
    ("10–12 millions", "fr"),
])
def test_ranges_read_the_same_in_articles_and_in_claims_files(phrase: str, lang: str) -> None:
    from numcheck.read import parse_value

    [m] = extract_mentions(f"Officials said {phrase} soldiers were there.", lang)  # type: ignore[arg-type]
    value = parse_value(phrase, lang=lang)  # type: ignore[arg-type]
    assert m.text == phrase and (m.min, m.max) == (value.lo, value.hi)


NOUNS = [
    ("The army lost 12 aircraft.", "en", "aircraft", "aircraft"),
    ("No more than 50 aircraft were seen.", "en", "aircraft", "aircraft"),
    ("Around 200 armoured vehicles were seen.", "en", "armoured vehicles", "vehicle"),
    ("Under 1,000 applications were filed.", "en", "applications", None),
    ("They fired 40 artillery shells.", "en", "artillery shells", "round"),
    ("12 analysts have agreed.", "en", "analysts", None),
    ("As many as 3,000 of them left.", "en", None, None),
    ("They destroyed 12 of the tanks.", "en", "tanks", "vehicle"),
    ("La guerre dure depuis dix ans.", "fr", "ans", "year"),
    ("Au plus 50 avions ont décollé.", "fr", "avions", "aircraft"),
    ("Ils ont 12 lance-roquettes.", "fr", "lance-roquettes", "round"),
    ("Il reste 3 000 soldats de l’armée.", "fr", "soldats", "soldier"),
    ("Il y a 40 ans de cela.", "fr", "ans", "year"),
    ("Ils ont tiré 12 000 obus de l’artillerie.", "fr", "obus", "round"),
]


@pytest.mark.parametrize(("sentence", "lang", "noun", "unit"), NOUNS, ids=[n[0] for n in NOUNS])
def test_a_noun_that_starts_like_an_article_keeps_its_letters_and_its_unit(
        sentence: str, lang: str, noun: str | None, unit: str | None) -> None:
    [m] = extract_mentions(sentence, lang)  # type: ignore[arg-type]
    assert (m.noun, m.unit) == (noun, unit)


def test_an_article_before_the_noun_is_skipped() -> None:
    [m] = extract_mentions("Officials counted 40 the soldiers.", "en")
    assert m.noun == "soldiers"
    [m] = extract_mentions("Il y a eu 3 000 morts dans l’armée, dont 12 l’artillerie.", "fr")[1:]
    assert m.noun == "artillerie"


def test_draft_comments_give_the_line_and_words_cut_at_a_word(tmp_path: Path) -> None:
    words = " ".join(f"mot{i}" for i in range(60))
    article = (f"Titre\n\nJusqu’à 12 000 soldats nord-coréens sont en Russie.\n\n{words} plus de 3 000 civils "
               f"{words}.\nLe reste : 40 drones\net 12 avions sont partis.")
    mentions = extract_mentions(article, "fr")
    draft = draft_claims(article, mentions, lang="fr")
    comments = [line for line in draft.splitlines() if line.startswith("  # ")]
    assert [c.split(":")[0] for c in comments] == [
        "  # line 3", "  # line 5", "  # line 6", "  # line 6 (the figure on line 7)"]
    assert comments[0] == "  # line 3: Jusqu’à 12 000 soldats nord-coréens sont en Russie."
    long_one = comments[1].split(": ", 1)[1]
    assert long_one.startswith("… ") and long_one.endswith(" …") and "plus de 3 000 civils" in long_one
    assert all(w in article.split() for w in long_one[2:-2].split())  # whole words only
    for comment in comments:
        assert len(comment) <= 4 + len("line 6 (the figure on line 7): ") + 200
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    assert len(numcheck.load(path).claims) == 4


def _comment_on(sentence: str) -> str:
    """The words a drafted claim's comment quotes when its figure's sentence is `sentence`."""
    import dataclasses

    [m] = extract_mentions("Il y a 12 000 soldats.", "fr")
    m = dataclasses.replace(m, sentence=sentence)
    [comment] = [line for line in draft_claims("x", [m], lang="fr").splitlines() if line.startswith("  # ")]
    return comment.split(": ", 1)[1]


def test_a_comment_longer_than_its_room_is_cut_at_a_word() -> None:
    """A comment quotes at most 200 characters of the sentence: whole words, then '…'."""
    assert _comment_on("plus de 3 000 civils") == "plus de 3 000 civils"
    words = " ".join(["anticonstitutionnellement"] * 12)
    text = _comment_on(f"{words} 12 000 soldats {words}")
    assert len(text) <= 200 and text.endswith("anticonstitutionnellement…")
    many = "plus de 3 000 civils " * 20
    text = _comment_on(many)
    assert text.endswith("…") and len(text) <= 200 and many.startswith(text[:-1])
    assert many[len(text) - 1] == " " and len(text) > 200 - len("civils ")  # the longest run that fits
    assert _comment_on("x" * 300) == "x" * 199 + "…"  # one word longer than the room: cut inside it
