"""The one unit registry of numcheck: pint's units plus the newsroom's count units.

pint runs here with `Fraction` magnitudes, so that 600 miles becomes exactly 603504/625 km and no
float ever reaches the solver. Persons, rounds, vehicles, aircraft and drones are dimensions of
their own, so `troops + rounds` is caught at load time; each currency is a dimension too, because
converting dollars to euros needs a rate that the claims file has to state as a rule.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import Any

import pint

__all__ = ["COUNT_DIMENSIONS", "CURRENCIES", "MAX_EXPONENT", "Unit", "UnitTooLarge", "conversion_factor", "is_count",
           "parse_unit", "registry", "unit_text"]

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


@lru_cache(maxsize=1)
def registry() -> Any:
    """Build the registry once per process (pint takes about half a second to read its file).
    (Typed Any: pint's registry type is generic over its magnitude type in ways mypy cannot follow.)"""
    ureg: Any = pint.UnitRegistry(non_int_type=Fraction, cache_folder=None)
    for line in _COUNT_UNITS:
        ureg.define(line)
    for code in CURRENCIES:
        aliases = "".join(f" = {a}" for a in _CURRENCY_ALIASES.get(code, ()))
        ureg.define(f"{code} = [currency_{code}] = _{aliases}")
    return ureg


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
    try:
        unit = registry().parse_units(cleaned)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError,
            TypeError, ValueError, AssertionError) as exc:
        raise ValueError(f"unknown unit '{text}'") from exc
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
        one = ureg.Quantity(Fraction(1), from_unit).to(to_unit).magnitude
        zero = ureg.Quantity(Fraction(0), from_unit).to(to_unit).magnitude
    except pint.errors.OffsetUnitCalculusError as exc:
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
