"""What the first pass of loading collects: each file's defaults, and the one namespace of
sources, quantities and ids that every file checked together shares.

Declarations are collected before anything is compiled because a rule pack may use a quantity
that only the claims file declares. A source or quantity declared twice must be declared the
same way (two packs may both declare `ru_killed`); an id may be used only once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from fractions import Fraction

from numcheck.errors import FormatError, UnitError
from numcheck.model import Defaults, Location, Quantity, Source
from numcheck.read.dates import time_fields
from numcheck.read.fields import (
    bool_field,
    check_keys,
    concerning,
    date_field,
    line_of,
    percent_value,
    text_field,
)
from numcheck.read.units import Unit, parse_unit
from numcheck.read.yamlnodes import Scalar, YMap, YNode

__all__ = ["Declared", "LoadedFile", "read_defaults", "shorten", "weight_field"]

_DEFAULT_KEYS = ("precision", "about", "lang")
_SOURCE_KEYS = ("name", "date", "url", "note", "weight")
_QUANTITY_KEYS = ("unit", "about", "signed", "integer", "over_time", "since")
_QUANTITY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_WEIGHT = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+|\d+\s*/\s*\d+)\s*\Z")
_MAX_WEIGHT_TEXT = 100  # characters: a weight is a small number (3, 0.5, 1/3)


def shorten(raw: str, limit: int = 40) -> str:
    """A value as quoted in a message: a hostile 5,000-character value is not echoed whole."""
    return raw if len(raw) <= limit else raw[:limit] + "…"


@dataclass
class LoadedFile:
    """One file as the first pass leaves it: its defaults and its rules and claims, not yet
    compiled."""

    shown: str  # how messages name the file
    defaults: Defaults
    rules: list[tuple[YNode, int]] = field(default_factory=list)  # (node, position in the file)
    claims: list[YNode] = field(default_factory=list)


def read_defaults(node: YNode | None, shown: str, line: int) -> Defaults:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return Defaults()
    if not isinstance(node, YMap):
        raise FormatError("'defaults' must be a mapping", path=shown, line=line_of(node, line))
    check_keys(node, _DEFAULT_KEYS, shown, "defaults")
    precision, about, lang = "as-written", Fraction(1, 10), "en"
    if "precision" in node:
        raw = text_field(node["precision"], shown, "precision").strip()
        if raw not in ("as-written", "exact") and percent_value(raw) is None:
            raise FormatError(f"precision '{shorten(raw)}' is not one of: as-written, exact, "
                              "or a percentage like \"5%\"",
                              path=shown, line=node.key_lines["precision"])
        precision = raw
    if "about" in node:
        raw = text_field(node["about"], shown, "about").strip()
        parsed = percent_value(raw)
        if parsed is None or not 0 < parsed < 1:
            raise FormatError(f"about '{shorten(raw)}' must be a percentage between 0% and 100%, like \"10%\"",
                              path=shown, line=node.key_lines["about"])
        about = parsed
    if "lang" in node:
        lang = text_field(node["lang"], shown, "lang").strip()
        if lang not in ("en", "fr"):
            raise FormatError(f"lang '{shorten(lang)}' is not supported: use en or fr", path=shown,
                              line=node.key_lines["lang"])
    return Defaults(precision, about, lang)


def weight_field(node: YNode | None, shown: str, line: int) -> Fraction | None:
    """A `weight:` (what it costs to drop a claim): a positive number, read exactly (3, 0.5,
    1/3); None when absent. Zero, a negative number, or anything else is an error at its line."""
    if node is None:
        return None
    where = line_of(node, line)
    raw = node.raw if isinstance(node, Scalar) and not node.is_null else None
    number = raw if raw is not None and len(raw) <= _MAX_WEIGHT_TEXT and isinstance(node, Scalar) \
        and not node.tag.endswith(":bool") else None
    match = _WEIGHT.match(number) if number is not None else None
    if match is None:
        shown_raw = f"'{shorten(raw)}' " if raw is not None else ""
        raise FormatError(f"weight {shown_raw}must be a positive number, like 3 or 0.5",
                          path=shown, line=where, hint="a weight is what it costs to drop a claim; the default is 1")
    text = match.group(1)
    numerator, _, denominator = text.partition("/")
    if denominator and Fraction(denominator.strip()) == 0:
        raise FormatError(f"weight '{shorten(text)}' divides by zero", path=shown, line=where)
    value = Fraction(numerator.strip()) / Fraction(denominator.strip() or 1)
    if value <= 0:
        raise FormatError(f"weight '{shorten(text)}' must be more than 0: a claim that costs nothing to drop "
                          "says nothing", path=shown, line=where, hint="leave the claim out instead, or give it "
                          "a small weight like 0.1")
    return value


class Declared:
    """The shared namespace: sources, quantities (with their parsed units) and used ids."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.quantities: dict[str, Quantity] = {}
        self.units: dict[str, Unit] = {}
        self.ids: dict[str, Location] = {}
        # The quantities declared with no unit at all (not `unit: percent`): a claim may compare
        # them with a count, with a warning, because the writer most likely forgot the unit.
        self.unitless: set[str] = set()

    @property
    def signed(self) -> set[str]:
        """The quantities that may be negative (declared `signed: true`); computed once per
        count of declarations, since every relation asks."""
        cached = getattr(self, "_signed", None)
        if cached is None or cached[0] != len(self.quantities):
            cached = (len(self.quantities), {name for name, q in self.quantities.items() if q.signed})
            self._signed = cached
        return cached[1]

    def add_source(self, src_id: str, node: YNode, shown: str, line: int) -> None:
        """Declare a source; its errors name it (`source 'hur': …`)."""
        with concerning(f"source '{shorten(src_id, 80)}'"):
            self._add_source(src_id, node, shown, line)

    def _add_source(self, src_id: str, node: YNode, shown: str, line: int) -> None:
        loc = Location(shown, line)
        if isinstance(node, Scalar):
            fields: dict[str, YNode] = {"name": node}
        elif isinstance(node, YMap):
            check_keys(node, _SOURCE_KEYS, shown, None)
            fields = node
        else:
            raise FormatError(f"source '{src_id}' must be a mapping with a name", path=shown, line=line)
        name = text_field(fields["name"], shown, "name") if "name" in fields else src_id
        date = date_field(fields.get("date"), shown)
        url = text_field(fields["url"], shown, "url") if "url" in fields else None
        weight = weight_field(fields.get("weight"), shown, line)
        source = Source(src_id, name, date, url, loc, Fraction(1) if weight is None else weight)
        if src_id in self.sources:
            other = self.sources[src_id]
            if (other.name, other.date, other.url, other.weight) != (name, date, url, source.weight):
                raise FormatError(f"source '{src_id}' is declared twice, differently (first at {other.location})",
                                  path=shown, line=line)
            return
        self.sources[src_id] = source

    def add_quantity(self, name: str, node: YNode, shown: str, line: int) -> None:
        """Declare a quantity; its errors name it (`quantity 'ru_killed': …`)."""
        if not _QUANTITY_NAME.match(name):
            raise FormatError(f"'{shorten(name)}' is not a quantity name: use letters, digits and _ (like ru_killed)",
                              path=shown, line=line)
        with concerning(f"quantity '{shorten(name, 80)}'"):
            self._add_quantity(name, node, shown, line)

    def _add_quantity(self, name: str, node: YNode, shown: str, line: int) -> None:
        if isinstance(node, Scalar) and node.is_null:
            fields: YMap | dict[str, YNode] = {}
        elif isinstance(node, YMap):
            check_keys(node, _QUANTITY_KEYS, shown, None)
            fields = node
        else:
            raise FormatError(f"quantity '{name}' must be a mapping like {{unit: soldier}}", path=shown, line=line)
        unit_raw = text_field(fields["unit"], shown, "unit") if "unit" in fields else ""
        try:
            unit = parse_unit(unit_raw)
        except ValueError as exc:
            raise UnitError(str(exc), path=shown, line=line_of(fields.get("unit"), line),
                            hint="use a pint unit or one of: soldier, person, round, vehicle, aircraft, drone, "
                                 "USD, EUR") from None
        quantity = Quantity(
            name, unit_raw.strip(),
            text_field(fields["about"], shown, "about") if "about" in fields else None,
            bool_field(fields.get("signed"), shown, "signed"),
            bool_field(fields.get("integer"), shown, "integer"),
            Location(shown, line),
            *time_fields(fields, shown, line),
        )
        if name in self.quantities:
            other = self.quantities[name]
            if (self.units[name], other.signed, other.integer, other.over_time, other.since) != (
                    unit, quantity.signed, quantity.integer, quantity.over_time, quantity.since):
                raise FormatError(f"quantity '{name}' is declared twice, differently (first at {other.location})",
                                  path=shown, line=line)
            return
        self.quantities[name] = quantity
        self.units[name] = unit
        if not quantity.unit:
            self.unitless.add(name)

    def register_id(self, raw: str, loc: Location) -> str:
        """Claim and rule ids share one namespace across every file checked together."""
        if raw in self.ids:
            raise FormatError(f"duplicate id '{raw}' (first used at {self.ids[raw]})", path=loc.path, line=loc.line,
                              hint="ids must be unique across all files checked together")
        self.ids[raw] = loc
        return raw

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, list(self.quantities), n=1, cutoff=0.6)
        return close[0] if close else None
