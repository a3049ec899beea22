"""Parsed expression shapes, kept so that lark parses each shape of relation once.

A news file's relations and rules come in a few shapes: `p0_q3 <= 1.2 * p0_q7` and ten thousand
like it, with other names and numbers. Lark's LALR parser runs in Python and was the largest part
of loading, so an expression is first reduced to its shape (each name and number replaced by a
numbered placeholder, everything else kept as written); the shape is parsed once, and its tree is
copied with the real names and numbers put back.

Why the copy is the tree lark would give for the real text: the parser's moves depend only on the
kinds of tokens, never on their text, and the shape has the same kinds in the same order. That
holds because a shape is made only of text whose tokens are found here exactly as lark's lexer
finds them: names and numbers by the grammar's own patterns, taken greedily, and otherwise only
operator characters, which are kept as they are (no `[unit]`, no `of` or `within`, whose lexing
depends on where they stand). A shape that does not parse is not used: the real text is parsed,
so that every error is lark's, about the real text, at its real column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lark import Token, Tree

__all__ = ["ENABLED", "MAX_SHAPE_LENGTH", "Shape", "parsed", "shape_of", "stats"]

ENABLED = True  # a test switches the cache off to compare with a real parse of every text
MAX_SHAPE_LENGTH = 300  # longer texts are rare and their trees deep: they are parsed as they are
SHAPES_KEPT = 2048

_NUMBER = r"\d+(?:[,_]\d{3})*(?:\.\d+)?"  # the grammar's NUMBER and NAME (expressions._GRAMMAR)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<name>{_NAME})")
_PLAIN = re.compile(r"[A-Za-z0-9_,. \t+\-*/()%<>=!~≤≥≠≈]*")
_KEYWORDS = frozenset({"of", "within"})


@dataclass(frozen=True)
class Shape:
    """An expression with its names and numbers taken out, in the order they are written."""

    template: str
    names: tuple[str, ...]
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class Stats:
    """How often a shape's tree was reused (`hits`) and how many shapes were parsed (`parsed`),
    in this process: for the test that the cache is used at all."""

    hits: int
    parsed: int


def stats() -> Stats:
    info = _template_tree.cache_info()
    return Stats(info.hits, info.misses)


def shape_of(text: str) -> Shape | None:
    """The shape of `text`, or None when it holds anything whose lexing is not certain here."""
    if len(text) > MAX_SHAPE_LENGTH or not _PLAIN.fullmatch(text):
        return None
    names: list[str] = []
    numbers: list[str] = []
    pieces: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        pieces.append(text[last:match.start()])
        word = match.group()
        if match.lastgroup == "name":
            if word.lower() in _KEYWORDS:
                return None
            pieces.append(f" v{len(names)} ")
            names.append(word)
        else:
            pieces.append(f" {len(numbers)} ")
            numbers.append(word)
        last = match.end()
    pieces.append(text[last:])
    return Shape("".join(pieces), tuple(names), tuple(numbers))


def parsed(text: str, parse: Callable[[str], Tree[Token]]) -> Tree[Token]:
    """The tree `parse(text)` gives, from the tree of its shape when that parses; else
    `parse(text)` itself, whose errors are then the caller's."""
    shape = shape_of(text) if ENABLED else None
    if shape is None:
        return parse(text)
    tree = _template_tree(shape.template, parse)
    if tree is None:
        return parse(text)
    return _fill(tree, shape)


@lru_cache(maxsize=SHAPES_KEPT)
def _template_tree(template: str, parse: Callable[[str], Tree[Token]]) -> Tree[Token] | None:
    try:
        return parse(template)
    except Exception:  # any failure: the real text is parsed and reports it
        return None


def _fill(node: Tree[Token], shape: Shape) -> Tree[Token]:
    children: list[Tree[Token] | Token] = []
    for child in node.children:
        if isinstance(child, Tree):
            children.append(_fill(child, shape))
        elif child.type == "NAME":
            children.append(Token("NAME", shape.names[int(child.value[1:])]))
        elif child.type == "NUMBER":
            children.append(Token("NUMBER", shape.numbers[int(child.value)]))
        else:
            children.append(child)
    return Tree(node.data, children)
