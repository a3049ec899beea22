"""Reading one figure at a position: a vague amount, a range, a hedge with a number, a share.

Candidates are found with one regular expression; each is then read with the value-phrase code
of the read stage (one grammar for claims files and articles), so that an extracted interval
and the interval of the drafted `value:` are the same. What stands around the number (a hedge
after it, a verb of change, a word the grammar does not read) is looked at by `qualifiers`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from numcheck.extract.filters import dated, plausible, year_range
from numcheck.extract.qualifiers import (
    after_connecting_verb,
    around_as_structure,
    change_before,
    currency_after,
    postfix_hedge,
    skip_quotes,
    unread_qualifier,
)
from numcheck.extract.ratios import read_ratio
from numcheck.extract.vocabulary import DETERMINERS, UNIT_NOUNS, WORD_RE, Lang, singular
from numcheck.model import Interval
from numcheck.read.hedges import hedged
from numcheck.read.numbers import NumberMatch, RangeMatch, interval_of, scan_number, scan_range
from numcheck.read.vocabulary import (
    APPROX_COUNTS,
    CURRENCY_SIGNS,
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

__all__ = ["CANDIDATES", "Figure", "read_figure", "skip_spaces"]

_HALF_DURATION = {
    "fr": re.compile(r"\s(?P<unit>ans|années|mois|semaines|jours|heures)\set\sdemie?\b", re.IGNORECASE),
    "en": re.compile(r"\sand\sa\shalf\s(?P<unit>years|months|weeks|days|hours)\b", re.IGNORECASE),
}
_OF = {"en": (" of the ", " of "), "fr": (" des ", " du ", " de la ", " de l'", " de ", " d'")}
# "7.8-magnitude", "11-year-old", "six-month-old": the number with the words hyphened to it (in
# lower case: "100-Day Plan" is a name)
_COMPOUND = re.compile(r"-([a-zà-ÿ]+(?:-[a-zà-ÿ]+){0,2})(?![\w-])")
_WIDE = {"en": ("at least 0", "at most 0"), "fr": ("au moins 0", "au plus 0")}
_PREFIXED = re.compile(r"(US|AU|A|CA|C)\$(?=\d)", re.IGNORECASE)
_PREFIXED_CODES = {"US": "USD", "AU": "AUD", "A": "AUD", "CA": "CAD", "C": "CAD"}
_GLUED_SCALES = {"m": "million", "bn": "billion", "b": "billion", "k": "thousand"}


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
    noun_hint: str | None = None  # words read with the figure that name what it counts ("years")
    value_phrase: str | None = None  # the phrase a draft writes when it is not the text as written
    review: str | None = None  # a word next to the number that the grammar did not read


@dataclass(frozen=True)
class _Share:
    """A word fraction before 'of' ('la moitié des', 'half of'): its value and where it ends."""

    value: Fraction
    end: int
    referent_at: int


def _candidate_regex(lang: Lang) -> re.Pattern[str]:
    """Where a figure may start: a digit, a comparison sign, or the first word of a hedge, vague
    amount, approximate count, fraction or number word (a word must stand alone, not end another
    word; after an elided "qu'" or "d'" it may start: "qu'environ 300")."""
    starts = {p.split()[0].split("'")[0] for p, _ in HEDGES[lang]} | {p.split()[0] for p, _, _ in VAGUE[lang]}
    starts |= {w.split()[0] for w in FRACTION_WORDS[lang]} | {w.split()[0] for w in APPROX_COUNTS[lang]}
    starts |= {w for w in NUMBER_WORDS[lang] if w not in ("and", "et", "a")}
    starts |= {"between", "from", "half", "a", "one"} if lang == "en" else {"entre", "de", "un", "une"}
    words = sorted((re.escape(w) for w in starts if w and w[0].isalpha()), key=len, reverse=True)
    return re.compile(r"~|[<>≤≥]=?(?=[  ]?\d)|(?<![\w.,])[-−–]?[$€£]?\d|(?<![\w.,])(?:US|AU|A|CA|C)?[$€£]\d"
                      r"|(?<![\w-])(?:"
                      + "|".join(words) + r")(?![\w])", re.IGNORECASE)


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


def _money(s: str, at: int, lang: Lang) -> tuple[NumberMatch | None, str | None]:
    """The number at `at`, after the currency sign that may stand before it ('$', 'US$', 'A$')."""
    prefixed = _PREFIXED.match(s, at)
    if prefixed is not None:
        return scan_number(s, prefixed.end(), lang, money=True), _PREFIXED_CODES[prefixed.group(1).upper()]
    currency = CURRENCY_SIGNS.get(s[at]) if at < len(s) else None
    if currency is not None:
        return scan_number(s, at + 1, lang, money=True), currency
    return scan_number(s, at, lang), None


def _written_for_loader(s: str, pos: int, figure: Figure | None) -> Figure | None:
    """A figure written with 'US$' or 'A$' is drafted as '$28.6 million' or '28.6 million AUD'."""
    prefixed = _PREFIXED.search(s, pos, figure.end) if figure is not None else None
    if figure is None or prefixed is None or figure.number is None:
        return figure
    code = _PREFIXED_CODES[prefixed.group(1).upper()]
    number = s[figure.number.start:figure.number.end]
    head = s[pos:prefixed.start()]
    if code != "USD":  # "5m AUD" would be five metres: the scale is written out
        number = re.sub(r"(?<=\d)(m|bn|b|k)$", lambda m: " " + _GLUED_SCALES[m.group(1)], number)
    phrase = f"{head}${number}" if code == "USD" else f"{head}{number} {code}"
    return dataclasses.replace(figure, value_phrase=phrase, unit_hint=code)


def read_figure(s: str, pos: int, lang: Lang, about: Fraction) -> Figure | None:
    """Read one figure starting at pos: vague amount, range, hedge + number or fraction, or a number."""
    vague = _match_table(s, pos, VAGUE_RX[lang], VAGUE_BOUNDS[lang])
    if vague:
        lo, hi = vague.entry
        return Figure(pos, vague.end, Interval(Fraction(lo), Fraction(hi), False, True), "vague", s[pos:vague.end])
    number_here, _ = _money(s, pos, lang)  # read once: the range test and a bare number need it
    if _may_be_range(s, pos, lang, number_here):
        rng = _read_range(s, pos, lang, about)
        if rng is not None:
            return rng
    hedge, at = "number", pos
    hedge_match = _match_table(s, pos, HEDGE_RX[lang], HEDGE_KINDS[lang])
    if hedge_match and around_as_structure(s, pos, s[pos:hedge_match.end], lang):
        return None  # "autour de trois axes": the number after it is read on its own
    if hedge_match and not _top_as_rank(s, pos, hedge_match, lang):
        hedge, at = hedge_match.entry, skip_quotes(s, skip_spaces(s, hedge_match.end))
        at = after_connecting_verb(s, at, s[pos:hedge_match.end], lang)
        if hedge == "number":  # "an estimated $2 billion to $5 billion" reads as the range it hedges
            rng = _read_range(s, at, lang, about)
            if rng is not None and rng.hedge == "range":
                return Figure(pos, rng.end, rng.interval, "range", s[pos:rng.end], rng.number, rng.unit_hint)
    number, currency = (number_here, None) if at == pos else _money(s, at, lang)
    if currency is None and at == pos and pos < len(s) and s[pos] in CURRENCY_SIGNS:
        currency = CURRENCY_SIGNS[s[pos]]
    share = _read_share(s, at, lang)
    if share and (number is None or number.end <= share.end):
        return _relative(s, pos, share.value, share.end, share.referent_at, hedge, about)
    ratio = read_ratio(s, at, lang)
    if ratio is not None:
        return _relative(s, pos, ratio.value, ratio.end, ratio.referent_at, hedge, about,
                         phrase=s[pos:at] + ratio.phrase)
    if number is None:
        return None  # "a quarter of a million", "un quart de million" were read as a number above
    return _written_for_loader(s, pos, _read_number(s, pos, number, hedge, currency, lang, about))


def _top_as_rank(s: str, pos: int, hedge: _TableMatch, lang: Lang) -> bool:
    """'the top 10' is a rank, not 'more than 10' ("could top $100 billion" is)."""
    if hedge.entry != "more" or s[pos:hedge.end].lower() != "top":
        return False
    before = WORD_RE.findall(s[max(0, pos - 30):pos])
    return not before or before[-1].lower() in DETERMINERS[lang] | {"a", "an"}


def _may_be_range(s: str, pos: int, lang: Lang, first: NumberMatch | None) -> bool:
    """Whether `scan_range` (running text) could find a range at pos: it needs a range word
    there, or a separator right after the number there. Asked first, because scanning a range
    reads the number again, and numbers in words are the dearest thing the extractor reads."""
    low = s[pos:pos + 8].lower()
    if any(low.startswith(start) for start, _ in RANGE_WORDS[lang]):
        return True
    return first is not None and any(s.startswith(sep, first.end) for sep in RANGE_SEPS[lang])


def _relative(s: str, pos: int, value: Fraction, end: int, referent_at: int, hedge: str, about: Fraction,
              phrase: str | None = None) -> Figure:
    """A share of another quantity; a word fraction or a ratio is exact unless a hedge comes with it."""
    if hedge == "number":
        interval = Interval(value, value)
    else:
        interval = hedged(hedge, value, value, value, about, None, None).interval
    return Figure(pos, end, interval, "relative", s[pos:end], referent_at=referent_at, relative_hedge=hedge,
                  value_phrase=phrase)


def _read_number(s: str, pos: int, number: NumberMatch, hedge: str, currency: str | None, lang: Lang,
                 about: Fraction) -> Figure | None:
    """A number, after its hedge: left out when it is not a figure; "and a half", a compound
    ("7.8-magnitude"), a hedge after it ("or more") and a currency sign after it join it."""
    half = _HALF_DURATION[lang].match(s, number.end)
    compound = None if half else _COMPOUND.match(s, number.end)
    post = postfix_hedge(s, number.end, lang) if hedge == "number" and not half and not compound else None
    if not plausible(s, number, lang, counted=bool(half or post or compound), compound=compound is not None):
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
    if compound is not None:
        return Figure(pos, compound.end(), interval, hedge, s[pos:compound.end()], number, unit,
                      noun_hint=compound.group(1).replace("-", " "), value_phrase=s[pos:number.end])
    if post is not None:  # "18 years and older", "60 ans ou plus"
        iv = hedged(post.kind, number.value, number.value, number.value, about, None, None).interval
        noun = post.unit_words.replace("d’", "").replace("d'", "") if post.unit_words else None
        return Figure(pos, post.end, iv, post.kind, s[pos:post.end], number, unit, noun_hint=noun,
                      value_phrase=f"{s[pos:number.end]} {post.words}")
    return _after_number(s, pos, number, hedge, unit, lang, interval)


def _after_number(s: str, pos: int, number: NumberMatch, hedge: str, unit: str | None, lang: Lang,
                  interval: Interval) -> Figure:
    """What may follow a number: a currency sign ("513 M€"); or, before a bare number, a word
    that qualifies it unread (review, and an interval that does not narrow)."""
    end, phrase = number.end, None
    after = currency_after(s, number.end) if unit is None else None
    if after is not None:
        unit, end = after[0], after[1]
        sign = next(k for k, v in CURRENCY_SIGNS.items() if v == unit)
        phrase = f"{s[pos:number.start]}{sign}{s[number.start:number.end]}"
    if hedge == "number":
        word = unread_qualifier(s, pos, lang, percent=number.percent)
        if word is not None:
            wide = Interval(Fraction(0), None) if number.value >= 0 else Interval(None, Fraction(0))
            return Figure(pos, end, wide, "unread", s[pos:end], number, unit,
                          value_phrase=_WIDE[lang][0 if number.value >= 0 else 1], review=word)
    return Figure(pos, end, interval, hedge, s[pos:end], number, unit, value_phrase=phrase)


def _read_range(s: str, pos: int, lang: Lang, about: Fraction) -> Figure | None:
    """A range in running text, read by the loader's own range grammar (`scan_range`); "from 8
    to 14" after a verb of change is two figures, and "between 1990 and 2010" none."""
    rng = scan_range(s, pos, lang, spaced=False)
    if rng is None:
        return None
    first, second = rng.first, rng.second
    between = s[first.end:second.start]
    if first.words and not between.strip(" $€£"):
        return None  # "three-four" and the like are not ranges in an article
    if year_range(s, rng) or dated(s, first, lang) or dated(s, second, lang):
        return None
    if rng.worded and change_before(s, pos, lang) and s[pos:pos + 1].lower() in ("f", "d"):
        return _change_start(s, rng, lang, about)
    if second.value < first.value or (not rng.worded and second.value == first.value):
        return None
    unit = "percent" if second.percent else CURRENCY_SIGNS.get(rng.currency or "") or rng.currency
    return Figure(pos, rng.end, Interval(rng.lo, second.value), "range", s[pos:rng.end], number=second,
                  unit_hint=unit)


def _change_start(s: str, rng: RangeMatch, lang: Lang, about: Fraction) -> Figure | None:
    """'rose from 8 to 14', 'passant de 32,4 à 34,2 milliards': the first figure of a change,
    with the scale of the second when it is written once for both."""
    first = rng.first
    factor = rng.lo / first.value if first.value else Fraction(1)
    number = NumberMatch(rng.lo, first.halfwidth * factor, first.start, first.end, first.words, first.percent)
    if not plausible(s, number, lang, counted=True):
        return None
    lo, hi = interval_of(number, "as-written", about)
    text = s[first.start:first.end]
    scale_word = re.search(r"[A-Za-zÀ-ÿ]+$", s[rng.second.start:rng.second.end])
    phrase = text if factor == 1 or scale_word is None else f"{text} {scale_word.group(0)}"
    return Figure(first.start, first.end, Interval(lo, hi), "number", text, number,
                  "percent" if first.percent or rng.second.percent else None, value_phrase=phrase)


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
            return _Share(value, end + len(connective.rstrip()), end + len(connective))
    if lang == "en" and value >= 1 and after.startswith(" "):
        return _Share(value, end, end + 1)
    return None
