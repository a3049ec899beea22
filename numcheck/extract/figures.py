"""Reading one figure at a position: a vague amount, a range, a hedge with a number, a share.

Candidates are found with one regular expression; each is then read with the value-phrase code
of the read stage (one grammar for claims files and articles), so that an extracted interval
and the interval of the drafted `value:` are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from numcheck.extract.filters import plausible
from numcheck.extract.vocabulary import UNIT_NOUNS, Lang, singular
from numcheck.model import Interval
from numcheck.read.hedges import hedged
from numcheck.read.numbers import NumberMatch, interval_of, scan_number, scan_range
from numcheck.read.vocabulary import (
    FRACTION_WORDS,
    HEDGE_KINDS,
    HEDGE_RX,
    HEDGES,
    NUMBER_WORDS,
    RANGE_SEPS,
    RANGE_WORDS,
    VAGUE,
    VAGUE_BOUNDS,
    VAGUE_RX,
)

__all__ = ["CANDIDATES", "Figure", "read_figure"]

_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_HALF_DURATION = {
    "fr": re.compile(r"\s(?P<unit>ans|années|mois|semaines|jours|heures)\set\sdemie?\b", re.IGNORECASE),
    "en": re.compile(r"\sand\sa\shalf\s(?P<unit>years|months|weeks|days|hours)\b", re.IGNORECASE),
}
_OF = {"en": (" of the ", " of "), "fr": (" des ", " du ", " de la ", " de l'", " de ", " d'")}


@dataclass(frozen=True)
class Figure:
    """A figure read at a position of a sentence, before its noun is looked for."""

    start: int
    end: int
    interval: Interval
    hedge: str  # number, max, more, min, less, about, nearly, range, vague, relative
    value: str  # the phrase as written
    number: NumberMatch | None = None
    unit_hint: str | None = None
    referent_at: int | None = None  # a relative phrase: where its referent's noun starts
    relative_hedge: str | None = None  # a relative phrase: the hedge that came with the share
    duration_noun: str | None = None  # "deux ans et demi": the unit word read with the number


@dataclass(frozen=True)
class _Share:
    """A word fraction before 'of' ('la moitié des', 'half of'): its value and where it ends."""

    value: Fraction
    end: int
    referent_at: int


def _candidate_regex(lang: Lang) -> re.Pattern[str]:
    """Where a figure may start: a digit, '~', or the first word of a hedge, vague amount,
    fraction or number word (a word must stand alone, not end another word)."""
    starts = {p.split()[0].split("'")[0] for p, _ in HEDGES[lang]} | {p.split()[0] for p, _, _ in VAGUE[lang]}
    starts |= {w.split()[0] for w in FRACTION_WORDS[lang]}
    starts |= {w for w in NUMBER_WORDS[lang] if w not in ("and", "et", "a")}
    starts |= {"between", "from", "half", "a", "one"} if lang == "en" else {"entre", "de", "un", "une"}
    words = sorted((re.escape(w) for w in starts if w and w != "~"), key=len, reverse=True)
    return re.compile(r"~|(?<![\w.,])[$€£]?\d|(?<![\w'’-])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


CANDIDATES: dict[Lang, re.Pattern[str]] = {"en": _candidate_regex("en"), "fr": _candidate_regex("fr")}
_SHARE_WORDS = {lang: sorted(words.items(), key=lambda kv: -len(kv[0])) for lang, words in FRACTION_WORDS.items()}


@dataclass(frozen=True)
class _TableMatch:
    """A phrase of a value-phrase table matched at a position: its table entry, and its end."""

    entry: Any  # a hedge's kind ("max"), or a vague amount's (lo, hi)
    end: int


def _match_table(s: str, pos: int, rx: re.Pattern[str], table: dict[str, Any]) -> _TableMatch | None:
    """Match a hedge or vague amount of the value-phrase tables at pos (the loader's own regexes)."""
    m = rx.match(s[pos:pos + 60].lower().replace("’", "'"))
    return _TableMatch(table[m.group(0)], pos + m.end()) if m else None


def skip_spaces(s: str, pos: int) -> int:
    """The first position at or after pos that is not a space, tab or newline."""
    while pos < len(s) and s[pos] in "\u00a0\u202f\u2009 \n\t":
        pos += 1
    return pos


def read_figure(s: str, pos: int, lang: Lang, about: Fraction) -> Figure | None:
    """Read one figure starting at pos: vague amount, range, hedge + number or fraction, or a number."""
    vague = _match_table(s, pos, VAGUE_RX[lang], VAGUE_BOUNDS[lang])
    if vague:
        lo, hi = vague.entry
        return Figure(pos, vague.end, Interval(Fraction(lo), Fraction(hi), False, True), "vague", s[pos:vague.end])
    number_here = scan_number(s, pos, lang)  # read once: the range test and a bare number need it
    rng = _read_range(s, pos, lang) if _may_be_range(s, pos, lang, number_here) else None
    if rng:
        return rng
    hedge, at = "number", pos
    hedge_match = _match_table(s, pos, HEDGE_RX[lang], HEDGE_KINDS[lang])
    if hedge_match:
        hedge, at = hedge_match.entry, skip_spaces(s, hedge_match.end)
    currency = _CURRENCIES.get(s[at]) if at < len(s) else None
    if currency:
        at += 1
    share = _read_share(s, at, lang)
    number = number_here if at == pos else scan_number(s, at, lang)
    if share and (number is None or number.end <= share.end):
        return _relative(s, pos, share, hedge, about)
    if number is None:
        return None  # "a quarter of a million", "un quart de million" were read as a number above
    return _read_number(s, pos, number, hedge, currency, lang, about)


def _may_be_range(s: str, pos: int, lang: Lang, first: NumberMatch | None) -> bool:
    """Whether `scan_range` (running text) could find a range at pos: it needs a range word
    there, or a separator right after the number there. Asked first, because scanning a range
    reads the number again, and numbers in words are the dearest thing the extractor reads."""
    low = s[pos:pos + 8].lower()
    if any(low.startswith(start) for start, _ in RANGE_WORDS[lang]):
        return True
    return first is not None and any(s.startswith(sep, first.end) for sep in RANGE_SEPS[lang])


def _relative(s: str, pos: int, share: _Share, hedge: str, about: Fraction) -> Figure:
    """A share of another quantity; a word fraction is exact unless a hedge comes with it."""
    if hedge == "number":
        interval = Interval(share.value, share.value)
    else:
        interval = hedged(hedge, share.value, share.value, share.value, about, None, None).interval
    return Figure(pos, share.end, interval, "relative", s[pos:share.end], referent_at=share.referent_at,
                  relative_hedge=hedge)


def _read_number(s: str, pos: int, number: NumberMatch, hedge: str, currency: str | None, lang: Lang,
                 about: Fraction) -> Figure | None:
    """A number, after its hedge: left out when it is not a figure; "and a half" joins it."""
    half = _HALF_DURATION[lang].match(s, number.end)
    if not plausible(s, number, lang, duration=bool(half)):
        return None
    if half:  # "deux ans et demi", "two and a half years": the half belongs to the number
        number = NumberMatch(number.value + Fraction(1, 2), number.halfwidth, number.start, number.end,
                             number.words, number.percent)
    lo, hi = interval_of(number, "as-written", about)
    interval = hedged(hedge, number.value, lo, hi, about, None, None).interval
    if half:
        return Figure(pos, half.end(), interval, hedge, s[pos:half.end()], number,
                      UNIT_NOUNS[singular(half.group("unit"))], duration_noun=half.group("unit"))
    unit = "percent" if number.percent else currency
    return Figure(pos, number.end, interval, hedge, s[pos:number.end], number, unit)


def _read_range(s: str, pos: int, lang: Lang) -> Figure | None:
    """A range in running text, read by the loader's own range grammar (`scan_range`)."""
    rng = scan_range(s, pos, lang, spaced=False)
    if rng is None or (not rng.worded and rng.first.words):
        return None  # "three-four" and the like are not ranges in an article
    first, second = rng.first, rng.second
    if second.value < first.value or (not rng.worded and second.value == first.value):
        return None
    return Figure(pos, rng.end, Interval(rng.lo, second.value), "range", s[pos:rng.end], number=second,
                  unit_hint="percent" if second.percent else None)


def _word_ends(s: str, end: int, phrase: str) -> bool:
    """Whether a phrase matched before `end` ends a word there (an elided "l'" always does)."""
    return phrase.endswith("'") or end >= len(s) or not (s[end].isalnum() or s[end] == "_")


def _read_share(s: str, pos: int, lang: Lang) -> _Share | None:
    """'la moitié des pertes russes', 'half of Russian losses', 'twice the number of …'."""
    low = s[pos:pos + 60].lower().replace("’", "'")
    word = next((w for w in _SHARE_WORDS[lang] if low.startswith(w[0]) and _word_ends(s, pos + len(w[0]), w[0])), None)
    if word is None:
        return None
    phrase, value = word
    end = pos + len(phrase)
    after = s[end:end + 12].lower().replace("’", "'")
    for connective in _OF[lang]:
        if after.startswith(connective):
            return _Share(value, end, end + len(connective))
    if lang == "en" and value >= 1 and after.startswith(" "):
        return _Share(value, end, end + 1)
    return None
