"""`--format github`: GitHub Actions workflow commands, so that a pull request shows each finding
on the line of the claims file it is about.

`::error file=F,line=N,title=T::message` for each claim of each conflict, `::warning` for each load
warning, `::notice` for each part the solver gave up on (findings.py decides what is flagged), then
the verdict as one plain line. Every value is escaped as GitHub's toolkit does (`%`, CR and LF in a
message; `:` and `,` too in a property), and control characters are shown inert, so that no
text from a claims file can end a command early or start one of its own. Titles, messages and the
verdict line are in the reader's language; the commands are GitHub's.

`check --each` prints each file's commands as a check of that file alone does, then its verdict
line naming the file (`github_commands`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from numcheck.render.findings import CheckFindings, Finding, ci_check, relative_path
from numcheck.render.options import RenderOptions
from numcheck.render.safe import visible
from numcheck.render.wording import wording

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["escape_data", "escape_property", "github_commands", "render_github"]

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """A command's message: `%` first (so that no escape is read twice), then CR and LF; any other
    break or control character is made visible, never passed on to the log."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def escape_property(text: str) -> str:
    """A property value (file, title): as a message, and `:` and `,`, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, options: RenderOptions | None = None, *,
                  root: str | os.PathLike[str] | None = None) -> str:
    """One workflow command per finding, then the verdict line, in the options' language; paths
    relative to `root` (default: the current folder, which is the checkout in a workflow)."""
    return github_commands(ci_check(report, options), root=root)


def github_commands(found: CheckFindings, *, file: str | None = None,
                    root: str | os.PathLike[str] | None = None) -> str:
    """The commands of one check's findings, then its verdict line (naming `file` when given:
    one of several files checked each on its own)."""
    base = Path.cwd() if root is None else Path(root)
    w = wording(found.lang)
    lines = [_command(f, base) for f in found.findings]
    if file is None:
        lines.append(w("ci.verdict", verdict=found.verdict_line))
    else:
        lines.append(w("ci.file-verdict", file=file, verdict=found.verdict_line))
    return "".join(f"{visible(line)}\n" for line in lines)


def _command(finding: Finding, base: Path) -> str:
    properties = []
    if finding.location is not None:
        path = relative_path(finding.location.path, base) or os.path.abspath(os.path.join(base, finding.location.path))
        properties += [f"file={escape_property(path)}", f"line={finding.location.line}"]
    properties.append(f"title={escape_property(finding.title)}")
    return f"::{_COMMANDS[finding.level]} {','.join(properties)}::{escape_data(finding.message)}"
