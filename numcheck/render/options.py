"""How a report is rendered, as distinct from what the check found: validated once, then passed down.

The CLI maps `--report-lang` onto these; a notebook builds them directly
(`numcheck.render(report, "markdown", RenderOptions(lang="fr"))`). A report rendered without
options is in the language of the claims file (`defaults: lang:`, English when unset), so a
French newsroom's files give French reports without a flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from numcheck.errors import UsageError
from numcheck.render.wording import LANGS, Lang

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["RenderOptions"]


@dataclass(frozen=True)
class RenderOptions:
    """`lang`: the reader's language, 'en' or 'fr'; None takes the claims file's `lang`.
    `routes`: add to the JSON's `components` which engine route decided each part's verdict and
    ranges. Off by default: which fast route succeeds can depend on `--jobs` (which parts share a
    batch and an LP), and the JSON must be the same whatever `--jobs`; the answers never differ."""

    lang: Lang | None = None
    routes: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.routes, bool):
            raise UsageError(f"routes must be True or False, not {self.routes!r}")
        if self.lang is not None and self.lang not in LANGS:
            raise UsageError(f"report language {self.lang!r} is not supported: use en or fr")

    def lang_of(self, report: Report) -> Lang:
        """The language this report is written in: the option, else its claims file's."""
        if self.lang is not None:
            return self.lang
        return "fr" if report.model.lang == "fr" else "en"
