"""Expressions are parsed once per shape (names and numbers taken out) and the tree is filled in:
the laws here hold that fast path to lark's own parse of every text, errors included, and show
that it is taken at all."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numcheck
from numcheck.read import shapes

DECLARED = {"ru_killed": "soldier", "ru_wounded": "soldier", "ru_casualties": "soldier",
            "front_km": "km", "cost_eur": "EUR", "cost_usd": "USD", "share": None}
PIECES = [*DECLARED, "ru_killd", "x1", "_y", "v0", "v1", "0", "1", "12", "0.55", "1,000", "1,00", "1,0000",
          "12_000", "1_00", "1e5", "1.", ".5", "km", "soldier", "million", "thousand", "of", "OF", "within",
          "Within", "%", "+", "-", "*", "/", "(", ")", "<=", "<", ">=", ">", "==", "!=", "~=", "≤", "≥", "≠",
          "≈", "=", "!", "~", ",", ".", "[km]", "[USD/EUR]", "[", "]", "\t", "é", "ru_killed <= ", " * "]


@st.composite
def expressions(draw: st.DrawFn) -> str:
    """Mostly relations of the shapes files have, sometimes broken by a piece of anything."""
    names = st.sampled_from(list(DECLARED))
    numbers = st.sampled_from(["0.55", "1,000", "3", "12_000", "1.25", "200000", "15"])
    op = st.sampled_from(["<=", ">=", "==", "~=", "<", "≤", "!="])
    text = draw(st.sampled_from([
        f"{draw(names)} {draw(op)} {draw(numbers)} * {draw(names)}",
        f"{draw(names)} + {draw(names)} {draw(op)} {draw(names)} + {draw(numbers)}",
        f"{draw(numbers)} * {draw(names)} - {draw(numbers)} {draw(op)} {draw(numbers)} * {draw(names)}",
        f"{draw(numbers)} % of {draw(names)} {draw(op)} {draw(names)}",
        f"{draw(names)} ~= {draw(names)} within {draw(numbers)}%",
        f"{draw(names)}{draw(op)}{draw(numbers)}{draw(names)}",
        f"front_km >= {draw(numbers)} km",
        f"cost_usd == {draw(numbers)} [USD/EUR] * cost_eur",
        f"({draw(names)} - {draw(numbers)}) / {draw(numbers)} {draw(op)} {draw(names)}",
    ]))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        where = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)))
        cut = draw(st.integers(0, 3))
        text = text[:where] + piece + text[where + cut:]
    return text


def _outcome(text: str, folder: Path) -> Any:
    """The model's atoms for a file with `text` as a relation claim and as a rule, or its errors."""
    quantities = {name: ({"unit": unit} if unit else {}) for name, unit in DECLARED.items()}
    doc = {"numcheck": 1, "quantities": quantities, "rules": [text],
           "claims": [{"id": "c1", "relation": text}]}
    path = folder / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        model = numcheck.load(path)
    except numcheck.InputError as exc:
        errors = getattr(exc, "errors", [exc])
        return type(exc).__name__, str(exc), [(type(e).__name__, e.line, e.column, e.hint) for e in errors]
    return [(c.id, c.atoms, c.either) for c in model.claims], [(r.id, r.atoms, r.either) for r in model.rules]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=expressions())
def test_a_filled_shape_reads_as_the_text_itself(text: str) -> None:
    """The same atoms, or the same errors at the same lines and columns, with the cache on (after
    whatever shapes earlier examples left in it) as with every text parsed by lark."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        cached = _outcome(text, Path(folder))
        patch.setattr(shapes, "ENABLED", False)
        plain = _outcome(text, Path(folder))
    assert cached == plain


@pytest.mark.parametrize("text", [
    "ru_killed <= 1,0000", "ru_killed <= 1,00 * ru_wounded", "ru_killed <= 1e5", "ru_killed <= of",
    "share <= 5% of ru_killed", "ru_killed ~= ru_wounded within 5%", "ru_killed <= ru_wounded [km]",
    "ru_killed <= 2 million", "ru_killed < = ru_wounded", "ru_killed <> ru_wounded", "ru_killed ru_wounded",
    "front_km >= 100 ru_killed", "ru_killed * ru_wounded <= 3", "ru_killed / 0 <= 3", "ru_killd <= 3",
    "ru_killed <= 1_00", "(ru_killed <= 3", "ru_killed <= 3)", "ru_killed + <= 3", "ru_killed <= 3 within 5%",
])
def test_texts_whose_lexing_is_delicate_read_as_themselves(text: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cached = _outcome(text, tmp_path)
    monkeypatch.setattr(shapes, "ENABLED", False)
    assert cached == _outcome(text, tmp_path)


def test_a_file_of_one_shape_is_parsed_once(tmp_path: Path) -> None:
    """Three hundred relations of one shape, new to this process: one parse, the rest filled in."""
    names = [f"shape_test_q{i}" for i in range(301)]
    doc = {"numcheck": 1, "quantities": {n: {"unit": "soldier"} for n in names},
           "claims": [{"id": f"c{i}", "relation": f"{a} <= {i + 1}.{i:04d} * {b} - {7 * i}"}
                      for i, (a, b) in enumerate(zip(names, names[1:]))]}
    path = tmp_path / "one-shape.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    before = shapes.stats()
    model = numcheck.load(path)
    after = shapes.stats()
    assert after.parsed - before.parsed == 1
    assert after.hits - before.hits == 299
    last = model.claims[-1].atoms[0].expr
    assert dict(last.terms) == {"shape_test_q299": 1, "shape_test_q300": -Fraction("300.0299")}
    assert last.const == 7 * 299
