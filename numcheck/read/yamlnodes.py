"""Safe, bounded YAML reading that remembers the line of every value.

The loader needs three things plain `yaml.safe_load` does not give: the line of each node (every
error names it), the text of a scalar as written (`value: 1.3` must not become the float 1.3),
and bounded work on hostile files. So nodes are built here, straight from the parser's events
(PyYAML's C parser where available), with every limit applied while the events arrive:

* a budget of nodes, where an alias costs the whole size of what it repeats, so that a 10-line
  "billion laughs" alias bomb and a 20 MB file of tiny scalars are both refused after at most
  MAX_NODES nodes, before they cost gigabytes;
* a cap on nesting (MAX_DEPTH), because the parser's work grows with the square of the depth
  (a line of 100,000 '[' takes it a minute) and PyYAML's own composer recurses into a crash;
* one document per file, mapping keys that are plain scalars, and no key twice.

Events are pulled one at a time, so a refusal happens as soon as a limit is crossed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from numcheck.errors import FormatError
from numcheck.read.files import MAX_FILE_BYTES, looks_like_claims, read_text

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "Composed", "Scalar", "YList", "YMap", "YNode", "compose",
           "compose_part", "read_yaml"]

MAX_NODES = 500_000  # some 40,000 claims (the benchmark's 10,000 make 120,000); refused in a second or two
MAX_DEPTH = 100  # a claims file nests four levels deep

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"
_STRING = "tag:yaml.org,2002:str"


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


YNode = Scalar | YMap | YList


def read_yaml(path: Path, shown: str) -> YNode | None:
    """Read one file into nodes; `shown` is how error messages name the file."""
    text = read_text(path, shown)
    return compose(text, shown, echo=looks_like_claims(text))


def compose(text: str, shown: str, *, echo: bool = True) -> YNode | None:
    """The nodes of one YAML document. With `echo` False (a file that is not a claims file),
    no message quotes anything from the text: only lines are given."""
    return compose_part(text, shown, echo=echo).root


@dataclass(frozen=True)
class Composed:
    """A document's root node, and the nodes it cost against MAX_NODES (aliases expanded)."""

    root: YNode | None
    nodes: int


def compose_part(text: str, shown: str, *, echo: bool = True, first_line: int = 1, depth: int = 0) -> Composed:
    """`compose` of a piece of a file (read/split.py): `first_line` is the file's line the text
    starts on, and `depth` how many collections the piece lies inside, so that lines and the
    nesting cap are the whole file's."""
    parser: Any = _Parser(text)
    builder = _Builder(shown, echo, parser, first_line - 1, depth)
    try:
        builder.run(parser.get_event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        if not echo:
            raise FormatError("malformed YAML, and no 'numcheck: 1' line: this is not a claims file",
                              path=shown, line=line) from None
        raise FormatError(f"malformed YAML: {problem}", path=shown, line=line) from None
    except yaml.YAMLError as exc:
        raise FormatError("malformed YAML" + (f": {exc}" if echo else ""), path=shown) from None
    finally:
        parser.dispose()
    return Composed(builder.root, MAX_NODES - builder.budget)


@dataclass
class _Open:
    """A collection whose end event has not come yet."""

    node: YMap | YList
    anchor: str | None
    size: int = 1  # nodes, aliases expanded
    key: Scalar | None = None  # a mapping's key, waiting for its value
    explicit: set[str] = field(default_factory=set)  # a mapping's keys written in it (not merged)


class _Builder:
    """Nodes from events, with the node budget and the depth cap applied as they arrive."""

    def __init__(self, shown: str, echo: bool, parser: Any, offset: int, depth: int) -> None:
        self.shown = shown
        self.offset = offset  # the lines of the file before the text parsed
        self.depth = depth  # collections open around the text parsed
        self.echo = echo
        self.resolve: Callable[[type, str, tuple[bool, bool]], str] = parser.resolve
        self.budget = MAX_NODES
        self.aliased = False
        self.documents = 0
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[YNode, int]] = {}
        self.root: YNode | None = None
        self.tags: dict[str, str] = {}  # plain scalars' resolved tags, by text (ids, keys, units repeat)
        # first characters of a plain scalar that no implicit resolver looks at: it is a string
        resolvers = getattr(parser, "yaml_implicit_resolvers", None)
        self.unresolved: frozenset[str] = frozenset() if resolvers is None or None in resolvers or getattr(
            parser, "yaml_path_resolvers", None) else frozenset(map(chr, range(32, 0x250))) - set(resolvers)
        self.handlers: dict[type, Callable[[Any], None]] = {
            yaml.SequenceStartEvent: self.start, yaml.MappingStartEvent: self.start,
            yaml.SequenceEndEvent: self.end, yaml.MappingEndEvent: self.end, yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }

    def run(self, get: Callable[[], Any]) -> None:
        """Every event until the stream ends. Scalars, most of the events, are handled here
        inline (as `add` would, for a collection): this loop is a third of reading a large file, and
        a method call per event cost as much as the parser's own work. Mapping keys skip YAML's
        tag resolution (only `<<` means anything as a key), and so do plain scalars that start
        with a character no resolver of YAML looks at."""
        handlers, stack, tags, resolve = self.handlers, self.stack, self.tags, self.resolve
        offset = self.offset + 1
        scalar_event, ylist, string_tag = yaml.ScalarEvent, YList, _STRING
        unresolved = self.unresolved
        while (event := get()) is not None:
            if event.__class__ is not scalar_event:
                handler = handlers.get(event.__class__)
                if handler is not None:
                    handler(event)
                continue
            mark = event.start_mark
            line = (mark.line if mark is not None else 0) + offset
            self.budget -= 1
            if self.budget < 0:
                self.spend(0, line)
            value = event.value
            tag = event.tag
            parent = stack[-1] if stack else None
            is_key = parent is not None and parent.key is None and parent.node.__class__ is not ylist
            if tag is None or tag == "!":
                implicit = event.implicit
                if implicit[0] and ((is_key and value != "<<") or (value and value[0] in unresolved)):
                    tag = string_tag
                else:
                    tag = tags.get(value) if implicit[0] else None
                    if tag is None:
                        tag = resolve(yaml.ScalarNode, value, implicit)
                        if implicit[0] and len(value) < 40:
                            tags[value] = tag
            node = Scalar(value, tag, line, event.style in (None, ""))
            if event.anchor is not None:
                self.anchors[event.anchor] = (node, 1)
            if parent is None:
                self.root = node
                continue
            parent.size += 1
            held = parent.node
            key = parent.key
            if is_key:
                parent.key = node
            elif isinstance(held, ylist):
                held.append(node)
            else:
                assert key is not None  # not a key, so the value of the key before it
                parent.key = None
                self.put(parent, key, node)

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return mark.line + 1 + self.offset if mark is not None else 1 + self.offset

    def fail(self, message: str, line: int | None, quoted: str = "") -> FormatError:
        return FormatError(message + (f": {quoted}" if quoted and self.echo else ""), path=self.shown, line=line)

    def spend(self, nodes: int, line: int) -> None:
        self.budget -= nodes
        if self.budget < 0:
            why = " (an alias bomb?)" if self.aliased else ""
            raise self.fail(f"the file expands to more than {MAX_NODES:,} YAML nodes{why}", line)

    def document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.fail("more than one YAML document ('---'); a claims file is one document",
                            self.line(event))

    def start(self, event: yaml.CollectionStartEvent) -> None:
        line = self.line(event)
        self.spend(1, line)
        if len(self.stack) + self.depth >= MAX_DEPTH:
            raise self.fail(f"the YAML nests more than {MAX_DEPTH} levels deep", line)
        node: YMap | YList
        if isinstance(event, yaml.MappingStartEvent):
            node = YMap()
            node.key_lines = {}
        else:
            node = YList()
        node.line = line
        if event.anchor is not None:
            self.anchors.pop(event.anchor, None)  # until it ends, an alias to it is to itself
        self.stack.append(_Open(node, event.anchor))

    def end(self, event: yaml.CollectionEndEvent) -> None:
        done = self.stack.pop()
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.node, done.size)
        self.add(done.node, done.size)

    def alias(self, event: yaml.AliasEvent) -> None:
        line = self.line(event)
        if event.anchor in {frame.anchor for frame in self.stack}:
            raise self.fail("a YAML alias refers to itself", line)
        if event.anchor not in self.anchors:
            raise self.fail("a YAML alias names no anchor", line, f"'*{event.anchor}'")
        node, size = self.anchors[event.anchor]
        self.aliased = True
        self.spend(size, line)
        self.add(node, size)

    def add(self, node: YNode, size: int) -> None:
        """Give a finished node to the collection it is in (or make it the document)."""
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.node, YList):
            parent.node.append(node)
        elif parent.key is None:
            if not isinstance(node, Scalar):
                raise self.fail("a key must be a plain name", getattr(node, "line", None))
            parent.key = node
        else:
            key, parent.key = parent.key, None
            self.put(parent, key, node)

    def put(self, parent: _Open, key: Scalar, value: YNode) -> None:
        mapping = parent.node
        assert isinstance(mapping, YMap)
        if key.tag == _MERGE:
            for part in value if isinstance(value, YList) else [value]:
                if not isinstance(part, YMap):
                    raise self.fail("'<<' must merge a mapping", key.line)
                for k, v in part.items():
                    if k not in parent.explicit:
                        mapping.setdefault(k, v)
                        mapping.key_lines.setdefault(k, part.key_lines[k])
            return
        name = key.raw
        if name in parent.explicit:
            raise self.fail("a key appears twice in one mapping", key.line, f"'{name}'")
        parent.explicit.add(name)
        mapping[name] = value
        mapping.key_lines[name] = key.line
