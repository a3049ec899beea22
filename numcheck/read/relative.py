"""Relative value phrases: one quantity as a multiple of another.

'half of q', '25% of q', 'twice q', 'three times q', 'one in five q', 'la moitié de q'. The
result's interval multiplies the named quantity (`PhraseValue.ref`). A multiplier written in
digits is read like a bare number (its precision counts); a word fraction ('half', 'a third',
'twice') is exact unless a hedge comes with it, because nobody rounds to "half".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from fractions import Fraction

from numcheck.model import Interval
from numcheck.read.hedges import PhraseValue, hedged
from numcheck.read.numbers import NumberMatch, PhraseSyntaxError, Policy, interval_of, scan_number
from numcheck.read.vocabulary import FRACTION_WORDS, OF, ONE_IN, TIMES, Lang

__all__ = ["UnknownQuantityInPhrase", "parse_relative"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


class UnknownQuantityInPhrase(ValueError):
    """A relative phrase names a quantity that is not declared; the loader suggests a near name."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def parse_relative(rest: str, lang: Lang, policy: Policy, about: Fraction,
                   quantities: Collection[str], hedge: str, phrase: str) -> PhraseValue | None:
    """Read `rest` (the phrase after its hedge) as a relative phrase, or None if it names no
    quantity. A name that looks like a quantity but is not declared raises, so that a typo is
    reported as one and not as "no number"."""
    m = _IDENT.search(rest)
    if not m:
        return None
    name = m.group(0)
    head = rest[: m.start()].rstrip()
    low = head.lower()
    connective, head = _connective(head, lang)
    if name not in quantities:
        looks_like_name = "_" in name or connective is not None or low in FRACTION_WORDS[lang]
        if looks_like_name and not name.isupper():
            raise UnknownQuantityInPhrase(name)
        return None
    if connective in TIMES[lang]:
        return _times(head, lang, policy, about, hedge, name, phrase)
    exact = _exact_ratio(head, lang, phrase)
    if exact is not None:
        return _exact(exact, hedge, about, name)
    return _percent_of(head, lang, policy, about, hedge, name, phrase)


def _connective(head: str, lang: Lang) -> tuple[str | None, str]:
    """The 'of' / 'times' / 'de' that ends the head, and the head without it."""
    low = head.lower()
    for word in OF[lang] + TIMES[lang]:
        if low == word or low.endswith(" " + word) or (word.endswith("'") and low.endswith(word)):
            return word, head[: len(head) - len(word)].rstrip()
    return None, head


def _exact(v: Fraction, hedge: str, about: Fraction, name: str) -> PhraseValue:
    if hedge == "number":
        return PhraseValue(Interval(v, v), None, name, "relative")
    return hedged(hedge, v, v, v, about, None, name)


def _times(head: str, lang: Lang, policy: Policy, about: Fraction, hedge: str, name: str,
           phrase: str) -> PhraseValue:
    """'three times q' (exact: words), '2.5 times q' (a bare number's precision)."""
    number = scan_number(head, 0, lang)
    if number is None or number.end != len(head):
        raise PhraseSyntaxError(f"'{head}' is not a multiplier in '{phrase}'")
    if number.words:
        return _exact(number.value, hedge, about, name)
    lo, hi = interval_of(number, policy, about)
    return hedged(hedge, number.value, lo, hi, about, None, name)


def _exact_ratio(head: str, lang: Lang, phrase: str) -> Fraction | None:
    """'half', 'a third', 'twice', 'la moitié' from the table; 'one in five', 'un sur trois',
    'six sur 10', '6 in 10' (a ratio of counts, exact)."""
    low = head.lower()
    if low in FRACTION_WORDS[lang]:
        return FRACTION_WORDS[lang][low]
    one_in = re.fullmatch(r"(one|un|une|[\w]+) (?:" + "|".join(ONE_IN[lang]) + r") (.+)", low)
    if not one_in:
        return None
    numerator = Fraction(1) if one_in.group(1) in ("one", "un", "une") else _count(one_in.group(1), lang)
    denominator = _count(one_in.group(2), lang)
    if numerator is None or denominator is None or denominator == 0:
        raise PhraseSyntaxError(f"'{head}' is not a ratio in '{phrase}'")
    return numerator / denominator


def _count(text: str, lang: Lang) -> Fraction | None:
    """The whole of `text` read as a number, or None."""
    number = scan_number(text, 0, lang)
    return number.value if number is not None and number.end == len(text) else None


def _percent_of(head: str, lang: Lang, policy: Policy, about: Fraction, hedge: str, name: str,
                phrase: str) -> PhraseValue:
    """'25% of q': the percentage read like a bare number (67% is 66.5% to 67.5%)."""
    number = scan_number(head, 0, lang)
    if number is None or number.end != len(head) or not number.percent:
        raise PhraseSyntaxError(f"'{head}' is not a multiplier of {name} in '{phrase}'")
    v = number.value / 100
    if number.words and hedge == "number":
        return PhraseValue(Interval(v, v), None, name, "relative")
    lo, hi = interval_of(NumberMatch(v, number.halfwidth / 100, 0, 0, number.words, True), policy, about)
    return hedged(hedge, v, lo, hi, about, None, name)
