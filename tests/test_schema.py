"""The JSON Schema of claims files (numcheck/schema/claims.schema.json) follows the loader: the
same keys in every mapping the loader checks, every shipped file valid, and the hidden-key
mistakes the loader refuses refused by the schema too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from numcheck import InputError, load
from numcheck.schema import SCHEMA_PATH, schema_text
from numcheck.testing import claims_document, true_claims, true_relations, worlds

from .conftest import ROOT

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DEFS = SCHEMA["$defs"]


class _EditorLoader(yaml.SafeLoader):
    """YAML as a YAML language server hands it to the schema: dates stay text (YAML 1.2 has no
    timestamps)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _data(text: str) -> Any:
    return yaml.load(text, Loader=_EditorLoader)  # a SafeLoader subclass: safe


def _errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(_data(text))]


def _object(schema: dict[str, Any]) -> dict[str, Any]:
    """The mapping form among a definition's alternatives (a source may also be a bare name)."""
    if schema.get("type") == "object":
        return schema
    [found] = [s for s in schema["anyOf"] if s.get("type") == "object"]
    return found


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def _shipped_files() -> list[Path]:
    return sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("claims/**/*.yaml"),
                   *ROOT.glob("numcheck/packs/*.yaml")])


@pytest.mark.parametrize("path", _shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_claims_file_and_pack_is_valid(path: Path) -> None:
    assert _errors(path.read_text(encoding="utf-8")) == []


GOOD = """\
numcheck: 1
title: Troops
defaults: {precision: exact, about: 10%, lang: en}
sources:
  hur: {name: HUR, date: 2024-10-24, url: https://example.org}
  paper: A newspaper
quantities:
  ru_killed: {unit: soldier}
  ru_casualties: {unit: soldier, integer: true}
rules:
  - ru_killed <= ru_casualties
  - {id: r2, rule: ru_killed >= 0, why: a count}
claims:
  - {id: a, source: hur, quantity: ru_killed, value: up to 5000, quote: "up to 5,000", as_of: 2024-10-25}
  - {id: b, source: paper, relation: ru_casualties >= 2 * ru_killed, review: false}
"""

# where each mapping sits in GOOD, and a line that puts an unknown key into it
UNKNOWN_KEY = {
    "top": ("title: Troops\n", "title: Troops\nzzz: 1\n"),
    "defaults": ("defaults: {precision: exact,", "defaults: {zzz: 1, precision: exact,"),
    "source": ("{name: HUR,", "{zzz: 1, name: HUR,"),
    "quantity": ("ru_killed: {unit: soldier}", "ru_killed: {zzz: 1, unit: soldier}"),
    "rule": ("{id: r2, rule:", "{zzz: 1, id: r2, rule:"),
    "claim": ("{id: a, source: hur,", "{zzz: 1, id: a, source: hur,"),
}


@pytest.mark.parametrize("where", sorted(UNKNOWN_KEY))
def test_each_mapping_has_the_loaders_keys_and_no_others(where: str, tmp_path: Path) -> None:
    """The loader refuses a key it does not know and, when no known key is close, lists the
    ones it allows: the schema allows exactly those."""
    old, new = UNKNOWN_KEY[where]
    assert old in GOOD, where
    path = tmp_path / "unknown.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match="unknown key 'zzz'") as info:
        load(path)
    hint = info.value.hint or ""
    assert hint.startswith("allowed: "), hint
    part = SCHEMA if where == "top" else _object(DEFS[where])
    assert part["additionalProperties"] is False
    assert sorted(part["properties"]) == sorted(hint.removeprefix("allowed: ").split(", "))


# (what, the mistake written into GOOD): each one the loader refuses, and so must the schema
MISTAKES = [
    ("sorce in a claim", ("source: hur, quantity", "sorce: hur, quantity")),
    ("claim: at the top", ("claims:\n", "claim:\n")),
    ("unit misspelt in a quantity", ("ru_killed: {unit: soldier}", "ru_killed: {unti: soldier}")),
    ("nmae in a source", ("{name: HUR,", "{nmae: HUR,")),
    ("rul in a rule", ("{id: r2, rule:", "{id: r2, rul:")),
    ("precison in defaults", ("{precision: exact,", "{precison: exact,")),
    ("a claim with value and relation", ("review: false}", "review: false, value: '5'}")),
    ("a claim with no id", ("{id: b, source", "{source")),
    ("a claim with neither value nor relation", ("relation: ru_casualties >= 2 * ru_killed, ", "")),
    ("a lang numcheck does not read", ("lang: en", "lang: de")),
    ("a quantity name that is no name", ("ru_casualties: {unit", "ru-casualties: {unit")),
    ("no format version", ("numcheck: 1\n", "")),
]


def test_the_good_file_loads_and_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load(path)
    assert _errors(GOOD) == []


@pytest.mark.parametrize("what, change", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_the_loader_refuses_the_schema_refuses(tmp_path: Path, what: str, change: tuple[str, str]) -> None:
    old, new = change
    assert old in GOOD, what
    text = GOOD.replace(old, new, 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        load(path)
    assert _errors(text), what


@settings(max_examples=40)
@given(st.data())
def test_drawn_claims_files_are_valid(data: st.DataObject) -> None:
    world = data.draw(worlds(["a", "b", "c"]))
    drawn = data.draw(true_claims(world)) + data.draw(true_relations(world))
    text = claims_document(world, drawn, rules=["a <= b + c"], include=["numcheck:casualties"])
    assert _errors(text) == []


def test_numcheck_schema_prints_the_shipped_schema() -> None:
    done = subprocess.run([sys.executable, "-m", "numcheck", "schema"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == schema_text() and json.loads(done.stdout) == SCHEMA
