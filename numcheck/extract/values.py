"""The `value:` phrase a draft writes for a figure, in the article's own language.

The phrase is the figure as written wherever the loader reads it back to the same interval;
where it would not ("deux ans et demi" is not a value phrase), the interval itself is written.
"""

from __future__ import annotations

import re
from fractions import Fraction

from numcheck.extract.vocabulary import Lang
from numcheck.model import Interval
from numcheck.render.numbers import exact

__all__ = ["interval_phrase", "normalise_value"]

_CONNECTIVES = {"fr": (" des", " du", " de la", " de l'", " de", " d'"), "en": (" of the", " of")}
_HEDGE_WORDS = {"en": {"more": "more than", "min": "at least", "max": "up to", "less": "less than"},
                "fr": {"more": "plus de", "min": "au moins", "max": "jusqu'à", "less": "moins de"}}


def normalise_value(raw: str, lang: Lang) -> str:
    """The phrase as written, on one line, with typographic apostrophes made plain, and a
    share's trailing connective made the one the loader reads ('la moitié des' → 'la moitié de')."""
    text = re.sub(r"\s+", " ", raw.replace("’", "'")).strip()
    for connective in _CONNECTIVES[lang]:
        if text.endswith(connective):
            return text[: -len(connective)] + (" de" if lang == "fr" else " of")
    return text


def interval_phrase(interval: Interval, lang: Lang) -> str:
    """A value phrase that the loader reads back to exactly this interval."""
    def num(x: Fraction) -> str:  # exact, with the language's decimal mark
        text = exact(x)
        return text.replace(".", ",") if lang == "fr" else text

    if interval.lo is not None and interval.hi is not None:
        if lang == "fr":
            return f"entre {num(interval.lo)} et {num(interval.hi)}"
        return f"between {num(interval.lo)} and {num(interval.hi)}"
    if interval.lo is not None:
        return f"{_HEDGE_WORDS[lang]['more' if interval.lo_open else 'min']} {num(interval.lo)}"
    assert interval.hi is not None
    return f"{_HEDGE_WORDS[lang]['less' if interval.hi_open else 'max']} {num(interval.hi)}"
