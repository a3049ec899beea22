"""Value phrases ("up to 12,000", "environ la moitié de q") read into exact intervals.

Everything here is `Fraction`: a phrase becomes bounds that the solver takes as they are. The
reading follows the table of claims-format.md, in order: a vague amount ("hundreds of"), a range
("between a and b"), else an optional hedge and then a relative phrase ("half of q") or a number
with an optional unit. The words live in `vocabulary`, numbers are read by `numbers`, hedges
applied by `hedges` and relative phrases by `relative`; this module puts them in that order.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from fractions import Fraction

from numcheck.model import Interval
from numcheck.read.hedges import PhraseValue, hedged
from numcheck.read.numbers import (
    NumberMatch,
    PhraseSyntaxError,
    Policy,
    RangeMatch,
    check_digits,
    interval_of,
    scan_number,
    scan_range,
)
from numcheck.read.relative import UnknownQuantityInPhrase, parse_relative
from numcheck.read.vocabulary import (
    CURRENCY_SIGNS,
    FRACTION_WORDS,
    HEDGE_KINDS,
    HEDGE_RX,
    HEDGES,
    NUMBER_WORDS,
    POSTFIX_HEDGES,
    SPACES,
    VAGUE,
    VAGUE_BOUNDS,
    VAGUE_RX,
    Lang,
)

__all__ = ["MAX_PHRASE", "NumberMatch", "PhraseSyntaxError", "PhraseValue", "Policy", "RangeMatch",
           "SPACES", "UnknownQuantityInPhrase", "parse_value", "scan_number", "scan_range"]

# The names extraction (numcheck.extract) imports from here, as they were before the split.
_FRACTION_WORDS, _HEDGE_KINDS, _HEDGE_RX, _HEDGES = FRACTION_WORDS, HEDGE_KINDS, HEDGE_RX, HEDGES
_NUMBER_WORDS, _VAGUE, _VAGUE_BOUNDS, _VAGUE_RX = NUMBER_WORDS, VAGUE, VAGUE_BOUNDS, VAGUE_RX
_hedged, _interval_of = hedged, interval_of

MAX_PHRASE = 200  # characters; a value phrase is a few words


def parse_value(
    text: str,
    *,
    lang: Lang = "en",
    policy: Policy = "as-written",
    about: Fraction = Fraction(1, 10),
    quantities: Collection[str] = frozenset(),
) -> PhraseValue:
    """Read one `value:` phrase. Raises PhraseSyntaxError naming the part that was not understood."""
    phrase = _normalise(text)
    if not phrase:
        raise PhraseSyntaxError("the value is empty")
    if len(phrase) > MAX_PHRASE:
        raise PhraseSyntaxError(f"the value is longer than {MAX_PHRASE} characters; a value phrase is a few words")
    check_digits(phrase)
    low = phrase.lower()
    vague = VAGUE_RX[lang].match(low)
    if vague:
        lo, hi = VAGUE_BOUNDS[lang][vague.group(0)]
        unit = _unit_part(phrase[vague.end():])
        return PhraseValue(Interval(Fraction(lo), Fraction(hi), hi_open=True), unit, None, "vague")
    rng = scan_range(phrase, 0, lang)
    if rng is not None:
        return _range_value(rng, phrase)
    hedge = "number"
    rest = phrase
    hedge_match = HEDGE_RX[lang].match(low)
    if hedge_match:
        hedge = HEDGE_KINDS[lang][hedge_match.group(0)]
        rest = phrase[hedge_match.end():].strip()
    else:
        hedge, rest = _postfix_hedge(phrase, lang)
    if not rest:
        raise PhraseSyntaxError(f"'{phrase}' has a hedge but no number after it")
    digits = rest.lstrip("".join(CURRENCY_SIGNS))
    whole = scan_number(digits, 0, lang, money=digits != rest)
    if whole is None or whole.end < len(digits):  # "une vingtaine de millions" is a number, not "… de q"
        relative = parse_relative(rest, lang, policy, about, quantities, hedge, phrase)
        if relative is not None:
            return relative
    return _number_value(rest, phrase, hedge, lang, policy, about, whole if digits == rest else None)


def _postfix_hedge(phrase: str, lang: Lang) -> tuple[str, str]:
    """'30 billion or more', '60 ou plus': the hedge written after the number, and the rest."""
    low = phrase.lower()
    for words, kind in POSTFIX_HEDGES[lang]:
        if low.endswith(" " + words) and len(low) > len(words) + 1:
            return kind, phrase[: -len(words)].strip()
    return "number", phrase


_QUOTES = re.compile(r"[«»“”\"]")
_BLANKS = re.compile(r"[ \t\n\r\u00a0]+")


def _normalise(text: str) -> str:
    """One line, plain apostrophes, and no quotation marks around the number (jusqu'à « 100 »)."""
    text = text.replace("’", "'").replace("‘", "'").replace("\t", " ")
    return _BLANKS.sub(" ", _QUOTES.sub(" ", text)).strip()


def _range_value(rng: RangeMatch, phrase: str) -> PhraseValue:
    if rng.lo > rng.second.value:
        raise PhraseSyntaxError(f"the range '{phrase}' runs backwards ({rng.lo} > {rng.second.value})")
    unit = _unit_part(phrase[rng.end:])
    if rng.second.percent or rng.first.percent:
        unit = "percent"
    if rng.currency is not None:
        unit = CURRENCY_SIGNS[rng.currency] if rng.currency in CURRENCY_SIGNS else rng.currency
    return PhraseValue(Interval(rng.lo, rng.second.value), unit, None, "range")


def _number_value(rest: str, phrase: str, hedge: str, lang: Lang, policy: Policy,
                  about: Fraction, scanned: NumberMatch | None = None) -> PhraseValue:
    """A number with an optional currency sign before it and an optional unit after it;
    `scanned` is the number at the start of `rest` when the caller has read it already."""
    currency = None
    if rest[0] in CURRENCY_SIGNS:
        currency = CURRENCY_SIGNS[rest[0]]
        rest = rest[1:].lstrip()
    number = scanned if scanned is not None and currency is None else scan_number(rest, 0, lang,
                                                                                    money=currency is not None)
    if number is None:
        raise PhraseSyntaxError(f"no number in '{rest}'" + (f" (in '{phrase}')" if rest != phrase else ""))
    if lang == "en" and re.match(r",\d", rest[number.end:]):
        raise PhraseSyntaxError(
            f"'{rest}' uses ',' as a decimal point; in English ',' groups thousands (12,000): "
            "write a '.' or set lang: fr")
    unit = _unit_part(rest[number.end:])
    if number.percent:
        if unit:
            raise PhraseSyntaxError(f"'{rest[number.end:].strip()}' after a percentage in '{phrase}'")
        unit = "percent"
    if currency:
        if unit:
            raise PhraseSyntaxError(f"'{unit}' after a currency sign in '{phrase}'")
        unit = currency
    lo, hi = interval_of(number, policy, about)
    return hedged(hedge, number.value, lo, hi, about, unit, None)


def _unit_part(rest: str) -> str | None:
    """What follows the number: a unit to convert from ('miles'), without a leading 'of'/'de'."""
    unit = rest.strip()
    if not unit:
        return None
    if unit.lower() in ("de", "d'", "of"):
        return None
    for prefix in ("de ", "d'", "of "):
        if unit.lower().startswith(prefix):
            unit = unit[len(prefix):].strip()
            break
    return unit
