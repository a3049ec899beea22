"""Generic rules: the bindings of `{side}_killed + {side}_wounded <= {side}_casualties`.

A placeholder binds to a value for which every name the rule uses is declared. The bindings are
found the way a database joins tables, not by trying every combination: each templated name
(`{side}_killed`) is matched against the declared names once, giving a table of the values its
placeholders can take; the tables are then joined on their shared placeholders, the most
constraining first. So a rule over 300 declared prefixes costs a few thousand steps where the
product of candidates would cost 300³. Every step is counted, and a rule that needs more than
MAX_WORK steps, or binds more than the caller's limit, is refused with `TooManyBindings` instead
of running for minutes.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

__all__ = ["MAX_PLACEHOLDERS", "MAX_WORK", "TooManyBindings", "bindings", "fill", "placeholders"]

MAX_WORK = 1_000_000  # matching and joining steps for one rule, about a second
MAX_PLACEHOLDERS = 8  # in one rule, and occurrences in one templated name
_PARTIAL_FACTOR = 10  # partial bindings, as a multiple of the limit, before a rule is given up

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME_WITH_PLACEHOLDER = re.compile(r"[A-Za-z0-9_]*(?:\{[A-Za-z_][A-Za-z0-9_]*\}[A-Za-z0-9_]*)+")

Binding = dict[str, str]


class TooManyBindings(ValueError):
    """A generic rule binds more ways than allowed, or needs too much work to find out."""


def placeholders(text: str) -> list[str]:
    """The placeholders of a rule, in order of first appearance (the order of its bindings)."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def fill(text: str, binding: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: binding[m.group(1)], text)


def bindings(text: str, declared: Collection[str], limit: int) -> list[Binding]:
    """Every binding of the placeholders for which all the names the rule uses are declared,
    sorted by the placeholders' values in order; TooManyBindings past `limit` bindings."""
    holes = placeholders(text)
    if len(holes) > MAX_PLACEHOLDERS:
        raise TooManyBindings(f"it has {len(holes)} placeholders; a generic rule has at most {MAX_PLACEHOLDERS}")
    templates = [_Template.of(t) for t in dict.fromkeys(_NAME_WITH_PLACEHOLDER.findall(text))]
    work = _Work()
    names = declared if isinstance(declared, (set, frozenset)) else set(declared)
    tables = {t.text: t.table(names, work) for t in templates}
    found = _join(templates, tables, names, limit, work)
    found.sort(key=lambda b: tuple(b[h] for h in holes))
    return found


class _Work:
    """The step counter every part of the search shares."""

    def __init__(self) -> None:
        self.left = MAX_WORK

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise TooManyBindings(f"finding its bindings takes more than {MAX_WORK:,} steps")


@dataclass(frozen=True)
class _Template:
    """A templated name split into literal text and placeholders: '{a}{b}_r' → '', a, '', b, '_r'."""

    text: str
    pieces: tuple[str, ...]  # literal, hole, literal, hole, …, literal

    @staticmethod
    def of(text: str) -> _Template:
        pieces = tuple(_PLACEHOLDER.split(text))
        if len(pieces) // 2 > MAX_PLACEHOLDERS:
            raise TooManyBindings(f"'{text[:60]}' holds more than {MAX_PLACEHOLDERS} placeholders")
        return _Template(text, pieces)

    @property
    def holes(self) -> frozenset[str]:
        return frozenset(self.pieces[1::2])

    def table(self, names: Collection[str], work: _Work) -> list[Binding]:
        """The bindings of this template's placeholders that make it a declared name."""
        head, tail = self.pieces[0], self.pieces[-1]
        literals = [p for p in self.pieces[2:-1:2] if p]
        rows: list[Binding] = []
        for name in names:
            work.spend()
            if len(name) < len(head) + len(tail) or not name.startswith(head) or not name.endswith(tail):
                continue
            if all(lit in name for lit in literals):
                self._match(name, 1, len(head), {}, rows, work)
        return rows

    def _match(self, name: str, i: int, pos: int, env: Binding, rows: list[Binding], work: _Work) -> None:
        """Extend `env` over pieces[i:] against name[pos:], collecting every full match. The
        recursion is at most one level per placeholder occurrence (MAX_PLACEHOLDERS)."""
        hole, literal = self.pieces[i], self.pieces[i + 1]
        last = i + 2 >= len(self.pieces)
        if hole in env:
            ends: Collection[int] = [pos + len(env[hole])]
        elif last:
            ends = [len(name) - len(literal)]
        else:
            ends = range(pos + 1, len(name) - len(literal) + 1)
        for end in ends:
            work.spend()
            value = name[pos:end]
            if not value or env.get(hole, value) != value or not name.startswith(literal, end):
                continue
            if last and end + len(literal) != len(name):
                continue
            fresh = hole not in env
            env[hole] = value
            if last:
                rows.append(dict(env))
            else:
                self._match(name, i + 2, end + len(literal), env, rows, work)
            if fresh:
                del env[hole]


def _join(templates: list[_Template], tables: dict[str, list[Binding]], names: Collection[str],
          limit: int, work: _Work) -> list[Binding]:
    """Join the tables on shared placeholders; the template sharing most with what is bound
    (and adding fewest new placeholders) goes next, so that filters come before products."""
    partial: list[Binding] = [{}]
    bound: frozenset[str] = frozenset()
    todo = list(templates)
    while todo and partial:
        todo.sort(key=lambda t: (-len(t.holes & bound), len(t.holes - bound), len(tables[t.text])))
        template = todo.pop(0)
        shared = sorted(template.holes & bound)
        index: dict[tuple[str, ...], list[Binding]] = {}
        for row in tables[template.text]:
            index.setdefault(tuple(row[h] for h in shared), []).append(row)
        joined: list[Binding] = []
        for env in partial:
            for row in index.get(tuple(env[h] for h in shared), ()):
                work.spend()
                joined.append({**env, **row})
        partial, bound = joined, bound | template.holes
        may_shrink = any(t.holes & bound for t in todo)  # a join on bound placeholders can drop rows
        if len(partial) > limit and (not may_shrink or len(partial) > _PARTIAL_FACTOR * limit):
            raise TooManyBindings(f"it binds more than {limit:,} ways")
    return partial
