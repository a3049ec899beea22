"""The same input gives the same answer: whatever --jobs, the order of the claims, or how many
checks ran before in the same process."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numcheck

from .test_reference_law import DrawnFile, Reference, drawn_files

_SETTINGS = settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _write(tmp_path: Path, drawn: DrawnFile, name: str = "drawn.yaml") -> Path:
    path = tmp_path / name
    path.write_text(drawn.text())
    return path


def _answer(report: numcheck.Report) -> tuple[str, set[frozenset[str]], str]:
    """What must not depend on the order of the claims: verdict, conflicts as sets, ranges."""
    data = report.to_dict()
    return (data["verdict"], {frozenset(c["claims"]) for c in data["conflicts"]},
            json.dumps(data["ranges"], sort_keys=True))


@_SETTINGS
@given(drawn=drawn_files())
def test_repeated_calls_give_the_same_json(drawn: DrawnFile, tmp_path: Path) -> None:
    if not Reference(drawn).holds(()):
        return
    path = _write(tmp_path, drawn)
    first = numcheck.check(path).to_dict()
    assert numcheck.check(path).to_dict() == first
    assert numcheck.check(path).to_dict() == first


@_SETTINGS
@given(drawn=drawn_files(), seed=st.integers(0, 1000))
def test_claim_order_changes_nothing(drawn: DrawnFile, seed: int, tmp_path: Path) -> None:
    if not Reference(drawn).holds(()):
        return
    shuffled = list(drawn.claims)
    random.Random(seed).shuffle(shuffled)
    rules = list(drawn.rules)
    random.Random(seed + 1).shuffle(rules)
    other = DrawnFile(dict(reversed(list(drawn.quantities.items()))), rules, shuffled)
    a = numcheck.check(_write(tmp_path, drawn, "a.yaml"))
    b = numcheck.check(_write(tmp_path, other, "b.yaml"))
    assert _answer(a) == _answer(b)


def _many_parts(tmp_path: Path) -> Path:
    """Parts of every kind side by side: whole-number, signed, !=, strict, contradictions."""
    lines = ["numcheck: 1", "quantities:"]
    claims = []
    for k in range(40):
        kind = k % 5
        lines += [f"  a{k}: {{unit: person, integer: {str(kind in (0, 3)).lower()}, signed: {str(kind == 1).lower()}}}",
                  f"  b{k}: {{unit: person}}"]
        claims += [f"  - {{id: x{k}, relation: 'a{k} + b{k} <= {k + 3}.5'}}",
                   f"  - {{id: y{k}, quantity: b{k}, value: 'more than {k % 4}'}}"]
        if kind == 2:
            claims.append(f"  - {{id: z{k}, relation: 'a{k} != b{k}'}}")
        if kind == 4:
            claims.append(f"  - {{id: z{k}, quantity: b{k}, value: 'at most {k % 4}'}}")
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines + ["claims:"] + claims) + "\n")
    return path


def test_jobs_change_nothing_byte_for_byte(tmp_path: Path) -> None:
    path = _many_parts(tmp_path)
    texts = {numcheck.render(numcheck.check(path, jobs=jobs), "json") for jobs in (1, 2, 1, 2)}
    assert len(texts) == 1
