"""Warnings: what loads but is probably not what the writer meant (claims-format.md, "Warnings").

Each check looks at compiled claims and rules, after the fact, and never changes them: a warning
adds a line to the report and nothing to the constraints, so a file checks the same with or
without its warnings (and `strict` loading turns the first one into an error instead). The
checks run in the loading process, after any helper process has compiled its share of the
claims, so that the warnings are the same however the claims were compiled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from numcheck.model import Claim, LoadWarning, Location, Rule
from numcheck.read.claims import read_phrase
from numcheck.read.declarations import Declared, LoadedFile
from numcheck.read.numbers import scan_number
from numcheck.read.units import is_count, parse_unit, unit_text
from numcheck.read.vocabulary import CURRENCY_SIGNS, SCALES, Lang, foreign_prefix

__all__ = ["claim_warnings", "rule_warnings"]

_LANGUAGE = {"en": "English", "fr": "French"}
_SCALE_WORDS = "|".join(sorted((re.escape(w) for w in SCALES["en"]), key=len, reverse=True))
# "12.000", "1.500": a point then exactly three digits, and no scale word after ("1.500 million"
# is a precise million figure, not a thousands separator).
_THREE_DECIMALS = re.compile(rf"(?<![\d.,])(\d{{1,3}})\.(\d{{3}})(?![\d.,])(?!\s*(?:{_SCALE_WORDS})\b)", re.IGNORECASE)


def claim_warnings(claims: Sequence[Claim], files: Sequence[LoadedFile], ns: Declared) -> Iterator[LoadWarning]:
    """The warnings of each claim; `files[i]` is the file `claims[i]` comes from."""
    for claim, file in zip(claims, files):
        lang: Lang = "fr" if file.defaults.lang == "fr" else "en"
        if claim.review:
            yield _warn(claim, f"claim '{claim.id}' is marked review: true; check it against its source, "
                               "then remove the mark")
        if claim.value is not None:
            yield from _value_warnings(claim, claim.value, lang, file, ns)
        elif claim.relation is not None:
            yield from _mixed(claim.quantities(), ns, claim.location, claim.id, f"claim '{claim.id}'")


def rule_warnings(rules: Sequence[Rule], ns: Declared) -> Iterator[LoadWarning]:
    for rule in rules:
        yield from _mixed(rule.quantities(), ns, rule.location, None, f"rule '{rule.id}'")


def _warn(claim: Claim, message: str) -> LoadWarning:
    return LoadWarning(claim.location, message, claim.id)


def _value_warnings(claim: Claim, value: str, lang: Lang, file: LoadedFile, ns: Declared) -> Iterator[LoadWarning]:
    assert claim.quantity is not None
    quantity = ns.quantities[claim.quantity]
    foreign = foreign_prefix(value, lang)
    if foreign is not None:
        other = "fr" if lang == "en" else "en"
        yield _warn(claim, f"claim '{claim.id}': '{value}' is written in {_LANGUAGE[other]} ('{foreign}'), "
                           f"but the file's lang is {lang}; it was read as {_LANGUAGE[other]}")
    m = _THREE_DECIMALS.search(value) if claim.ref is None and lang == "en" else None
    if m and is_count(ns.units[claim.quantity]):
        whole, three = m.groups()
        yield _warn(claim, f"claim '{claim.id}': '{m.group(0)}' was read as {_decimal_text(whole, three)} (in "
                           f"English '.' is a decimal point); {whole},{three} is written with a comma")
    if quantity.integer and claim.hedge == "number" and claim.ref is None:
        number = scan_number(value.strip().lstrip("".join(CURRENCY_SIGNS)).strip(), 0, lang)
        if number is not None and number.value.denominator != 1:
            yield _warn(claim, f"claim '{claim.id}': '{value}' has decimals, but '{claim.quantity}' is a "
                               "whole number (integer: true)")
    yield from _unitless_value(claim, value, file, ns)


def _decimal_text(whole: str, three: str) -> str:
    """'12', '000' → '12'; '1', '500' → '1.5': the number as it was read."""
    decimals = three.rstrip("0")
    return f"{int(whole)}.{decimals}" if decimals else str(int(whole))


def _unitless_value(claim: Claim, value: str, file: LoadedFile, ns: Declared) -> Iterator[LoadWarning]:
    """A quantity with no unit given a counted value ('12,000 soldiers'), or related to a
    counted quantity ('half of ru_killed'), or the other way round."""
    assert claim.quantity is not None
    names = [claim.quantity] + ([claim.ref] if claim.ref is not None else [])
    if claim.ref is not None:
        yield from _mixed(names, ns, claim.location, claim.id, f"claim '{claim.id}'")
        return
    if claim.quantity not in ns.unitless:
        return
    unit = read_phrase(value, file.defaults, ns.quantities.keys()).unit  # it loaded, so it reads
    if unit is None:
        return
    try:
        parsed = parse_unit(unit)
    except ValueError:  # pragma: no cover - the claim compiled with this unit
        return
    if is_count(parsed):
        yield _warn(claim, _unitless_message(claim.quantity, f"claim '{claim.id}'", unit_text(parsed)))


def _mixed(names: Sequence[str], ns: Declared, location: Location, claim_id: str | None,
           what: str) -> Iterator[LoadWarning]:
    """A relation over a quantity with no unit and a counted one."""
    loose = [n for n in names if n in ns.unitless]
    if not loose:  # the usual case, decided without looking at units
        return
    counted = [n for n in names if is_count(ns.units[n])]
    if counted:
        message = _unitless_message(loose[0], what, ns.quantities[counted[0]].unit, counted[0])
        yield LoadWarning(location, message, claim_id)


def _unitless_message(name: str, what: str, unit: str, other: str | None = None) -> str:
    compared = f"'{other}', counted in {unit}" if other else f"a count of {unit}"
    return (f"quantity '{name}' has no unit, but {what} compares it with {compared}; it was read as counted "
            f"in {unit} too: declare it with unit: {unit}")
