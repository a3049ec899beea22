"""Warnings (claims-format.md, "Warnings (added)"): what loads but is probably not what the writer
meant. One test per kind, each with the near misses that must not warn; strict loading; and
the law that a warning never changes the model, only its `warnings`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import numcheck
from numcheck import InputError, PhraseError, UnitError
from numcheck.errors import StrictError
from numcheck.model import LoadWarning, Model
from numcheck.read import loader

HEAD = """\
numcheck: 1
defaults: {lang: LANG}
quantities:
  troops: {unit: soldier}
  shells: {unit: shell}
  share: {}
  percent_share: {unit: percent}
  respondents: {unit: person, integer: true}
  front: {unit: km}
"""
CLAIMS_LINE = HEAD.count("\n") + 2  # the first claim's line


def load(write, claims: list[str], lang: str = "en", rules: tuple[str, ...] | list[str] = (),  # type: ignore[no-untyped-def]
         **options: object) -> Model:
    text = HEAD.replace("LANG", lang)
    if rules:
        text += "rules:\n" + "".join(f"  - {r}\n" for r in rules)
    text += "claims:\n" + "".join(f"  - {c}\n" for c in claims)
    return numcheck.load(write("c.yaml", text), **options)  # type: ignore[arg-type]


def messages(model: Model, claim: str | None = None) -> list[str]:
    return [w.message for w in model.warnings if claim is None or w.claim == claim]


# ---------------------------------------------------------------------------------- 12.000 on a count


@pytest.mark.parametrize("value, shown, read, comma", [
    ("12.000", "12.000", "12", "12,000"),
    ("1.500", "1.500", "1.5", "1,500"),
    ("about 1.500", "1.500", "1.5", "1,500"),
    ("up to 12.000 soldiers", "12.000", "12", "12,000"),
    ("between 1.500 and 2.000", "1.500", "1.5", "1,500"),
])
def test_three_decimals_on_a_count_in_english_warn(write, value: str, shown: str, read: str, comma: str) -> None:  # type: ignore[no-untyped-def]
    model = load(write, [f"{{id: a, quantity: troops, value: '{value}'}}"])
    (warning,) = model.warnings
    assert warning == LoadWarning(warning.location, warning.message, "a")
    assert str(warning.location).endswith(f"c.yaml:{CLAIMS_LINE}")
    assert f"'{shown}' was read as {read}" in warning.message
    assert f"{comma} is written with a comma" in warning.message


def test_three_decimals_on_rounds_warn_too(write) -> None:  # type: ignore[no-untyped-def]
    assert messages(load(write, ["{id: a, quantity: shells, value: '4.000'}"]))


@pytest.mark.parametrize("quantity, value, lang", [
    ("troops", "12.000", "fr"),          # French: the point groups thousands, and 12.000 is 12,000
    ("troops", "1.500 million", "en"),   # a precise million figure
    ("troops", "12.00", "en"),           # two decimals: not a thousands separator
    ("troops", "12.0001", "en"),
    ("troops", "12,000", "en"),
    ("front", "12.000", "en"),           # not a count: 12.000 km is a precise distance
    ("troops", "1.5", "en"),
])
def test_near_misses_of_three_decimals_do_not_warn(write, quantity: str, value: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert messages(load(write, [f"{{id: a, quantity: {quantity}, value: '{value}'}}"], lang=lang)) == []


# ---------------------------------------------------------------------------------- decimals on integers


def test_decimals_on_an_integer_quantitys_bare_value_warn(write) -> None:  # type: ignore[no-untyped-def]
    (message,) = messages(load(write, ["{id: a, quantity: respondents, value: '12.5'}"]))
    assert "'12.5' has decimals" in message and "'respondents' is a whole number (integer: true)" in message


@pytest.mark.parametrize("quantity, value", [
    ("respondents", "1.3 million"),  # decimals, but a whole number of persons
    ("respondents", "about 12.5"),   # not a bare value: the hedge gives a wide interval
    ("respondents", "12"),
    ("troops", "12.5"),              # not an integer quantity
])
def test_whole_or_hedged_values_on_integers_do_not_warn(write, quantity: str, value: str) -> None:  # type: ignore[no-untyped-def]
    assert messages(load(write, [f"{{id: a, quantity: {quantity}, value: '{value}'}}"])) == []


# ---------------------------------------------------------------------------------- unitless vs counted


@pytest.mark.parametrize("claim", [
    "{id: a, relation: 'share >= 0.5 * troops'}",
    "{id: a, quantity: share, value: '12,000 soldiers'}",
    "{id: a, quantity: share, value: 'half of troops'}",
    "{id: a, quantity: troops, value: 'twice share'}",
])
def test_a_quantity_without_unit_compared_with_a_count_loads_with_a_warning(write, claim: str) -> None:  # type: ignore[no-untyped-def]
    (message,) = messages(load(write, [claim]), "a")
    assert "quantity 'share' has no unit, but claim 'a' compares it with" in message
    assert "declare it with unit:" in message


def test_a_rule_joining_a_unitless_quantity_and_a_count_warns(write) -> None:  # type: ignore[no-untyped-def]
    model = load(write, [], rules=["share <= troops"])
    (warning,) = model.warnings
    assert warning.claim is None and "rule 'c#1'" in warning.message and "unit: soldier" in warning.message


@pytest.mark.parametrize("claim, error", [
    ("{id: a, relation: 'percent_share >= troops'}", UnitError),   # a unit was given: still an error
    ("{id: a, relation: 'share >= front'}", UnitError),            # not a count
    ("{id: a, quantity: share, value: '12 km'}", UnitError),
])
def test_only_a_missing_unit_meets_a_count(write, claim: str, error: type[InputError]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        load(write, [claim])


# ---------------------------------------------------------------------------------- the other language


@pytest.mark.parametrize("value, lang, same_as, language", [
    ("environ 300", "en", "about 300", "French"),
    ("plus de 115 000", "en", "more than 115,000", "French"),
    ("des milliers de", "en", "thousands of", "French"),
    ("about 300", "fr", "environ 300", "English"),
    ("more than 115,000", "fr", "plus de 115 000", "English"),
])
def test_a_phrase_in_the_other_language_is_read_in_it_with_a_warning(write, value: str, lang: str,  # type: ignore[no-untyped-def]
                                                                      same_as: str, language: str) -> None:
    model = load(write, [f"{{id: a, quantity: troops, value: '{value}'}}",
                         f"{{id: b, quantity: troops, value: '{same_as}'}}"], lang=lang)
    (message,) = messages(model)
    assert f"claim 'a': '{value}' is written in {language}" in message and f"lang is {lang}" in message
    assert model.claim("a").interval == model.claim("b").interval


def test_a_phrase_unreadable_in_both_languages_is_still_an_error(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PhraseError, match="no number"):
        load(write, ["{id: a, quantity: troops, value: 'environ lots'}"])


# ---------------------------------------------------------------------------------- review


def test_a_claim_marked_for_review_warns(write) -> None:  # type: ignore[no-untyped-def]
    model = load(write, ["{id: a, quantity: troops, value: '300', review: true}",
                         "{id: b, quantity: troops, value: '300', review: false}"])
    assert messages(model, "a") == [
        "claim 'a' is marked review: true; check it against its source, then remove the mark"]
    assert messages(model, "b") == []


# ---------------------------------------------------------------------------------- strict, order, the law

MIXED = [
    "{id: r, quantity: troops, value: '300', review: true}",
    "{id: t, quantity: troops, value: '12.000'}",
    "{id: i, quantity: respondents, value: '12.5'}",
    "{id: u, quantity: share, value: '12,000 soldiers'}",
    "{id: f, quantity: troops, value: 'environ 300'}",
    "{id: ok, quantity: troops, value: 'about 300'}",
]


def test_warnings_come_in_line_order_and_strict_raises_the_first(write) -> None:  # type: ignore[no-untyped-def]
    model = load(write, MIXED, rules=["share <= troops"])
    lines = [w.location.line for w in model.warnings]
    assert lines == sorted(lines) and [w.claim for w in model.warnings] == [None, "r", "t", "i", "u", "f"]
    with pytest.raises(StrictError) as info:
        load(write, MIXED, rules=["share <= troops"], strict=True)
    first = model.warnings[0]
    assert isinstance(info.value, InputError)
    assert (info.value.path, info.value.line) == (first.location.path, first.location.line)
    assert str(info.value).startswith(f"{first.location}: {first.message}")


def test_strict_loads_a_file_without_warnings_unchanged(write) -> None:  # type: ignore[no-untyped-def]
    claims = ["{id: ok, quantity: troops, value: 'about 300'}"]
    assert load(write, claims, strict=True) == load(write, claims)


def test_warnings_never_change_the_model(write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The same file loaded with the warning checks switched off: the same model, atoms and all,
    except that it has no warnings."""
    warned = load(write, MIXED, rules=["share <= troops"])
    assert len(warned.warnings) == 6
    monkeypatch.setattr(loader, "claim_warnings", lambda *args: iter(()))
    monkeypatch.setattr(loader, "rule_warnings", lambda *args: iter(()))
    quiet = load(write, MIXED, rules=["share <= troops"])
    assert quiet.warnings == () and dataclasses.replace(warned, warnings=()) == quiet


def test_a_missing_unit_reads_as_the_count_it_meets(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The warning's reading is the fix's reading: `share` with no unit gets the atoms it gets
    as `unit: soldier`."""
    claims = ["{id: u, quantity: share, value: '12,000 soldiers'}", "{id: g, relation: 'share >= 0.5 * troops'}",
              "{id: k, quantity: share, value: 'about half of troops'}"]
    loose = load(write, claims)
    fixed_text = (tmp_path / "c.yaml").read_text().replace("  share: {}", "  share: {unit: soldier}")
    fixed = numcheck.load(write("fixed.yaml", fixed_text))
    assert fixed.warnings == () and len(loose.warnings) == 3
    assert [c.atoms for c in loose.claims] == [c.atoms for c in fixed.claims]


def test_a_helper_process_gives_the_same_warnings(write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(loader, "HELPER_MIN_CLAIMS", 2)
    claims = [f"{{id: c{i}, quantity: troops, value: '{'environ 300' if i % 7 == 0 else '300'}'}}" for i in range(40)]
    alone = load(write, claims)
    assert len(alone.warnings) == 6 and load(write, claims, jobs=2) == alone


def test_the_seed_and_the_examples_load_without_warnings() -> None:
    from .conftest import ROOT

    for path in [ROOT / "claims" / "nk-troops-russia-2024-10.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]:
        assert numcheck.load(path, allow_includes_outside=True).warnings == (), path
