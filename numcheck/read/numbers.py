"""Numbers as news writes them, read exactly: digits ("12,000", "1,3 million", "4M") and words
("three thousand", "half a million", "un demi-million"), and ranges of two of them.

Everything is `Fraction`. Each number also carries its as-written rounding half-width, because a
bare "12,000" was almost surely rounded to the thousand and so stands for [11,500, 12,500], while
"12,345" was not (claims-format.md, "Precision of a bare number"). Spelled-out integers go
through text2num; halves and quarters of a scale are read here, because no library reads them.
These readers are public to the package so that extraction reads numbers with this same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from text_to_num import text2num

from numcheck.read.vocabulary import (
    APPROX_COUNTS,
    CASE_SENSITIVE_SCALES,
    CURRENCY_SIGNS,
    NUMBER_WORDS,
    RANGE_SEPS,
    RANGE_WORDS,
    SCALES,
    SPACES,
    Lang,
)

__all__ = ["MAX_DIGITS", "NumberMatch", "Policy", "PhraseSyntaxError", "RangeMatch", "check_digits", "decimal_value",
           "interval_of", "scan_number", "scan_range"]

# Python refuses to read an int of more than 4,300 digits (a ValueError deep in Fraction), and a
# number that long is never a figure from the news: refuse it early, with a message.
MAX_DIGITS = 1000

Policy = Literal["as-written", "exact"] | Fraction  # a Fraction is a relative half-width (5% → 1/20)

_SP = f"[{SPACES}]"
_SP_RX = re.compile(_SP)
_DIGITS = {
    "en": re.compile(rf"[-−–]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|[-−–]?\d{{1,3}}(?:{_SP}\d{{3}})+(?:\.\d+)?(?![\d,])|[-−–]?\d+(?:\.\d+)?"),
    "fr": re.compile(rf"[-−–]?\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?(?!\d)|[-−–]?\d{{1,3}}(?:\.\d{{3}})+(?![\d,])|[-−–]?\d+(?:[,.]\d+)?"),
}
_SCALE_AFTER = {
    lang: re.compile(r"(?:" + _SP + r"?(" + "|".join(sorted((re.escape(s) for s in scales), key=len, reverse=True)) + r"))(?![\w])", re.IGNORECASE)
    for lang, scales in SCALES.items()
}
_PERCENT_AFTER = re.compile(rf"{_SP}?(%|percent|per cent|pour{_SP}?cent)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*", re.IGNORECASE)
_LONG_RUN = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")

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
_MAX_WORDS = 20  # no real number has more words than this; bounds the work


class PhraseSyntaxError(ValueError):
    """Raised with a message that quotes the part of the phrase that could not be read."""


@dataclass(frozen=True)
class NumberMatch:
    """A number read from text: its exact value and how it was written."""

    value: Fraction
    halfwidth: Fraction  # the as-written rounding half-width, before the `about` cap
    start: int
    end: int
    words: bool  # written in words ("three thousand")
    percent: bool  # followed by % / percent / pour cent


def check_digits(text: str) -> None:
    """Refuse a run of more than MAX_DIGITS digits before anything converts it to a number."""
    run = _LONG_RUN.search(text)
    if run is not None:
        raise PhraseSyntaxError(
            f"a number of {run.end() - run.start():,} digits; numcheck reads numbers of at most {MAX_DIGITS:,} digits")


def scan_number(text: str, pos: int, lang: Lang, *, money: bool = False) -> NumberMatch | None:
    """Read one number starting exactly at `pos`: digits (with grouping, decimals, a scale word
    and %), an approximate count ("une vingtaine", "a dozen"), or words ("three thousand", "half
    a million", "un demi-million"). None if no number starts there. After a currency sign
    (`money`), a lowercase scale glued to the digits is one too: "$10m", "£2.5bn"."""
    return _scan_digits(text, pos, lang, money) or _scan_approx(text, pos, lang) or _scan_words(text, pos, lang)


def interval_of(number: NumberMatch, policy: Policy, about: Fraction) -> tuple[Fraction, Fraction]:
    """The precision interval of a bare number under a file's `precision` policy; the `about`
    half-width caps the as-written reading, because nobody writes "100,000" to mean "anything
    from 50,000 to 150,000"."""
    v = number.value
    if policy == "exact":
        return v, v
    if isinstance(policy, Fraction):
        hw = abs(v) * policy
    else:
        hw = min(number.halfwidth, abs(v) * about)
    return v - hw, v + hw


# ---------------------------------------------------------------------------------- digits


def _scan_digits(text: str, pos: int, lang: Lang, money: bool = False) -> NumberMatch | None:
    m = _DIGITS[lang].match(text, pos)
    if not m:
        return None
    raw = m.group(0)
    check_digits(raw)
    negative = raw[0] in "-−–"
    int_part, dec_part = _split_digits(raw.lstrip("-−–"), lang)
    value = decimal_value(int_part, dec_part)
    scale, end = _scale_after(text, m.end(), lang, money)
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
    if scale != 1:
        value *= scale
    return NumberMatch(-value if negative else value, halfwidth, pos, end, False, percent)


def decimal_value(whole: str, decimals: str) -> Fraction:
    """The exact value of digits and their decimals ("12000", "" or "0", "4599"): one int over a
    power of ten, which is cheaper than `Fraction`'s own parsing of the text."""
    return Fraction(int(whole + decimals), 10 ** len(decimals)) if decimals else Fraction(int(whole))


def _split_digits(body: str, lang: Lang) -> tuple[str, str]:
    """The integer and decimal digits of a number as written, grouping removed: ',' groups
    thousands in English and is the decimal comma in French ('.' groups there, in threes)."""
    if lang == "en":
        int_part, _, dec_part = body.replace(",", "").partition(".")
    else:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", body):
            body = body.replace(".", "")
        int_part, _, dec_part = body.replace(",", ".").partition(".")
    return _SP_RX.sub("", int_part), dec_part


def _scale_after(text: str, end: int, lang: Lang, money: bool = False) -> tuple[int, int]:
    """A scale word after the digits ('1.3 million', '4M', '2.5bn'): its factor and where the
    number now ends. A short abbreviation counts only glued to the digits or in capitals, so
    that '5 m' stays five metres; after a currency sign, glued in lower case too ('$10m')."""
    sm = _SCALE_AFTER[lang].match(text, end)
    if not sm:
        return 1, end
    word = sm.group(1)
    glued = sm.start(1) == end
    lower = word.lower()
    case_ok = lower not in CASE_SENSITIVE_SCALES or word == CASE_SENSITIVE_SCALES[lower] or (money and glued)
    short = len(lower) <= 3 and lower not in ("mn", "mln", "mds", "mrd", "md")
    if case_ok and (glued or not short or word in ("M", "B", "k", "K")):
        return SCALES[lang][lower], sm.end()
    return 1, end


# ---------------------------------------------------------------------------------- words

_APPROX = {
    lang: re.compile(r"(" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + r")(?![\w-])"
                     + (r"(?:\s+(?:de|d['’])\s*(milliers|millions|milliards)(?![\w-])|\s+de(?![\w-])|\s+d['’])?"
                        if lang == "fr" else r"(?:\s+(thousand|million|billion)(?![\w-]))?"), re.IGNORECASE)
    for lang, words in APPROX_COUNTS.items()
}


def _scan_approx(text: str, pos: int, lang: Lang) -> NumberMatch | None:
    """'une vingtaine', 'un millier', 'a dozen', 'une vingtaine de millions': a number whose
    as-written half-width is the number itself, so that the `about` cap gives its interval."""
    m = None if pos > 0 and text[pos - 1].isalnum() else _APPROX[lang].match(text, pos)
    if not m:
        return None
    value = Fraction(APPROX_COUNTS[lang][m.group(1).lower()])
    if m.group(2):
        value *= _SCALE_WORD_VALUES[m.group(2).lower().removesuffix("s")]
    return NumberMatch(value, value, pos, m.end(), True, False)


def _scan_words(text: str, pos: int, lang: Lang) -> NumberMatch | None:
    if pos > 0 and (text[pos - 1].isalnum()):
        return None
    m = _HALF_SCALE[lang].match(text, pos)
    if m:
        scale = _SCALE_WORD_VALUES[m.group(2).lower()]
        value = _HALF_VALUES[m.group(1).lower()] * scale
        return NumberMatch(value, Fraction(scale, 2), pos, m.end(), True, False)
    words = _number_words(text, pos, lang)
    vocab = NUMBER_WORDS[lang]
    while words:  # the longest run of words that is a number
        spelled = " ".join(w for w, _, _ in words)
        if spelled in ("a", "and", "et", "un", "une"):
            return None
        candidate = spelled
        if words[0][0] == "a":  # "a thousand", "a million": one, but only before a scale word
            if len(words) < 2 or vocab.get(words[1][0], 0) < 100:
                return None
            candidate = "one" + spelled[1:]
        if words[-1][0] not in ("and", "et", "a"):
            found = _words_value(text, candidate, words, pos, lang)
            if found is not None:
                return found
        words.pop()
    return None


def _number_words(text: str, pos: int, lang: Lang) -> list[tuple[str, int, int]]:
    """The run of number words from `pos` (each with its start and end), at most _MAX_WORDS."""
    vocab = NUMBER_WORDS[lang]
    words: list[tuple[str, int, int]] = []
    cursor = pos
    while len(words) <= _MAX_WORDS:
        wm = _WORD.match(text, cursor)
        if not wm:
            break
        word = wm.group(0).lower()
        if not all(p in vocab for p in word.split("-")):
            head = _number_head(word, vocab)  # "six-month-old": the number is "six"
            if head:
                words.append((head, wm.start(), wm.start() + len(head)))
            break
        words.append((word, wm.start(), wm.end()))
        cursor = wm.end()
        while cursor < len(text) and text[cursor] in SPACES:
            cursor += 1
    return words


def _number_head(word: str, vocab: dict[str, int]) -> str:
    """The hyphened number words that start a compound word ("six-month-old" → "six")."""
    parts = word.split("-")
    n = next((i for i, p in enumerate(parts) if p not in vocab), len(parts))
    return "-".join(parts[:n]) if n < len(parts) else ""


def _words_value(text: str, candidate: str, words: list[tuple[str, int, int]], pos: int,
                 lang: Lang) -> NumberMatch | None:
    """The number these words spell, if text2num reads them, with what may follow: 'and a
    half million', 'et demi', a percent sign. The precision is that of the last word."""
    try:
        value = Fraction(text2num(candidate, lang))
    except ValueError:
        return None
    vocab = NUMBER_WORDS[lang]
    end = words[-1][2]
    place = vocab.get(words[-1][0].split("-")[-1], 1) or 1
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


# ---------------------------------------------------------------------------------- ranges


@dataclass(frozen=True)
class RangeMatch:
    """'between 3,000 and 5,000', '10–12 million', 'entre 3 000 et 5 000', '$350,000-$750,000',
    read at a position.

    `lo` is the first number, multiplied by the scale word when it is written once for both
    ends; whether a backward range is an error or no range at all is the caller's choice.
    """

    first: NumberMatch
    second: NumberMatch
    lo: Fraction
    end: int
    worded: bool  # "between … and …" rather than a dash or "to"
    currency: str | None = None  # the currency sign written before either end


_UNIT_TOKEN = re.compile(r"[  ]?(?:°[CF]?|€|£)")  # "entre 36°C et 37,2°C", "entre 10 € et 20 €"
_ARTICLE_AFTER = {"en": ("the ",), "fr": ("les ", "la ")}  # "entre 220 000 et les 316 000"


def _money_number(text: str, at: int, lang: Lang) -> tuple[NumberMatch | None, str | None]:
    """A number at `at`, with the currency sign that may be written before it."""
    sign = CURRENCY_SIGNS.get(text[at]) if at < len(text) else None
    return scan_number(text, at + (sign is not None), lang, money=sign is not None), sign


def scan_range(text: str, pos: int, lang: Lang, *, spaced: bool = True) -> RangeMatch | None:
    """Read a range starting exactly at `pos`. With `spaced=False` (running text), a dash or "to"
    must be followed at once by a number ("3 - 2 votes" and "12-year" are no ranges); words
    on both sides need a word between them ("two to three", never "three-four")."""
    worded = _worded_range(text, pos, lang)
    if worded is not None:
        return worded
    first, sign = _money_number(text, pos, lang)
    if first is None:
        return None
    for sep in RANGE_SEPS[lang]:
        at = first.end
        if spaced and not sep.startswith(" "):
            at = _skip_spaces(text, at)
        if not text.startswith(sep, at):
            continue
        at += len(sep)
        if spaced:
            at = _skip_spaces(text, at)
        elif not _number_follows(text, at, lang, words=first.words and sep.startswith(" ")):
            continue
        second, second_sign = _money_number(text, at, lang)
        return None if second is None else _range(text, lang, first, second, worded=False, currency=sign or second_sign)
    return None


def _number_follows(text: str, at: int, lang: Lang, *, words: bool) -> bool:
    """Whether running text goes on with a number at `at`: a digit (after a currency sign, maybe),
    or a number word when `words` (a worded separator between numbers in words)."""
    at += at < len(text) and text[at] in CURRENCY_SIGNS
    return (at < len(text) and text[at].isdigit()) or (words and _scan_words(text, at, lang) is not None)


def _worded_range(text: str, pos: int, lang: Lang) -> RangeMatch | None:
    """'between a and b', 'from a to b', 'entre a et b', 'de a à b', 'between a-b', with a
    currency sign or a degree sign on each end, and 'entre a et les b'."""
    for start_word, mid_word in RANGE_WORDS[lang]:
        if not _startswith_word(text[pos:pos + len(start_word) + 1], start_word):
            continue
        first, sign = _money_number(text, _skip_spaces(text, pos + len(start_word)), lang)
        if first is None:
            continue
        unit = _UNIT_TOKEN.match(text, first.end)
        at, mid = unit.end() if unit else first.end, f" {mid_word} "
        if text[at:at + len(mid)].lower() == mid:
            at += len(mid)
            at += next((len(a) for a in _ARTICLE_AFTER[lang] if text[at:at + len(a)].lower() == a), 0)
        elif start_word == RANGE_WORDS[lang][0][0] and text[at:at + 1] in ("-", "–") and text[at + 1:at + 2].isdigit():
            at += 1  # "between 130-156"
        else:
            continue
        second, second_sign = _money_number(text, _skip_spaces(text, at), lang)
        if second is not None:
            return _range(text, lang, first, second, worded=True, currency=sign or second_sign)
    return None


def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] in SPACES:
        at += 1
    return at


def _startswith_word(text: str, prefix: str) -> bool:
    if not text.lower().startswith(prefix):
        return False
    rest = text[len(prefix):]
    return prefix.endswith(("'", "~")) or not rest or not (rest[0].isalnum() or rest[0] == "_")


def _range(text: str, lang: Lang, first: NumberMatch, second: NumberMatch, *, worded: bool,
           currency: str | None = None) -> RangeMatch:
    scale = _trailing_scale(text[second.start:second.end], lang)
    lo = first.value
    if scale > 1 and _trailing_scale(text[first.start:first.end], lang) == 1 and lo * scale <= second.value:
        lo *= scale  # "10–12 million": the scale word written once serves both ends
    return RangeMatch(first, second, lo, second.end, worded, currency)


def _trailing_scale(text: str, lang: Lang) -> int:
    """The scale of a number's last word: 'million' → 10**6; '12,000' → 1."""
    m = re.search(r"([A-Za-zà-ÿ]+)\s*$", text)
    if not m:
        return 1
    word = m.group(1)
    if word.lower() in CASE_SENSITIVE_SCALES and not word.isupper():
        return 1
    return SCALES[lang].get(word.lower(), 1)
