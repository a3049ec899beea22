"""The extract stage: from an article's text to its figures (`Mention`s) and a draft claims file.

May import: numcheck.read (the value-phrase grammar the loader uses, so that a draft reads as
it will load), numcheck.model, numcheck.render's number writers, numcheck.errors. Never
numcheck.engine.

Where things are: sentences.py (splitting, language), figures.py, qualifiers.py, ratios.py and
filters.py (what is and is not a figure, and what stands around it), nouns.py, naming.py and
english.py (what is counted, and its English name), speakers.py (who says it), values.py (the
value phrase to write), rates.py and datephrases.py (a pace, and the dates of a sentence, as
written), timing.py and dating.py (a figure's `as_of` or `period` from them and the article's date,
and the `over_time` a drafted rate needs), vocabulary.py (word lists), mentions.py
(`extract_mentions`), draft.py (`draft_claims`).
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["Mention", "detect_language", "draft_claims", "extract_mentions"]

_SEAMS = {"Mention": "mentions", "detect_language": "mentions", "draft_claims": "mentions",
          "extract_mentions": "mentions"}

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__)
