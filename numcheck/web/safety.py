"""The rules that keep a local page local: who may talk to it, how much, and where it may write.

* `Guard`, an ASGI middleware in front of every route:
  - the Host header must name the address the server was started on (a web page elsewhere that
    points its own host name at 127.0.0.1, a "DNS rebinding", gets 403 on every request);
  - a request that carries an Origin must come from this very origin (403 otherwise), and a
    state-changing request (POST, PUT, PATCH, DELETE) that a browser marks cross-site is refused
    even without one;
  - a body longer than `max_body` gets 413 before any route reads it (a declared length is
    refused at once; a body sent in chunks is counted as it arrives);
  - every answer says nosniff, no framing, no referrer, and a content security policy that lets
    the page load its own script and styles only.
* `inside(folder, name)`: a path under the served folder, or `OutsideError` (`..`, absolute
  paths, hidden names and symbolic links that lead out are all refused after resolving).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["CHECK_TIMEOUT", "MAX_ARTICLE_BYTES", "MAX_BODY", "MAX_CLAIMS_BYTES", "Guard", "OutsideError",
           "allowed_hosts", "inside", "is_loopback", "write_inside"]

MAX_ARTICLE_BYTES = 5_000_000  # extraction reads at most 5,000,000 characters
MAX_CLAIMS_BYTES = 10 * 1024 * 1024
MAX_BODY = 2 * MAX_CLAIMS_BYTES + 1024 * 1024  # a claims text and its JSON escapes, with room for the rest
CHECK_TIMEOUT = 2.0  # seconds per independent part: the page checks as you type, and waits for no solver
_CHANGES = {"POST", "PUT", "PATCH", "DELETE"}
_CSP = ("default-src 'none'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"), (b"content-security-policy", _CSP.encode()),
            (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]
_Scope = dict[str, Any]


class OutsideError(ValueError):
    """A path that would leave the served folder, or that names no file the page may use."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers a browser sends for this server: its address, with `localhost` and the
    other loopback forms when it is loopback, and the machine's names when it listens everywhere."""
    names = {host}
    if is_loopback(host):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    elif host in ("0.0.0.0", "::", ""):
        names |= {"127.0.0.1", "localhost", "[::1]", socket.gethostname(), socket.getfqdn()}
        try:
            names |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
        except OSError:
            pass
    shown = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names if n}
    return {f"{n}:{port}" for n in shown} | (shown if port == 80 else set())


async def _answer(send: Any, status: int, message: str) -> None:
    body = message.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """The middleware: hosts, origins and body sizes checked, safety headers added."""

    def __init__(self, app: Any, *, hosts: Iterable[str], max_body: int = MAX_BODY) -> None:
        self.app = app
        self.hosts = set(hosts)
        self.max_body = max_body

    def refusal(self, scope: _Scope) -> str | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if host not in self.hosts:
            return "this server answers only to its own address (Host header refused)"
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return "requests from other origins are refused"
        site = headers.get("sec-fetch-site")
        if scope.get("method") in _CHANGES and origin is None and site not in (None, "same-origin", "none"):
            return "cross-site requests are refused"
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return "413"
        return None

    async def __call__(self, scope: _Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self.refusal(scope)
        if refused == "413":
            await _answer(send, 413, f"the request is larger than {self.max_body:,} bytes")
            return
        if refused is not None:
            await _answer(send, 403, refused)
            return
        body = await self._body(receive)
        if body is None:
            await _answer(send, 413, f"the request is larger than {self.max_body:,} bytes")
            return
        await self.app(scope, _replay(body, receive), _with_headers(send))

    async def _body(self, receive: Any) -> bytes | None:
        """The whole body, counted as it arrives; None past the cap."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, original: Any) -> Any:
    """The body read already, then the client's own messages (a disconnect, when it comes)."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            message: dict[str, Any] = await original()
            return message
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _with_headers(send: Any) -> Any:
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *_HEADERS]}
        await send(message)

    return wrapped


def inside(folder: Path, name: str, *, suffixes: tuple[str, ...] | None = None) -> Path:
    """`folder/name`, resolved, when it stays inside the folder; OutsideError otherwise."""
    if not name or "\0" in name or len(name) > 1024:
        raise OutsideError("give a file name")
    relative = Path(name)
    if relative.is_absolute() or any(part in ("..", "") or part.startswith(".") for part in relative.parts):
        raise OutsideError(f"'{name}' is not a file name inside the served folder")
    home = folder.resolve()
    target = (home / relative).resolve()
    if not target.is_relative_to(home) or target == home:
        raise OutsideError(f"'{name}' leads outside the served folder")
    if suffixes is not None and not target.name.lower().endswith(suffixes):
        raise OutsideError(f"'{name}' must end with {' or '.join(suffixes)}")
    return target


def write_inside(folder: Path, name: str, data: bytes, *, overwrite: bool) -> Path:
    """Write `data` to a claims file inside the folder (atomically: a temporary file, then a rename)."""
    target = inside(folder, name, suffixes=(".yaml", ".yml"))
    if not target.parent.is_dir():
        raise OutsideError(f"there is no folder '{Path(name).parent}' in the served folder")
    if target.exists() and not overwrite:
        raise FileExistsError(name)
    if target.exists() and not target.is_file():
        raise OutsideError(f"'{name}' is not a file")
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".numcheck-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
