"""What stands around a number and changes what it says: a hedge written after it ("18 or more",
"60 ans ou plus"), a verb between a hedge and the number ("presque atteint les 5,5 millions"), a
change ("rose from 8 to 14", which is no range), and a word that qualifies the number without the
grammar reading it ("barely 3 %"), which the draft must flag rather than narrow.

The hedges themselves are the read stage's (`POSTFIX_HEDGES`, `HEDGE_KINDS`): a draft's value
phrase reads back to the interval that extraction found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from numcheck.extract.vocabulary import (
    AROUND,
    AROUND_AS_STRUCTURE,
    CHANGE_VERBS,
    CONNECTING_VERBS,
    QUALIFIERS,
    WORD_RE,
    Lang,
    fold,
)
from numcheck.read.vocabulary import CURRENCY_SIGNS, POSTFIX_HEDGES

__all__ = ["Postfix", "after_connecting_verb", "around_as_structure", "change_before", "currency_after",
           "postfix_hedge", "skip_quotes", "unread_qualifier"]

_UNIT_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’]*"
# after the number: at most two words of unit ("years", "ans", "d'euros"), then the hedge, which
# must not open a phrase of its own ("et plus de 5 000", "and over 50 wounded", "and up to")
_POSTFIX = {
    lang: re.compile(r"((?:[  ]+" + _UNIT_WORD + r"){0,2}?)[  ]+("
                     + "|".join(re.escape(w) for w, _ in sorted(rows, key=lambda r: -len(r[0])))
                     + r")(?![\w])(?![  ]*(?:de\b|d['’]|des\b|than\b|of\b|to\b|\d|[$€£]))", re.IGNORECASE)
    for lang, rows in POSTFIX_HEDGES.items()
}
_POSTFIX_KINDS = {lang: dict(rows) for lang, rows in POSTFIX_HEDGES.items()}
_QUOTES = "«»“”\"‘"
_ARTICLES = {"en": ("the ",), "fr": ("les ", "la ", "le ", "l'", "l’")}
_ADVERB_HEDGES = {"en": {"nearly", "almost", "about", "around", "roughly"},
                  "fr": {"presque", "quasiment", "environ", "quasi"}}
_SKIPPED_BEFORE = {"the", "a", "an", "le", "la", "les", "l", "de", "d", "des", "du", "of"}
_CONNECTING_FOLDED = {lang: {fold(w) for w in words} for lang, words in CONNECTING_VERBS.items()}


@dataclass(frozen=True)
class Postfix:
    """A hedge written after the number: its kind, the unit words before it, and where it ends."""

    kind: str
    words: str  # the hedge as written ("or more")
    unit_words: str | None  # "years" in "18 years and older"
    end: int


def postfix_hedge(s: str, end: int, lang: Lang) -> Postfix | None:
    """The hedge written after a number that ends at `end`, if there is one."""
    m = _POSTFIX[lang].match(s, end)
    if m is None:
        return None
    unit = m.group(1).strip() or None
    return Postfix(_POSTFIX_KINDS[lang][m.group(2).lower()], m.group(2), unit, m.end())


def skip_quotes(s: str, pos: int) -> int:
    """After a hedge, a quotation mark may stand before the number: jusqu'à « 100 »."""
    at = pos
    while at < len(s) and (s[at] in _QUOTES or s[at] in "  \u202f"):
        at += 1
    return at if at < len(s) and (s[at].isdigit() or s[at] in CURRENCY_SIGNS) else pos


def after_connecting_verb(s: str, pos: int, hedge_words: str, lang: Lang) -> int:
    """After an adverb hedge ("presque", "nearly"), a verb and an article may come before the
    number: "presque atteint les 5,5 millions". Where the number starts, or pos."""
    if fold(hedge_words.strip()) not in _ADVERB_HEDGES[lang]:
        return pos
    m = WORD_RE.match(s, pos)
    if m is None or fold(m.group(0)) not in _CONNECTING_FOLDED[lang]:
        return pos
    at = m.end()
    while at < len(s) and s[at] == " ":
        at += 1
    for article in _ARTICLES[lang]:
        if s[at:at + len(article)].lower() == article:
            at += len(article)
            break
    return at if at < len(s) and (s[at].isdigit() or s[at] in CURRENCY_SIGNS) else pos


def change_before(s: str, pos: int, lang: Lang) -> bool:
    """Whether the 'from'/'de' at pos follows a verb of change ("rose from", "passant de"),
    within the three words before it: then "from a to b" is a change, not a range."""
    words = WORD_RE.findall(s[max(0, pos - 60):pos])[-3:]
    return any(w.lower() in CHANGE_VERBS[lang] for w in words)


def currency_after(s: str, end: int) -> tuple[str, int] | None:
    """A currency sign written after the number ("20 €", "513 M€"): its code and where it ends."""
    at = end + 1 if end < len(s) and s[end] in "  \u202f" else end
    if at < len(s) and s[at] in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[s[at]], at + 1
    return None


def unread_qualifier(s: str, start: int, lang: Lang, *, percent: bool) -> str | None:
    """The word right before a figure (articles and quotation marks skipped) when it qualifies the
    number and the grammar did not read it: "barely 3 %", "quasi 200". "plus 11 %" is a sign."""
    tokens: list[str] = re.findall(r"[^\s«»“”\"]+", s[max(0, start - 60):start])
    while tokens and fold(tokens[-1]).strip("'’") in _SKIPPED_BEFORE:
        tokens.pop()
    if not tokens:
        return None
    word = fold(tokens[-1])
    if not tokens[-1][-1].isalpha() and word not in _QUALIFIERS_FOLDED[lang]:
        return None  # a comma or a bracket between the word and the number (an abbreviation's "." is kept)
    if word in _QUALIFIERS_FOLDED[lang]:
        return tokens[-1]
    if lang == "fr" and word in ("plus", "moins") and not percent:
        return tokens[-1]
    return None


_QUALIFIERS_FOLDED = {lang: {fold(q) for q in words} for lang, words in QUALIFIERS.items()}


def around_as_structure(s: str, pos: int, hedge_words: str, lang: Lang) -> bool:
    """Whether the 'around' / 'autour de' at pos says what something is built on ("articulée
    autour de trois axes", "built around three pillars"), so that the number after it is exact."""
    if fold(hedge_words.strip()).replace("’", "'") not in AROUND[lang]:
        return False
    before = WORD_RE.findall(s[max(0, pos - 40):pos])
    if not before:
        return False
    word = fold(before[-1]).replace("’", "'")
    return word.split("'")[-1] in AROUND_AS_STRUCTURE[lang]
