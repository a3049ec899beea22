"""The ASGI app behind `numcheck serve`: one page, a few JSON endpoints, static files.

The server keeps no state between requests: the page sends the claims text it holds with every
request, and gets back the new text (after an edit) and the panels to show, rendered here. So what
the page edits is always an ordinary claims file, and a file opened and saved without an edit
goes back byte for byte (the page sends the text it was given).

    GET  /                 the page
    GET  /api/files        the articles and claims files in the served folder
    POST /api/article      an article (pasted, uploaded, or a file of the folder): figures and a draft
    POST /api/open         a claims file (uploaded, or a file of the folder), checked
    POST /api/edit         operations on the claims (see edits.py), then a check
    POST /api/check        a check of the text as it stands (after an edit of the YAML itself)
    POST /api/save         the text written to a claims file inside the served folder
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from numcheck.errors import InputError
from numcheck.read.includes import shipped_packs
from numcheck.web.safety import (
    CHECK_TIMEOUT,
    MAX_ARTICLE_BYTES,
    MAX_BODY,
    MAX_CLAIMS_BYTES,
    Guard,
    OutsideError,
    allowed_hosts,
    inside,
    write_inside,
)

__all__ = ["create_app"]

# The modules that draft, edit and check (the extractor, the units, the solver, the charts) are
# imported by the routes that use them, not here: the server listens at once, and serve()'s
# warm-up loads them in the background before the first article arrives.
STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_MAX_OPS = 1000


class Refused(Exception):
    """A request the page cannot serve: the status and the message it shows."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _too_big(data: str | bytes, limit: int, what: str) -> None:
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limit:
        raise Refused(413, f"the {what} has {size:,} bytes; the page takes at most {limit:,}")


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(422, f"the {what} is not UTF-8 text") from None


class Desk:
    """The routes, over one served folder."""

    def __init__(self, folder: Path, timeout: float) -> None:
        self.folder = folder.resolve()
        self.timeout = timeout
        self.templates = Jinja2Templates(directory=str(TEMPLATES))
        self.env = self.templates.env

    def files(self) -> list[str]:
        """Articles (.txt, .md) and claims files (.yaml, .yml), two folders deep, hidden ones left out."""
        found: list[str] = []
        for depth in ("*", "*/*", "*/*/*"):
            for path in sorted(self.folder.glob(depth)):
                rel = path.relative_to(self.folder)
                if any(p.startswith(".") for p in rel.parts) or not path.is_file():
                    continue
                if path.suffix.lower() in (".txt", ".md", ".yaml", ".yml") and len(found) < 500:
                    found.append(rel.as_posix())
        return found

    def read_file(self, name: str, limit: int, what: str) -> str:
        try:
            path = inside(self.folder, name)
        except OutsideError as exc:
            raise Refused(403, str(exc)) from None
        if not path.is_file():
            raise Refused(404, f"there is no file '{name}' in the served folder")
        with path.open("rb") as f:
            data = f.read(limit + 1)
        _too_big(data, limit, what)
        return _decode(data, what)

    def checked(self, text: str, name: str | None, extra: dict[str, Any] | None = None,
                skip: frozenset[str] = frozenset()) -> dict[str, Any]:
        from numcheck.web.checking import check_text
        from numcheck.web.views import fragments

        outcome = check_text(text, name=name, timeout=self.timeout)
        return {**(extra or {}), **fragments(self.env, outcome, text, skip)}

    # ---- routes ------------------------------------------------------------------------------

    async def page(self, request: Request) -> Response:
        return self.templates.TemplateResponse(request, "index.html", {
            "packs": shipped_packs(), "files": await run_in_threadpool(self.files),
            "folder": self.folder.name or str(self.folder)})

    async def list_files(self, request: Request) -> Response:
        return JSONResponse({"files": await run_in_threadpool(self.files)})

    async def article(self, request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=20, max_part_size=MAX_BODY)
        upload, name = form.get("file"), str(form.get("name") or "")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(MAX_ARTICLE_BYTES + 1)
            _too_big(data, MAX_ARTICLE_BYTES, "article")
            text, name = _decode(data, "article").removeprefix("\ufeff"), Path(upload.filename).name
        elif name:
            text = (await run_in_threadpool(self.read_file, name, MAX_ARTICLE_BYTES, "article")).removeprefix("\ufeff")
        else:
            text = str(form.get("text") or "")
            _too_big(text, MAX_ARTICLE_BYTES, "article")
        return JSONResponse(await run_in_threadpool(self._article, text, name, form))

    def _article(self, text: str, name: str, form: Any) -> dict[str, Any]:
        from numcheck.web import drafting

        try:
            draft = drafting.draft(text, drafting.Options.from_form(form, shipped_packs()))
        except InputError as exc:
            raise Refused(413 if "characters" in exc.message else 422, exc.message) from None
        saved_as = drafting.claims_name(name)
        extra = {"article": text, "article_name": name, "article_html": self.env.get_template(
                 "_article.html").render(segments=draft.segments, lang=draft.lang),
                 "marks": draft.marks, "lang": draft.lang, "text": draft.text,
                 "name": saved_as, "figures": len(draft.marks)}
        return self.checked(draft.text, saved_as, extra)

    async def open(self, request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=5, max_part_size=MAX_BODY)
        upload, name = form.get("file"), str(form.get("name") or "")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(MAX_CLAIMS_BYTES + 1)
            _too_big(data, MAX_CLAIMS_BYTES, "claims file")
            text, name = _decode(data, "claims file"), Path(upload.filename).name
        elif name:
            text = await run_in_threadpool(self.read_file, name, MAX_CLAIMS_BYTES, "claims file")
        else:
            text = str(form.get("text") or "")
            _too_big(text, MAX_CLAIMS_BYTES, "claims file")
        return JSONResponse(await run_in_threadpool(self.checked, text, name, {"text": text, "name": name}))

    async def _json(self, request: Request) -> dict[str, Any]:
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise Refused(400, "the request is not JSON") from None
        if not isinstance(body, dict) or not isinstance(body.get("text", ""), str):
            raise Refused(400, "the request needs the claims 'text'")
        _too_big(body.get("text", ""), MAX_CLAIMS_BYTES, "claims file")
        return body

    async def edit(self, request: Request) -> Response:
        body = await self._json(request)
        ops = body.get("ops")
        if not isinstance(ops, list) or not ops or len(ops) > _MAX_OPS or not all(isinstance(o, dict) for o in ops):
            raise Refused(400, "the request needs 'ops', a list of edits")
        skip = frozenset(s for s in body.get("skip") or [] if s in ("claims", "side"))
        return JSONResponse(await run_in_threadpool(self._edit, body["text"], str(body.get("name") or ""), ops, skip))

    def _edit(self, text: str, name: str, ops: list[dict[str, Any]], skip: frozenset[str]) -> dict[str, Any]:
        from numcheck.web.document import emit, parse
        from numcheck.web.edits import EditError, apply

        try:
            doc = parse(text, "claims.yaml")
            for op in ops:
                apply(doc, op)
        except InputError as exc:
            raise Refused(422, f"fix the file first (line {exc.line}: {exc.message})") from None
        except EditError as exc:
            raise Refused(422, str(exc)) from None
        new = emit(doc)
        return self.checked(new, name, {"text": new}, skip)

    async def check(self, request: Request) -> Response:
        body = await self._json(request)
        text = body.get("text", "")
        name = str(body.get("name") or "")
        return JSONResponse(await run_in_threadpool(self.checked, text, name))

    async def save(self, request: Request) -> Response:
        body = await self._json(request)
        name, text = str(body.get("name") or ""), body.get("text", "")
        try:
            path = await run_in_threadpool(write_inside, self.folder, name, text.encode("utf-8"),
                                           overwrite=bool(body.get("overwrite")))
        except OutsideError as exc:
            raise Refused(403, str(exc)) from None
        except FileExistsError:
            raise Refused(409, f"'{name}' exists already; save again to replace it") from None
        return JSONResponse({"saved": path.relative_to(self.folder).as_posix(), "bytes": len(text.encode("utf-8")),
                             "files": await run_in_threadpool(self.files)})


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return JSONResponse({"error": str(exc)}, status_code=exc.status)


def create_app(folder: str | Path = ".", *, host: str = "127.0.0.1", port: int = 8000,
               hosts: set[str] | None = None, timeout: float = CHECK_TIMEOUT) -> Starlette:
    """The app serving `folder`; `hosts` are the Host headers it answers to (by default the
    forms of `host:port` a browser sends; see safety.allowed_hosts)."""
    desk = Desk(Path(folder), timeout)
    routes = [Route("/", desk.page), Route("/api/files", desk.list_files),
              Route("/api/article", desk.article, methods=["POST"]), Route("/api/open", desk.open, methods=["POST"]),
              Route("/api/edit", desk.edit, methods=["POST"]), Route("/api/check", desk.check, methods=["POST"]),
              Route("/api/save", desk.save, methods=["POST"]),
              Mount("/static", StaticFiles(directory=str(STATIC)), name="static")]
    guard = Middleware(Guard, hosts=hosts if hosts is not None else allowed_hosts(host, port))
    app = Starlette(routes=routes, middleware=[guard], exception_handlers={Refused: _refused})
    app.state.desk = desk
    return app
