"""The thing a figure counts: the noun phrase after it, or the subject before a relative phrase.

The noun names the quantity ('soldats nord-coréens' → soldat_nord_coreen) and gives its unit;
a stop word or a French verb ends the phrase, which is at most three words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from numcheck.extract.figures import skip_spaces
from numcheck.extract.vocabulary import LINKING, STOP, STOP_FOLDED, WORD_RE, Lang, fold

__all__ = ["NounPhrase", "noun_after", "predicate_after", "subject_before"]

# an article is a word of its own: "aircraft" and "ans" start with one, and must keep it
_ARTICLE = {"en": re.compile(r"(?:the|an|a)\s+(?=\w)", re.IGNORECASE),
            "fr": re.compile(r"(?:les|le|la)\s+(?=\w)|l['’](?=\w)", re.IGNORECASE)}
_SKIP = {"en": ("of ",), "fr": ("de ", "d'", "des ")}
_NOT_SUBJECT = {"nombre", "number", "total"}
_MAX_WORDS = 3
# "… soldiers have been killed", "… soldats russes ont été tués": the predicate after the noun
_AUXILIARIES = {"en": "have|has|had|were|was|are|is|be|been|being|got|reportedly|also|now|already|all|since",
                "fr": "ont|a|avaient|avait|sont|est|été|auraient|seraient|étaient|déjà|aussi|également|tous|toutes"}
_PREDICATE = {
    lang: re.compile(r"[  ]+(?:(?:" + aux + r")[  ]+){0,3}([A-Za-zÀ-ÿ]+)(?![\w'’-])", re.IGNORECASE)
    for lang, aux in _AUXILIARIES.items()
}
_LONGEST_WORD = 40  # a longer "word" is a paste or a code, not the noun a figure counts
_SUBJECT_CHARS = 200  # a relative phrase's subject is in the few words just before it


@dataclass(frozen=True)
class NounPhrase:
    """The counted noun after a figure (None when there is none) and its span in the sentence."""

    text: str | None
    start: int
    end: int


def noun_after(s: str, pos: int, lang: Lang) -> NounPhrase:
    """The counted thing after a figure: 'soldats nord-coréens', 'Russian soldiers killed'."""
    at = skip_spaces(s, pos)
    low = s[at:at + 8].lower().replace("’", "'")
    for skip in _SKIP[lang]:
        if low.startswith(skip):
            at = skip_spaces(s, at + len(skip))
            break
    article = _ARTICLE[lang].match(s, at)
    if article:
        at = article.end()
    words: list[str] = []
    start = end = cursor = at
    while len(words) < _MAX_WORDS:
        m = WORD_RE.match(s, cursor)  # the next word must follow at once: match, never search on
        if m is None:
            break
        w = m.group(0).rstrip("'’")
        if len(w) > _LONGEST_WORD or fold(w) in STOP_FOLDED[lang] or w.lower() in STOP[lang]:
            break
        if lang == "fr" and words and fold(w).endswith(("ait", "aient", "ont", "ent")) and len(w) > 5:
            break  # a verb: "les soldats combattaient"
        words.append(w)
        end = m.start() + len(w)
        cursor = skip_spaces(s, end)
    if not words:
        return NounPhrase(None, at, at)
    return NounPhrase(" ".join(words), start, end)


def subject_before(s: str, pos: int, lang: Lang) -> str | None:
    """The thing a relative phrase is about: 'le nombre de victimes ukrainiennes représente …'."""
    head = s[max(0, pos - _SUBJECT_CHARS):pos].rstrip()
    low = head.lower()
    for verb in sorted(LINKING[lang], key=len, reverse=True):
        if low.endswith(" " + verb):
            head = head[: -len(verb)].rstrip()
            break
    else:
        return None
    words = WORD_RE.findall(head)[-4:]
    content = [w for w in words if w.lower() not in STOP[lang] and fold(w) not in _NOT_SUBJECT]
    return " ".join(content[-2:]) or None


def predicate_after(s: str, end: int, lang: Lang) -> str | None:
    """The participle that says what happened to the counted thing, after its noun phrase:
    'killed' in "115,000 Russian soldiers have been killed", 'tués' in "… ont été tués"."""
    m = _PREDICATE[lang].match(s, end)
    if m is None:
        return None
    word = m.group(1)
    return word if fold(word) in _PREDICATES[lang] else None


_PREDICATES = {
    "en": set("killed wounded injured dead missing displaced evacuated arrested rescued detained hospitalized "
              "hospitalised infected affected destroyed damaged died hurt".split()),
    "fr": {fold(w) for w in ("tués tuées tué blessés blessées blessé morts mortes disparus disparues déplacés "
                             "évacués arrêtés interpellés secourus détruits endommagés incendiés hospitalisés "
                             "infectés vaccinés").split()},
}
