"""The stable JSON document of claims-format.md: `report.to_dict()` as text.

The structure lives in report.py (`to_dict`), so a notebook and the command line get the same
document; this module only writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numcheck.render.safe import json_document

if TYPE_CHECKING:
    from numcheck.render.options import RenderOptions
    from numcheck.report import Report

__all__ = ["render_json"]


def render_json(report: Report, options: RenderOptions | None = None) -> str:
    """Indented, UTF-8 as written, controls escaped, one trailing newline (`safe.json_document`).
    `options.routes` adds each part's engine routes (diagnostics) to `components`."""
    routes = options is not None and options.routes
    return json_document(report.to_dict(routes=routes))
