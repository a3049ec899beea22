"""numcheck's short unit file (numcheck/read/units.txt) against pint's whole one.

A check starts from the short file and reads pint's file only when a unit needs it, so that a
claims file in the common units starts in a fraction of the time. That is only sound if every
unit the short file accepts means exactly what pint's file makes it mean: the same unit (the same
canonical name, which reports print and quantities are compared by) and the same exact factor to
the root units. The name sets here are finite (every prefix, unit name, symbol and alias, with
and without the plural s), so the law is checked on all of them, not on a sample.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numcheck.read import DEFERRED, define_newsroom_units, new_registry

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("pint").setLevel(logging.ERROR)  # "Parsing ms yield multiple results" is pint's own


def _pint_alone() -> Any:
    """The registry numcheck used before the short file: pint's whole file, then the newsroom's units."""
    ureg: Any = pint.UnitRegistry(non_int_type=Fraction, cache_folder=None)
    define_newsroom_units(ureg)
    return ureg


def _names(ureg: Any) -> list[str]:
    """Every name a registry accepts as one word: each prefix (or none) before each unit name,
    symbol and alias, with and without the plural s."""
    units = sorted(n for n in ureg._units if n)
    return [p + u + s for p, u, s in itertools.product(sorted(ureg._prefixes), units, ("", "s"))]


QUICK = new_registry(pint_file=False)
BOTH = new_registry(pint_file=True)
FULL = _pint_alone()
# taken before any parsing: pint adds each prefixed unit it reads to its table of names
QUICK_NAMES = _names(QUICK)
FULL_UNITS = sorted(n for n in FULL._units if n)
FULL_PREFIXES = list(FULL._prefixes)
BOTH_PREFIXES = list(BOTH._prefixes)


def _reading(ureg: Any, token: str) -> tuple[str, Fraction, dict[str, Fraction]] | None:
    """What a registry makes of one name: its canonical name and its exact factor to root units."""
    try:
        name = ureg.get_name(token)
    except (pint.errors.UndefinedUnitError, pint.errors.OffsetUnitCalculusError):
        return None
    factor, root = ureg._get_root_units(ureg.UnitsContainer({name: 1}))
    return name, Fraction(factor), {k: Fraction(v) for k, v in root.items()}


def test_every_name_the_short_file_accepts_means_what_pints_file_says() -> None:
    differ = {}
    accepted = 0
    for token in QUICK_NAMES:
        quick = _reading(QUICK, token)
        if quick is None:
            continue
        accepted += 1
        full = _reading(FULL, token)
        if quick != full:
            differ[token] = (quick, full)
    assert accepted > 10_000
    # the ones that differ are exactly the names numcheck reads from pint's file before it parses them
    assert set(differ) == DEFERRED, {t: differ[t] for t in set(differ) ^ DEFERRED if t in differ}


def test_with_pints_file_read_in_every_unit_reads_as_it_did_from_pints_file_alone() -> None:
    """After a unit has needed pint's file, the registry is the one numcheck always had: the same
    names, and each read alike (every unit and prefix of pint's, and the prefixed forms of ours)."""
    assert BOTH_PREFIXES == FULL_PREFIXES  # the order decides between two readings of a name
    different = [t for t in FULL_UNITS + QUICK_NAMES if _reading(BOTH, t) != _reading(FULL, t)]
    assert not different, different[:20]


def test_the_newsroom_units_clash_with_no_pint_unit() -> None:
    """Our count units and currencies are defined after pint's file, as always; none of their
    names is one of pint's, so the order never decides what a name means."""
    ours: Any = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    define_newsroom_units(ours)
    names = {n for n in ours._units if n}
    assert {"soldier", "dollar", "EUR", "drone"} <= names
    assert not names & set(pint.UnitRegistry(non_int_type=Fraction, cache_folder=None)._units)


# every 7th name the short file reads, for compound units
_COMMON = [t for t in QUICK_NAMES[::7]
           if t not in DEFERRED and re.fullmatch(r"[A-Za-z_]\w*", t) and QUICK.parse_unit_name(t)]


@st.composite
def _compound(draw: st.DrawFn) -> str:
    """A unit as claims files write them: up to three names with small powers, over and under."""
    parts = draw(st.lists(st.tuples(st.sampled_from(_COMMON), st.integers(1, 3), st.booleans()),
                          min_size=1, max_size=3))
    return " * ".join(f"{name}**{power if up else -power}" for name, power, up in parts)


@settings(max_examples=300, deadline=None)
@given(_compound(), _compound())
def test_conversions_between_common_units_are_pints_exactly(first: str, second: str) -> None:
    quick_a, quick_b = QUICK.parse_units(first), QUICK.parse_units(second)
    full_a, full_b = FULL.parse_units(first), FULL.parse_units(second)
    assert (quick_a.dimensionality == quick_b.dimensionality) == (full_a.dimensionality == full_b.dimensionality)
    if quick_a.dimensionality == quick_b.dimensionality:
        quick = QUICK.Quantity(Fraction(1), quick_a).to(quick_b).magnitude
        assert quick == FULL.Quantity(Fraction(1), full_a).to(full_b).magnitude


def _in_fresh_process(code: str) -> Any:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)


def _units_in_docs() -> set[str]:
    """The units the docs' claims files declare (`unit: km`, `{unit: soldier}`) and their rules'
    bracketed units (`1.08 [USD/EUR]`)."""
    found: set[str] = set()
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        found |= {u.strip().strip("\"'") for u in re.findall(r"\bunit: *([^,}\n#]+)", text)}
        found |= set(re.findall(r"\d \[([A-Za-z/ *]+)\]", text))
    return {u for u in found if u and "`" not in u}


def test_the_shipped_files_need_only_the_short_unit_file() -> None:
    """Every claims file and rule pack shipped or tested, and every unit the docs and tests write,
    loads without pint's file: the short file is a start-up saving for real files, not a corner case."""
    files = sorted(str(p) for p in [*ROOT.glob("examples/*.yaml"), *ROOT.glob("claims/*.yaml"),
                                    *ROOT.glob("numcheck/packs/*.yaml"), *ROOT.glob("tests/cases/*.yaml")])
    units = sorted(_units_in_docs() | {
        "soldier", "soldiers", "person", "people", "round", "shell", "km", "km²", "km**2", "km/day", "m", "mile",
        "miles", "percent", "%", "EUR", "USD", "USD/EUR", "day", "days", "week", "month", "year", "hour", "second",
        "tonnes", "kg", "ha", "hectare", "acre", "kWh", "TWh", "MW", "t", "bbl", "oil_barrel", "liter", "gallon",
        "km/h", "knot", "mph", "vehicle", "aircraft", "drone", "dollar", "euro"})
    code = (
        "import json, numcheck\n"
        "from numcheck.read.units import parse_unit, pint_file_read\n"
        f"for f in {files!r}:\n"
        "    numcheck.load(f)\n"
        f"for u in {units!r}:\n"
        "    parse_unit(u)\n"
        "print(json.dumps(pint_file_read()))\n"
    )
    assert len(files) > 20 and {"soldier", "km", "USD/EUR"} <= set(units)
    assert _in_fresh_process(code) is False


@pytest.mark.parametrize("unit", ["furlong", "pt", "degC"])
def test_a_unit_only_pints_file_knows_reads_as_it_always_did(unit: str) -> None:
    """The same report before and after pint's file is read into the registry, in one process;
    and a unit only pint knows (or reads differently) loads as before."""
    code = (
        "import json, numcheck\n"
        "from numcheck.read.units import parse_unit, pint_file_read, unit_text, conversion_factor\n"
        "seed = 'claims/nk-troops-russia-2024-10.yaml'\n"
        "before = numcheck.check(seed).to_dict()\n"
        "fresh = pint_file_read()\n"
        "try:\n"
        f"    reading = unit_text(parse_unit({unit!r}))\n"
        "except ValueError as exc:\n"
        "    reading = str(exc)\n"
        "after = numcheck.check(seed).to_dict()\n"
        "print(json.dumps([fresh, pint_file_read(), reading, before == after]))\n"
    )
    fresh, read, reading, same = _in_fresh_process(code)
    assert (fresh, read, same) == (False, True, True)
    assert reading == {"furlong": "furlong", "pt": "pint", "degC": "degree_Celsius"}[unit]


def test_the_claims_format_lists_every_unit_of_the_short_file() -> None:
    """docs/claims-format.md says which units load without pint's file; it names each of them."""
    page = (ROOT / "docs" / "claims-format.md").read_text(encoding="utf-8")
    ours: Any = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    define_newsroom_units(ours)
    fresh = new_registry(pint_file=False)  # QUICK has the prefixed units other tests read
    names = {d.name for d in fresh._units.values() if d.name and d.name not in ours._units}
    prefixed = {n for n in names for p in fresh._prefixes if p and n.startswith(p) and n[len(p):] in names}
    names -= prefixed  # kilogram, decimeter: pint's names for prefixed units the file's definitions use
    assert {"meter", "hectare", "watt_hour"} <= names
    assert not sorted(n for n in names if f"`{n}`" not in page)
