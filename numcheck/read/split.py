"""Where the claims text of large files can be cut, so that two processes parse it at once.

PyYAML turned a 10,000-claim file into nodes in about half a second, in one process, before the
loader's helper (read/helper.py) could be forked to share the compiling. When every file's
claims list is its last key, the list can be cut on the text itself into blocks of whole
claims, which the loader and a helper parse and compile side by side (`read/split_load.py`).

A cut made on the text must never change what a file means, so it is made only:
* in a file whose `claims:` key is a line of its own at column 0, followed by nothing but the
  list's items, lines indented deeper, comments and blank lines (no other key, no `---` or
  `...`), and whose line breaks are all `\\n`;
* on a line that starts an item at the list's own column (that of its first item's dash):
  block texts (`|`, `>`) and plain texts that run over several lines are indented deeper than
  that column, so they cannot run over the cut.
Each block is then parsed by PyYAML on its own. A quoted text or a flow list (`[...]`) running
over a cut leaves its block unfinished, which PyYAML refuses; an alias to an anchor in another
block names no anchor; a `%TAG` handle is unknown in every block. Any refusal and any error
sends the load back to one process reading each file whole, which reports what it finds
exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from numcheck.read.files import looks_like_claims

__all__ = ["Block", "FilePlan", "Section", "SplitPlan", "claims_section", "plan_split"]

_CLAIMS_KEY = re.compile(r"^claims:[ \t]*(?:#.*)?$", re.MULTILINE)
_FIRST_ITEM = re.compile(r"^( *)-(?: |$)", re.MULTILINE)
# after `claims:`, a line at column 0 that is not an item, a comment or blank; or a document marker
_OTHER_TOP = re.compile(r"^(?:[^\s#-]|-[^ \n]|-\Z)|^(?:---|\.\.\.)(?:[ \t]|$)", re.MULTILINE)
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")  # line breaks YAML reads that a cut does not count


@dataclass(frozen=True)
class Section:
    """A file's claims list: `key` is where its `claims:` line starts, `items` where its first
    item's line starts (the end of the text when it has none), `indent` the column of its dashes."""

    key: int
    items: int
    indent: int


def claims_section(text: str) -> Section | None:
    """The claims list of a file that can be cut (see the module's docstring), else None. A file
    with no `claims:` line is all declarations: its section is empty, at the end of the text."""
    if _OTHER_BREAKS.search(text):
        return None
    key = _CLAIMS_KEY.search(text)
    if key is None:
        return Section(len(text), len(text), 0)
    after = key.end() + 1
    if _OTHER_TOP.search(text, after):
        return None
    first = _FIRST_ITEM.search(text, after)
    if first is None:
        return Section(key.start(), len(text), 0) if not text[after:].strip(" \t\n") else None
    if not _only_comments(text[after:first.start()]):
        return None
    return Section(key.start(), first.start(), len(first.group(1)))


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.split("\n"))


def _cut(text: str, section: Section, at: int) -> int | None:
    """The start of the first item line at or after offset `at`, at the list's own column."""
    item = re.compile(rf"^ {{{section.indent}}}-(?: |$)", re.MULTILINE)
    found = item.search(text, max(at, section.items))
    return found.start() if found is not None else None


@dataclass(frozen=True)
class FilePlan:
    """One file given on the command line: its text, and where its claims list is."""

    path: Path
    shown: str
    text: str
    section: Section
    echo: bool  # whether messages may quote the text (`files.looks_like_claims`), read once per file


@dataclass(frozen=True)
class Block:
    """A run of whole claims of one file (`file`, by position in the plan): the text from offset
    `start` to `stop`, which begins on the file's line `line`."""

    file: int
    start: int
    stop: int
    line: int


@dataclass(frozen=True)
class SplitPlan:
    files: tuple[FilePlan, ...]
    blocks: tuple[Block, ...]


def plan_split(files: list[tuple[Path, str, str]], block_bytes: int, min_bytes: int) -> SplitPlan | None:
    """These files' claims (path, shown name and text of each, in the order given) cut into
    blocks of about `block_bytes` of text each; None when some file cannot be cut, or the claims
    are fewer than `min_bytes` of text."""
    sections = [claims_section(text) for _, _, text in files]
    known = [s for s in sections if s is not None]
    if len(known) < len(sections) or sum(len(text) - s.items for (_, _, text), s in zip(files, known)) < min_bytes:
        return None
    blocks: list[Block] = []
    for k, ((_, _, text), section) in enumerate(zip(files, known)):
        start, line = section.items, text.count("\n", 0, section.items) + 1
        while start < len(text):
            stop = _cut(text, section, start + block_bytes) or len(text)
            blocks.append(Block(k, start, stop, line))
            line += text.count("\n", start, stop)
            start = stop
    return SplitPlan(tuple(FilePlan(path, shown, text, s, looks_like_claims(text))
                           for (path, shown, text), s in zip(files, known)), tuple(blocks))
