"""The public face: one sorted __all__, and no dependency's error escaping the loader."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import numcheck


def test_public_names_are_sorted_and_exist() -> None:
    assert numcheck.__all__ == sorted(numcheck.__all__)
    for name in numcheck.__all__:
        assert hasattr(numcheck, name), name


FRAGMENTS = ["numcheck: 1\n", "quantities:\n", "  x: {unit: soldier}\n", "  y: {unit: km}\n", "claims:\n",
             "  - {id: a, quantity: x, value: 'up to 3,000'}\n", "rules:\n", "  - x <= y\n", "  - x + y ~= 3\n",
             "  - '{s}_x <= 1'\n", "include: [nope.yaml]\n", "  - {id: b, relation: 'x >= 2 * x'}\n",
             "defaults: {lang: fr}\n", "&a [*a]\n", "  - {id: c, quantity: y, value: about 600 miles}\n",
             "- - -\n", ": :\n", "\t\n", "numcheck: 2\n", "  - {id: d, quantity: x, value: 'half of y'}\n"]


@settings(max_examples=150)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=12))
def test_any_input_gives_a_model_or_an_input_error(parts: list[str]) -> None:
    """yaml, pint, lark and text2num errors are all translated: nothing else reaches a caller."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.yaml"
        path.write_text("".join(parts), encoding="utf-8")
        try:
            numcheck.load(path)
        except numcheck.InputError as exc:
            assert str(exc).startswith(str(path))
