"""Who says each figure: the speaker named by a reporting verb or an attribution.

"according to X", "selon X", "d'après X"; "X said", "X estimated that", "X a déclaré que";
"…, said X", "», a déclaré X". A pronoun ("he said", "a-t-elle déclaré") is the speaker named
last; a sentence that names no speaker takes the one named in an earlier sentence of its
paragraph, and a quotation that opens with no speaker takes the one named where it closes.
"""

from __future__ import annotations

import bisect
import re

from numcheck.extract.sentences import Sentence
from numcheck.extract.vocabulary import Lang, fold

__all__ = ["PRONOUN", "sentence_speakers", "speaker_in"]

PRONOUN = "\x00pronoun"  # the speaker is the one named last
_MAX_WORDS = 7

_EN_VERBS = ("said says say told tells estimated estimates estimate reported reports announced announces stated "
             "states claimed claims added adds noted notes warned warns wrote writes confirmed confirms suggested "
             "suggests suggest believes believe predicted predicts projected projects counted tallied explained")
_FR_VERBS = ("déclaré dit affirmé estimé indiqué annoncé précisé ajouté expliqué souligné rapporté assuré révélé "
             "confirmé averti écrit tweeté recensé chiffré dénombré compté mesuré signalé")
_FR_PRESENT = ("affirme affirment estime estiment indique indiquent annonce annoncent précise ajoute explique "
               "souligne rapporte rapportent assure suggère suggèrent révèle confirme écrit recense chiffre "
               "dénombre décompte signale")
_VERB = {
    "en": re.compile(r"(?<![\w-])(" + "|".join(_EN_VERBS.split()) + r")(?![\w-])", re.IGNORECASE),
    "fr": re.compile(r"(?<![\w-])((?:a|ont|avait|avaient|aurait|auraient)[  ]+(?:" + "|".join(_FR_VERBS.split())
                     + r")|(?:fait|font|a fait)[  ]+état|" + "|".join(_FR_PRESENT.split()) + r")(?![\w-])",
                     re.IGNORECASE),
}
_ACCORDING = {"en": re.compile(r"(?<![\w-])according[  ]+to[  ]+", re.IGNORECASE),
              "fr": re.compile(r"(?<![\w-])(?:selon|d['’]après)[  ]+(?!laquelle|lequel|lesquel|moi\b|nous\b|vous\b|"
                               r"eux\b|lui\b|elle\b|elles\b|toute\b|tout\b|les chiffres\b|un sondage\b)",
                               re.IGNORECASE)}
_INVERTED = {
    "en": re.compile(r"[,»”\"][  ]*(?:said|says|told|added|wrote|explained)[  ]+(?!that\b|on\b|in\b|at\b|the\s+"
                     r"(?:number|figure|toll|death|total)\b)", re.IGNORECASE),
    "fr": re.compile(r"[,»”\"][  ]*(?:a|ont)[  ]+(?:" + "|".join(_FR_VERBS.split()) + r")[  ]+(?!que\b|qu['’])",
                     re.IGNORECASE),
}
_PRONOUN_VERB = re.compile(r"(?<![\w-])(?:a|ont|avait)-t-(?:il|elle|ils|elles)[  ]+\w+|(?<![\w-])(?:he|she|they)[  ]+"
                           r"(?:said|says|told|added|wrote|estimated|estimates)(?![\w-])", re.IGNORECASE)
_STOP_BACK = set("that and but as while when which who because after since if than where whom whose so or "
                 "que qu qui et mais alors quand lorsque car dont où puisque comme tandis si".split())
_LEADING = {"en": set("the a an this these same".split()),
            "fr": set("le la les l un une des ces cette ce meme memes".split())}
_PRONOUNS = set("he she they il elle ils elles".split())
# a name ends before the day it spoke: "selon les données publiées dimanche", "said Smith on Monday"
_WHEN = set("lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui on monday tuesday wednesday "
            "thursday friday saturday sunday yesterday today lors".split())
_NOT_SPEAKERS = set("it we i you on nous je vous this that cela ça ceci there what which it's".split())
_NAME_END = re.compile(r"[,.;:!?()«»“”\"—–\[\]\n]")
# a blank line, or a line that ends a sentence before one that starts with a capital or a quote
_PARAGRAPH = re.compile(r"\n[ \t]*\n|(?<=[.!?»”\"])[ \t]*\n(?=[ \t]*[«“\"A-ZÀ-Ý])")


def _clean(words: list[str], lang: Lang) -> str | None:
    """A speaker's name from the words that name it: leading articles dropped, at most
    _MAX_WORDS words; None if what is left is no name (a pronoun, a number, nothing)."""
    while words and fold(words[0]).strip("'’") in _LEADING[lang]:
        words = words[1:]
    if words and re.match(r"^[lLdD]['’]\w", words[0]):
        words = [words[0][2:], *words[1:]]
    words = words[:_MAX_WORDS]
    if not words or any(re.search(r"\d", w) for w in words):
        return None
    if len(words) == 1 and fold(words[0]) in _PRONOUNS:
        return PRONOUN
    if len(words) == 1 and fold(words[0]) in _NOT_SPEAKERS:
        return None
    return " ".join(words)


def _after(s: str, at: int, lang: Lang) -> str | None:
    """The name that starts at `at` and runs to the next punctuation ("according to X, …")."""
    text = s[at:at + 160]
    m = _NAME_END.search(text)
    text = text[:m.start()] if m else text
    words: list[str] = []
    for w in text.split():
        if words and (fold(w) in _STOP_BACK or fold(w) in _WHEN):
            break
        words.append(w)
    return _clean(words, lang)


def _before(s: str, at: int, lang: Lang) -> str | None:
    """The name that ends at `at`, back to a punctuation mark or a conjunction ("X said")."""
    head = s[max(0, at - 160):at]
    ends = [m.end() for m in _NAME_END.finditer(head)]
    text = head[ends[-1]:] if ends else head
    words = text.split()
    kept: list[str] = []
    for w in reversed(words):
        if fold(w).strip("'’") in _STOP_BACK or fold(w).startswith(("qu'", "qu’")):
            break
        kept.insert(0, w)
    return _clean(kept[-_MAX_WORDS:], lang)


def speaker_in(s: str, lang: Lang) -> str | None:
    """The speaker a sentence names (PRONOUN for "he said" and the like), or None."""
    for m in _ACCORDING[lang].finditer(s):
        name = _after(s, m.end(), lang)
        if name:
            return name
    for m in _INVERTED[lang].finditer(s):
        name = _after(s, m.end(), lang)
        if name:
            return name
    if _PRONOUN_VERB.search(s):
        return PRONOUN
    for m in _VERB[lang].finditer(s):
        name = _before(s, m.start(), lang)
        if name:
            return name
    return None


def sentence_speakers(text: str, sentences: list[Sentence], lang: Lang) -> list[str | None]:
    """The speaker of each sentence: its own, else the one named earlier in its paragraph, else
    (for a quotation that opens with none) the one named later in its paragraph."""
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    paragraph = [bisect.bisect_right(breaks, sent.start) for sent in sentences]
    own: list[str | None] = []
    last_named: str | None = None
    for sent in sentences:
        found = speaker_in(sent.text, lang)
        if found == PRONOUN:
            found = last_named
        elif found:
            last_named = found
        own.append(found)
    out: list[str | None] = []
    for i, found in enumerate(own):
        if found is None and i and paragraph[i - 1] == paragraph[i]:
            found = out[i - 1]
        out.append(found)
    for i, sent in enumerate(sentences):
        if out[i] is None and sent.text[:1] in "«“\"":
            out[i] = next((own[j] for j in range(i + 1, len(sentences))
                           if paragraph[j] == paragraph[i] and own[j]), None)
    return out
