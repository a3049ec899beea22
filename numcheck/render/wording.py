"""The reader's language: how the reports (text, Markdown, HTML, CI) word their sentences and numbers.

A `Wording` is one language's phrases (wording_table.py) with its notation for numbers, and two
choices of the format that asks for it: `located` (each claim and rule followed by its
`file:line`, for the reports a fact-checker edits the file from) and `typographic` (≤ and ≥
where the format shows them). French is always typographic, and writes numbers with a narrow
no-break space between thousands and a decimal comma (scalars.french); dates stay ISO in both
languages, since a report is read beside files that write them so.

Every function of sentences.py, first.py and timeline.py takes one, English by default, so that
callers which know nothing of languages (JSON's explanations, the desk page) keep their English
sentences unchanged. The HTML page and the CI formats pass the report's.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from numcheck.render.scalars import exact, french, readable
from numcheck.render.wording_table import PHRASES

if TYPE_CHECKING:
    from numcheck.model import Location

__all__ = ["ENGLISH", "FRENCH", "LANGS", "Lang", "Wording", "wording"]

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")

_FRENCH_SPACE = re.compile(r" (?=[:;»])|(?<=«) ")  # the spaces French typography keeps from breaking


@dataclass(frozen=True)
class Wording:
    """One language's phrases and numbers, and whether sentences show locations and ≤ signs."""

    lang: Lang
    phrases: Mapping[str, str]
    located: bool = False
    typographic: bool = False

    def __call__(self, key: str, **fields: object) -> str:
        """The phrase `key` with its fields filled in (the fields are never read as templates)."""
        return self.phrases[key].format(**fields)

    def markup(self, key: str, escape: Callable[[str], str], **fields: str) -> str:
        """The phrase `key` for a markup format: its own words passed through `escape`, its fields
        put in as given, since they are markup already (`<code>id</code>`, a list of links)."""
        out = []
        for literal, name, _spec, _conversion in string.Formatter().parse(self.phrases[key]):
            out.append(escape(literal))
            if name is not None:
                out.append(fields[name])
        return "".join(out)

    def count(self, key: str, n: int) -> str:
        """'1 minimal conflict', '2 conflits minimaux': in French 0 and 1 take the singular."""
        one = n == 1 if self.lang == "en" else n <= 1
        return self(f"{key}.{'one' if one else 'many'}", n=self.number(Fraction(n)))

    def number(self, x: Fraction) -> str:
        """A number for people: grouped, long fractions rounded (scalars.readable)."""
        text = readable(x)
        return french(text) if self.lang == "fr" else text

    def exact(self, x: Fraction) -> str:
        """A number that must not be rounded (a constraint's coefficient), in this language's notation."""
        text = exact(x)
        return french(text) if self.lang == "fr" else text

    def marks(self, text: str) -> str:
        """Text as written, between quotation marks: “…” in English, « … » in French."""
        return self("marks", text=text)

    def and_list(self, items: Sequence[str]) -> str:
        """'a', 'a and b', 'a, b and c' ('a, b et c')."""
        if len(items) == 1:
            return items[0]
        return self("and", head=self("list.sep").join(items[:-1]), last=items[-1])

    def located_at(self, who: str, location: Location) -> str:
        """'US estimates, 2024-10-25; claims.yaml:12' when `located`, else `who` alone."""
        if not self.located:
            return who
        return self("who.where", who=who, where=location) if who else str(location)

    @property
    def le(self) -> str:
        return "≤" if self.typographic else "<="

    @property
    def ge(self) -> str:
        return "≥" if self.typographic else ">="

    def typo(self) -> Wording:
        """The same wording with ≤ and ≥ (Markdown, and French everywhere)."""
        return self if self.typographic else replace(self, typographic=True)


def _table(column: int) -> dict[str, str]:
    phrases = {key: pair[column] for key, pair in PHRASES.items()}
    if column == 1:
        phrases = {key: _FRENCH_SPACE.sub("\u00a0", text) for key, text in phrases.items()}
    return phrases


ENGLISH = Wording("en", _table(0))
FRENCH = Wording("fr", _table(1), typographic=True)


def wording(lang: str, *, located: bool = False, typographic: bool = False) -> Wording:
    """The wording of a language ('en' or 'fr'), with or without locations and ≤ signs."""
    base = FRENCH if lang == "fr" else ENGLISH
    return replace(base, located=located, typographic=typographic or base.typographic)
