"""Value phrases ("up to 12,000", "environ la moitié de q") read into exact intervals.

Everything here is `Fraction`: a phrase becomes bounds that the solver takes as they are. The
reading follows the table of claims-format.md. Two ideas carry most of it:

* A bare number is a rounded number. "12,000" was almost surely rounded to the thousand, so it
  stands for [11,500, 12,500]; "12,345" was not, so it stands for [12,344.5, 12,345.5]. The
  `about` half-width (10% by default) caps this, because nobody writes "100,000" to mean "anything
  from 50,000 to 150,000".
* A hedge ("up to", "plus de") bounds one side with the number exactly as written: the speaker
  chose the figure as the edge, so rounding it would move the edge.

Spelled-out integers go through text2num; halves and quarters of a scale ("half a million",
"un demi-million"), hedges, ranges and vague amounts are read here, because no library reads them.
`scan_number` is public to the package so that extraction reads numbers with this same code.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from text_to_num import text2num

__all__ = ["NumberMatch", "PhraseValue", "Policy", "RangeMatch", "parse_value", "scan_number", "scan_range"]

Lang = Literal["en", "fr"]
Policy = Literal["as-written", "exact"] | Fraction  # a Fraction is a relative half-width (5% → 1/20)

SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin, plain
_SP = f"[{SPACES}]"


@dataclass(frozen=True)
class NumberMatch:
    """A number read from text: its exact value and how it was written."""

    value: Fraction
    halfwidth: Fraction  # the as-written rounding half-width, before the `about` cap
    start: int
    end: int
    words: bool  # written in words ("three thousand")
    percent: bool  # followed by % / percent / pour cent


@dataclass(frozen=True)
class PhraseValue:
    """What a value phrase allows for x: lo (<|<=) x (<|<=) hi, in `unit`.

    When `ref` names a quantity, the bounds are multipliers of it ("about half of q" gives
    0.45*q <= x <= 0.55*q) and `unit` is None. A bound of None is unbounded.
    """

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool
    hi_open: bool
    unit: str | None
    ref: str | None
    hedge: str  # the kind of reading: number, max, more, min, less, about, nearly, range, vague, relative


# ---------------------------------------------------------------------------------- vocabulary

_SCALES: dict[str, dict[str, int]] = {
    "en": {"thousand": 10**3, "thousands": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6,
           "mn": 10**6, "mln": 10**6, "m": 10**6, "billion": 10**9, "billions": 10**9, "bn": 10**9,
           "b": 10**9, "trillion": 10**12, "trillions": 10**12, "tn": 10**12},
    "fr": {"mille": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6,
           "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9, "mrd": 10**9,
           "billion": 10**12, "billions": 10**12},
}
# Scale abbreviations that are only a scale when glued to the digits or in capitals: "4M", "2.5bn".
_CASE_SENSITIVE_SCALES = {"m": "M", "b": "B"}

_HEDGES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("no more than", "max"), ("not more than", "max"), ("as many as", "max"), ("up to", "max"),
        ("at most", "max"), ("a maximum of", "max"), ("maximum", "max"),
        ("more than", "more"), ("upwards of", "more"), ("in excess of", "more"), ("over", "more"),
        ("above", "more"), ("greater than", "more"),
        ("no fewer than", "min"), ("no less than", "min"), ("not less than", "min"),
        ("at least", "min"), ("a minimum of", "min"), ("minimum", "min"),
        ("less than", "less"), ("fewer than", "less"), ("under", "less"), ("below", "less"),
        ("approximately", "about"), ("roughly", "about"), ("around", "about"), ("about", "about"),
        ("some", "about"), ("circa", "about"), ("an estimated", "about"), ("~", "about"),
        ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
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
    ],
}

# Vague amounts: [low, high) as the contract's table gives them.
_VAGUE: dict[str, list[tuple[str, int, int]]] = {
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
    ],
}
for _lang in ("en", "fr"):  # longest first, so that "tens of thousands of" wins over "thousands of"
    _VAGUE[_lang].sort(key=lambda row: -len(row[0]))
    _HEDGES[_lang].sort(key=lambda row: -len(row[0]))
_VAGUE["en"] += [(p.removesuffix(" of"), lo, hi) for p, lo, hi in _VAGUE["en"] if p.endswith(" of")]
_VAGUE["en"].sort(key=lambda row: -len(row[0]))

_NUMBER_WORDS: dict[str, dict[str, int]] = {
    # the place value of each word: its rounding step when it ends a number in words
    "en": {**{w: 1 for w in (
        "zero one two three four five six seven eight nine eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()},
        **{w: 10 for w in "ten twenty thirty forty fifty sixty seventy eighty ninety".split()},
        "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
        "and": 0, "a": 0},
    "fr": {**{w: 1 for w in (
        "zéro un une deux trois quatre cinq six sept huit neuf onze douze treize quatorze quinze "
        "seize").split()},
        **{w: 10 for w in "dix vingt vingts trente quarante cinquante soixante".split()},
        "cent": 100, "cents": 100, "mille": 10**3, "million": 10**6, "millions": 10**6,
        "milliard": 10**9, "milliards": 10**9, "et": 0},
}
_FRACTION_WORDS: dict[str, dict[str, Fraction]] = {
    "en": {"half": Fraction(1, 2), "one half": Fraction(1, 2), "a half": Fraction(1, 2),
           "a third": Fraction(1, 3), "one third": Fraction(1, 3), "two thirds": Fraction(2, 3),
           "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4), "three quarters": Fraction(3, 4),
           "a fifth": Fraction(1, 5), "one fifth": Fraction(1, 5), "a tenth": Fraction(1, 10),
           "one tenth": Fraction(1, 10), "twice": Fraction(2), "double": Fraction(2),
           "triple": Fraction(3), "the same as": Fraction(1)},
    "fr": {"la moitié": Fraction(1, 2), "moitié": Fraction(1, 2), "un tiers": Fraction(1, 3),
           "le tiers": Fraction(1, 3), "deux tiers": Fraction(2, 3), "un quart": Fraction(1, 4),
           "le quart": Fraction(1, 4), "trois quarts": Fraction(3, 4), "un cinquième": Fraction(1, 5),
           "un dixième": Fraction(1, 10), "le double": Fraction(2), "le triple": Fraction(3),
           "double": Fraction(2), "triple": Fraction(3)},
}
_OF = {"en": ("of the", "of"), "fr": ("des", "du", "de la", "de l'", "de", "d'")}
_TIMES = {"en": ("times",), "fr": ("fois",)}
_ONE_IN = {"en": ("in", "out of"), "fr": ("sur",)}
_RANGE_WORDS = {"en": (("between", "and"), ("from", "to")), "fr": (("entre", "et"), ("de", "à"))}
_RANGE_SEPS = {"en": ("–", "—", "-", " to "), "fr": ("–", "—", "-", " à ")}
_PERCENT_WORDS = ("percent", "per cent", "pour cent", "pourcent", "%")
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH"}

_DIGITS = {
    "en": re.compile(rf"[-−]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|[-−]?\d{{1,3}}(?:{_SP}\d{{3}})+(?:\.\d+)?(?![\d,])|[-−]?\d+(?:\.\d+)?"),
    "fr": re.compile(rf"[-−]?\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?(?!\d)|[-−]?\d{{1,3}}(?:\.\d{{3}})+(?![\d,])|[-−]?\d+(?:[,.]\d+)?"),
}
_SCALE_AFTER = {
    lang: re.compile(r"(?:" + _SP + r"?(" + "|".join(sorted((re.escape(s) for s in scales), key=len, reverse=True)) + r"))(?![\w])", re.IGNORECASE)
    for lang, scales in _SCALES.items()
}
_PERCENT_AFTER = re.compile(rf"{_SP}?(%|percent|per cent|pour{_SP}?cent)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*", re.IGNORECASE)


# ---------------------------------------------------------------------------------- numbers


def scan_number(text: str, pos: int, lang: Lang) -> NumberMatch | None:
    """Read one number starting exactly at `pos`: digits (with grouping, decimals, a scale word
    and %), or words ("three thousand", "half a million", "un demi-million"). None if no number
    starts there."""
    return _scan_digits(text, pos, lang) or _scan_words(text, pos, lang)


def _scan_digits(text: str, pos: int, lang: Lang) -> NumberMatch | None:
    m = _DIGITS[lang].match(text, pos)
    if not m:
        return None
    raw = m.group(0)
    negative = raw[0] in "-−"
    body = raw.lstrip("-−")
    if lang == "en":
        int_part, _, dec_part = body.replace(",", "").partition(".")
    else:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", body):
            body = body.replace(".", "")
        int_part, _, dec_part = body.replace(",", ".").partition(".")
    int_part = re.sub(_SP, "", int_part)
    value = Fraction(int(int_part)) + (Fraction(int(dec_part), 10 ** len(dec_part)) if dec_part else 0)
    end = m.end()
    scale = 1
    sm = _SCALE_AFTER[lang].match(text, end)
    if sm:
        word = sm.group(1)
        glued = sm.start(1) == end
        lower = word.lower()
        case_ok = lower not in _CASE_SENSITIVE_SCALES or word == _CASE_SENSITIVE_SCALES[lower]
        short = len(lower) <= 3 and lower not in ("mn", "mln", "mds", "mrd", "md")
        if case_ok and (glued or not short or word in ("M", "B", "k", "K")):
            scale = _SCALES[lang][lower]
            end = sm.end()
    if dec_part:
        halfwidth = Fraction(scale, 2 * 10 ** len(dec_part))
    elif scale > 1:
        halfwidth = Fraction(scale, 2)
    elif value < 1000:
        halfwidth = Fraction(1, 2)
    else:
        zeros = len(int_part) - len(int_part.rstrip("0"))
        halfwidth = Fraction(10**zeros, 2)
    percent = False
    pm = _PERCENT_AFTER.match(text, end)
    if pm:
        percent = True
        end = pm.end()
    value *= scale
    return NumberMatch(-value if negative else value, halfwidth, pos, end, False, percent)


_HALF_SCALE = {
    "en": re.compile(r"(half|a quarter of|a third of|three quarters of)(?: a| an| one)?[ -](thousand|million|billion|trillion)\b", re.IGNORECASE),
    "fr": re.compile(r"(?:un |une )?(demi|quart de|tiers de)[ -](millier|million|milliard)s?\b", re.IGNORECASE),
}
_HALF_VALUES = {"half": Fraction(1, 2), "a quarter of": Fraction(1, 4), "a third of": Fraction(1, 3),
                "three quarters of": Fraction(3, 4), "demi": Fraction(1, 2), "quart de": Fraction(1, 4),
                "tiers de": Fraction(1, 3)}
_SCALE_WORD_VALUES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                      "millier": 10**3, "milliard": 10**9}
_AND_A_HALF_SCALE = re.compile(r" and a half (thousand|million|billion|trillion)\b", re.IGNORECASE)
_AND_A_HALF = {"en": re.compile(r" and a half\b", re.IGNORECASE), "fr": re.compile(r" et (demi|demie)\b", re.IGNORECASE)}


def _scan_words(text: str, pos: int, lang: Lang) -> NumberMatch | None:
    if pos > 0 and (text[pos - 1].isalnum()):
        return None
    m = _HALF_SCALE[lang].match(text, pos)
    if m:
        scale = _SCALE_WORD_VALUES[m.group(2).lower()]
        value = _HALF_VALUES[m.group(1).lower()] * scale
        return NumberMatch(value, Fraction(scale, 2), pos, m.end(), True, False)
    vocab = _NUMBER_WORDS[lang]
    words: list[tuple[str, int, int]] = []
    cursor = pos
    while True:
        wm = _WORD.match(text, cursor)
        if not wm:
            break
        word = wm.group(0).lower()
        parts = word.split("-")
        if not all(p in vocab for p in parts):
            break
        words.append((word, wm.start(), wm.end()))
        nxt = wm.end()
        while nxt < len(text) and text[nxt] in SPACES:
            nxt += 1
        cursor = nxt
        if len(words) > 20:  # no real number has more words than this; bounds the work
            break
    # "a thousand", "a million": the article stands for one, but only before a scale word
    while words:
        spelled = " ".join(w for w, _, _ in words)
        if spelled in ("a", "and", "et", "un", "une"):
            return None
        first = words[0][0]
        candidate = spelled
        if first == "a":
            if len(words) < 2 or vocab.get(words[1][0], 0) < 100:
                return None
            candidate = "one" + spelled[1:]
        last = words[-1][0]
        if last not in ("and", "et", "a"):
            try:
                value = Fraction(text2num(candidate, lang))
            except ValueError:
                value = None
            if value is not None:
                end = words[-1][2]
                place = max(vocab.get(p, 1) for p in last.split("-")[-1:]) or 1
                halfwidth = Fraction(place, 2)
                hm = _AND_A_HALF[lang].match(text, end)
                if hm and place >= 1000:  # "deux millions et demi"
                    value += Fraction(place, 2)
                    end = hm.end()
                hm = _AND_A_HALF_SCALE.match(text, end) if lang == "en" and place < 1000 else None
                if hm:  # "two and a half million"
                    scale = _SCALE_WORD_VALUES[hm.group(1).lower()]
                    value = (value + Fraction(1, 2)) * scale
                    halfwidth = Fraction(scale, 2)
                    end = hm.end()
                percent = False
                pm = _PERCENT_AFTER.match(text, end)
                if pm:
                    percent, end = True, pm.end()
                return NumberMatch(value, halfwidth, pos, end, True, percent)
        words.pop()
    return None


# ---------------------------------------------------------------------------------- phrases


class PhraseSyntaxError(ValueError):
    """Raised with a message that quotes the part of the phrase that could not be read."""


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("\t", " ")
    return re.sub(r"[ \t\n\r]+", " ", text).strip()


def _prefix_regex(prefixes: list[str]) -> re.Pattern[str]:
    """One anchored alternation, longest first; a word prefix must end at a word boundary."""
    parts = [re.escape(p) + ("" if p.endswith(("'", "~")) else r"(?![\w])")
             for p in sorted(prefixes, key=len, reverse=True)]
    return re.compile("|".join(parts))


_VAGUE_BOUNDS = {lang: {p: (lo, hi) for p, lo, hi in rows} for lang, rows in _VAGUE.items()}
_VAGUE_RX = {lang: _prefix_regex(list(bounds)) for lang, bounds in _VAGUE_BOUNDS.items()}
_HEDGE_KINDS = {lang: dict(rows) for lang, rows in _HEDGES.items()}
_HEDGE_RX = {lang: _prefix_regex(list(kinds)) for lang, kinds in _HEDGE_KINDS.items()}


def _startswith_word(text: str, prefix: str) -> bool:
    if not text.lower().startswith(prefix):
        return False
    rest = text[len(prefix):]
    return prefix.endswith(("'", "~")) or not rest or not (rest[0].isalnum() or rest[0] == "_")


def _interval_of(number: NumberMatch, policy: Policy, about: Fraction) -> tuple[Fraction, Fraction]:
    v = number.value
    if policy == "exact":
        return v, v
    if isinstance(policy, Fraction):
        hw = abs(v) * policy
    else:
        hw = min(number.halfwidth, abs(v) * about)
    return v - hw, v + hw


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
    if len(phrase) > 200:
        raise PhraseSyntaxError("the value is longer than 200 characters; a value phrase is a few words")
    low = phrase.lower()

    vague = _VAGUE_RX[lang].match(low)
    if vague:
        lo, hi = _VAGUE_BOUNDS[lang][vague.group(0)]
        unit = _unit_part(phrase[vague.end():], phrase)
        return PhraseValue(Fraction(lo), Fraction(hi), False, True, unit, None, "vague")

    rng = scan_range(phrase, 0, lang)
    if rng is not None:
        if rng.lo > rng.second.value:
            raise PhraseSyntaxError(f"the range '{phrase}' runs backwards ({rng.lo} > {rng.second.value})")
        unit = _unit_part(phrase[rng.end:], phrase)
        if rng.second.percent or rng.first.percent:
            unit = "percent"
        return PhraseValue(rng.lo, rng.second.value, False, False, unit, None, "range")

    hedge = "number"
    rest = phrase
    hedged = _HEDGE_RX[lang].match(low)
    if hedged:
        hedge = _HEDGE_KINDS[lang][hedged.group(0)]
        rest = phrase[hedged.end():].strip()
    if not rest:
        raise PhraseSyntaxError(f"'{phrase}' has a hedge but no number after it")

    relative = _parse_relative(rest, lang, policy, about, quantities, hedge, phrase)
    if relative is not None:
        return relative

    currency = None
    if rest[0] in _CURRENCY_SIGNS:
        currency = _CURRENCY_SIGNS[rest[0]]
        rest = rest[1:].lstrip()
    number = scan_number(rest, 0, lang)
    if number is None:
        raise PhraseSyntaxError(f"no number in '{rest}'" + (f" (in '{phrase}')" if rest != phrase else ""))
    if lang == "en" and re.match(r",\d", rest[number.end:]):
        raise PhraseSyntaxError(
            f"'{rest}' uses ',' as a decimal point; in English ',' groups thousands (12,000): "
            "write a '.' or set lang: fr")
    unit = _unit_part(rest[number.end:], phrase)
    if number.percent:
        if unit:
            raise PhraseSyntaxError(f"'{rest[number.end:].strip()}' after a percentage in '{phrase}'")
        unit = "percent"
    if currency:
        if unit:
            raise PhraseSyntaxError(f"'{unit}' after a currency sign in '{phrase}'")
        unit = currency
    lo, hi = _interval_of(number, policy, about)
    v = number.value
    return _hedged(hedge, v, lo, hi, about, unit, None)


def _hedged(hedge: str, v: Fraction, lo: Fraction, hi: Fraction, about: Fraction,
            unit: str | None, ref: str | None) -> PhraseValue:
    if hedge == "number":
        return PhraseValue(lo, hi, False, False, unit, ref, "number")
    if hedge == "max":
        return PhraseValue(None, v, False, False, unit, ref, hedge)
    if hedge == "more":
        return PhraseValue(v, None, True, False, unit, ref, hedge)
    if hedge == "min":
        return PhraseValue(v, None, False, False, unit, ref, hedge)
    if hedge == "less":
        return PhraseValue(None, v, False, True, unit, ref, hedge)
    if hedge == "about":
        return PhraseValue(v - abs(v) * about, v + abs(v) * about, False, False, unit, ref, hedge)
    if hedge == "nearly":
        return PhraseValue(v - abs(v) * about, v, False, False, unit, ref, hedge)
    raise AssertionError(hedge)  # pragma: no cover


def _unit_part(rest: str, phrase: str) -> str | None:
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


@dataclass(frozen=True)
class RangeMatch:
    """'between 3,000 and 5,000', '10–12 million', 'entre 3 000 et 5 000', read at a position.

    `lo` is the first number, multiplied by the scale word when it is written once for both
    ends; whether a backward range is an error or no range at all is the caller's choice.
    """

    first: NumberMatch
    second: NumberMatch
    lo: Fraction
    end: int
    worded: bool  # "between … and …" rather than a dash or "to"


def scan_range(text: str, pos: int, lang: Lang, *, spaced: bool = True) -> RangeMatch | None:
    """Read a range starting exactly at `pos`. With `spaced=False` (running text), a dash or "to"
    must be followed at once by a digit, so that "3 - 2 votes" or "12-year" are not ranges."""
    for start_word, mid_word in _RANGE_WORDS[lang]:
        if _startswith_word(text[pos:pos + len(start_word) + 1], start_word):
            at = pos + len(start_word)
            while at < len(text) and text[at] in SPACES:
                at += 1
            first = scan_number(text, at, lang)
            mid = f" {mid_word} "
            if first is None or text[first.end:first.end + len(mid)].lower() != mid:
                continue
            after = first.end + len(mid)
            while after < len(text) and text[after] in SPACES:
                after += 1
            second = scan_number(text, after, lang)
            if second is not None:
                return _range(text, lang, first, second, worded=True)
    first = scan_number(text, pos, lang)
    if first is None:
        return None
    for sep in _RANGE_SEPS[lang]:
        at = first.end
        if spaced and not sep.startswith(" "):
            while at < len(text) and text[at] in SPACES:
                at += 1
        if not text.startswith(sep, at):
            continue
        at += len(sep)
        if spaced:
            while at < len(text) and text[at] in SPACES:
                at += 1
        elif not (at < len(text) and text[at].isdigit()):
            continue
        second = scan_number(text, at, lang)
        if second is None:
            return None
        return _range(text, lang, first, second, worded=False)
    return None


def _range(text: str, lang: Lang, first: NumberMatch, second: NumberMatch, *, worded: bool) -> RangeMatch:
    scale = _trailing_scale(text[second.start:second.end], lang)
    lo = first.value
    if scale > 1 and _trailing_scale(text[first.start:first.end], lang) == 1 and lo * scale <= second.value:
        lo *= scale  # "10–12 million": the scale word written once serves both ends
    return RangeMatch(first, second, lo, second.end, worded)


def _trailing_scale(text: str, lang: Lang) -> int:
    """The scale of a number's last word: 'million' → 10**6; '12,000' → 1."""
    m = re.search(r"([A-Za-zà-ÿ]+)\s*$", text)
    if not m:
        return 1
    word = m.group(1)
    if word.lower() in _CASE_SENSITIVE_SCALES and not word.isupper():
        return 1
    return _SCALES[lang].get(word.lower(), 1)


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


def _parse_relative(rest: str, lang: Lang, policy: Policy, about: Fraction,
                    quantities: Collection[str], hedge: str, phrase: str) -> PhraseValue | None:
    """'half of q', '25% of q', 'twice q', 'three times q', 'one in five q', 'la moitié de q'."""
    m = _IDENT.search(rest)
    if not m:
        return None
    name = m.group(0)
    head = rest[: m.start()].rstrip()
    low = head.lower()
    connective = None
    for word in _OF[lang] + _TIMES[lang]:
        if low == word or low.endswith(" " + word) or (word.endswith("'") and low.endswith(word)):
            connective = word
            head = head[: len(head) - len(word)].rstrip()
            break
    if name not in quantities:
        looks_like_name = "_" in name or connective is not None or low in _FRACTION_WORDS[lang]
        if looks_like_name and not name.isupper():
            raise UnknownQuantityInPhrase(name)
        return None
    low = head.lower()
    if connective in _TIMES[lang]:
        number = scan_number(head, 0, lang)
        if number is None or number.end != len(head):
            raise PhraseSyntaxError(f"'{head}' is not a multiplier in '{phrase}'")
        if number.words:
            v = lo = hi = number.value
        else:
            v = number.value
            lo, hi = _interval_of(number, policy, about)
        return _hedged(hedge, v, lo, hi, about, None, name) if hedge != "number" or not number.words \
            else PhraseValue(v, v, False, False, None, name, "relative")
    if low in _FRACTION_WORDS[lang]:
        v = _FRACTION_WORDS[lang][low]
        if hedge == "number":
            return PhraseValue(v, v, False, False, None, name, "relative")
        return _hedged(hedge, v, v, v, about, None, name)
    one_in = re.fullmatch(r"(one|1|un|une) (?:" + "|".join(_ONE_IN[lang]) + r") (.+)", low)
    if one_in:
        denominator = scan_number(one_in.group(2), 0, lang)
        if denominator is None or denominator.end != len(one_in.group(2)) or denominator.value == 0:
            raise PhraseSyntaxError(f"'{head}' is not a ratio in '{phrase}'")
        v = 1 / denominator.value
        if hedge == "number":
            return PhraseValue(v, v, False, False, None, name, "relative")
        return _hedged(hedge, v, v, v, about, None, name)
    number = scan_number(head, 0, lang)
    if number is None or number.end != len(head) or not number.percent:
        raise PhraseSyntaxError(f"'{head}' is not a multiplier of {name} in '{phrase}'")
    v = number.value / 100
    if number.words and hedge == "number":
        return PhraseValue(v, v, False, False, None, name, "relative")
    lo, hi = _interval_of(NumberMatch(v, number.halfwidth / 100, 0, 0, number.words, True), policy, about)
    return _hedged(hedge, v, lo, hi, about, None, name)


class UnknownQuantityInPhrase(ValueError):
    """A relative phrase names a quantity that is not declared; the loader suggests a near name."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
