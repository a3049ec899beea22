"""Every JSON document is written by orjson for speed; these laws hold it to `json.dumps`, the
reference, byte for byte, and show where `json.dumps` takes over."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

import numcheck
from numcheck.render import json_document, render

from .conftest import ROOT

_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _reference(document: object) -> str:
    """What the writer gave before orjson: json.dumps, then the controls that json.dumps leaves
    raw as \\u escapes (the rule of docs/reports.md, written out again here)."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)  # any character but a lone surrogate
_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | _TEXT
_DOCUMENTS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=30)


@given(_DOCUMENTS)
def test_any_document_a_report_could_hold_is_written_as_json_dumps_writes_it(document: object) -> None:
    assert json_document(document) == _reference(document)


@given(st.integers(2**64, 10**400) | st.integers(-(10**400), -(2**63) - 1), _TEXT)
def test_what_orjson_refuses_is_written_by_json_dumps(big: int, text: str) -> None:
    for document in ({"exact": big}, [text + "\ud800"], {1: text}):
        assert json_document(document) == _reference(document)
        assert json.loads(json_document(document)) == json.loads(_reference(document))


def test_every_example_report_is_the_reference_bytes() -> None:
    files = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "claims" / "nk-troops-russia-2024-10.yaml"]
    assert len(files) >= 5
    for path in files:
        report = numcheck.check(str(path))
        assert render(report, "json") == _reference(report.to_dict()), path.name
        assert render(report, "sarif") == _reference(json.loads(render(report, "sarif"))), path.name
