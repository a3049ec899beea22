"""Quantity names: what a figure counts, in English snake case, subject and predicate.

"115,000 Russian soldiers killed" → russian_soldiers_killed; "plus de 115 000 soldats russes ont
été tués" → russian_soldiers_killed; "up to half a million wounded", after it in the same
sentence, → russian_soldiers_wounded (the subject carried over). A specific phrase names the
same quantity each time it is met; a bare noun ("soldiers") may count different things and gets
a name of its own each time. `about` is the phrase the name was made from, as the article has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from numcheck.extract.english import ADJECTIVE, NOUN, PARTICIPLE, english_words
from numcheck.extract.vocabulary import Lang, fold, unit_of
from numcheck.read.units import CURRENCIES

__all__ = ["Names", "Naming", "Subject", "counted_name", "relative_name"]

_EN_PARTICIPLES = set("killed wounded injured dead missing displaced evacuated arrested rescued detained "
                      "hospitalized hospitalised infected affected destroyed damaged died hurt".split())
_NAME_CHARS = re.compile(r"[^a-z0-9_]")
_MAX_NAME = 60


@dataclass
class Names:
    """The quantity names given so far in one article, so that a name means one thing."""

    taken: set[str] = field(default_factory=set)
    suffixes: dict[str, int] = field(default_factory=dict)  # base → the last number fresh() gave it
    counter: int = 0  # mentions so far; numbers the figures that count nothing named

    def same(self, name: str) -> str:
        """The name itself: every mention of it is the same quantity."""
        self.taken.add(name)
        return name

    def fresh(self, base: str) -> str:
        """A name not given before: base, base_2, base_3, … (the search for a free number goes
        on from where it stopped last time for this base, so a noun met n times costs n, not n²)."""
        name, k = base, self.suffixes.get(base, 1)
        if k > 1:
            name = f"{base}_{k}"
        while name in self.taken:
            k += 1
            name = f"{base}_{k}"
        self.suffixes[base] = k
        self.taken.add(name)
        return name


@dataclass(frozen=True)
class Subject:
    """What the last figure of a sentence counted, without its predicate: 'Russian soldiers'
    (as written) and its English words, for a figure after it that names only a predicate."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Naming:
    """What a mention is of: its quantity, the one it is relative to, the unit they count, the
    phrase that describes the quantity, and the subject a later figure may carry over."""

    quantity: str
    relative_to: str | None = None
    unit: str | None = None
    about: str | None = None
    subject: Subject | None = None


def _english(phrase: str, lang: Lang) -> list[tuple[str, str]]:
    """The English words of a noun phrase, each with its part, in English order (adjectives,
    nouns, then participles)."""
    raw = [w for w in re.split(r"[\s]+", phrase.strip()) if w]
    if lang == "en":
        tagged = [(fold(w).strip("'’"), PARTICIPLE if fold(w) in _EN_PARTICIPLES and i else NOUN)
                  for i, w in enumerate(raw)]
        return tagged
    words = english_words(raw)
    order = {ADJECTIVE: 0, NOUN: 1, PARTICIPLE: 2}
    return sorted(words, key=lambda wp: order[wp[1]])


def snake_name(words: list[str]) -> str:
    """A quantity name from English words: lower case, '_' between, letters and digits only."""
    name = "_".join(_NAME_CHARS.sub("", w.replace("-", "_").replace("'", "")) for w in words)
    name = re.sub(r"_+", "_", name).strip("_")
    if not name or name[0].isdigit():
        name = "q_" + name
    return name[:_MAX_NAME].rstrip("_")


def _only_predicate(phrase: str, lang: Lang) -> bool:
    """'wounded', 'blessés': a noun phrase that is only a predicate, and needs a subject."""
    words = phrase.split()
    if lang == "en":
        return all(fold(w) in _EN_PARTICIPLES for w in words)
    return all(part == PARTICIPLE or fold(w) in ("blesses", "morts", "tues", "disparus", "deplaces")
               for w, (_, part) in zip(words, english_words(words)))


def counted_name(noun: str | None, predicate: str | None, carried: Subject | None, lang: Lang,
                 names: Names, unit: str | None = None) -> Naming:
    """The quantity a counted figure is of: its noun phrase, its predicate ('have been killed'),
    and for a figure that names only a predicate, the subject of the figure before it; an amount
    of money with no noun is an amount in its currency."""
    if not noun and unit in CURRENCIES:
        return Naming(names.fresh(f"amount_{str(unit).lower()}"),
                      about=f"an amount in {unit}" if lang == "en" else f"un montant en {unit}")
    if not noun and carried is not None:  # "… and as many as 3,000 have already reached Kursk"
        return Naming(names.fresh(snake_name(list(carried.words))), unit=unit_of(carried.text),
                      about=carried.text, subject=carried)
    if not noun:
        names.counter += 1
        return Naming(names.same(f"figure_{names.counter}"))
    if _only_predicate(noun, lang) and carried is not None:
        words = [*carried.words, *(w for w, _ in _english(noun, lang))]
        return Naming(names.same(snake_name(words)), unit=unit_of(carried.text), about=f"{carried.text} {noun}",
                      subject=carried)
    tagged = _english(noun, lang)
    if predicate:
        tagged += [(w, PARTICIPLE) for w, _ in _english(predicate, lang)[-1:]]
    words = [w for w, _ in tagged]
    subject_words = tuple(w for w, part in tagged if part != PARTICIPLE)
    subject = Subject(_without_predicate(noun, lang), subject_words) if subject_words else None
    about = f"{noun} {predicate}" if predicate else noun
    name = snake_name(words)
    quantity = names.same(name) if len(words) >= 2 else names.fresh(name)
    return Naming(quantity, unit=unit_of(noun), about=about, subject=subject)


def _without_predicate(noun: str, lang: Lang) -> str:
    words = noun.split()
    while len(words) > 1 and _only_predicate(words[-1], lang):
        words.pop()
    return " ".join(words)


def relative_name(referent: str | None, subject: str | None, lang: Lang, names: Names) -> Naming:
    """A share names two quantities: its referent (the noun after it) and its subject (the
    noun before a linking verb), or a fresh 'share_of_…' when there is no subject."""
    ref = snake_name([w for w, _ in _english(referent, lang)]) if referent else f"referent_{names.counter + 1}"
    relative_to = names.same(ref)
    about: str | None
    if subject:
        quantity = names.same(snake_name([w for w, _ in _english(subject, lang)]))
        about = subject
    else:
        quantity = names.fresh(f"share_of_{ref}")
        about = f"a share of {referent}" if lang == "en" and referent else \
            f"une part de {referent}" if referent else None
    return Naming(quantity, relative_to, unit_of(subject), about=about)
