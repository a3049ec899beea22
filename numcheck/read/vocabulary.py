"""The words of value phrases, in English and French: scales, hedges, vague amounts, fractions.

These are the tables of claims-format.md ("Value phrases") as data, kept apart from the code that
reads them so that the loader (`phrases`, `numbers`) and extraction read the very same words: a
phrase the loader accepts in a claims file is the phrase extraction finds in an article. Each
table is keyed by language; prefixes are matched longest first, so that "tens of thousands of"
wins over "thousands of".
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Literal

__all__ = [
    "APPROX_COUNTS", "CASE_SENSITIVE_SCALES", "CURRENCY_SIGNS", "FRACTION_WORDS", "HEDGES", "HEDGE_KINDS",
    "HEDGE_RX", "LANGS", "Lang", "NUMBER_WORDS", "OF", "ONE_IN", "PERCENT_WORDS", "POSTFIX_HEDGES", "RANGE_SEPS",
    "RANGE_WORDS",
    "SCALES", "SPACES", "TIMES", "VAGUE", "VAGUE_BOUNDS", "VAGUE_RX", "foreign_prefix", "other_lang",
    "prefix_regex",
]

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, Lang] = ("en", "fr")

SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin, plain

SCALES: dict[str, dict[str, int]] = {
    "en": {"thousand": 10**3, "thousands": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6,
           "mn": 10**6, "mln": 10**6, "m": 10**6, "billion": 10**9, "billions": 10**9, "bn": 10**9,
           "b": 10**9, "trillion": 10**12, "trillions": 10**12, "tn": 10**12},
    "fr": {"mille": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6,
           "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9, "mrd": 10**9,
           "billion": 10**12, "billions": 10**12},
}
# Scale abbreviations that are only a scale when glued to the digits or in capitals: "4M", "2.5bn".
CASE_SENSITIVE_SCALES = {"m": "M", "b": "B"}

HEDGES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("no more than", "max"), ("not more than", "max"), ("as many as", "max"), ("up to", "max"),
        ("at most", "max"), ("a maximum of", "max"), ("maximum", "max"),
        ("more than", "more"), ("upwards of", "more"), ("in excess of", "more"), ("over", "more"),
        ("above", "more"), ("greater than", "more"),
        ("no fewer than", "min"), ("no less than", "min"), ("not less than", "min"),
        ("at least", "min"), ("a minimum of", "min"), ("minimum", "min"),
        ("less than", "less"), ("fewer than", "less"), ("under", "less"), ("below", "less"),
        ("approximately", "about"), ("roughly", "about"), ("around", "about"), ("about", "about"),
        ("some", "about"), ("circa", "about"), ("~", "about"),
        ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
        # comparatives beyond the contract's table (docs/extraction.md): each reads as one of its rows
        ("less than or equal to", "max"), ("equal to or less than", "max"), ("at or below", "max"),
        ("as much as", "max"), ("as high as", "max"), ("not exceeding", "max"), ("not to exceed", "max"),
        ("not exceed", "max"), ("does not exceed", "max"),
        ("greater than or equal to", "min"), ("equal to or greater than", "min"), ("equal to or more than", "min"),
        ("at or above", "min"),
        ("exceeds", "more"), ("exceeded", "more"), ("exceed", "more"), ("exceeding", "more"),
        ("surpassed", "more"), ("surpasses", "more"), ("surpass", "more"), ("surpassing", "more"),
        ("topped", "more"), ("tops", "more"), ("top", "more"), ("topping", "more"), ("passed", "more"),
        ("passes", "more"), ("surged past", "more"), ("soared past", "more"), ("climbed past", "more"),
        ("rose past", "more"), ("jumped past", "more"), ("pushed past", "more"), ("went past", "more"),
        ("just over", "more"), ("well over", "more"), ("well above", "more"), ("north of", "more"),
        ("well under", "less"), ("well below", "less"),
        ("approaching", "nearly"), ("approaches", "nearly"), ("nearing", "nearly"), ("nears", "nearly"),
        ("in the neighborhood of", "about"), ("in the neighbourhood of", "about"), ("in the region of", "about"),
        ("on the order of", "about"), ("more or less", "about"), ("give or take", "about"), ("an estimated", "number"),
        (">=", "min"), ("≥", "min"), ("<=", "max"), ("≤", "max"), (">", "more"), ("<", "less"),
    ],
    "fr": [
        ("jusqu'à", "max"), ("jusqu'a", "max"), ("au plus", "max"), ("au maximum", "max"),
        ("pas plus de", "max"), ("pas plus d'", "max"),
        ("plus de", "more"), ("plus d'", "more"), ("au-delà de", "more"), ("davantage que", "more"),
        ("au moins", "min"), ("au minimum", "min"), ("pas moins de", "min"), ("pas moins d'", "min"),
        ("moins de", "less"), ("moins d'", "less"),
        ("environ", "about"), ("quelque", "about"), ("autour de", "about"), ("autour d'", "about"),
        ("approximativement", "about"), ("à peu près", "about"), ("~", "about"),
        ("presque", "nearly"), ("près de", "nearly"), ("près d'", "nearly"), ("près des", "nearly"),
        ("plus des", "more"), ("moins des", "less"),
        ("pas loin de", "nearly"), ("pas loin d'", "nearly"), ("quasiment", "nearly"),
        # comparatives beyond the contract's table (docs/extraction.md)
        *[(f"{w} à", "more") for w in ("supérieur", "supérieure", "supérieurs", "supérieures")],
        *[(f"{w} à", "less") for w in ("inférieur", "inférieure", "inférieurs", "inférieures")],
        *[(f"{a} ou {b} à", "min") for a, b in (("égal", "supérieur"), ("égale", "supérieure"),
                                                  ("égaux", "supérieurs"), ("égales", "supérieures"))],
        *[(f"{b} ou {a} à", "min") for a, b in (("égal", "supérieur"), ("égale", "supérieure"),
                                                  ("égaux", "supérieurs"), ("égales", "supérieures"))],
        *[(f"{a} ou {b} à", "max") for a, b in (("égal", "inférieur"), ("égale", "inférieure"),
                                                  ("égaux", "inférieurs"), ("égales", "inférieures"))],
        *[(f"{b} ou {a} à", "max") for a, b in (("égal", "inférieur"), ("égale", "inférieure"),
                                                  ("égaux", "inférieurs"), ("égales", "inférieures"))],
        ("au-dessus de", "more"), ("au-dessus d'", "more"), ("au dessus de", "more"),
        ("au-dessous de", "less"), ("au-dessous d'", "less"), ("en dessous de", "less"), ("en deçà de", "less"),
        *[(f"{v}{art}", "more") for v in ("dépasse", "dépassent", "dépassé", "dépassant", "dépasser", "dépassera",
                                          "dépasseront", "excède", "excèdent", "franchit", "franchi")
          for art in ("", " les", " la barre des", " le cap des")],
        *[(f"{neg}{v}", "max") for v in ("dépasse", "dépassent", "dépasser", "dépassera", "dépasseront",
                                         "dépassait", "excède") for neg in ("pas ",)],
        *[(f"{v} pas", "max") for v in ("dépasse", "dépassent", "dépassera", "dépasseront", "dépassait", "excède")],
        *[(f"{v}{art}", "nearly") for v in ("approche", "approchent", "approchant", "frôle", "frôlent", "frôlé",
                                            "frôlant", "avoisine", "avoisinent", "avoisinant")
          for art in ("", " les", " la barre des")],
        ("à partir de", "min"), ("à partir d'", "min"), ("dès", "min"),
        ("un peu plus de", "more"), ("un peu plus d'", "more"), ("un peu moins de", "less"),
        ("un peu moins d'", "less"), ("bien plus de", "more"), ("bien plus d'", "more"),
        ("de l'ordre de", "about"), ("de l'ordre d'", "about"), ("aux alentours de", "about"), ("vers", "about"),
        ("plus ou moins", "about"),
        ("aux alentours d'", "about"), ("autour des", "about"),
        (">=", "min"), ("≥", "min"), ("<=", "max"), ("≤", "max"), (">", "more"), ("<", "less"),
    ],
}

# Vague amounts: [low, high) as the contract's table gives them.
VAGUE: dict[str, list[tuple[str, int, int]]] = {
    "en": [
        ("hundreds of thousands of", 200_000, 1_000_000), ("tens of thousands of", 20_000, 100_000),
        ("hundreds of millions of", 2 * 10**8, 10**9), ("tens of millions of", 2 * 10**7, 10**8),
        ("dozens of", 24, 100), ("hundreds of", 200, 1000), ("thousands of", 2000, 10_000),
        ("millions of", 2 * 10**6, 10**7), ("billions of", 2 * 10**9, 10**10),
        ("several hundred", 300, 1000), ("several thousand", 3000, 10_000),
        ("several million", 3 * 10**6, 10**7), ("several billion", 3 * 10**9, 10**10),
        ("a few hundred", 200, 1000), ("a few thousand", 2000, 10_000),
        ("a few million", 2 * 10**6, 10**7), ("a few billion", 2 * 10**9, 10**10),
    ],
    "fr": [
        ("des centaines de milliers de", 200_000, 1_000_000), ("des centaines de milliers d'", 200_000, 1_000_000),
        ("des dizaines de milliers de", 20_000, 100_000), ("des dizaines de milliers d'", 20_000, 100_000),
        ("des dizaines de millions de", 2 * 10**7, 10**8), ("des centaines de millions de", 2 * 10**8, 10**9),
        ("des dizaines de millions d'", 2 * 10**7, 10**8), ("des centaines de millions d'", 2 * 10**8, 10**9),
        ("des dizaines de", 24, 100), ("des dizaines d'", 24, 100),
        ("des centaines de", 200, 1000), ("des centaines d'", 200, 1000),
        ("des milliers de", 2000, 10_000), ("des milliers d'", 2000, 10_000),
        ("des millions de", 2 * 10**6, 10**7), ("des millions d'", 2 * 10**6, 10**7),
        ("des milliards de", 2 * 10**9, 10**10), ("des milliards d'", 2 * 10**9, 10**10),
        ("plusieurs centaines", 300, 1000), ("plusieurs milliers", 3000, 10_000),
        ("plusieurs millions", 3 * 10**6, 10**7), ("plusieurs milliards", 3 * 10**9, 10**10),
        ("quelques centaines", 200, 1000), ("quelques milliers", 2000, 10_000),
        ("quelques millions", 2 * 10**6, 10**7), ("quelques milliards", 2 * 10**9, 10**10),
        # the bare forms, as a value phrase is often written without the "de"
        ("des dizaines de milliers", 20_000, 100_000), ("des centaines de milliers", 200_000, 1_000_000),
        ("des dizaines", 24, 100), ("des centaines", 200, 1000), ("des milliers", 2000, 10_000),
        ("des millions", 2 * 10**6, 10**7), ("des milliards", 2 * 10**9, 10**10),
        # dozens, by the pattern of the contract's rows (docs/extraction.md)
        ("plusieurs dizaines de", 30, 100), ("plusieurs dizaines d'", 30, 100), ("plusieurs dizaines", 30, 100),
        ("quelques dizaines de", 20, 100), ("quelques dizaines d'", 20, 100), ("quelques dizaines", 20, 100),
        ("plusieurs dizaines de milliers", 30_000, 100_000), ("quelques dizaines de milliers", 20_000, 100_000),
        ("plusieurs centaines de milliers", 300_000, 1_000_000),
    ],
}
# after "aux", "en", "par" the article of "des centaines de" is gone: "aux centaines de morts"
VAGUE["fr"] += [(p.removeprefix("des "), lo, hi) for p, lo, hi in VAGUE["fr"]
                if p.startswith(("des dizaines", "des centaines")) and p.endswith((" de", " d'"))]
VAGUE["en"] += [("a few dozen", 24, 100), ("several dozen", 36, 100)]
for _lang in ("en", "fr"):  # longest first, so that "tens of thousands of" wins over "thousands of"
    VAGUE[_lang].sort(key=lambda row: -len(row[0]))
    HEDGES[_lang].sort(key=lambda row: -len(row[0]))
VAGUE["en"] += [(p.removesuffix(" of"), lo, hi) for p, lo, hi in VAGUE["en"] if p.endswith(" of")]
VAGUE["en"].sort(key=lambda row: -len(row[0]))

NUMBER_WORDS: dict[str, dict[str, int]] = {
    # the place value of each word: its rounding step when it ends a number in words
    "en": {**dict.fromkeys("zero one two three four five six seven eight nine eleven twelve thirteen fourteen " "fifteen sixteen seventeen eighteen nineteen".split(), 1),
        **dict.fromkeys("ten twenty thirty forty fifty sixty seventy eighty ninety".split(), 10),
        "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
        "and": 0, "a": 0},
    "fr": {**dict.fromkeys("zéro un une deux trois quatre cinq six sept huit neuf onze douze treize quatorze quinze " "seize".split(), 1),
        **dict.fromkeys("dix vingt vingts trente quarante cinquante soixante".split(), 10),
        "cent": 100, "cents": 100, "mille": 10**3, "million": 10**6, "millions": 10**6,
        "milliard": 10**9, "milliards": 10**9, "et": 0},
}
FRACTION_WORDS: dict[str, dict[str, Fraction]] = {
    "en": {"half": Fraction(1, 2), "one half": Fraction(1, 2), "a half": Fraction(1, 2),
           "a third": Fraction(1, 3), "one third": Fraction(1, 3), "two thirds": Fraction(2, 3),
           "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4), "three quarters": Fraction(3, 4),
           "a fifth": Fraction(1, 5), "one fifth": Fraction(1, 5), "a tenth": Fraction(1, 10),
           "one tenth": Fraction(1, 10), "twice": Fraction(2), "double": Fraction(2),
           "triple": Fraction(3), "the same as": Fraction(1),
           "one-half": Fraction(1, 2), "one-third": Fraction(1, 3), "two-thirds": Fraction(2, 3),
           "one-quarter": Fraction(1, 4), "three-quarters": Fraction(3, 4), "one-fifth": Fraction(1, 5),
           "one-tenth": Fraction(1, 10)},
    "fr": {"la moitié": Fraction(1, 2), "moitié": Fraction(1, 2), "un tiers": Fraction(1, 3),
           "le tiers": Fraction(1, 3), "deux tiers": Fraction(2, 3), "un quart": Fraction(1, 4),
           "le quart": Fraction(1, 4), "trois quarts": Fraction(3, 4), "un cinquième": Fraction(1, 5),
           "un dixième": Fraction(1, 10), "le double": Fraction(2), "le triple": Fraction(3),
           "double": Fraction(2), "triple": Fraction(3), "les deux tiers": Fraction(2, 3),
           "les trois quarts": Fraction(3, 4)},
}
OF = {"en": ("of the", "of"), "fr": ("des", "du", "de la", "de l'", "de", "d'")}
TIMES = {"en": ("times",), "fr": ("fois",)}
ONE_IN = {"en": ("in", "out of"), "fr": ("sur",)}
RANGE_WORDS = {"en": (("between", "and"), ("from", "to")), "fr": (("entre", "et"), ("de", "à"))}
RANGE_SEPS = {"en": ("–", "—", "-", " to "), "fr": ("–", "—", "-", " à ")}
PERCENT_WORDS = ("percent", "per cent", "pour cent", "pourcent", "%")
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH"}


def prefix_regex(prefixes: list[str]) -> re.Pattern[str]:
    """One anchored alternation, longest first; a word prefix must end at a word boundary."""
    parts = [re.escape(p) + (r"(?![\w])" if p[-1].isalnum() else "")
             for p in sorted(prefixes, key=len, reverse=True)]
    return re.compile("|".join(parts))


# Hedges written after the number ("18 or more", "60 ans ou plus", "50 euros ou moins"); a counted
# noun may stand between the number and the hedge. Each reads as the prefix hedge of its kind.
POSTFIX_HEDGES: dict[str, list[tuple[str, str]]] = {
    "en": [("or more", "min"), ("or higher", "min"), ("or greater", "min"), ("or above", "min"), ("or over", "min"),
           ("and over", "min"), ("and above", "min"), ("and older", "min"), ("or older", "min"), ("and up", "min"),
           ("or fewer", "max"), ("or less", "max"), ("or lower", "max"), ("or under", "max"), ("or below", "max"),
           ("and under", "max"), ("and below", "max"), ("and younger", "max"), ("or younger", "max")],
    "fr": [("ou plus", "min"), ("et plus", "min"), ("ou davantage", "min"), ("au moins", "min"),
           ("au minimum", "min"), ("minimum", "min"), ("ou moins", "max"), ("et moins", "max"),
           ("au maximum", "max"), ("maximum", "max"), ("au plus", "max")],
}
# Approximate counts: "une dizaine" is about ten, "a dozen" about twelve; read as a number whose
# as-written precision is the number itself, so that the `about` cap gives their interval
# (une vingtaine → 18..22 with about: 10%), and a hedge before them applies as to any number.
APPROX_COUNTS: dict[str, dict[str, int]] = {
    "en": {"a dozen": 12, "half a dozen": 6, "a half-dozen": 6, "a score of": 20},
    "fr": {"une dizaine": 10, "une douzaine": 12, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
           "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100,
           "un millier": 1000, "une demi-douzaine": 6},
}

VAGUE_BOUNDS = {lang: {p: (lo, hi) for p, lo, hi in rows} for lang, rows in VAGUE.items()}
VAGUE_RX = {lang: prefix_regex(list(bounds)) for lang, bounds in VAGUE_BOUNDS.items()}
HEDGE_KINDS = {lang: dict(rows) for lang, rows in HEDGES.items()}
HEDGE_RX = {lang: prefix_regex(list(kinds)) for lang, kinds in HEDGE_KINDS.items()}


def other_lang(lang: Lang) -> Lang:
    return "fr" if lang == "en" else "en"


def _own_words(lang: Lang) -> set[str]:
    return set(HEDGE_KINDS[lang]) | set(VAGUE_BOUNDS[lang]) | set(FRACTION_WORDS[lang])


# The other language's words that are not also words of this one ("double", "~" are both).
_FOREIGN = {lang: sorted((_own_words(other_lang(lang)) - _own_words(lang)), key=len, reverse=True)
            for lang in LANGS}
_FOREIGN_RX = {lang: prefix_regex(words) for lang, words in _FOREIGN.items()}


def foreign_prefix(text: str, lang: Lang) -> str | None:
    """The hedge, vague amount or fraction of the *other* language that `text` starts with
    ("environ" in an English file), or None; how a phrase in the wrong language is told apart
    from a phrase that is merely wrong."""
    m = _FOREIGN_RX[lang].match(text.strip().lower().replace("\u2019", "'"))
    return m.group(0) if m else None
