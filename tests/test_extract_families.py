"""Extraction of every phrase family of issue 16, in our own sentences, English and French: the
interval of each figure (the contract's, or docs/extraction.md's for the families the contract
does not list), what is no figure, never narrowing a figure next to a word that is not read, the
speakers as sources, and quantities named for what is counted."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

import numcheck
from numcheck.extract import Mention, draft_claims, extract_mentions
from numcheck.read import parse_value

from .conftest import ROOT

N = None


def _iv(m: Mention) -> tuple[F | None, F | None, bool, bool]:
    return m.min, m.max, m.min_open or m.min is None, m.max_open or m.max is None


def _want(lo: object, hi: object, lo_open: bool, hi_open: bool) -> tuple[F | None, F | None, bool, bool]:
    conv = lambda x: None if x is None else F(str(x))  # noqa: E731
    return conv(lo), conv(hi), lo_open or lo is None, hi_open or hi is None


# family, sentence, lang, the figure as written, (lo, hi, lo_open, hi_open), unit (None: not checked)
FAMILIES = [
    # comparatives
    ("comparative", "The audit found less than or equal to 100 faulty meters.", "en", "less than or equal to 100", (N, 100, 0, 0), N),
    ("comparative", "Inspectors counted equal to or less than 30 open cases.", "en", "equal to or less than 30", (N, 30, 0, 0), N),
    ("comparative", "Each site hosts greater than or equal to 40 volunteers.", "en", "greater than or equal to 40", (40, N, 0, 1), N),
    ("comparative", "Households of 6 or more people get the grant.", "en", "6 or more", (6, N, 0, 1), "person"),
    ("comparative", "Schools with 200 pupils or fewer may close.", "en", "200 pupils or fewer", (N, 200, 0, 0), N),
    ("comparative", "Villages of 50 or less were left out.", "en", "50 or less", (N, 50, 0, 0), N),
    ("comparative", "Les foyers de 6 personnes ou plus recevront l'aide.", "fr", "6 personnes ou plus", (6, N, 0, 1), "person"),
    ("comparative", "Les moins de 26 ans et les 65 ans et plus voyagent gratuitement.", "fr", "65 ans et plus", (65, N, 0, 1), "year"),
    ("comparative", "Readings > 40 were flagged by the lab.", "en", "> 40", (40, N, 1, 1), N),
    ("comparative", "Only samples >= 12 were kept.", "en", ">= 12", (12, N, 0, 1), N),
    ("comparative", "Towns with < 500 residents share a doctor.", "en", "< 500", (N, 500, 1, 1), "person"),
    ("comparative", "Loads <= 8 are allowed on the bridge.", "en", "<= 8", (N, 8, 0, 0), N),
    ("comparative", "Le taux mesuré était ≥ 15 dans trois villes.", "fr", "≥ 15", (15, N, 0, 1), N),
    ("comparative", "The bill for repairs exceeds 2 million dollars.", "en", "exceeds 2 million", (2_000_000, N, 1, 1), "USD"),
    ("comparative", "Donations surpassed 40,000 by Friday.", "en", "surpassed 40,000", (40000, N, 1, 1), N),
    ("comparative", "La facture dépasse 3 millions d'euros.", "fr", "dépasse 3 millions", (3_000_000, N, 1, 1), "EUR"),
    ("comparative", "Le nombre de visiteurs a dépassé les 80 000 cet été.", "fr", "dépassé les 80 000", (80000, N, 1, 1), N),
    ("comparative", "Enrolment is approaching 9,000 students.", "en", "approaching 9,000", (8100, 9000, 0, 0), N),
    ("comparative", "The backlog is nearing 700 files.", "en", "nearing 700", (630, 700, 0, 0), N),
    ("comparative", "Un débit supérieur à 40 mètres cubes a été relevé.", "fr", "supérieur à 40", (40, N, 1, 1), N),
    ("comparative", "Une dose inférieure à 5 milligrammes suffit.", "fr", "inférieure à 5", (N, 5, 1, 1), N),
    ("comparative", "Les communes au-delà de 10 000 habitants paieront.", "fr", "au-delà de 10 000", (10000, N, 1, 1), "person"),
    ("comparative", "Le stock ne dépassera pas 200 tonnes.", "fr", "dépassera pas 200", (N, 200, 0, 0), N),
    # French elision and punctuation
    ("elision", "Le maire ne compte qu'environ 300 bénévoles.", "fr", "environ 300", (270, 330, 0, 0), N),
    ("elision", "Il s'agit d'environ 40 familles relogées.", "fr", "environ 40", (36, 44, 0, 0), N),
    ("elision", "On estime qu'au moins 25 bus sont en panne.", "fr", "au moins 25", (25, N, 0, 1), N),
    ("elision", "Le plan prévoit jusqu'à « 100 » nouvelles places.", "fr", "jusqu'à « 100", (N, 100, 0, 0), N),
    ("elision", "Le chantier emploiera entre 220 000 et les 316 000 ouvriers.", "fr", "entre 220 000 et les 316 000", (220000, 316000, 0, 0), N),
    # money
    ("money", "The club paid $10m for the striker.", "en", "$10m", (9_500_000, 10_500_000, 0, 0), "USD"),
    ("money", "A grant of £2.5m went to the museum.", "en", "£2.5m", (2_450_000, 2_550_000, 0, 0), "GBP"),
    ("money", "The region will borrow €300m next year.", "en", "€300m", (299_500_000, 300_500_000, 0, 0), "EUR"),
    ("money", "The rebuild will cost $145-160 billion, engineers say.", "en", "$145-160 billion", (145 * 10**9, 160 * 10**9, 0, 0), "USD"),
    ("money", "Offers ranged from $2bn to $3bn.", "en", "from $2bn to $3bn", (2 * 10**9, 3 * 10**9, 0, 0), "USD"),
    ("money", "Le chantier coûtera 513 M€ au total.", "fr", "513 M€", (512_500_000, 513_500_000, 0, 0), "EUR"),
    ("money", "La ville a reçu 40 millions d'euros de l'État.", "fr", "40 millions", (39_500_000, 40_500_000, 0, 0), "EUR"),
    ("money", "Le billet coûtera 20 € en semaine.", "fr", "20 €", (F("19.5"), F("20.5"), 0, 0), "EUR"),
    ("money", "The agency asked for US$28.6 million in aid.", "en", "US$28.6 million", (28_550_000, 28_650_000, 0, 0), "USD"),
    ("money", "Canberra pledged A$5m for the clean-up.", "en", "A$5m", (4_500_000, 5_500_000, 0, 0), "AUD"),
    ("bare", "2000 villages were cut off by the water.", "en", "2000", (1800, 2200, 0, 0), N),
    # approximate counts
    ("approx", "Rescuers pulled a dozen people from the river.", "en", "a dozen", (F("10.8"), F("13.2"), 0, 0), "person"),
    ("approx", "Dozens of shops stayed shut.", "en", "Dozens of", (24, 100, 0, 1), N),
    ("approx", "More than a dozen boats sank.", "en", "More than a dozen", (12, N, 1, 1), N),
    ("approx", "Un millier de personnes ont défilé.", "fr", "Un millier de", (900, 1100, 0, 0), "person"),
    ("approx", "Une dizaine de blessés ont été soignés.", "fr", "Une dizaine de", (9, 11, 0, 0), "person"),
    ("approx", "Une vingtaine de maisons ont brûlé.", "fr", "Une vingtaine de", (18, 22, 0, 0), N),
    ("approx", "Le projet a coûté une vingtaine de millions d'euros.", "fr", "une vingtaine de millions", (18_000_000, 22_000_000, 0, 0), "EUR"),
    ("approx", "Près d'une centaine d'élèves manquaient.", "fr", "Près d'une centaine d'", (90, 100, 0, 0), N),
    # hyphened and compound forms
    ("compound", "A 7.8-magnitude tremor shook the coast.", "en", "7.8-magnitude", (F("7.75"), F("7.85"), 0, 0), N),
    ("compound", "An 11-year-old boy was rescued.", "en", "11-year-old", (F("10.5"), F("11.5"), 0, 0), "year"),
    ("compound", "They signed a five-year lease.", "en", "five-year", (F("4.5"), F("5.5"), 0, 0), "year"),
    ("compound", "Two-thirds of the members voted yes.", "en", "Two-thirds of", (F(2, 3), F(2, 3), 0, 0), N),
    ("compound", "The magnitude-6.1 quake was felt inland.", "en", "6.1", (F("6.05"), F("6.15"), 0, 0), N),
    # small number words before a counted noun
    ("words", "Three generals were dismissed on Monday.", "en", "Three", (F("2.7"), F("3.3"), 0, 0), N),
    ("words", "Trois généraux ont été limogés lundi.", "fr", "Trois", (F("2.7"), F("3.3"), 0, 0), N),
    ("words", "The storm destroyed four bridges.", "en", "four", (F("3.6"), F("4.4"), 0, 0), N),
    ("words", "La tempête a emporté quatre ponts.", "fr", "quatre", (F("3.6"), F("4.4"), 0, 0), N),
    # an estimated N is a bare number
    ("estimated", "An estimated 1.2 million people watched the final.", "en", "An estimated 1.2 million", (1_150_000, 1_250_000, 0, 0), "person"),
    ("estimated", "It left an estimated 3,400 homes without water.", "en", "an estimated 3,400", (3350, 3450, 0, 0), N),
    # ratios
    ("relative", "One in five nurses plans to leave.", "en", "One in five", (F(1, 5), F(1, 5), 0, 0), N),
    ("relative", "Un électeur sur trois s'est abstenu.", "fr", "Un électeur sur trois", (F(1, 3), F(1, 3), 0, 0), N),
    ("relative", "Près de sept salariés sur 10 travaillent le samedi.", "fr", "Près de sept salariés sur 10", (F("0.63"), F("0.7"), 0, 0), N),
]


@pytest.mark.parametrize(("family", "sentence", "lang", "text", "interval", "unit"), FAMILIES,
                         ids=[f"{f[0]}:{f[2]}:{f[3]}" for f in FAMILIES])
def test_each_family_reads_its_interval(family: str, sentence: str, lang: str, text: str,
                                        interval: tuple, unit: str | None) -> None:
    found = [m for m in extract_mentions(sentence, lang) if m.start == sentence.find(text)]  # type: ignore[arg-type]
    assert found, (sentence, [m.text for m in extract_mentions(sentence, lang)])  # type: ignore[arg-type]
    m = found[0]
    assert m.text == text or (family == "relative" and m.text.startswith(text)) or \
        (family == "compound" and m.text.startswith(text)), m.text
    assert _iv(m) == _want(*interval), (m.text, _iv(m))
    if unit is not None:
        assert m.unit == unit


@pytest.mark.parametrize(("family", "sentence", "lang", "text", "interval", "unit"),
                         [f for f in FAMILIES if f[0] != "relative" and f[3] != "Two-thirds of"],
                         ids=[f"{f[0]}:{f[3]}" for f in FAMILIES if f[0] != "relative" and f[3] != "Two-thirds of"])
def test_the_drafted_value_reads_back_to_the_same_interval(family: str, sentence: str, lang: str, text: str,
                                                           interval: tuple, unit: str | None) -> None:
    [m] = [m for m in extract_mentions(sentence, lang) if m.start == sentence.find(text)]  # type: ignore[arg-type]
    value = parse_value(m.value, lang=lang)  # type: ignore[arg-type]
    assert (value.lo, value.hi, value.lo_open or value.lo is None, value.hi_open or value.hi is None) == _iv(m)


NOT_FIGURES = [
    ("The survey ran between 1990 and 2010.", "en"),
    ("Le relevé couvre la période entre 1950 et 2006.", "fr"),
    ("Output fell during the 1981-82 slump.", "en"),
    ("The festival runs Oct. 24 to Nov. 3 this year.", "en"),
    ("Le salon se tient du 20 au 22 janvier.", "fr"),
    ("A Category 4 storm is heading north.", "en"),
    ("Une tempête de catégorie 3 approche.", "fr"),
    ("The method is described elsewhere.[12]", "en"),
    ("Call the hotline on +44 20 7946 0018 for help.", "en"),
    ("Renseignements au 01 42 54 60 64 ou sur place.", "fr"),
    ("The office is at 12 rue de la Paix.", "en"),
    ("Les deux camps se sont retirés.", "fr"),
    ("Prices have not been this high since ’79.", "en"),
    ("The 2020 elections were close.", "en"),
    ("Une enquête 2019 auprès des maires.", "fr"),
    ("On recense deux fois plus de ruches qu'avant.", "fr"),  # a multiplier of something unnamed
    ("The port handles three times as many ships.", "en"),
    ("Sommaire\n4. Les enjeux du projet", "fr"),  # the number of an item in a list
    ("Contents\n12) What the ministry plans", "en"),
]


@pytest.mark.parametrize(("sentence", "lang"), NOT_FIGURES, ids=[s for s, _ in NOT_FIGURES])
def test_what_is_no_figure_is_left_out(sentence: str, lang: str) -> None:
    assert [m.text for m in extract_mentions(sentence, lang)] == []  # type: ignore[arg-type]


@pytest.mark.parametrize(("sentence", "lang", "figures"), [
    ("Le plan s'articule autour de quatre chantiers.", "fr", {"quatre": (3.6, 4.4)}),
    ("The reform is built around five pillars.", "en", {"five": (4.5, 5.5)}),
    ("Il reste autour de 200 blindés.", "fr", {"autour de 200": (180, 220)}),  # still a hedge elsewhere
    ("Il faudra deux ou trois semaines.", "fr", {"deux": (1.8, 2.2), "trois": (2.7, 3.3)}),
    ("Repairs take two or three weeks.", "en", {"two": (1.8, 2.2), "three": (2.7, 3.3)}),
    ("Sommaire\n4. En 2021, 300 maisons ont été détruites. Il y en avait 19.", "fr", {"300": (299.5, 300.5),
                                                                                      "19": (18.5, 19.5)}),
])
def test_around_as_structure_an_alternative_and_a_list_number(sentence: str, lang: str,
                                                              figures: dict[str, tuple[float, float]]) -> None:
    """'autour de' after a verb of structure is no hedge; 'deux' before 'ou trois' is a figure; an
    item number opening a line is none, a number ending a sentence still is."""
    found = {m.text: (m.min, m.max) for m in extract_mentions(sentence, lang)}  # type: ignore[arg-type]
    assert found.keys() == figures.keys()
    for text, (lo, hi) in figures.items():
        assert found[text] == (F(str(lo)), F(str(hi)))  # a number word is read as the bare number's table says


def test_a_day_of_a_date_starts_no_range() -> None:
    found = extract_mentions("Bookings rose from 310 on Feb. 2 to 475 on March 9.", "en")
    assert [m.text for m in found] == ["310", "475"]


def test_a_change_from_one_figure_to_another_is_two_figures_not_a_range() -> None:
    found = extract_mentions("The toll rose from eight to 14 overnight.", "en")
    assert [(m.text, _iv(m)) for m in found] == [("eight", _want("7.5", "8.5", 0, 0)), ("14", _want("13.5", "14.5", 0, 0))]
    found = extract_mentions("Le budget passe de 32,4 à 34,2 milliards d'euros.", "fr")
    assert [m.text for m in found] == ["32,4", "34,2 milliards"]
    assert _iv(found[0]) == _want(32_350_000_000, 32_450_000_000, 0, 0)
    assert parse_value(found[0].value, lang="fr").lo == 32_350_000_000


# ------------------------------------------------------------------------ never silently narrow

UNREAD = [("Barely 300 tickets were sold.", "en", "Barely"), ("Quasi 200 élèves sont absents.", "fr", "Quasi"),
          ("The toll was approx. 40 by noon.", "en", "approx.")]


@pytest.mark.parametrize(("sentence", "lang", "word"), UNREAD, ids=[u[0] for u in UNREAD])
def test_a_number_next_to_a_word_that_is_not_read_is_flagged_and_not_narrowed(
        sentence: str, lang: str, word: str, tmp_path: Path) -> None:
    [m] = extract_mentions(sentence, lang)  # type: ignore[arg-type]
    assert m.review and m.note and word in m.note
    assert (m.min, m.max) == (0, None)  # no bound, never the bare number's precision interval
    draft = draft_claims(sentence, [m], lang=lang)  # type: ignore[arg-type]
    assert "  # warning: " in draft and "review: true" in draft
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    [claim] = numcheck.load(path).claims
    assert claim.review and claim.interval is not None and claim.interval.hi is None


def test_every_hedge_of_the_tables_is_read_never_dropped() -> None:
    """A hedge the grammar knows always changes the interval from the bare number's."""
    from numcheck.read import HEDGES

    for lang in ("en", "fr"):
        bare = extract_mentions("On a compté 4 321 cas." if lang == "fr" else "They counted 4,321 cases.", lang)
        for phrase, kind in HEDGES[lang]:
            if kind == "number" or not phrase[-1].isalpha() and phrase[-1] not in "'":
                continue
            number = "4 321" if lang == "fr" else "4,321"
            sentence = f"On a compté {phrase} {number} cas." if lang == "fr" else f"They counted {phrase} {number} cases."
            sentence = sentence.replace("' ", "'")
            found = [m for m in extract_mentions(sentence, lang) if number in m.text]
            assert found and _iv(found[0]) != _iv(bare[0]), (phrase, [m.text for m in found])


# ------------------------------------------------------------------------------------ sources

SPEAKERS = [
    ("According to the fire brigade, 14 people were hurt.", "en", "fire brigade"),
    ("Twelve flights were cancelled, said Anna Berg, a spokeswoman.", "en", "Anna Berg"),
    ("The harbour authority estimated that 300 boats were damaged.", "en", "harbour authority"),
    ("Selon la préfecture, 14 personnes ont été blessées.", "fr", "préfecture"),
    ("« Nous avons perdu 40 ruches », a déclaré Paul Mercier, apiculteur.", "fr", "Paul Mercier"),
    ("D'après le syndicat, 2 000 postes seront supprimés.", "fr", "syndicat"),
    ("Le ministère a indiqué que 60 écoles resteront fermées.", "fr", "ministère"),
]


@pytest.mark.parametrize(("sentence", "lang", "speaker"), SPEAKERS, ids=[s[0] for s in SPEAKERS])
def test_the_speaker_of_a_figure_is_read_from_its_attribution(sentence: str, lang: str, speaker: str) -> None:
    [m] = extract_mentions(sentence, lang)  # type: ignore[arg-type]
    assert m.speaker == speaker


def test_a_speaker_named_earlier_in_the_paragraph_gives_the_later_figures() -> None:
    text = ("The coastguard said 30 people were rescued. Another 12 are missing.\n\n"
            "Officials in the capital counted 5 deaths. He said nothing else.\n\n17 shops were hit.")
    speakers = [m.speaker for m in extract_mentions(text, "en")]
    assert speakers == ["coastguard", "coastguard", "Officials in the capital", None]


def test_one_source_per_speaker_and_each_claim_has_its_own(tmp_path: Path) -> None:
    text = ("Selon la préfecture, 14 personnes ont été blessées. La préfecture compte aussi 3 disparus.\n\n"
            "« Nous avons perdu 40 ruches », a déclaré Paul Mercier. Plus tard, 12 autres ruches ont brûlé, "
            "a ajouté Mercier.\n\nLa ville compte 8 000 habitants.")
    mentions = extract_mentions(text, "fr")
    draft = draft_claims(text, mentions, lang="fr", source="journal", date="2024-05-02")
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    model = numcheck.load(path)
    assert set(model.sources) == {"journal", "prefecture", "paul-mercier"}
    assert model.sources["paul-mercier"].name == "Paul Mercier"
    assert [c.source for c in model.claims] == ["prefecture", "prefecture", "paul-mercier", "paul-mercier", "journal"]
    assert numcheck.check_model(model).verdict == "consistent"


def test_the_seed_article_names_its_speakers_as_sources(tmp_path: Path) -> None:
    """examples/article-nk-troops.en.txt names two speakers (Ukrainian military intelligence, US
    officials); its figure on North Korea's army is the article's own."""
    text = (ROOT / "examples" / "article-nk-troops.en.txt").read_text(encoding="utf-8")
    mentions = extract_mentions(text, "en")
    draft = draft_claims(text, mentions, lang="en", source="hur", date="2024-10-24")
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    model = numcheck.load(path)
    assert {s.name for s in model.sources.values()} == {"hur", "Ukrainian military intelligence", "US officials"}
    assert [c.source for c in model.claims] == ["ukrainian-military-intelligence", "ukrainian-military-intelligence",
                                                "us-officials", "us-officials", "hur"]


# The seed story's figures and who gives them, retold in our own words (the French original is
# not in this repository; tests/test_extract.py reads it when ../shared is beside the checkout): the
# same five speakers as the original, one of them quoted twice under two forms of her name.
SEED_RETOLD = """Kiev, octobre 2024.

Jusqu'à 12 000 soldats nord-coréens se préparent à combattre aux côtés de l'armée russe.

Jeudi, le principal service de renseignement ukrainien a indiqué que jusqu'à 3 000 d'entre eux étaient déjà à Koursk.

« Douze mille soldats, ce n'est qu'un début », a déclaré Alina Frolova, ancienne vice-ministre de la Défense.

Selon des estimations américaines, plus de 115 000 soldats russes ont été tués et jusqu'à un demi-million blessés.

Selon des responsables américains, les victimes ukrainiennes représentent environ la moitié des pertes russes.

L'armée sud-coréenne a déclaré que le Nord avait livré plus de quatre millions d'obus à Moscou.

« Nous avons reçu moins d'un million d'obus de nos partenaires », a déclaré Frolova.
"""
# the original's five speakers, as tests/test_extract.py expects them from it
SEED_SPEAKERS = {"principal service de renseignement ukrainien", "Alina Frolova", "Estimations américaines",
                 "responsables américains", "armée sud-coréenne"}


def test_a_retelling_of_the_seed_story_names_its_five_speakers(tmp_path: Path) -> None:
    mentions = extract_mentions(SEED_RETOLD, "fr")
    draft = draft_claims(SEED_RETOLD, mentions, lang="fr", source="cbc", date="2024-10-25")
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    model = numcheck.load(path)
    speakers = {sid: s.name for sid, s in model.sources.items() if sid != "cbc"}
    assert {name.casefold() for name in speakers.values()} == {name.casefold() for name in SEED_SPEAKERS}
    credited = {c.source for c in model.claims}
    assert set(speakers) <= credited  # each of the five gives a claim of the draft
    by_source = {speakers.get(c.source or "", c.source): c.quote for c in model.claims}
    assert by_source["responsables américains"] == "environ la moitié des pertes russes"
    by_text = {m.text.replace("’", "'"): m for m in mentions}
    assert by_text["moins d'un million"].speaker == "Frolova"
    assert by_text["Jusqu'à 12 000"].speaker is None  # the article's own figure
    frolova = [c.source for c in model.claims if c.quote and ("Douze" in c.quote or "million d'obus" in c.quote)]
    assert len(set(frolova)) == 1 and frolova[0] == "alina-frolova"
    assert numcheck.check_model(model).verdict == "consistent"


# ------------------------------------------------------------------------------- quantity names

def test_quantities_are_named_in_english_for_what_is_counted() -> None:
    [m] = extract_mentions("More than 115,000 Russian soldiers killed.", "en")
    assert m.quantity == "russian_soldiers_killed" and m.about == "Russian soldiers killed"
    [m] = extract_mentions("Plus de 115 000 soldats russes ont été tués.", "fr")
    assert m.quantity == "russian_soldiers_killed" and m.about == "soldats russes tués"
    [m] = extract_mentions("Le nombre de victimes ukrainiennes représente environ la moitié des pertes russes.", "fr")
    assert (m.quantity, m.relative_to) == ("ukrainian_victims", "russian_losses")
    [m] = extract_mentions("Jusqu'à 12 000 soldats nord-coréens sont en Russie.", "fr")
    assert m.quantity == "north_korean_soldiers"


def test_a_predicate_alone_takes_the_subject_before_it() -> None:
    first, second = extract_mentions("Over 2,000 Iraqi troops have been killed and up to 9,000 wounded.", "en")
    assert (first.quantity, second.quantity) == ("iraqi_troops_killed", "iraqi_troops_wounded")
    assert second.about == "Iraqi troops wounded"


def test_the_same_thing_met_twice_is_the_same_quantity_and_about_describes_it(tmp_path: Path) -> None:
    text = ("Officials counted 400 displaced families in May. By June, 650 displaced families were in camps. "
            "The camps hold 3,000 people and 40 tents.")
    mentions = extract_mentions(text, "en")
    names = [m.quantity for m in mentions]
    assert names[0] == names[1] == "displaced_families" and len(set(names[2:])) == 2
    draft = draft_claims(text, mentions, lang="en")
    assert 'displaced_families: {unit: "", about: "displaced families"}' in draft
