"""Sentences and language: the units the extractor reads a figure's context from.

A figure's noun and the subject of a relative phrase never cross a sentence end, so the article
is cut into sentences first; the language decides which word lists and grammar apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from numcheck.extract.vocabulary import Lang

__all__ = ["Sentence", "detect_language", "split_sentences"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”’)\]]*\s+(?=[«\"“(\[]?\s?[A-ZÀ-Ý0-9])|\n\s*\n|\n(?=\s*[-•*])")
_FR_WORDS = {"le", "la", "les", "des", "est", "une", "que", "qui", "dans", "pour", "pas", "du", "et", "sont"}
_EN_WORDS = {"the", "of", "and", "is", "are", "was", "that", "which", "for", "with", "to", "in", "were"}


def detect_language(text: str) -> Lang:
    """French or English, by counting a few very common words of each (in the first 20,000
    characters: enough to decide, and bounded on a long text)."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text[:20000].lower())
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its text and where it starts in the article."""

    text: str
    start: int


def split_sentences(text: str) -> list[Sentence]:
    """The non-blank sentences of a text, in order; each `text` is the article's slice at `start`."""
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(Sentence(text[pos:m.start()], pos))
        pos = m.end()
    out.append(Sentence(text[pos:], pos))
    return [s for s in out if s.text.strip()]
