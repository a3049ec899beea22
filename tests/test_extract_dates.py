"""Dates and paces in extraction (issue #13 item 5), in our own sentences, English and French:
a date tied to a figure is drafted as `as_of`, a pace ("about 1,200 a day") as a rate with its
`period`, each marked for review with what was guessed; no date is ever invented; and every
draft loads and checks as it stands."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import numcheck
from numcheck.cli import app

ARTICLE_DATE = "2024-10-24"


def _draft(text: str, lang: str, date: str | None = ARTICLE_DATE) -> str:
    mentions = numcheck.extract_mentions(text, lang)  # type: ignore[arg-type]
    return numcheck.draft_claims(text, mentions, lang=lang, date=date)  # type: ignore[arg-type]


def _loaded(draft: str, tmp_path: Path) -> numcheck.Model:
    """The draft through the loader (it must load as it stands) and the check (it must run)."""
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    model = numcheck.load(path)
    assert numcheck.check_model(model).verdict in ("consistent", "inconsistent")
    return model


def _claims(draft: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load(draft)["claims"])


AS_OF = [
    ("As of 1 October, more than 115,000 Russian soldiers had been killed.", "en", "2024-10-01"),
    ("As of October 1, 2023, about 300 families had left the valley.", "en", "2023-10-01"),
    ("By mid-October, 12,000 troops had reached the border.", "en", "2024-10-15"),
    ("By October, 3,000 volunteers had signed up.", "en", ARTICLE_DATE),  # a month alone, not after the article
    ("As of 1 March, 40 schools were shut.", "en", "2024-03-01"),  # the year is the article's
    ("Au 1er octobre, plus de 115 000 soldats russes avaient été tués.", "fr", "2024-10-01"),
    ("À la date du 1er septembre 2024, environ 2 000 réfugiés étaient inscrits.", "fr", "2024-09-01"),
    ("À la mi-octobre, 12 000 soldats étaient massés à la frontière.", "fr", "2024-10-15"),
]


@pytest.mark.parametrize(("sentence", "lang", "as_of"), AS_OF, ids=[a[0][:30] for a in AS_OF])
def test_a_date_tied_to_a_figure_is_its_as_of_marked_for_review(sentence: str, lang: str, as_of: str,
                                                                tmp_path: Path) -> None:
    draft = _draft(sentence, lang)
    [claim] = _claims(draft)
    assert claim["as_of"] == dt.date.fromisoformat(as_of)
    assert claim["review"] is True and "as_of from" in claim["note"]
    assert "# time: as_of from" in draft
    [loaded] = _loaded(draft, tmp_path).claims
    assert loaded.as_of == dt.date.fromisoformat(as_of) and loaded.review


# sentence, lang, value drafted, period, over_time of its quantity
RATES = [
    ("Russia has lost about 1,200 soldiers a day since February 2022.", "en",
     "about 1,200 a day", "2022-02-01..2024-10-24", "cumulative"),
    ("Since 24 February 2022, the army has lost 1,100 soldiers per day.", "en",
     "1,100 a day", "2022-02-24..2024-10-24", "cumulative"),
    ("Between January and March 2024, the front moved 5 km a week.", "en",
     "5 a week", "2024-01-01..2024-03-31", "level"),
    ("The factory shipped 400 shells daily from 1 to 15 August.", "en",
     "400 a day", "2024-08-01..2024-08-15", "level"),
    ("La Russie perd environ 1 200 soldats par jour depuis février 2022.", "fr",
     "environ 1 200 par jour", "2022-02-01..2024-10-24", "cumulative"),
    ("Du 1er janvier au 31 mars 2024, l'usine a livré 300 obus par jour.", "fr",
     "300 par jour", "2024-01-01..2024-03-31", "level"),
    ("Depuis le 1er juillet, environ 50 réfugiés par semaine ont été accueillis.", "fr",
     "environ 50 par semaine", "2024-07-01..2024-10-24", "level"),
]


@pytest.mark.parametrize(("sentence", "lang", "value", "period", "over_time"), RATES, ids=[r[0][:30] for r in RATES])
def test_a_pace_with_its_dates_is_a_rate_over_its_period(sentence: str, lang: str, value: str, period: str,
                                                         over_time: str, tmp_path: Path) -> None:
    draft = _draft(sentence, lang)
    [claim] = _claims(draft)
    assert (claim["value"], claim["period"]) == (value, period)
    assert claim["review"] is True and "period from" in claim["note"]
    [kind] = [q.get("over_time") for q in yaml.safe_load(draft)["quantities"].values()]
    assert kind == over_time
    assert f"over_time: {over_time}}}  # over_time drafted for a rate" in draft
    [loaded] = _loaded(draft, tmp_path).claims
    start, end = (dt.date.fromisoformat(d) for d in period.split(".."))
    assert loaded.period == (start, end) and loaded.rate_unit in ("day", "week")


PAST = [
    ("In the past week, 300 civilians were killed in the region.", "en", "300 a week", "2024-10-17..2024-10-24"),
    ("Over the past 24 hours, 40 drones were shot down.", "en", "40 a day", "2024-10-23..2024-10-24"),
    ("Au cours des sept derniers jours, 300 civils ont été tués.", "fr", "300 par semaine", "2024-10-17..2024-10-24"),
    ("Ces dernières 24 heures, 40 drones ont été abattus.", "fr", "40 par jour", "2024-10-23..2024-10-24"),
]


@pytest.mark.parametrize(("sentence", "lang", "value", "period"), PAST, ids=[p[0][:30] for p in PAST])
def test_a_figure_over_the_past_days_is_the_change_over_them(sentence: str, lang: str, value: str, period: str,
                                                             tmp_path: Path) -> None:
    draft = _draft(sentence, lang)
    [claim] = [c for c in _claims(draft) if "period" in c]  # "24" in "the past 24 hours" is a figure of its own
    assert claim["value"] == value and claim["period"] == period
    assert "the days before the article's date" in claim["note"]
    _loaded(draft, tmp_path)


NOT_TIED = [
    ("More than 115,000 Russian soldiers have been killed.", "en"),
    ("By 2030, 5,000 homes will be built.", "en"),  # a year alone is a target
    ("By December, 5,000 homes will be built.", "en"),  # still to come in October
    ("As of 1 November, 40 schools will be shut.", "en"),  # still to come: not last November
    ("As of 1 December 2024, 5,000 homes will be ready.", "en"),  # after the article
    ("Officials counted 300 people a day after the attack.", "en"),  # "a day after" is no pace
    ("Plus de 115 000 soldats russes ont été tués.", "fr"),
    ("D'ici 2030, 5 000 logements seront construits.", "fr"),
]


@pytest.mark.parametrize(("sentence", "lang"), NOT_TIED, ids=[n[0][:30] for n in NOT_TIED])
def test_a_figure_no_date_is_tied_to_is_drafted_as_before(sentence: str, lang: str, tmp_path: Path) -> None:
    draft = _draft(sentence, lang)
    [claim] = _claims(draft)
    assert not {"as_of", "period", "review"} & set(claim)
    assert "over_time" not in draft and "# time:" not in draft
    _loaded(draft, tmp_path)


def test_without_the_article_date_only_whole_dates_are_used_and_a_pace_is_left_for_review(tmp_path: Path) -> None:
    text = ("As of 1 October, 900 shops had closed. As of October 1, 2024, 700 farms had closed. "
            "Russia has lost about 1,200 soldiers a day since February 2022.")
    draft = _draft(text, "en", date=None)
    shops, farms, pace = _claims(draft)
    assert "as_of" not in shops and "review" not in shops  # no year, no article date: not tied
    assert farms["as_of"] == dt.date(2024, 10, 1)
    assert pace["value"] == "about 1,200" and "period" not in pace  # no end: the figure alone, flagged
    assert pace["review"] is True and "write 'about 1,200 a day' with period: FROM..TO" in pace["note"]
    assert "over_time" not in draft
    _loaded(draft, tmp_path)


def test_a_rate_whose_quantity_has_an_undated_claim_is_left_for_review(tmp_path: Path) -> None:
    """With no article date, a claim on the rate's quantity would have no date, and over_time
    would then make the draft fail to load: the rate is left as the figure alone."""
    text = ("Between January and March 2024, the plant made 300 Shahed drones a week. "
            "The plant made 9,000 Shahed drones in all.")
    draft = _draft(text, "en", date=None)
    mentions = numcheck.extract_mentions(text, "en")
    assert mentions[0].quantity == mentions[1].quantity
    first, _ = _claims(draft)
    assert first["value"] == "300" and "period" not in first and first["review"] is True
    assert "over_time" not in draft
    _loaded(draft, tmp_path)


def test_json_mentions_carry_the_pace_and_the_date_phrase() -> None:
    [m] = numcheck.extract_mentions("Since February 2022, Russia has lost 1,200 soldiers a day.", "en")
    record = m.to_dict()
    assert record["rate"] == "day" and record["date_phrase"] == "Since February 2022"
    [plain] = numcheck.extract_mentions("Russia has lost 1,200 soldiers.", "en")
    assert plain.to_dict()["rate"] is None and plain.to_dict()["date_phrase"] is None


def test_the_cli_drafts_dates_from_its_date_option_and_the_draft_checks(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Au 1er octobre, plus de 115 000 soldats russes avaient été tués. "
                       "La Russie perd environ 1 200 soldats par jour depuis février 2022.\n", encoding="utf-8")
    runner = CliRunner()
    drafted = runner.invoke(app, ["extract", str(article), "--date", ARTICLE_DATE, "-o", str(tmp_path / "d.yaml")])
    assert drafted.exit_code == 0, drafted.output
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    assert "as_of: 2024-10-01" in text and "period: 2022-02-01..2024-10-24" in text
    checked = runner.invoke(app, ["check", str(tmp_path / "d.yaml")])
    assert checked.exit_code == 0, checked.output


_SENTENCES = [s for s, _, _ in AS_OF] + [r[0] for r in RATES] + [p[0] for p in PAST]
_LANGS = [lang for _, lang, _ in AS_OF] + [r[1] for r in RATES] + [p[1] for p in PAST]


@settings(max_examples=40, deadline=None)
@given(day=st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)), which=st.integers(0, len(_SENTENCES) - 1))
def test_law_whatever_the_article_date_the_draft_loads_and_no_date_comes_after_it(day: dt.date, which: int) -> None:
    sentence, lang = _SENTENCES[which], _LANGS[which]
    draft = _draft(sentence, lang, date=day.isoformat())
    for claim in _claims(draft):
        if "as_of" in claim:
            assert claim["as_of"] <= day and claim["review"] is True
        if "period" in claim:
            start, end = (dt.date.fromisoformat(d) for d in claim["period"].split(".."))
            assert start < end <= day and claim["review"] is True
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.yaml"
        path.write_text(draft, encoding="utf-8")
        numcheck.load(path)
