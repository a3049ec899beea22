"""The one unit registry of numcheck: pint's units plus the newsroom's count units.

pint runs here with `Fraction` magnitudes, so that 600 miles becomes exactly 603504/625 km and no
float ever reaches the solver. Persons, rounds, vehicles, aircraft and drones are dimensions of
their own, so `troops + rounds` is caught at load time; each currency is a dimension too, because
converting dollars to euros needs a rate that the claims file has to state as a rule.

The registry starts from numcheck's own short definitions file (units.txt: the units claims files
name), since reading pint's whole file takes longer than the rest of a small check. A unit it
does not know, or a name that pint's file reads differently from a prefixed unit of ours (`pt` is
a pint there, not a picotonne), first reads pint's file into the same registry: every pint unit
loads as before, and a unit means the same whichever file defined it (tests/test_units_quick.py).
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

PINT_ALONE = False  # set by numcheck's command line, a process of its own (see `_pint`)
# what pint's compat module imports when it is installed, for array and formatting support that
# numcheck never asks of pint (dask.base alone took 0.1 s; numpy 0.07 s, which the solvers need
# later, but in the command line that import then overlaps the loader's helper)
PINT_OPTIONAL = ("dask", "numpy", "scipy", "babel", "uncertainties")


@lru_cache(maxsize=1)
def _pint() -> Any:
    """pint, imported on first use. In numcheck's own command (PINT_ALONE), a process that runs
    one check and ends, pint is imported with the optional libraries of PINT_OPTIONAL that no one
    has imported yet reading as absent; they import as usual afterwards. A notebook's pint keeps
    all its support: the flag is off there. Units read the same either way (pint's magnitudes
    here are Fractions, never arrays)."""
    hidden = [name for name in PINT_OPTIONAL if name not in sys.modules]
    if not PINT_ALONE or "pint" in sys.modules:
        hidden = []
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # the documented way to hide a module
    try:
        import pint
    finally:
        for name in hidden:  # only what was hidden here (a None someone else put there stays)
            del sys.modules[name]
    return pint

__all__ = ["COUNT_DIMENSIONS", "CURRENCIES", "DEFERRED", "MAX_EXPONENT", "QUICK_DEFINITIONS", "Unit", "UnitTooLarge",
           "conversion_factor", "define_newsroom_units", "is_count", "new_registry", "parse_unit", "pint_file_read",
           "read_pint_file", "registry", "unit_text"]

Unit = Any  # a pint Unit of `registry()`; pint's own type is not generic enough to name here

CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "KRW", "KPW", "CAD", "CHF", "INR", "AUD")

_COUNT_UNITS = (
    "person = [person] = _ = soldier = troop = people = civilian = casualty = casualties = "
    "personne = soldat = victime = civil = civils = gens = militaire = militaires",
    "round = [munition] = _ = shell = cartridge = munition = obus = cartouche = munitions",
    "vehicle = [vehicle] = _ = vehicule = véhicule = tank = char",
    "aircraft = [aircraft] = _ = plane = avion",
    "drone = [drone]",
)

_CURRENCY_ALIASES = {"USD": ("dollar", "US_dollar"), "EUR": ("euro",), "GBP": ("pound_sterling",),
                     "RUB": ("rouble", "ruble"), "UAH": ("hryvnia",)}

QUICK_DEFINITIONS = Path(__file__).with_name("units.txt")

# Names our file reads as a prefixed unit of its own, and pint's file as another unit (or the
# same amount under another name, `fm` being a fermi there): they are read from pint's file.
# tests/test_units_quick.py finds them all, for every prefix and plural, and checks this list.
DEFERRED = frozenset({"Eh", "Rd", "Td", "Tt", "at", "cd", "ct", "dB", "dat", "dgal", "dgals", "fm", "pt", "qt", "rd"})
_NAME = re.compile(r"[A-Za-z_À-ÿ]+")


@dataclass
class _Files:
    """Which definitions the registry holds: numcheck's short file only, or pint's too."""

    pint_read: bool = False


_FILES = _Files()
_LOCK = threading.RLock()  # reading pint's file changes the registry that other threads parse with


@lru_cache(maxsize=1)
def registry() -> Any:
    """The registry of this process, built on first use from numcheck's short file (pint's whole
    file is read into it later, when a unit needs it). (Typed Any: pint's registry type is
    generic over its magnitude type in ways mypy cannot follow.)"""
    return new_registry(pint_file=False)


def new_registry(*, pint_file: bool) -> Any:
    """A registry of numcheck's units; `pint_file`: with pint's whole definitions file read into
    it, as `registry()` becomes when a unit needs that file (tests compare the two)."""
    ureg: Any = _pint().UnitRegistry(str(QUICK_DEFINITIONS), non_int_type=Fraction, cache_folder=None,
                                  on_redefinition="ignore")
    define_newsroom_units(ureg)
    if pint_file:
        read_pint_file(ureg)
    return ureg


def define_newsroom_units(ureg: Any) -> None:
    """The count units and currencies, defined after pint's units (so our names win)."""
    for line in _COUNT_UNITS:
        ureg.define(line)
    for code in CURRENCIES:
        aliases = "".join(f" = {a}" for a in _CURRENCY_ALIASES.get(code, ()))
        ureg.define(f"{code} = [currency_{code}] = _{aliases}")


def read_pint_file(ureg: Any) -> None:
    """pint's own definitions go into `ureg` (each of our units is replaced by pint's, which is
    the same unit), then the newsroom's units again, so that they win as they always did."""
    ureg.load_definitions(Path(_pint().__file__).with_name("default_en.txt"))
    define_newsroom_units(ureg)


def pint_file_read() -> bool:
    """Whether this process's registry has read pint's whole definitions file (for tests and
    benchmarks: a claims file in numcheck's common units never needs it)."""
    return _FILES.pint_read


def _read_pint_file() -> None:
    with _LOCK:
        if not _FILES.pint_read:
            read_pint_file(registry())
            _FILES.pint_read = True


def _parse_errors() -> tuple[type[BaseException], ...]:
    errors = _pint().errors
    return (errors.UndefinedUnitError, errors.DefinitionSyntaxError, AttributeError, TypeError, ValueError,
            AssertionError)


def _parse_units(cleaned: str, text: str) -> Unit:
    """pint's reading of a unit, from our file when it suffices, else from pint's."""
    if not _FILES.pint_read and DEFERRED.intersection(_NAME.findall(cleaned)):
        _read_pint_file()
    while True:
        with _LOCK:
            reading_all = _FILES.pint_read
            try:
                return registry().parse_units(cleaned)
            except _parse_errors() as exc:
                if reading_all:
                    raise ValueError(f"unknown unit '{text}'") from exc
        _read_pint_file()


_SUPERSCRIPTS = {"²": "**2", "³": "**3"}
MAX_UNIT_LENGTH = 100  # characters
MAX_EXPONENT = 12  # km**12 is already no unit of the news; km**99999999 would make a 10**8-digit factor


class UnitTooLarge(ValueError):
    """A unit beyond the limits (a power above MAX_EXPONENT, a very long text): refused before
    pint builds it, since converting km**99999999 makes a factor of 10**300,000,000."""


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """Read a unit as a fact-checker writes it: 'soldiers', 'km²', 'USD/soldier', '%'.

    Raises `ValueError` with a message fit for a user; the caller adds the file and line.
    """
    cleaned = text.strip()
    if not cleaned:
        return registry().dimensionless
    if cleaned == "%":
        cleaned = "percent"
    for sup, power in _SUPERSCRIPTS.items():
        cleaned = cleaned.replace(sup, power)
    if len(cleaned) > MAX_UNIT_LENGTH:
        raise UnitTooLarge(f"'{text[:40]}…' is not a unit (longer than {MAX_UNIT_LENGTH} characters)")
    if not re.fullmatch(r"[A-Za-z_À-ÿ0-9*/ ().^-]+", cleaned):
        raise ValueError(f"'{text}' is not a unit")
    if any(len(run) > 6 for run in re.findall(r"\d+", cleaned)):
        raise UnitTooLarge(f"'{text[:40]}' is not a unit (a power is at most {MAX_EXPONENT})")
    unit = _parse_units(cleaned, text)
    if not unit.is_compatible_with(unit):  # pragma: no cover - pint sanity
        raise ValueError(f"unknown unit '{text}'")
    if any(abs(Fraction(str(exp))) > MAX_EXPONENT for exp in unit._units.values()):
        raise UnitTooLarge(f"'{text[:40]}' has a power above {MAX_EXPONENT}; no quantity in the news needs one")
    return unit


@lru_cache(maxsize=4096)
def conversion_factor(from_unit: Unit, to_unit: Unit) -> Fraction:
    """The exact factor f with `v from_unit == v*f to_unit`; ValueError if dimensions differ.

    Offset units (degrees Celsius) have no such factor and are refused.
    """
    ureg = registry()
    if from_unit.dimensionality != to_unit.dimensionality:
        raise ValueError(
            f"'{unit_text(from_unit)}' ({dimension_text(from_unit)}) cannot be converted to "
            f"'{unit_text(to_unit)}' ({dimension_text(to_unit)})"
        )
    try:
        with _LOCK:  # not while another thread reads pint's file into the registry
            one = ureg.Quantity(Fraction(1), from_unit).to(to_unit).magnitude
            zero = ureg.Quantity(Fraction(0), from_unit).to(to_unit).magnitude
    except _pint().errors.OffsetUnitCalculusError as exc:
        raise ValueError(f"offset units such as '{unit_text(from_unit)}' are not supported") from exc
    if zero != 0:
        raise ValueError(f"offset units such as '{unit_text(from_unit)}' are not supported")
    return Fraction(one)


COUNT_DIMENSIONS = ("[person]", "[munition]", "[vehicle]", "[aircraft]", "[drone]")


@lru_cache(maxsize=4096)
def is_count(unit: Unit) -> bool:
    """Whether the unit counts things (persons, rounds, vehicles, aircraft, drones)."""
    dims = dict(unit.dimensionality)
    return len(dims) == 1 and next(iter(dims)) in COUNT_DIMENSIONS and Fraction(str(next(iter(dims.values())))) == 1


def unit_text(unit: Unit) -> str:
    """pint cannot format Fraction exponents on Python 3.11, so units are written here."""
    items = list(unit._units.items())
    if not items:
        return ""
    num = [_power(name, exp) for name, exp in items if exp > 0]
    den = [_power(name, -exp) for name, exp in items if exp < 0]
    text = " * ".join(num) if num else "1"
    if den:
        text += " / " + (den[0] if len(den) == 1 else "(" + " * ".join(den) + ")")
    return text


def _power(name: str, exp: Any) -> str:
    exp = Fraction(exp)
    if exp == 1:
        return name
    return f"{name}**{exp}"


def dimension_text(unit: Unit) -> str:
    dims = list(unit.dimensionality.items())
    if not dims:
        return "a pure number"
    return " * ".join(
        d.strip("[]") if Fraction(e) == 1 else f"{d.strip('[]')}**{Fraction(e)}" for d, e in dims
    )
