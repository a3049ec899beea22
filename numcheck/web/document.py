"""The claims file the page edits: its text read into plain data, and written back.

The page never edits YAML text with string surgery. A file is read by the loader's own bounded
composer (`read.yamlnodes.compose`: node budget, depth cap, every value's line), turned into plain
data here (`Doc`) in which a string is a `str` and every other plain scalar (a number, a date,
true) is a `Raw` that keeps the text as written, and written back by `emit`, which always writes
the same bytes for the same data: the sections in the file's own order, sources and quantities
one per line, rules and claims as block items, a string plain only when it is a simple name and
double-quoted (JSON escapes, valid YAML) otherwise.

A file nobody edited is never written back this way: the page keeps its text as it came (see
app.py), so that opening and saving an unchanged file writes the same bytes. Comment lines right
above the file's first key, a section, a source, a quantity, a rule or a claim are kept with it;
comments elsewhere (at the end of a line, inside a flow mapping) are not, and docs/web.md says so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Union

import yaml

from numcheck.errors import FormatError
from numcheck.read.yamlnodes import Scalar, YList, YMap, YNode, compose

__all__ = ["Data", "Doc", "Raw", "emit", "insert_key", "parse", "quoted", "scalar_text", "text_of"]

_STR = "tag:yaml.org,2002:str"
_RAW = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "timestamp")}
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*(?::[A-Za-z0-9_][A-Za-z0-9_./-]*)?\Z")
_FLOW_SECTIONS = ("sources", "quantities")  # one entry a line, `name: {k: v, …}`
# Characters a double-quoted YAML scalar must not hold as they are: controls, YAML's extra line
# breaks (NEL, U+2028/9), the BOM and non-characters; JSON escapes the C0 controls itself.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Raw:
    """A plain scalar that is not text (12000, 0.5, 2024-10-24, true, null), kept as written."""

    text: str


Data = Union[str, Raw, "dict[str, Data]", "list[Data]"]
Where = tuple[str, ...]  # ("head",), ("section", key) or (section, entry key or claim id or rule index)


@dataclass
class Doc:
    """A claims file as data, the comment lines found above its parts, and each claim's line."""

    data: dict[str, Data]
    comments: dict[Where, list[str]] = field(default_factory=dict)
    claim_lines: list[tuple[str, int]] = field(default_factory=list)  # (claim id, first line), in order
    include_lines: list[tuple[str, int]] = field(default_factory=list)  # (include as written, its line)
    section_lines: dict[str, int] = field(default_factory=dict)  # top-level key → its line

    def claims(self) -> list[dict[str, Data]]:
        items = self.data.get("claims")
        return [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []

    def section(self, key: str) -> dict[str, Data]:
        """A mapping section (sources, quantities), created empty where the file has none."""
        value = self.data.get(key)
        if not isinstance(value, dict):
            value = {}
            insert_key(self.data, key, value)
        return value


_ORDER = ("numcheck", "title", "description", "defaults", "include", "sources", "quantities", "rules", "claims")


def insert_key(data: dict[str, Data], key: str, value: Data) -> None:
    """Put a new top-level key at its place in the format's order, keeping every other key where it is."""
    if key in data or key not in _ORDER:
        data[key] = value
        return
    later = set(_ORDER[_ORDER.index(key) + 1:])
    items = list(data.items())
    at = next((i for i, (k, _) in enumerate(items) if k in later), len(items))
    items.insert(at, (key, value))
    data.clear()
    data.update(items)


def parse(text: str, shown: str = "claims.yaml") -> Doc:
    """The data of a claims file's text; a FormatError at its line for what the page cannot hold."""
    root = compose(text.removeprefix("\ufeff"), shown)
    if not isinstance(root, YMap):
        raise FormatError("a claims file is a mapping of sections (numcheck:, sources:, claims:, …)",
                          path=shown, line=getattr(root, "line", 1))
    data = _data(root, shown)
    assert isinstance(data, dict)
    doc = Doc(data)
    _collect_comments(doc, root, text.removeprefix("\ufeff").split("\n"))
    return doc


def _data(node: YNode, shown: str) -> Data:
    if isinstance(node, Scalar):
        if node.tag == _STR:
            return node.raw
        if node.tag in _RAW and node.plain:
            return Raw(node.raw)
        if node.tag in _RAW:  # a quoted number or date: a string as far as YAML is concerned
            return node.raw
        raise FormatError(f"the YAML tag '{node.tag}' is not part of a claims file", path=shown, line=node.line)
    if isinstance(node, YMap):
        return {key: _data(value, shown) for key, value in node.items()}
    return [_data(item, shown) for item in node]


def _comment_above(lines: list[str], line: int) -> list[str]:
    """The comment lines right above 1-based `line` (no blank line between), top first."""
    out: list[str] = []
    k = line - 2
    while k >= 0 and lines[k].lstrip().startswith("#"):
        out.append(lines[k].strip())
        k -= 1
    return out[::-1]


def _collect_comments(doc: Doc, root: YMap, lines: list[str]) -> None:
    for n, key in enumerate(root):
        line = root.key_lines[key]
        doc.section_lines[key] = line
        above = _comment_above(lines, line)
        if above:
            doc.comments[("head",) if n == 0 else ("section", key)] = above
        node = root[key]
        if key in _FLOW_SECTIONS and isinstance(node, YMap):
            for name, entry_line in node.key_lines.items():
                if found := _comment_above(lines, entry_line):
                    doc.comments[(key, name)] = found
        elif key in ("rules", "claims") and isinstance(node, YList):
            _collect_items(doc, key, node, lines)
        elif key == "include":
            items = node if isinstance(node, YList) else [node]
            doc.include_lines += [(i.raw, i.line) for i in items if isinstance(i, Scalar)]


def _collect_items(doc: Doc, key: str, node: YList, lines: list[str]) -> None:
    for i, item in enumerate(node):
        item_line = item.line if isinstance(item, (YMap, YList, Scalar)) else 0
        name = str(i)
        if key == "claims" and isinstance(item, YMap) and isinstance(item.get("id"), Scalar):
            name = item["id"].raw
            doc.claim_lines.append((name, item_line))
        if found := _comment_above(lines, item_line):
            doc.comments[(key, name)] = found


def text_of(value: Data | None) -> str | None:
    """A scalar's text (a string, or a number or date as written); None for a mapping, a list, nothing."""
    if isinstance(value, Raw):
        return value.text
    return value if isinstance(value, str) else None


# ---- writing -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _reads_as_itself(text: str) -> bool:
    """Whether YAML reads `text`, written plain, back as the same string (not true, null, 1e3)."""
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def quoted(text: str) -> str:
    """A double-quoted YAML scalar of any string (JSON's escapes, and \\u escapes for the rest)."""
    import json

    body = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)


def scalar_text(value: str | Raw) -> str:
    if isinstance(value, Raw):
        return value.text
    if _PLAIN.match(value) and _reads_as_itself(value):
        return value
    return quoted(value)


def _flow(value: Data) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar_text(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar_text(value)


def _block_item(value: Data, indent: str) -> list[str]:
    """One list item: `- scalar`, or a mapping's keys one a line under `- `."""
    if isinstance(value, dict) and value:
        out = []
        for n, (k, v) in enumerate(value.items()):
            lead = f"{indent}- " if n == 0 else f"{indent}  "
            out.append(f"{lead}{scalar_text(k)}: {_flow(v)}")
        return out
    return [f"{indent}- {_flow(value)}"]


def _section(doc: Doc, key: str, value: Data) -> list[str]:
    def notes(where: Where, indent: str) -> list[str]:
        return [f"{indent}{c}" for c in doc.comments.get(where, [])]

    name = scalar_text(key)
    if isinstance(value, dict) and value:
        out = [f"{name}:"]
        for k, v in value.items():
            out += notes((key, k), "  ")
            out.append(f"  {scalar_text(k)}: {_flow(v)}")
        return out
    if isinstance(value, list) and value:
        out = [f"{name}:"]
        for i, item in enumerate(value):
            item_id = text_of(item.get("id")) if key == "claims" and isinstance(item, dict) else None
            out += notes((key, item_id if item_id is not None else str(i)), "  ")
            out += _block_item(item, "  ")
        return out
    return [f"{name}: {_flow(value)}"]


def emit(doc: Doc) -> str:
    """The file's text: always the same bytes for the same data and comments."""
    out: list[str] = []
    for n, (key, value) in enumerate(doc.data.items()):
        out += doc.comments.get(("head",) if n == 0 else ("section", key), [])
        out += _section(doc, key, value)
    return "\n".join(out) + "\n"
