"""Checking the text the page holds, the way `numcheck check` checks a file, and no other way.

The text is written to a file of its own in a fresh temporary folder and read by the normal
loader (`read.loader.load`: the bounded YAML composer, no object construction, every error at its
line); nothing in it is ever evaluated. The folder holds nothing else, and includes other than the
shipped rule packs (`numcheck:NAME`) are refused before the load, at their line, so a file opened
in the page can make numcheck read no other file. One check runs at a time (the solver and the
chart code are not shared between threads), with a short time limit per independent part.

Problems come back as `Problem`s: `line N: message`, the claim whose lines hold it, and whether it
is an error (the file does not load) or a load warning (it loads; the verdict is not changed).
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from numcheck.check import check_model
from numcheck.errors import InputError, InputErrors
from numcheck.read.includes import PACK_PREFIX
from numcheck.read.loader import load
from numcheck.report import Report
from numcheck.web.document import Doc, parse
from numcheck.web.safety import CHECK_TIMEOUT

__all__ = ["DEFAULT_TIMEOUT", "Outcome", "Problem", "check_text", "claim_at", "file_name"]

DEFAULT_TIMEOUT = CHECK_TIMEOUT
_LOCK = threading.Lock()
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Problem:
    """One line of what is wrong (or worth a second look) in the file."""

    message: str
    line: int | None = None
    file: str | None = None  # None: the file the page holds; else a shipped pack's name
    claim: str | None = None
    warning: bool = False

    @property
    def where(self) -> str:
        place = f"line {self.line}" if self.line is not None else ""
        if self.file:
            return f"{self.file} {place}".strip()
        return place

    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Outcome:
    """A check of the page's text: the report when it loaded, else the problems that stopped it."""

    doc: Doc | None
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def loaded(self) -> bool:
        return self.report is not None


def file_name(name: str | None) -> str:
    """A plain file name for the text's temporary file (messages may show it; no folders)."""
    base = _SAFE_NAME.sub("-", Path(name or "").name).strip(".-")[:80]
    if not base.endswith((".yaml", ".yml")):
        base = (base or "claims") + ".yaml"
    return base


def claim_at(doc: Doc | None, line: int | None) -> str | None:
    """The claim whose lines hold `line` (a claim runs from its first line to the next one's)."""
    if doc is None or line is None:
        return None
    start = doc.section_lines.get("claims")
    after = [n for n in doc.section_lines.values() if start is not None and n > start]
    if start is None or (after and line >= min(after)):
        return None
    found = None
    for claim_id, first in doc.claim_lines:
        if first > line:
            break
        found = claim_id
    return found


def _problems(exc: InputError, doc: Doc | None, own: str) -> list[Problem]:
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    out = []
    for e in errors:
        mine = e.path is None or e.path == own
        message = e.message.replace(own, "the file") + (f" — {e.hint}" if e.hint else "")
        out.append(Problem(message, e.line, None if mine else e.path,
                           claim_at(doc, e.line) if mine else None))
    if isinstance(exc, InputErrors) and exc.more:
        out.append(Problem(f"(stopped after {len(errors)} errors; fix these for the rest)"))
    return out


def _foreign_includes(doc: Doc) -> list[Problem]:
    return [Problem(f"the include '{raw}' is refused here: the page includes only the shipped rule packs "
                    f"({PACK_PREFIX}NAME); check such a file with 'numcheck check'", line)
            for raw, line in doc.include_lines if not raw.startswith(PACK_PREFIX)]


def check_text(text: str, *, name: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Parse, load and check the text as a claims file named `name` (for messages only)."""
    started = time.perf_counter()
    shown = file_name(name)
    try:
        doc: Doc | None = parse(text, shown)
    except InputError as exc:
        return Outcome(None, problems=_problems(exc, None, shown), seconds=time.perf_counter() - started)
    assert doc is not None
    refused = _foreign_includes(doc)
    if refused:
        return Outcome(doc, problems=refused, seconds=time.perf_counter() - started)
    with tempfile.TemporaryDirectory(prefix="numcheck-web-") as folder, _LOCK:
        path = Path(folder) / shown
        path.write_text(text, encoding="utf-8")
        own = str(path)
        try:
            model = load(path)
            report = check_model(model, timeout=timeout)
        except InputError as exc:
            return Outcome(doc, problems=_problems(exc, doc, own), seconds=time.perf_counter() - started)
    warnings = [Problem(w.message, w.location.line, None if w.location.path == own else w.location.path,
                        w.claim or claim_at(doc, w.location.line), warning=True)
                for w in report.model.warnings]
    return Outcome(doc, report, warnings, time.perf_counter() - started)
