"""Mutated claims files never crash numcheck: each loads and is checked, or is refused with an
InputError that names the file (the CLI prints it as one line and exits 2)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numcheck

from .conftest import ROOT

SEEDS = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "claims" / "nk-troops-russia-2024-10.yaml"]
PIECES = ["{", "}", "[", "]", ":", "-", "'", '"', "\n", "  ", "#", "&a", "*a", "!!python/object", "%", "<",
          ">=", "~=", "!=", "1e400", "9" * 50, "−", "\u202f", "\x00", "\x1b[31m", "\\", "numcheck:", "../",
          "/etc/passwd", "include:", "relation:", "value:", "signed: true", "integer: true", "about half of",
          "{side}", "about", "%", "12.000", "between 1 and", "½", "\ufeff", "\t"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    seed = draw(st.sampled_from(SEEDS))
    text = seed.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        piece = draw(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)))
        if action == "insert":
            text = text[:where] + piece + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)):]
        elif action == "replace":
            text = text[:where] + piece + text[where + len(piece):]
        else:
            end = min(len(text), where + draw(st.integers(1, 200)))
            text = text[:end] + text[where:end] + text[end:]
    return seed.name, text


@settings(max_examples=int(os.environ.get("NUMCHECK_FUZZ_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_a_mutated_file_is_checked_or_refused_cleanly(case: tuple[str, str], tmp_path: Path) -> None:
    name, text = case
    folder = tmp_path / "examples"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        report = numcheck.check(path, timeout=5)
    except numcheck.InputError as exc:
        for line in str(exc).splitlines():  # one line per error, each naming the file
            assert line.startswith((str(path), "numcheck:")), line
        return
    assert report.verdict in ("consistent", "inconsistent", "unknown")
    for fmt in ("text", "json", "markdown"):
        assert numcheck.render(report, fmt)
