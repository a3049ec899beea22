"""`numcheck serve`: the desk page on a local port, opened in the browser.

    from numcheck.web.serve import serve
    serve("stories/", port=8765)          # http://127.0.0.1:8765/, until Ctrl-C

The server binds to 127.0.0.1 unless told otherwise. Another address (`host="0.0.0.0"`) puts the
page, and every file the served folder holds, on the network: `serve` says so in a warning before
it starts. uvicorn runs the app; starlette, uvicorn and python-multipart are the `web` extra.
"""

from __future__ import annotations

import socket
import sys
import threading
import warnings
import webbrowser
from collections.abc import Callable
from pathlib import Path

from numcheck.errors import UsageError
from numcheck.web.safety import is_loopback

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "NotLoopbackWarning", "serve", "url_of"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


class NotLoopbackWarning(UserWarning):
    """The page is served on an address other machines can reach."""


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _warm_up() -> None:
    """Load the solver, the units, the extractor and the pages' code once, in the background, so
    that the first article is drafted and checked as quickly as the rest."""
    import numcheck.web.drafting
    import numcheck.web.edits
    import numcheck.web.views  # noqa: F401
    from numcheck.web.checking import check_text

    check_text("numcheck: 1\nquantities:\n  q: {unit: soldier}\nclaims:\n  - {id: a, quantity: q, value: '12'}\n")


def _free(host: str, port: int) -> None:
    """A UsageError now, rather than a log line later, when the address cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"cannot listen on '{host}': {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {url_of(host, port)}: {exc.strerror or exc} "
                             "(is another numcheck serve running? try --port)") from None


def serve(folder: str | Path = ".", *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          open_browser: bool = True, timeout: float | None = None,
          warn: Callable[[str], None] | None = None) -> None:
    """Serve the desk page for `folder` until interrupted (blocks); opens the browser unless told not to.

    Listening on an address that is not loopback is said first: through `warn` when given (the
    CLI prints it), else as a `NotLoopbackWarning`. Bad arguments are UsageErrors."""
    try:
        import uvicorn
    except ImportError:
        raise UsageError("numcheck serve needs the web extra: pip install 'numcheck[web]'") from None
    from numcheck.web.app import create_app
    from numcheck.web.safety import CHECK_TIMEOUT

    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"'{folder}' is not a folder")
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise UsageError("the port must be a whole number from 1 to 65535")
    if not is_loopback(host):
        message = (f"serving on {host}: other machines can open the page and read the claims and "
                   f"articles in {root.resolve()}; leave --host out to keep it on this machine")
        if warn is not None:
            warn(message)
        else:
            warnings.warn(message, NotLoopbackWarning, stacklevel=2)
    _free(host, port)
    app = create_app(root, host=host, port=port, timeout=timeout or CHECK_TIMEOUT)
    threading.Thread(target=_warm_up, name="numcheck-warm-up", daemon=True).start()
    url = url_of(host, port)
    print(f"numcheck serve: {root.resolve()} on {url} (Ctrl-C stops)", file=sys.stderr)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
