"""`render(report, format)`: one entry point that picks the renderer for a format name.

Renderers take a finished `Report` and return a string; they never solve or load anything.
The HTML renderer is imported only when a page is asked for, because it loads matplotlib; the CI
formats (sarif, github) name files relative to the current folder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from numcheck.render.jsondoc import render_json
from numcheck.render.markdown import render_markdown
from numcheck.render.options import RenderOptions
from numcheck.render.text import render_text

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["FORMATS", "RenderOptions", "render", "render_json", "render_markdown", "render_text"]


FORMATS = ("text", "json", "markdown", "html", "sarif", "github")


def render(report: Report, format: str = "text", options: RenderOptions | None = None, *,
           progress: Callable[[int, int], None] | None = None) -> str:
    """The report as text, json, markdown (or md), a self-contained html page, a SARIF 2.1.0 log
    (sarif) or GitHub Actions annotations (github). `options` (RenderOptions) picks the reader's
    language of every format but JSON; without them, the claims file's `lang`.
    `progress(done, total)` is called as the html page is written (the command line's bar)."""
    if format == "json":
        return render_json(report, options)
    if format == "text":
        return render_text(report, options)
    if format in ("markdown", "md"):
        return render_markdown(report, options)
    if format == "html":
        from numcheck.render.html import render_html  # matplotlib loads only when a page is asked for

        return render_html(report, options, progress=progress)
    if format == "sarif":
        from numcheck.render.sarif import render_sarif

        return render_sarif(report, options)
    if format == "github":
        from numcheck.render.github import render_github

        return render_github(report, options)
    raise ValueError(f"unknown format '{format}'")
