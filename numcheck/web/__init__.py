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

Seams for tests (tests import nothing else from here; most go through `create_app`):
- `create_app`, `serve`: the app, and how it is started (loopback by default).
- `parse`, `emit`: a claims file as data and written back, tested as laws over every example
  (the same bytes, the same check).
- `allowed_hosts`, `is_loopback`, `write_inside`: the safety rules a request cannot reach on
  its own (the Host names a server answers to, what counts as loopback, a replaced file's mode).
- `charts`, `claim_interval`: the page's charts, held to the HTML report's.
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["allowed_hosts", "charts", "claim_interval", "create_app", "emit", "is_loopback", "parse", "serve",
           "write_inside"]

_SEAMS = {"create_app": "app", "serve": "serve", "parse": "document", "emit": "document",
          "allowed_hosts": "safety", "is_loopback": "safety", "write_inside": "safety", "charts": "charts",
          "claim_interval": "charts"}

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__)
