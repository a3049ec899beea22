"""The web stage: `numcheck serve`, a local page for the desk (docs/web.md).

Paste or upload an article, confirm its figures in a table of draft claims, join and rename
quantities, pick rule packs, and see the check (verdict, repairs, conflicts linked to the
article's sentences, charts) follow every edit; open and save ordinary claims files.

May import: every other stage (it is the outermost, like the CLI); nothing imports it but the CLI.
Needs the `web` extra (starlette, uvicorn, python-multipart); jinja2 renders the pages.

Where things are: app.py (routes), safety.py (hosts, origins, sizes, paths), document.py (a
claims file as data, written back deterministically), edits.py (what the page can change),
drafting.py (article → draft), checking.py (a check of the page's text), views.py and charts.py
(what the templates show), serve.py (`serve`), templates/ and static/ (the page and its script).
"""

from __future__ import annotations

__all__ = ["create_app", "serve"]

_SEAMS = {"create_app": "app", "serve": "serve"}


def __getattr__(name: str) -> object:
    """The seams, imported on first use: importing the stage loads no web framework."""
    module = _SEAMS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
