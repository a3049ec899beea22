"""Safe, bounded YAML reading that remembers the line of every value.

The loader needs three things plain `yaml.safe_load` does not give: the line of each node (every
error names it), the text of a scalar as written (`value: 1.3` must not become the float 1.3),
and bounded work on hostile files (a 10-line "billion laughs" alias bomb expands to 10^9 nodes).
So files are size-checked before reading, composed into a node graph by PyYAML's C parser where
available, and walked here with a budget on the number of nodes visited.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union

import yaml

from numcheck.errors import FormatError

__all__ = ["MAX_FILE_BYTES", "MAX_NODES", "YList", "YMap", "Scalar", "YNode", "read_yaml"]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 2_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class Scalar:
    """A YAML scalar: `raw` is the text as written, `tag` what YAML resolved it to. (Slotted
    and not frozen: a large file has tens of thousands, and a frozen init costs four times more.)"""

    raw: str
    tag: str
    line: int
    plain: bool  # written without quotes

    @property
    def is_null(self) -> bool:
        return self.tag.endswith(":null")


class YMap(dict):  # type: ignore[type-arg]
    """A mapping of str keys to nodes, with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]


class YList(list):  # type: ignore[type-arg]
    line: int


YNode = Union[Scalar, YMap, YList]


def read_yaml(path: Path, shown: str) -> YNode | None:
    """Read one file into nodes; `shown` is how error messages name the file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FormatError("no such file", path=shown) from None
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror}", path=shown) from None
    if path.is_dir():
        raise FormatError("is a folder, not a claims file", path=shown)
    if size > MAX_FILE_BYTES:
        raise FormatError(
            f"the file is {size:,} bytes; numcheck reads claims files of at most {MAX_FILE_BYTES:,} bytes",
            path=shown, hint="split it into several files and give them all on the command line")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror}", path=shown) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError("the file is not UTF-8 text", path=shown, line=line) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise FormatError(f"malformed YAML: {problem}", path=shown, line=line) from None
    except yaml.YAMLError as exc:
        raise FormatError(f"malformed YAML: {exc}", path=shown) from None
    if root is None:
        return None
    return _Walker(shown).convert(root)


class _Walker:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.budget = MAX_NODES
        self.active: set[int] = set()

    def convert(self, node: yaml.Node) -> YNode:
        self.budget -= 1
        if self.budget < 0:
            raise FormatError(
                f"the file expands to more than {MAX_NODES:,} YAML nodes (an alias bomb?)",
                path=self.shown, line=node.start_mark.line + 1)
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return Scalar(node.value, node.tag, line, node.style is None)
        if id(node) in self.active:
            raise FormatError("a YAML alias refers to itself", path=self.shown, line=line)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = YList(self.convert(child) for child in node.value)
                items.line = line
                return items
            assert isinstance(node, yaml.MappingNode)
            mapping = YMap()
            mapping.line = line
            mapping.key_lines = {}
            explicit: set[str] = set()
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    merged = self.convert(value_node)
                    for part in merged if isinstance(merged, YList) else [merged]:
                        if not isinstance(part, YMap):
                            raise FormatError("'<<' must merge a mapping", path=self.shown, line=line)
                        for k, v in part.items():
                            if k not in explicit:
                                mapping.setdefault(k, v)
                                mapping.key_lines.setdefault(k, part.key_lines[k])
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    raise FormatError("a key must be a plain name", path=self.shown,
                                      line=key_node.start_mark.line + 1)
                key = key_node.value
                if key in explicit:
                    raise FormatError(f"the key '{key}' appears twice in one mapping", path=self.shown,
                                      line=key_node.start_mark.line + 1)
                explicit.add(key)
                mapping[key] = self.convert(value_node)
                mapping.key_lines[key] = key_node.start_mark.line + 1
            return mapping
        finally:
            self.active.discard(id(node))
