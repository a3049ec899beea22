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

from numcheck.seams import lazy

__all__ = ["create_app", "serve"]

_SEAMS = {"create_app": "app", "serve": "serve"}

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__)
