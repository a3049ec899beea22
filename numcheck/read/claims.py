"""Claims compiled into atoms: a `quantity` + `value` claim through its value phrase, converted
to the quantity's unit, or a `relation` claim through the expression compiler.

A value claim keeps its interval (in the quantity's unit, or as multipliers of `ref` for a
relative phrase) beside its atoms, because reports print the interval and the engine's tension
search shrinks it; the atoms are built from that same interval, so the two cannot disagree.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from fractions import Fraction
from typing import Any

from numcheck.errors import FormatError, PhraseError, UnitError
from numcheck.model import Atom, Claim, Defaults, Either, Interval, Linear, Location
from numcheck.read.dates import period_field
from numcheck.read.declarations import Declared, LoadedFile, weight_field
from numcheck.read.fields import (
    bool_field,
    check_id,
    check_keys,
    concerning,
    date_field,
    line_of,
    percent_value,
    plain_id,
    text_field,
)
from numcheck.read.phrases import PhraseSyntaxError, PhraseValue, UnknownQuantityInPhrase, parse_value
from numcheck.read.rates import split_rate
from numcheck.read.rules import compile_expr
from numcheck.read.units import Unit, UnitTooLarge, conversion_factor, is_count, parse_unit
from numcheck.read.vocabulary import Lang, foreign_prefix, other_lang
from numcheck.read.yamlnodes import Scalar, YMap, YNode

__all__ = ["compile_claim", "interval_atoms", "read_phrase"]

_CLAIM_KEYS = ("id", "source", "quantity", "value", "relation", "quote", "as_of", "note", "review", "weight",
               "period")
_ONE = Fraction(1)
_SHRINKING = ("number", "about", "nearly")  # the readings whose interval the tension search shrinks


def compile_claim(node: YNode, file: LoadedFile, ns: Declared) -> Claim:
    """One claim; every error names it by its id (`claim 'hur-total': …`) when it has one."""
    if not isinstance(node, YMap):
        raise FormatError("a claim is a mapping with id, quantity and value (or relation)", path=file.shown,
                          line=line_of(node, 1))
    given = plain_id(node)
    with concerning(f"claim '{given}'" if given else None):
        return _compile_claim(node, file, ns, named=given is not None)


def _compile_claim(node: YMap, file: LoadedFile, ns: Declared, *, named: bool) -> Claim:
    shown = file.shown
    check_keys(node, _CLAIM_KEYS, shown, None if named else "claim")
    if "id" not in node:
        raise FormatError("claim has no 'id'", path=shown, line=node.line, hint="give every claim a unique id")
    raw_id = text_field(node["id"], shown, "id")
    loc = Location(shown, line_of(node["id"], node.line))
    claim_id = ns.register_id(check_id(raw_id, loc, "claim"), loc)
    common = _common_fields(node, claim_id, loc, ns)
    has_value = "quantity" in node or "value" in node
    if has_value and "relation" in node:
        raise FormatError(f"claim '{claim_id}' has both 'value' and 'relation': keep one", path=shown,
                          line=node.key_lines["relation"])
    if "relation" in node and "period" in node:
        raise FormatError(f"claim '{claim_id}': a period is for a rate value ('about 400 a day'), not a relation",
                          path=shown, line=node.key_lines["period"])
    if "relation" in node:
        text = text_field(node["relation"], shown, "relation")
        where = Location(shown, node.key_lines["relation"])
        compiled = compile_expr(text, where, file.defaults.about, ns)
        return Claim(claim_id, compiled.atoms, relation=text, hedge="relation", either=compiled.either, **common)
    if "quantity" not in node or "value" not in node:
        missing = "quantity" if "quantity" not in node else "value"
        raise FormatError(f"claim '{claim_id}' has no '{missing}'", path=shown, line=node.line,
                          hint="a claim needs quantity + value, or relation")
    quantity = text_field(node["quantity"], shown, "quantity")
    if quantity not in ns.quantities:
        near = ns.suggest(quantity)
        raise FormatError(f"claim '{claim_id}': unknown quantity '{quantity}'", path=shown,
                          line=node.key_lines["quantity"],
                          hint=f"did you mean '{near}'?" if near else "declare it under quantities:")
    value_node = node["value"]
    if not isinstance(value_node, Scalar) or value_node.is_null:
        raise PhraseError(f"claim '{claim_id}': the value must be a phrase like 'up to 12,000'", path=shown,
                          line=line_of(value_node, node.line))
    value = value_node.raw
    rate = _rate_claim(node, value, quantity, file, claim_id, ns, common)
    if rate is not None:
        return rate
    interval, ref, hedge = read_value(value, quantity, file.defaults, Location(shown, value_node.line), claim_id, ns)
    if ref is not None and ref in ns.signed and _two_sided(interval):
        atoms: tuple[Atom, ...] = ()
        either: tuple[Either, ...] = (_band(quantity, interval, ref),)
    else:
        atoms, either = interval_atoms(quantity, interval, ref), ()
    written, shrinkable = _shrinking(interval, ref, hedge)
    return Claim(claim_id, atoms, quantity=quantity, value=value, interval=interval, ref=ref, hedge=hedge,
                 either=either, written=written, shrinkable=shrinkable, **common)


def _shrinking(iv: Interval, ref: str | None, hedge: str | None) -> tuple[Fraction | None, tuple[bool, bool]]:
    """The written number of a bare number or an `about`/`nearly` value, and which ends of its
    interval shrink towards it (claims-format.md, tension). `hedges.hedged` builds a bare
    number's and an `about` interval symmetric around the number (a unit conversion scales
    both alike), and ends a `nearly` interval at the number, so the number is read back from
    the interval. Relative values are left out: their ends multiply another quantity."""
    if ref is not None or hedge not in _SHRINKING or iv.lo is None or iv.hi is None:
        return None, (False, False)
    written = iv.hi if hedge == "nearly" else (iv.lo + iv.hi) / 2
    return written, (iv.lo < written, iv.hi > written)


def _rate_claim(node: YMap, value: str, quantity: str, file: LoadedFile, claim_id: str, ns: Declared,
                common: dict[str, Any]) -> Claim | None:
    """A rate ("about 400 a day") over its `period: FROM..TO`, or None for any other value. Its
    number is read as any value (hedge, precision, unit); the atoms, which name the quantity at
    both ends of the period, are read/series.py's to write. Without a period, a value that reads
    as it stands ("5 km/day" for a km/day quantity) is no rate: a file that loaded still does."""
    shown = file.shown
    period = period_field(node.get("period"), shown, node.line)
    timed = ns.quantities[quantity].over_time is not None
    rate = split_rate(value) if timed or period is not None else None
    if rate is None and period is None:
        return None
    line = node.key_lines.get("value", node.line)
    if period is None and _reads(value, quantity, file, line, claim_id, ns):
        return None
    if rate is None:
        raise FormatError(f"claim '{claim_id}' has a period, but its value is no rate", path=shown,
                          line=node.key_lines.get("period", line),
                          hint="write it per unit of time, like 'about 400 a day', or drop the period")
    if period is None:
        raise FormatError(f"claim '{claim_id}': the rate needs 'period: FROM..TO'", path=shown, line=line,
                          hint="the dates it runs between, like period: 2024-10-25..2025-10-25")
    if ns.quantities[quantity].over_time is None:
        raise FormatError(f"claim '{claim_id}': a rate needs a quantity with over_time, and '{quantity}' has none",
                          path=shown, line=line, hint="declare it with over_time: cumulative (a toll) or level")
    number, unit = rate
    interval, ref, hedge = read_value(number, quantity, file.defaults, Location(shown, line), claim_id, ns)
    if ref is not None:
        raise PhraseError(f"claim '{claim_id}': a rate is a number per unit of time, not a multiple of '{ref}'",
                          path=shown, line=line)
    return Claim(claim_id, (), quantity=quantity, value=value, interval=interval, hedge=hedge, period=period,
                 rate_unit=unit, **common)


def _reads(value: str, quantity: str, file: LoadedFile, line: int, claim_id: str, ns: Declared) -> bool:
    try:
        read_value(value, quantity, file.defaults, Location(file.shown, line), claim_id, ns)
    except (PhraseError, UnitError, FormatError):
        return False
    return True


def _common_fields(node: YMap, claim_id: str, loc: Location, ns: Declared) -> dict[str, Any]:
    """The fields every claim may have: source (which must be declared), quote, as_of (the
    source's date unless given), note, review, weight (the source's unless given, else 1)."""
    shown = loc.path
    source = None
    if "source" in node:
        source = text_field(node["source"], shown, "source")
        if source not in ns.sources:
            close = difflib.get_close_matches(source, list(ns.sources), n=1)
            raise FormatError(f"claim '{claim_id}': unknown source '{source}'", path=shown,
                              line=node.key_lines["source"],
                              hint=f"did you mean '{close[0]}'?" if close else "declare it under sources:")
    as_of = date_field(node.get("as_of"), shown)
    if as_of is None and source is not None:
        as_of = ns.sources[source].date
    weight = weight_field(node.get("weight"), shown, node.line)
    if weight is None:
        weight = ns.sources[source].weight if source is not None else _ONE
    return {
        "location": loc, "source": source,
        "quote": text_field(node["quote"], shown, "quote") if "quote" in node else None,
        "as_of": as_of,
        "note": text_field(node["note"], shown, "note") if "note" in node else None,
        "review": bool_field(node.get("review"), shown, "review"),
        "weight": weight,
    }


def read_value(value: str, quantity: str, defaults: Defaults, loc: Location, claim_id: str,
               ns: Declared) -> tuple[Interval, str | None, str | None]:
    """The interval a value phrase allows for `quantity`, in the quantity's unit; (interval,
    ref, hedge)."""
    phrase = _parse(value, defaults, loc, claim_id, ns)
    target = ns.units[quantity]
    if phrase.ref is not None:
        try:
            factor = _factor(ns.units[phrase.ref], target, phrase.ref in ns.unitless or quantity in ns.unitless)
        except ValueError as exc:
            raise UnitError(f"claim '{claim_id}': '{quantity}' and '{phrase.ref}' cannot be compared: {exc}",
                            path=loc.path, line=loc.line) from None
        return _scaled(phrase, factor), phrase.ref, phrase.hedge
    if phrase.unit is None:
        return phrase.interval, None, phrase.hedge
    try:
        unit = parse_unit(phrase.unit)
    except UnitTooLarge as exc:
        raise UnitError(f"claim '{claim_id}': {exc}", path=loc.path, line=loc.line) from None
    except ValueError:
        raise PhraseError(
            f"claim '{claim_id}': cannot read '{phrase.unit}' in value '{value}': it is not a unit",
            path=loc.path, line=loc.line,
            hint="keep only the number and its hedge in value; the counted thing belongs in the quantity") from None
    try:
        factor = _factor(unit, target, quantity in ns.unitless)
    except ValueError as exc:
        raise UnitError(f"claim '{claim_id}': value '{value}' does not fit quantity '{quantity}': {exc}",
                        path=loc.path, line=loc.line) from None
    return _scaled(phrase, factor), None, phrase.hedge


def _factor(from_unit: Unit, to_unit: Unit, loose: bool) -> Fraction:
    """The conversion factor; 1 between a count and a quantity declared with no unit (`loose`),
    which loads with a warning (see `warnings`) because the unit was most likely forgotten."""
    try:
        return conversion_factor(from_unit, to_unit)
    except ValueError:
        if loose and (is_count(from_unit) or is_count(to_unit)) and not (from_unit.dimensionality
                                                                         and to_unit.dimensionality):
            return Fraction(1)
        raise


def read_phrase(value: str, defaults: Defaults, quantities: Collection[str]) -> PhraseValue:
    """The value phrase read in the file's language, or, when that fails and the phrase starts
    with a hedge of the other language ("environ 300" in an English file), in that language:
    the loader then warns (see `warnings`) rather than refusing a phrase it can read."""
    policy: Any = defaults.precision
    if policy not in ("as-written", "exact"):
        policy = percent_value(policy)
    lang: Lang = "fr" if defaults.lang == "fr" else "en"
    try:
        return parse_value(value, lang=lang, policy=policy, about=defaults.about, quantities=quantities)
    except (PhraseSyntaxError, UnknownQuantityInPhrase):
        if foreign_prefix(value, lang) is None:
            raise
        try:
            return parse_value(value, lang=other_lang(lang), policy=policy, about=defaults.about,
                               quantities=quantities)
        except (PhraseSyntaxError, UnknownQuantityInPhrase):
            pass
        raise


def _parse(value: str, defaults: Defaults, loc: Location, claim_id: str, ns: Declared) -> PhraseValue:
    try:
        return read_phrase(value, defaults, ns.quantities.keys())
    except UnknownQuantityInPhrase as exc:
        close = ns.suggest(exc.name)
        raise FormatError(f"claim '{claim_id}': unknown quantity '{exc.name}' in value '{value}'", path=loc.path,
                          line=loc.line,
                          hint=f"did you mean '{close}'?" if close else "declare it under quantities:") from None
    except PhraseSyntaxError as exc:
        raise PhraseError(f"claim '{claim_id}': cannot read the value: {exc}", path=loc.path, line=loc.line) from None


def _scaled(phrase: PhraseValue, factor: Fraction) -> Interval:
    iv = phrase.interval
    if factor == 1:
        return iv
    lo = iv.lo * factor if iv.lo is not None else None
    hi = iv.hi * factor if iv.hi is not None else None
    return Interval(lo, hi, iv.lo_open, iv.hi_open)


def _two_sided(iv: Interval) -> bool:
    return iv.lo is not None and iv.hi is not None and iv.lo != iv.hi


def _band(quantity: str, iv: Interval, ref: str) -> Either:
    """x between lo·ref and hi·ref whichever is the smaller: for a reference that may be negative,
    "about half of q" puts x between 0.55·q and 0.45·q when q < 0 (contract: a relative value
    multiplies its reference, whatever its sign). Each end keeps its own openness."""
    flipped = Interval(iv.hi, iv.lo, iv.hi_open, iv.lo_open)
    return Either((interval_atoms(quantity, iv, ref), interval_atoms(quantity, flipped, ref)))


def interval_atoms(quantity: str, iv: Interval, ref: str | None) -> tuple[Atom, ...]:
    """lo <= x <= hi (or lo*ref <= x <= hi*ref) as atoms `expr op 0`."""
    atoms = []
    for bound, is_open, upper in ((iv.lo, iv.lo_open, False), (iv.hi, iv.hi_open, True)):
        if bound is None:
            continue
        sign = 1 if upper else -1  # x - bound <= 0, or bound - x <= 0
        if ref is None:  # the common case, built directly
            expr = Linear(((quantity, Fraction(sign)),), -sign * bound)
        else:
            expr = Linear.of({quantity: _ONE}) - Linear.of({ref: bound})
            expr = expr if upper else expr.scale(Fraction(-1))
        atoms.append(Atom(expr, "<" if is_open else "<="))
    return tuple(atoms)
