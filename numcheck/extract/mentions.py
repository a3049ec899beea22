"""Extraction: find the figures in an article, each a `Mention` with its interval and quantity.

Number parsers read "12 000" but not "jusqu'à", and they know nothing of the thing counted; so
the structure is ours: candidates are found with one regular expression, each is read with the
value-phrase code of the read stage (`figures`), what is not a figure is left out (`filters`),
and the noun phrase after a figure names its quantity (`nouns`). Drafting is in `draft`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from numcheck.errors import InputError
from numcheck.extract.datephrases import DatePhrase, date_phrases, nearest_phrase
from numcheck.extract.draft import draft_claims
from numcheck.extract.figures import CANDIDATES, Figure, read_figure
from numcheck.extract.filters import phone_spans
from numcheck.extract.naming import Names, Naming, Subject, counted_name, relative_name
from numcheck.extract.nouns import NounPhrase, noun_after, predicate_after, subject_before
from numcheck.extract.rates import rate_after
from numcheck.extract.sentences import Sentence, context, detect_language, split_sentences
from numcheck.extract.speakers import sentence_speakers
from numcheck.extract.values import interval_phrase, normalise_value
from numcheck.extract.vocabulary import Lang, unit_of
from numcheck.model import Interval
from numcheck.read.numbers import scan_number

__all__ = ["MAX_CHARS", "Mention", "detect_language", "draft_claims", "extract_mentions"]

MAX_CHARS = 5_000_000  # a long book; more is not an article
_LONGEST_FIGURE = 200  # characters: "between two hundred and fifty thousand and …" is far shorter
_FIGURE_WORDS = 14  # "more than two hundred and fifty-three thousand four hundred and twelve" has 11
_BEHIND, _AHEAD = 200, _LONGEST_FIGURE + 200  # the window a candidate is read in (see _Window)
_NUMBER_RUN = re.compile(r"[-−$€£]?[\d\s,.]+")
_WORDS = re.compile(r"(?:\s*\S+){0,%d}" % _FIGURE_WORDS)  # noqa: UP031 (a regex's braces)


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
    sentence: str  # the figure with a few words either side, cut at a word ('…' where cut)
    sentence_start: int
    line: int  # the line of the article the sentence starts on (1-based)
    value: str  # the phrase to write in a claims file (same language as the article)
    relative_to: str | None = None
    review: bool = False
    speaker: str | None = None  # who says it, as the article names them ("US officials")
    about: str | None = None  # what the quantity counts, as the article says it
    note: str | None = None  # why a human must look at it (with review)
    rate: str | None = None  # a pace ("about 1,200 a day"): the unit of time it is per
    date_phrase: DatePhrase | None = None  # the date phrase of its sentence nearest to it, if any

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
                "sentence": self.sentence, "relative_to": self.relative_to, "value": self.value,
                "speaker": self.speaker, "review": self.review, "note": self.note, "rate": self.rate,
                "date_phrase": self.date_phrase.text if self.date_phrase is not None else None}


def _json_number(x: Fraction | None) -> Any:
    """An int when whole, a float when the decimal is exact, else the fraction's text ('1/3')."""
    if x is None:
        return None
    return x.numerator if x.denominator == 1 else float(x) if _terminates(x) else str(x)


def _terminates(x: Fraction) -> bool:
    """Whether x has a finite decimal (so a float prints it without loss of meaning)."""
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def extract_mentions(text: str, lang: Lang | Literal["auto"] = "auto", *,
                     about: Fraction = Fraction(1, 10)) -> list[Mention]:
    """Every figure of an article, in order; offsets slice `text` to each mention's `text`.

    The work is linear in the text: each candidate is read on a bounded window of its sentence,
    and a mention keeps a window of words around its figure, not its sentence."""
    if len(text) > MAX_CHARS:
        raise InputError(f"the text has {len(text):,} characters; extraction reads at most {MAX_CHARS:,}")
    language: Lang = detect_language(text) if lang == "auto" else lang
    names = Names()
    mentions: list[Mention] = []
    sentences = split_sentences(text)
    for sentence, speaker in zip(sentences, sentence_speakers(text, sentences, language)):
        mentions.extend(_sentence_mentions(text, sentence, language, about, names, speaker))
    return mentions


@dataclass(frozen=True)
class _Window:
    """The part of a sentence a candidate is read in: from a little before it (for the words that
    rule a number out, and a relative phrase's subject) to a little after (for its noun). The
    figure itself is read on a shorter text, its first _FIGURE_WORDS words: the read stage
    tries every run of number words it meets, and a paste of "one one one …" must not make
    each candidate dearer."""

    text: str
    start: int  # offset of `text` in the sentence
    figure_text: str  # text up to the end of the figure's last possible word
    figure_cut: bool  # whether the sentence goes on after figure_text

    @staticmethod
    def around(s: str, pos: int) -> _Window:
        """The window of sentence s for a candidate at pos (a few hundred characters, copied)."""
        start = max(0, pos - _BEHIND)
        text = s[start:pos + _AHEAD]
        words = _WORDS.match(text, pos - start)
        figure_end = words.end() if words else len(text)
        cut = figure_end < len(text) or pos + _AHEAD < len(s)
        return _Window(text, start, text[:figure_end], cut)


@dataclass(frozen=True)
class _Read:
    """A figure and the noun it counts, read in one window (offsets into the window)."""

    window: _Window
    figure: Figure
    noun: NounPhrase


@dataclass(frozen=True)
class _TooLong:
    """A figure that runs on past anything a source writes: a paste of digits, not a figure.
    Reading resumes after its whole run of digits and separators, since a candidate inside the
    run would read the run's tail as a figure."""


def _sentence_mentions(text: str, sentence: Sentence, lang: Lang, about: Fraction,
                       names: Names, speaker: str | None) -> Iterator[Mention]:
    """The mentions of one sentence, left to right; a figure's text is not read again. A figure
    that names only a predicate ("up to half a million wounded") takes the subject before it."""
    s = sentence.text
    pos = 0
    subject: Subject | None = None
    phones = phone_spans(s)
    phrases: list[DatePhrase] | None = None  # read once, at the sentence's first candidate
    for cand in CANDIDATES[lang].finditer(s):
        if cand.start() < pos or any(a <= cand.start() < b for a, b in phones):
            continue
        phrases = date_phrases(s, lang) if phrases is None else phrases
        if any(p.kind != "past" and p.start <= cand.start() < p.end for p in phrases):
            continue  # "from 1 to 15 August" is a date, no range ("the past 24 hours" keeps its figure)
        read = _read(_Window.around(s, cand.start()), cand.start(), lang, about)
        if isinstance(read, _TooLong):
            run = _NUMBER_RUN.match(s, cand.start())
            pos = run.end() if run else cand.end()
        if read is None and s[cand.start()].isdigit():
            number = scan_number(s, cand.start(), lang)  # a number that is no figure is skipped whole
            pos = number.end if number is not None else pos
        if not isinstance(read, _Read):
            continue
        figure, noun = read.figure, read.noun
        pos = read.window.start + (max(figure.end, noun.end) if figure.hedge == "relative" else figure.end)
        mention, naming = _mention(text, sentence, read, lang, names, subject, speaker)
        subject = naming.subject or subject
        yield _timed(mention, read, lang, phrases, sentence.start)


def _timed(mention: Mention, read: _Read, lang: Lang, phrases: list[DatePhrase], offset: int) -> Mention:
    """The mention with its pace ("about 1,200 soldiers a day") and the date phrase of its
    sentence nearest to it; the article's date turns them into as_of or a period in the draft."""
    figure, noun = read.figure, read.noun
    rate = None
    if figure.hedge not in ("relative", "unread") and figure.duration_noun is None and \
            not (figure.number is not None and figure.number.percent):
        found = rate_after(read.window.text, noun.end if noun.text else figure.end, lang)
        rate = found.unit if found is not None else None
    phrase = nearest_phrase(phrases, mention.start - offset, mention.end - offset)
    return dataclasses.replace(mention, rate=rate, date_phrase=phrase) if rate or phrase else mention


def _read(window: _Window, pos: int, lang: Lang, about: Fraction) -> _Read | _TooLong | None:
    """The figure at sentence offset pos and its noun, or None when no figure starts there.
    A figure longer than any a source writes is none (`_TooLong`): reading it to its end would
    make the work of each candidate grow with the length of the paste."""
    at = pos - window.start
    try:
        figure = read_figure(window.figure_text, at, lang, about)
    except (ValueError, ZeroDivisionError, ArithmeticError):
        figure = None  # a number the read stage cannot hold is no figure
    if figure is None:
        return None
    if figure.end - figure.start > _LONGEST_FIGURE or (window.figure_cut and figure.end >= len(window.figure_text)):
        return _TooLong()
    if figure.duration_noun is not None:
        noun = NounPhrase(figure.duration_noun, figure.end, figure.end)
    elif figure.noun_hint is not None:
        noun = NounPhrase(figure.noun_hint, figure.end, figure.end)
    else:
        noun = noun_after(window.text, figure.end if figure.referent_at is None else figure.referent_at, lang)
    return _Read(window, figure, noun)


def _mention(text: str, sentence: Sentence, read: _Read, lang: Lang, names: Names, subject: Subject | None,
             speaker: str | None) -> tuple[Mention, Naming]:
    """The mention of one figure: its quantity named from its noun, its value phrase to write."""
    figure, noun = read.figure, read.noun
    unit = figure.unit_hint or unit_of(noun.text)
    value = normalise_value(figure.value_phrase or figure.value, lang)
    end = figure.end
    if figure.hedge == "relative":
        naming = relative_name(noun.text, subject_before(read.window.text, figure.start, lang), lang, names)
        unit = unit or naming.unit
        connective = "de" if lang == "fr" else "of"
        value = f"{value} {naming.relative_to}" if value.endswith(" " + connective) else \
            f"{value} {connective} {naming.relative_to}"
        end = max(figure.end, noun.end) if noun.text else figure.end
    elif figure.duration_noun is not None:  # a duration with a half: write the interval itself
        naming = Naming(names.same(f"duration_{unit}"), about=figure.duration_noun)
        value = interval_phrase(figure.interval, lang)
    else:
        predicate = predicate_after(read.window.text, noun.end, lang) if noun.text else None
        naming = counted_name(noun.text, predicate, subject, lang, names, unit)
        unit = figure.unit_hint or naming.unit or unit
    names.counter += 1
    local_start, local_end = read.window.start + figure.start, read.window.start + end
    start = sentence.start + local_start
    note = _note(figure, lang)
    mention = Mention(text=text[start:sentence.start + local_end], start=start, end=sentence.start + local_end,
                      interval=figure.interval, unit=unit, noun=noun.text, quantity=naming.quantity,
                      hedge=figure.relative_hedge if figure.relative_hedge is not None else figure.hedge,
                      sentence=context(sentence.text, local_start, local_end), sentence_start=sentence.start,
                      line=sentence.line, value=value, relative_to=naming.relative_to,
                      review=figure.hedge == "relative" or figure.review is not None, speaker=speaker,
                      about=naming.about, note=note)
    return mention, naming


def _note(figure: Figure, lang: Lang) -> str | None:
    """Why a drafted claim needs a human: a relation read from a relative phrase, or a word next
    to the number that the grammar does not read (then the value is widened, never narrowed)."""
    if figure.review is not None:
        return (f"'{figure.review}' qualifies the figure '{figure.value}' and is not read: write its value "
                "(drafted as no bound, never as the bare number)")
    if figure.hedge == "relative":
        return "relation drafted from a relative phrase: check what it relates"
    return None
