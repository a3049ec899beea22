"""From an article to the page's first claims file: its figures, and a draft to confirm.

The draft is `numcheck extract`'s (`draft_claims`), read into the page's data and written back
in the page's layout, with two changes: every drafted claim starts with `review: true` (the page's
"confirm" clears it, and until then the check lists it as a warning), and the rule packs picked
on the page are included. Each claim keeps the offsets of the figure it was drafted from
(`marks`), so that a conflict can point at its sentence in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from numcheck.extract.mentions import detect_language, draft_claims, extract_mentions
from numcheck.extract.vocabulary import Lang
from numcheck.web.document import Raw, emit, parse, text_of
from numcheck.web.edits import apply
from numcheck.web.views import Segment, segments

__all__ = ["Draft", "Options", "claims_name", "draft"]

_SOURCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class OptionsError(ValueError):
    """An option of the article form that cannot be used (the page shows the message)."""


@dataclass(frozen=True)
class Options:
    lang: Lang | Literal["auto"] = "auto"
    source: str = "article"
    date: str | None = None
    title: str | None = None
    packs: tuple[str, ...] = field(default_factory=tuple)

    @staticmethod
    def from_form(form: Any, known: list[str]) -> Options:
        """The options of the article form; bad ones fall back to the defaults they replace
        (an unknown language is read as "auto", a source that is no id as "article")."""
        lang = str(form.get("lang") or "auto")
        source = str(form.get("source") or "").strip()
        date = str(form.get("date") or "").strip()
        title = str(form.get("title") or "").strip()[:200]
        packs = tuple(p for p in (str(x) for x in form.getlist("packs")) if p in known)
        return Options(lang if lang in ("en", "fr") else "auto",  # type: ignore[arg-type]
                       source if _SOURCE.match(source) else "article",
                       date if _DATE.match(date) else None, title or None, packs)


@dataclass(frozen=True)
class Draft:
    text: str
    lang: Lang
    marks: dict[str, list[int]]  # claim id → [start, end] of its figure in the article
    segments: list[Segment]


def draft(article: str, options: Options) -> Draft:
    """The article's figures and the draft claims file, as the page first shows them."""
    lang: Lang = detect_language(article) if options.lang == "auto" else options.lang
    mentions = extract_mentions(article, lang)
    drafted = draft_claims(article, mentions, lang=lang, source=options.source, date=options.date,
                           title=options.title)
    doc = parse(drafted, "draft.yaml")
    for claim in doc.claims():
        claim["review"] = Raw("true")
    apply(doc, {"op": "packs", "packs": list(options.packs)})
    marks = {text_of(c.get("id")) or "": [m.start, m.end] for c, m in zip(doc.claims(), mentions)}
    return Draft(emit(doc), lang, marks, segments(article, mentions))


def claims_name(article_name: str) -> str:
    """Where the claims of an article are saved: beside it, as NAME.yaml (claims.yaml for a paste)."""
    path = PurePosixPath(article_name.replace("\\", "/")) if article_name else None
    if path is None or not path.name or path.name.startswith("."):
        return "claims.yaml"
    return str(path.with_suffix(".yaml")) if path.suffix.lower() in (".txt", ".md") else f"{path}.yaml"
