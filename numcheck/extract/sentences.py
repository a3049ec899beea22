"""Sentences, lines and language: where the extractor reads a figure's context from.

A figure's noun and the subject of a relative phrase never cross a sentence end, so the article
is cut into sentences first; the language decides which word lists and grammar apply. What a
mention shows of its sentence is a window of words around the figure, never the whole sentence:
a sentence may be a 200,000-character paste with no full stop, and a copy of it per mention
would make the output grow with the square of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from numcheck.extract.vocabulary import Lang

__all__ = ["CONTEXT_WORDS", "LineCounter", "Sentence", "context", "detect_language", "split_sentences"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”’)\]]*\s+(?=[«\"“(\[]?\s?[A-ZÀ-Ý0-9])|\n\s*\n|\n(?=\s*[-•*])")
_NOT_SPACE = re.compile(r"\S")
_FR_WORDS = {"le", "la", "les", "des", "est", "une", "que", "qui", "dans", "pour", "pas", "du", "et", "sont"}
_EN_WORDS = {"the", "of", "and", "is", "are", "was", "that", "which", "for", "with", "to", "in", "were"}

# a full stop after one of these does not end a sentence: "Oct. 24", "Gov. Rick Scott", "No. 10"
_ABBREVIATIONS = set("jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gov sen rep gen lt col "
                     "capt sgt prof vs no nos fig approx est inc corp co jr sr mt ft av ave bd gén mm mme mlle".split())
_LAST_WORD = re.compile(r"(?<![\w.])([A-Za-zé]+)\.$")

CONTEXT_WORDS = 7  # words shown on each side of a figure
_CONTEXT_CHARS = 90  # and at most this many characters on each side, for text without spaces
_CUT = "…"


def detect_language(text: str) -> Lang:
    """French or English, by counting a few very common words of each (in the first 20,000
    characters: enough to decide, and bounded on a long text)."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text[:20000].lower())
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, without the spaces around it: its text, where that text
    starts in the article, and the line it starts on."""

    text: str
    start: int
    line: int  # 1-based line in the article


class LineCounter:
    """The 1-based line of an offset. Each question counts the newlines between the offset and
    the one asked before, so offsets asked in order cost one pass over the text in all."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def line_at(self, offset: int) -> int:
        """The 1-based line of the character at `offset`."""
        if offset < self._offset:
            self._line -= self._text.count("\n", offset, self._offset)
        else:
            self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def _abbreviation_before(text: str, at: int) -> bool:
    """Whether the full stop before `at` ends an abbreviation ("Oct. 24", "Gov. Scott", "no. 5")."""
    m = _LAST_WORD.search(text, max(0, at - 12), at)
    return m is not None and m.group(1).lower() in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """The non-blank sentences of a text, in order; each `text` is the article's slice at `start`."""
    lines = LineCounter(text)
    out: list[Sentence] = []
    pos = 0
    ends = [m.span() for m in _SENTENCE_END.finditer(text)
            if text[m.start() - 1:m.start()] != "." or not _abbreviation_before(text, m.start())]
    ends.append((len(text), len(text)))
    for stop, after in ends:
        chunk = text[pos:stop]
        body = chunk.strip()
        if body:
            start = pos + len(chunk) - len(chunk.lstrip())
            out.append(Sentence(body, start, lines.line_at(start)))
        pos = after
    return out


def context(s: str, start: int, end: int) -> str:
    """The figure s[start:end] of a sentence with up to CONTEXT_WORDS words on each side, cut at
    a word, on one line; '…' marks where the sentence goes on. s has no spaces at either end.
    Reads a bounded slice of s, however long the sentence is."""
    left_from = max(0, start - _CONTEXT_CHARS)
    left = s[left_from:start].split()
    if len(left) > 1 and left_from > 0 and not s[left_from - 1].isspace() and not s[left_from].isspace():
        left = left[1:]  # the slice began inside a word
    right_to = min(len(s), end + _CONTEXT_CHARS)
    right = s[end:right_to].split()
    if len(right) > 1 and right_to < len(s) and not s[right_to - 1].isspace() and not s[right_to].isspace():
        right = right[:-1]  # the slice ended inside a word
    shown_left, shown_right = left[-CONTEXT_WORDS:], right[:CONTEXT_WORDS]
    figure = " ".join(s[start:end].split())
    glue_left = "" if start > 0 and not s[start - 1].isspace() else " "
    glue_right = "" if end < len(s) and not s[end].isspace() else " "
    text = " ".join(shown_left) + glue_left + figure + glue_right + " ".join(shown_right)
    if len(shown_left) < len(left) or left_from > 0:
        text = _CUT + " " + text.lstrip()
    if len(shown_right) < len(right) or right_to < len(s):
        text = text.rstrip() + " " + _CUT
    return text.strip()
