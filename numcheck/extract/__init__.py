"""The extract stage: from an article's text to its figures (`Mention`s) and a draft claims file.

May import: numcheck.read (the value-phrase grammar the loader uses, so that a draft reads as
it will load), numcheck.model, numcheck.render's number writers, numcheck.errors. Never
numcheck.engine.

Where things are: sentences.py (splitting, language), figures.py, qualifiers.py, ratios.py and
filters.py (what is and is not a figure, and what stands around it), nouns.py, naming.py and
english.py (what is counted, and its English name), speakers.py (who says it), values.py (the
value phrase to write), vocabulary.py (word lists), mentions.py (`extract_mentions`), draft.py
(`draft_claims`).
"""

from __future__ import annotations

__all__ = ["Mention", "detect_language", "draft_claims", "extract_mentions"]

_SEAMS = {"Mention": "mentions", "detect_language": "mentions", "draft_claims": "mentions",
          "extract_mentions": "mentions"}


def __getattr__(name: str) -> object:
    """The seams, imported on first use: importing the stage costs nothing until one is used."""
    module = _SEAMS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
