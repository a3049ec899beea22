"""numcheck against an independent reference, on small drawn files.

The reference reads each drawn claim from the drawing itself (its own interval reading, never
numcheck's loader), writes it straight into z3 terms, and finds by brute force: the verdict,
every minimal conflict (all subsets of the claims) and, for each reported range, whether its
ends are right (nothing beyond a closed end and the end itself reached; nothing at or beyond an
open end and points as close as one likes). Files mix whole-number and signed quantities,
strict comparisons, `!=`, chains, sums and relative phrases on references of either sign.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
import z3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numcheck

Term = Callable[[dict[str, z3.ArithRef]], z3.BoolRef]
NAMES = ("qa", "qb", "qc", "qd")
EPSILON = Fraction(1, 10**6)
FAR = 10**6


@dataclass(frozen=True)
class Drawn:
    """One claim or rule as written in the file, and what the reference reads it as."""

    yaml: str  # the mapping (claim) or the string (rule) written into the file
    meaning: Term


@dataclass(frozen=True)
class DrawnFile:
    quantities: dict[str, tuple[bool, bool]]  # name → (integer, signed)
    rules: list[Drawn]
    claims: list[Drawn]

    def text(self) -> str:
        lines = ["numcheck: 1", "defaults: {precision: exact, about: 10%}", "quantities:"]
        for name, (integer, signed) in self.quantities.items():
            lines.append(f"  {name}: {{unit: person, integer: {str(integer).lower()}, signed: {str(signed).lower()}}}")
        if self.rules:
            lines.append("rules:")
            lines += [f"  - {rule.yaml}" for rule in self.rules]
        lines.append("claims:")
        lines += [f"  - {claim.yaml}" for claim in self.claims]
        return "\n".join(lines) + "\n"


def _between(x: z3.ArithRef, lo: z3.ArithRef, hi: z3.ArithRef) -> z3.BoolRef:
    """x between two multiples of a reference, whichever of them is the smaller."""
    return z3.Or(z3.And(lo <= x, x <= hi), z3.And(hi <= x, x <= lo))


def _q(x: Fraction) -> z3.ArithRef:
    return z3.RealVal(f"{x.numerator}/{x.denominator}")


@st.composite
def _value_claim(draw: st.DrawFn, names: list[str]) -> tuple[str, str, Term]:
    """(quantity, value phrase, meaning) for a claim with `quantity` and `value`."""
    x = draw(st.sampled_from(names))
    n = Fraction(draw(st.integers(0, 40)), draw(st.sampled_from([1, 2])))
    m = n + Fraction(draw(st.integers(0, 20)), 2)
    written = str(n.numerator) if n.denominator == 1 else f"{float(n)}"
    top = str(m.numerator) if m.denominator == 1 else f"{float(m)}"
    ref = draw(st.sampled_from([v for v in names if v != x] or names))
    kind = draw(st.sampled_from(["at most", "at least", "more than", "less than", "between", "exactly",
                                 "half of", "twice", "about half of", "more than half of", "about"]))
    meanings: dict[str, tuple[str, Term]] = {
        "at most": (f"at most {written}", lambda v: v[x] <= _q(n)),
        "at least": (f"at least {written}", lambda v: v[x] >= _q(n)),
        "more than": (f"more than {written}", lambda v: v[x] > _q(n)),
        "less than": (f"less than {written}", lambda v: v[x] < _q(n)),
        "between": (f"between {written} and {top}", lambda v: z3.And(v[x] >= _q(n), v[x] <= _q(m))),
        "exactly": (written, lambda v: v[x] == _q(n)),
        "about": (f"about {written}", lambda v: z3.And(v[x] >= _q(n * Fraction(9, 10)), v[x] <= _q(n * Fraction(11, 10)))),
        "half of": (f"half of {ref}", lambda v: 2 * v[x] == v[ref]),
        "twice": (f"twice {ref}", lambda v: v[x] == 2 * v[ref]),
        "about half of": (f"about half of {ref}",
                          lambda v: _between(v[x], _q(Fraction(45, 100)) * v[ref], _q(Fraction(55, 100)) * v[ref])),
        "more than half of": (f"more than half of {ref}", lambda v: 2 * v[x] > v[ref]),
    }
    phrase, meaning = meanings[kind]
    return x, phrase, meaning


@st.composite
def _relation(draw: st.DrawFn, names: list[str]) -> tuple[str, Term]:
    """(expression, meaning) for a relation claim or a rule."""
    a, b, c = (draw(st.sampled_from(names)) for _ in range(3))
    k = draw(st.integers(0, 12))
    forms: dict[str, tuple[str, Term]] = {
        "sum": (f"{a} + {b} <= {c}", lambda v: v[a] + v[b] <= v[c]),
        "less": (f"{a} < {b}", lambda v: v[a] < v[b]),
        "apart": (f"{a} != {b}", lambda v: v[a] != v[b]),
        "chain": (f"{a} <= {b} < {c}", lambda v: z3.And(v[a] <= v[b], v[b] < v[c])),
        "double": (f"{a} >= 2 * {b}", lambda v: v[a] >= 2 * v[b]),
        "offset": (f"{a} == {b} - {k}", lambda v: v[a] == v[b] - k),
        "bounded": (f"{a} - {b} <= {k}", lambda v: v[a] - v[b] <= k),
    }
    return forms[draw(st.sampled_from(sorted(forms)))]


@st.composite
def drawn_files(draw: st.DrawFn) -> DrawnFile:
    count = draw(st.integers(2, 4))
    names = list(NAMES[:count])
    quantities = {n: (draw(st.booleans()), draw(st.booleans())) for n in names}
    rules = [Drawn(f'"{text}"', meaning) for text, meaning in draw(st.lists(_relation(names), max_size=2))]
    claims: list[Drawn] = []
    for i in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            x, phrase, meaning = draw(_value_claim(names))
            claims.append(Drawn(f'{{id: k{i}, quantity: {x}, value: "{phrase}"}}', meaning))
        else:
            text, meaning = draw(_relation(names))
            claims.append(Drawn(f'{{id: k{i}, relation: "{text}"}}', meaning))
    return DrawnFile(quantities, rules, claims)


class Reference:
    """The drawn file in z3, read from the drawing alone."""

    def __init__(self, drawn: DrawnFile) -> None:
        self.drawn = drawn
        self.vars = {n: (z3.Int(n) if integer else z3.Real(n)) for n, (integer, _) in drawn.quantities.items()}
        self.background = [self.vars[n] >= 0 for n, (_, signed) in drawn.quantities.items() if not signed]
        self.background += [rule.meaning(self.vars) for rule in drawn.rules]

    def holds(self, claims: tuple[int, ...], *extra: z3.BoolRef) -> bool:
        solver = z3.Solver()
        solver.set("timeout", 20_000)
        solver.add(*self.background, *(self.drawn.claims[i].meaning(self.vars) for i in claims), *extra)
        result = solver.check()
        assert result != z3.unknown, "the reference could not decide"
        return result == z3.sat

    def minimal_conflicts(self) -> set[tuple[int, ...]]:
        n = len(self.drawn.claims)
        found: set[tuple[int, ...]] = set()
        for size in range(1, n + 1):
            for subset in itertools.combinations(range(n), size):
                if any(set(c) <= set(subset) for c in found):
                    continue
                if not self.holds(subset):
                    found.add(subset)
        return found

    def check_range(self, claims: tuple[int, ...], name: str, r: numcheck.Range) -> None:
        x = self.vars[name]
        for end, is_open, beyond, at, toward in (
            (r.max, r.max_open, lambda v: x > v, lambda v: x >= v, lambda v: x > v - _q(EPSILON)),
            (r.min, r.min_open, lambda v: x < v, lambda v: x <= v, lambda v: x < v + _q(EPSILON)),
        ):
            if end is None:
                far = FAR if end is r.max else -FAR
                assert self.holds(claims, x > far if end is r.max else x < far), f"{name}: reported unbounded"
                continue
            v = _q(end)
            if is_open:
                assert not self.holds(claims, at(v)), f"{name}: something lies at or beyond the open end {end}"
                assert self.holds(claims, toward(v)), f"{name}: the open end {end} is not approached"
            else:
                assert not self.holds(claims, beyond(v)), f"{name}: something lies beyond the end {end}"
                assert self.holds(claims, x == v), f"{name}: the closed end {end} is not reached"


@settings(max_examples=int(os.environ.get("NUMCHECK_LAW_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(drawn=drawn_files())
def test_numcheck_agrees_with_the_reference(drawn: DrawnFile, tmp_path: Path) -> None:
    ref = Reference(drawn)
    if not ref.holds(()):
        return  # rules that contradict each other are a load error, tested elsewhere
    path = tmp_path / "drawn.yaml"
    path.write_text(drawn.text())
    report = numcheck.check(path, timeout=30)
    assert report.verdict != "unknown", report.notes
    expected = ref.minimal_conflicts()
    index = {f"k{i}": i for i in range(len(drawn.claims))}
    got = {tuple(sorted(index[c] for c in conflict.claims)) for conflict in report.conflicts}
    assert report.verdict == ("consistent" if not expected else "inconsistent"), drawn.text()
    assert got == expected, drawn.text()
    outside = tuple(i for i in range(len(drawn.claims)) if not any(i in c for c in expected))
    assert set(report.ranges) == set(drawn.quantities), report.notes
    for name, r in report.ranges.items():
        ref.check_range(outside, name, r)


@pytest.mark.parametrize("text", [
    # a negative reference: a = -5, b = -10 satisfies "about half of b"
    "numcheck: 1\nquantities: {a: {unit: person, signed: true}, b: {unit: person, signed: true}}\n"
    "rules: ['b <= -10']\nclaims: [{id: half, quantity: a, value: 'about half of b'}]\n",
])
def test_relative_bands_hold_for_references_of_either_sign(text: str, tmp_path: Path) -> None:
    path = tmp_path / "signed.yaml"
    path.write_text(text)
    assert numcheck.check(path).verdict == "consistent"
