"""Extraction: find the figures in an article, each a `Mention` with its interval and quantity.

Number parsers read "12 000" but not "jusqu'à", and they know nothing of the thing counted; so
the structure is ours: candidates are found with one regular expression, each is read with the
value-phrase code of the read stage (`figures`), what is not a figure is left out (`filters`),
and the noun phrase after a figure names its quantity (`nouns`). Drafting is in `draft`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from numcheck.errors import InputError
from numcheck.extract.draft import draft_claims
from numcheck.extract.figures import CANDIDATES, Figure, read_figure
from numcheck.extract.nouns import NounPhrase, noun_after, subject_before
from numcheck.extract.sentences import Sentence, detect_language, split_sentences
from numcheck.extract.values import interval_phrase, normalise_value
from numcheck.extract.vocabulary import Lang, snake, unit_of
from numcheck.model import Interval

__all__ = ["MAX_CHARS", "Mention", "detect_language", "draft_claims", "extract_mentions"]

MAX_CHARS = 5_000_000  # a long book; more is not an article


@dataclass(frozen=True)
class Mention:
    """One figure found in the text, with its exact interval (as the value-phrase table reads it)."""

    text: str
    start: int
    end: int
    interval: Interval
    unit: str | None
    noun: str | None
    quantity: str
    hedge: str
    sentence: str
    sentence_start: int
    value: str  # the phrase to write in a claims file (same language as the article)
    relative_to: str | None = None
    review: bool = False

    @property
    def min(self) -> Fraction | None:
        return self.interval.lo

    @property
    def max(self) -> Fraction | None:
        return self.interval.hi

    @property
    def min_open(self) -> bool:
        return self.interval.lo_open

    @property
    def max_open(self) -> bool:
        return self.interval.hi_open

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of `numcheck extract --format json` (a stable shape for other tools)."""
        return {"text": self.text, "start": self.start, "end": self.end, "min": _json_number(self.min),
                "max": _json_number(self.max), "min_open": self.min_open, "max_open": self.max_open,
                "unit": self.unit, "noun": self.noun, "quantity": self.quantity, "hedge": self.hedge,
                "sentence": self.sentence, "relative_to": self.relative_to, "value": self.value}


def _json_number(x: Fraction | None) -> Any:
    """An int when whole, a float when the decimal is exact, else the fraction's text ('1/3')."""
    if x is None:
        return None
    return x.numerator if x.denominator == 1 else float(x) if _terminates(x) else str(x)


def _terminates(x: Fraction) -> bool:
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


@dataclass
class _Names:
    """The quantity names given so far in one article, so that a name means one thing."""

    taken: set[str] = field(default_factory=set)
    counter: int = 0  # mentions so far; numbers the figures that count nothing named

    def same(self, name: str) -> str:
        """The name itself: every mention of it is the same quantity."""
        self.taken.add(name)
        return name

    def fresh(self, base: str) -> str:
        """A name not given before: base, base_2, base_3, …"""
        name, k = base, 1
        while name in self.taken:
            k += 1
            name = f"{base}_{k}"
        self.taken.add(name)
        return name


@dataclass(frozen=True)
class _Naming:
    """What a mention is of: its quantity, the one it is relative to, and the unit they count."""

    quantity: str
    relative_to: str | None = None
    unit: str | None = None


def extract_mentions(text: str, lang: Lang | Literal["auto"] = "auto", *,
                     about: Fraction = Fraction(1, 10)) -> list[Mention]:
    """Every figure of an article, in order; offsets slice `text` to each mention's `text`."""
    if len(text) > MAX_CHARS:
        raise InputError(f"the text has {len(text):,} characters; extraction reads at most {MAX_CHARS:,}")
    language: Lang = detect_language(text) if lang == "auto" else lang
    names = _Names()
    mentions: list[Mention] = []
    for sentence in split_sentences(text):
        mentions.extend(_sentence_mentions(text, sentence, language, about, names))
    return mentions


def _sentence_mentions(text: str, sentence: Sentence, lang: Lang, about: Fraction,
                       names: _Names) -> Iterator[Mention]:
    """The mentions of one sentence, left to right; a figure's text is not read again."""
    s = sentence.text
    pos = 0
    for cand in CANDIDATES[lang].finditer(s):
        if cand.start() < pos:
            continue
        try:
            figure = read_figure(s, cand.start(), lang, about)
        except (ValueError, ZeroDivisionError, ArithmeticError):
            figure = None  # a number the read stage cannot hold (thousands of digits) is no figure
        if figure is None:
            continue
        if figure.duration_noun is not None:
            noun = NounPhrase(figure.duration_noun, figure.end, figure.end)
        else:
            noun = noun_after(s, figure.end if figure.referent_at is None else figure.referent_at, lang)
        pos = max(figure.end, noun.end) if figure.hedge == "relative" else figure.end
        yield _mention(text, sentence, figure, noun, lang, names)


def _mention(text: str, sentence: Sentence, figure: Figure, noun: NounPhrase, lang: Lang,
             names: _Names) -> Mention:
    """The mention of one figure: its quantity named from its noun, its value phrase to write."""
    unit = figure.unit_hint or unit_of(noun.text)
    value = normalise_value(figure.value, lang)
    end = figure.end
    if figure.hedge == "relative":
        naming = _name_relative(sentence.text, figure, noun, lang, names)
        unit = unit or naming.unit
        value = f"{value} {'de' if lang == 'fr' else 'of'} {naming.relative_to}"
        end = noun.end if noun.text else figure.end
    elif figure.duration_noun is not None:  # a duration with a half: write the interval itself
        naming = _Naming(names.same(f"duration_{unit}"))
        value = interval_phrase(figure.interval, lang)
    else:
        naming = _Naming(_name_counted(noun.text, names))
    names.counter += 1
    start = sentence.start + figure.start
    return Mention(text=text[start:sentence.start + end], start=start, end=sentence.start + end,
                   interval=figure.interval, unit=unit, noun=noun.text, quantity=naming.quantity,
                   hedge=figure.relative_hedge if figure.relative_hedge is not None else figure.hedge,
                   sentence=sentence.text.strip(), sentence_start=sentence.start, value=value,
                   relative_to=naming.relative_to, review=figure.hedge == "relative")


def _name_counted(noun: str | None, names: _Names) -> str:
    """A specific phrase ('soldats nord-coréens') names the same thing each time; a bare noun
    ('soldats') may count different things, so each gets its own name; no noun, a number."""
    if noun and len(snake(noun).split("_")) >= 2:
        return names.same(snake(noun))
    if noun:
        return names.fresh(snake(noun))
    names.counter += 1
    return names.same(f"figure_{names.counter}")


def _name_relative(s: str, figure: Figure, noun: NounPhrase, lang: Lang, names: _Names) -> _Naming:
    """A share names two quantities: its referent (the noun after it) and its subject (the
    noun before a linking verb), or a fresh 'share_of_…' when there is no subject."""
    referent = snake(noun.text) if noun.text else f"referent_{names.counter + 1}"
    subject = subject_before(s, figure.start, lang)
    relative_to = names.same(referent)
    quantity = names.same(snake(subject)) if subject else names.fresh(f"share_of_{referent}")
    return _Naming(quantity, relative_to, unit_of(subject))
