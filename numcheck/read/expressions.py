"""Rule and relation expressions: a lark grammar, read into exact linear constraints with units.

`ru_killed + ru_wounded <= ru_casualties`, `0.4 * b <= a <= 0.6 * b`, `a ~= b within 15%`,
`front_length >= 100 km`, `cost_usd == 1.08 [USD/EUR] * cost_eur`. Numbers here are exact as
written (no rounding reading). A number with no unit takes the unit of what it is added to or
compared with, so `ru_killed <= 200000` needs no unit; a number with a unit is converted.
Only linear expressions are accepted: a product of two quantities has no exact linear reading,
and a fact-checker's relations (shares, sums, ratios to a stated figure) never need one.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import lark
from lark import Lark, Token, Tree
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
)

from numcheck.model import Atom, Either, Linear
from numcheck.read.numbers import check_digits, decimal_value
from numcheck.read.shapes import parsed
from numcheck.read.units import Unit, conversion_factor, is_count, parse_unit, registry, unit_text

__all__ = [
    "MAX_DEPTH", "MAX_LENGTH", "MAX_NESTING", "Compiled", "ExpressionSyntaxError", "UnknownName", "compile_expression",
]

MAX_LENGTH = 2000
MAX_DEPTH = 40  # parentheses
MAX_NESTING = 200  # operators inside operators ('- - - a', '5% of 5% of a'); sums and products of many terms are flat

_GRAMMAR = r"""
?start: chain
chain: sum (COMP sum)+ within?
within: "within"i NUMBER "%"
COMP: "<=" | ">=" | "==" | "!=" | "~=" | "<" | ">" | "≤" | "≥" | "≠" | "≈"
?sum: product
    | sum "+" product   -> add
    | sum "-" product   -> sub
?product: unary
    | product "*" unary -> mul
    | product "/" unary -> div
?unary: "-" unary       -> neg
    | "+" unary
    | atom
?atom: NUMBER "%" "of"i unary   -> percent_of
    | NUMBER "%"                -> percent
    | NUMBER unit               -> number_unit
    | NUMBER                    -> number
    | NAME                      -> name
    | "(" sum ")"
unit: NAME | "[" /[^\]]+/ "]"
NUMBER: /\d+(?:[,_]\d{3})*(?:\.\d+)?/
NAME: /[A-Za-z_][A-Za-z0-9_]*/
%import common.WS
%ignore WS
"""

_ONE = Fraction(1)
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


class ExpressionSyntaxError(ValueError):
    """A message for a user, with the 1-based column where the problem is, when known."""

    def __init__(self, message: str, column: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.hint = hint


@lru_cache(maxsize=1)
def _dimensionless() -> Unit:
    return registry().dimensionless


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """Building the LALR tables takes as long as reading a small claims file, so lark keeps them
    in the user's cache folder (lark checks that the file was made from this grammar by this lark
    and Python, and rebuilds it when it was not, or cannot be read or written)."""
    return Lark(_GRAMMAR, parser="lalr", maybe_placeholders=False, cache=_cache_file() or False)


def _cache_file() -> str | None:
    """Where lark keeps the tables: a file named after the grammar and the versions that built it
    (so that two environments sharing the folder keep one each), in a folder of this user that no
    one else may write to, since lark reads it back with pickle. None: no cache."""
    try:
        from platformdirs import user_cache_dir  # pint's own dependency

        folder = Path(user_cache_dir("numcheck", appauthor=False))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        owner, mode = folder.stat().st_uid, folder.stat().st_mode
    except (ImportError, OSError):
        return None
    if hasattr(os, "getuid") and (owner != os.getuid() or mode & 0o022):
        return None
    key = hashlib.sha256(f"{_GRAMMAR}{lark.__version__}{sys.version_info[:2]}".encode()).hexdigest()[:16]
    return str(folder / f"expressions-{key}.lark")


@dataclass(frozen=True)
class _Value:
    """An expression's value: linear in quantities, in `unit`; `bare` for a unitless number;
    `loose` for a value of quantities declared with no unit at all, which may meet a count
    (the loader warns: the writer most likely forgot `unit: soldier`)."""

    lin: Linear
    unit: Unit
    bare: bool = False
    loose: bool = False


@dataclass(frozen=True)
class Compiled:
    """An expression read: atoms that all hold, and disjunctions that must hold too."""

    atoms: tuple[Atom, ...]
    either: tuple[Either, ...] = ()


def compile_expression(
    text: str,
    units: Mapping[str, Unit],
    *,
    about: Fraction = Fraction(1, 10),
    suggest: Callable[[str], str | None] = lambda name: None,
    unitless: Collection[str] = frozenset(),
    signed: Collection[str] = frozenset(),
) -> Compiled:
    """Read `text` into atoms. `units` maps each declared quantity to its unit; the quantities
    in `unitless` (declared with no unit) may be compared with a count, as if of its unit;
    those in `signed` may be negative (which `~=` has to know: see `_Compiler.approx`)."""
    _check_size(text)
    try:
        tree = parsed(text, _parser().parse)  # lark's tree for text, often from its shape's
    except UnexpectedCharacters as exc:
        where = exc.pos_in_stream if exc.pos_in_stream is not None else 0
        raise ExpressionSyntaxError(
            f"unexpected '{text[where:where + 1]}' at column {exc.column} in '{text}'", exc.column) from None
    except UnexpectedEOF:
        raise ExpressionSyntaxError(f"'{text}' ends too early") from None
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        if token is not None and token.type == "$END":
            raise ExpressionSyntaxError(
                f"'{text}' is not a comparison: write it as 'a <= b', 'a == b', 'a ~= b' …",
                hint="a rule or relation must compare two sides") from None
        column = getattr(exc, "column", None)
        shown = f"'{token}'" if token is not None else "input"
        raise ExpressionSyntaxError(f"unexpected {shown} at column {column} in '{text}'", column) from None
    except LarkError as exc:  # pragma: no cover - any other lark failure is still a bad expression
        raise ExpressionSyntaxError(f"cannot read '{text}': {exc}") from None
    compiler = _Compiler(units, about, suggest, text, unitless, signed)
    atoms = compiler.chain(tree)
    return Compiled(atoms, tuple(compiler.either))


def _check_size(text: str) -> None:
    """Refuse what would cost the parser or Python too much, before parsing: deep parentheses
    (looked for first, in the first MAX_LENGTH characters, so that a few thousand of them are
    reported as nesting), a long text, and numbers too long to convert."""
    head = text[: MAX_LENGTH + 1]
    if head.count("(") > MAX_DEPTH:  # only then can they nest too deep; most rules have none
        depth = 0
        for i, ch in enumerate(head):
            depth += ch == "("
            depth -= ch == ")"
            if depth > MAX_DEPTH:
                raise ExpressionSyntaxError(f"parentheses nest deeper than {MAX_DEPTH}", i + 1,
                                            hint="a relation needs a few levels at most")
    if len(text) > MAX_LENGTH:
        raise ExpressionSyntaxError(f"the expression is longer than {MAX_LENGTH:,} characters")
    try:
        check_digits(text)
    except ValueError as exc:
        raise ExpressionSyntaxError(str(exc)) from None


class _Compiler:
    def __init__(self, units: Mapping[str, Unit], about: Fraction,
                 suggest: Callable[[str], str | None], text: str, unitless: Collection[str],
                 signed: Collection[str] = frozenset()) -> None:
        self.unitless = unitless
        self.signed = signed
        self.either: list[Either] = []  # disjunctions met on the way (see approx)
        self.units = units
        self.about = about
        self.suggest = suggest
        self.text = text
        self.one = _dimensionless()

    def chain(self, tree: Tree[Token]) -> tuple[Atom, ...]:
        children = list(tree.children)
        within = None
        last = children[-1] if children else None
        if isinstance(last, Tree) and last.data == "within":
            children.pop()
            within = _number(last.children[0]) / 100
        sides = [self.value(c) for c in children[0::2]]
        ops = [str(c) for c in children[1::2]]
        if within is not None and "~=" not in ops and "≈" not in ops:
            raise ExpressionSyntaxError("'within' goes with '~=' (approximately equal)")
        atoms: list[Atom] = []
        for left, op, right in zip(sides, ops, sides[1:]):
            atoms.extend(self.compare(left, op, right, within if within is not None else self.about))
        return tuple(atoms)

    def compare(self, left: _Value, op: str, right: _Value, tolerance: Fraction) -> list[Atom]:
        left, right = self.agree(left, right, f"'{op}'")
        diff = left.lin - right.lin  # left - right, both in left's unit
        op = {"≤": "<=", "≥": ">=", "≠": "!=", "≈": "~="}.get(op, op)
        if op == "<=":
            return [Atom(diff, "<=")]
        if op == "<":
            return [Atom(diff, "<")]
        if op == ">=":
            return [Atom(diff.scale(Fraction(-1)), "<=")]
        if op == ">":
            return [Atom(diff.scale(Fraction(-1)), "<")]
        if op == "==":
            return [Atom(diff, "==")]
        if op == "!=":
            return [Atom(diff, "!=")]
        return self.approx(diff, right.lin, tolerance)

    def approx(self, diff: Linear, reference: Linear, tolerance: Fraction) -> list[Atom]:
        """a ~= b: |a - b| <= tolerance·|b| (the reference is the right side). When b cannot be
        negative that is two atoms; a number is its absolute value; otherwise the band flips
        with b's sign, which is a disjunction of the two cases (kept in `self.either`)."""
        if not reference.terms:
            band = Linear((), abs(reference.const) * tolerance)
            return [Atom(diff - band, "<="), Atom(diff.scale(Fraction(-1)) - band, "<=")]
        band = reference.scale(tolerance)
        above = (Atom(diff - band, "<="), Atom(diff.scale(Fraction(-1)) - band, "<="))
        if reference.const >= 0 and all(c > 0 and name not in self.signed for name, c in reference.terms):
            return list(above)
        below = (Atom(diff + band, "<="), Atom(diff.scale(Fraction(-1)) + band, "<="))
        self.either.append(Either((above, below)))
        return []

    def agree(self, a: _Value, b: _Value, what: str) -> tuple[_Value, _Value]:
        """Bring b into a's unit; a bare number takes the other side's unit."""
        if a.bare and not b.bare:
            return _Value(a.lin, b.unit), b
        if b.bare:
            return a, _Value(b.lin, a.unit)
        try:
            factor = conversion_factor(b.unit, a.unit)
        except ValueError as exc:
            if a.loose and is_count(b.unit):
                return _Value(a.lin, b.unit), b
            if b.loose and is_count(a.unit):
                return a, _Value(b.lin, a.unit)
            raise ExpressionSyntaxError(f"units do not agree around {what} in '{self.text}': {exc}") from None
        return a, _Value(b.lin.scale(factor), a.unit)

    def value(self, node: Tree[Token] | Token, depth: int = 0) -> _Value:
        """The value of a sub-expression `depth` operators down. A run of + and - (or of * and
        /) is one level, however long, because the parser nests it to the left: a sum of 500
        terms is a plain rule, while 300 nested unary minuses are refused (MAX_NESTING)."""
        if isinstance(node, Token):  # pragma: no cover - every token sits under a rule
            raise ExpressionSyntaxError(f"unexpected '{node}'")
        if depth > MAX_NESTING:
            raise ExpressionSyntaxError(f"the expression nests more than {MAX_NESTING} operators deep",
                                        hint="write it flat: a sum of terms, each a number times a quantity")
        kind = node.data
        if kind in ("add", "sub", "mul", "div"):
            return self.run(node, depth)
        if kind == "percent_of":
            inner = self.value(node.children[1], depth + 1)
            return _Value(inner.lin.scale(_number(node.children[0]) / 100), inner.unit, loose=inner.loose)
        if kind == "neg":
            inner = self.value(node.children[0], depth + 1)
            return _Value(inner.lin.scale(Fraction(-1)), inner.unit, inner.bare, inner.loose)
        return self.leaf(node)

    def leaf(self, node: Tree[Token]) -> _Value:
        """A name, a number, a number with a unit or a percentage."""
        kind = node.data
        c = node.children
        if kind == "name":
            name = str(c[0])
            if name not in self.units:
                if name.lower() in _SCALE_WORDS:
                    raise ExpressionSyntaxError(f"'{name}' must follow a number, as in '1.3 {name}'")
                raise UnknownName(name, self.suggest(name))
            return _Value(Linear.of({name: _ONE}), self.units[name], loose=name in self.unitless)
        if kind == "number":
            return _Value(Linear.of({}, _number(c[0])), self.one, bare=True)
        if kind == "percent":
            return _Value(Linear.of({}, _number(c[0]) / 100), self.one)
        if kind != "number_unit":  # pragma: no cover
            raise AssertionError(kind)
        unit_node = c[1]
        assert isinstance(unit_node, Tree)
        unit_name = str(unit_node.children[0]).strip()
        value = _number(c[0])
        if unit_name.lower() in _SCALE_WORDS:
            return _Value(Linear.of({}, value * _SCALE_WORDS[unit_name.lower()]), self.one, bare=True)
        if unit_name in self.units:
            raise ExpressionSyntaxError(
                f"'{c[0]} {unit_name}' in '{self.text}': write '{c[0]} * {unit_name}' to multiply")
        try:
            unit = parse_unit(unit_name)
        except ValueError as exc:
            raise ExpressionSyntaxError(f"{exc} in '{self.text}'") from None
        return _Value(Linear.of({}, value), unit)

    def run(self, top: Tree[Token], depth: int) -> _Value:
        """'a + b - c + …' or 'a * b / c …', read down its left spine without recursion."""
        family = ("add", "sub") if top.data in ("add", "sub") else ("mul", "div")
        steps: list[tuple[str, Tree[Token] | Token]] = []
        node: Tree[Token] | Token = top
        while isinstance(node, Tree) and node.data in family:
            steps.append((node.data, node.children[1]))
            node = node.children[0]
        acc = self.value(node, depth + 1)
        for kind, right in reversed(steps):
            acc = self.binary(kind, acc, self.value(right, depth + 1))
        return acc

    def binary(self, kind: str, a: _Value, b: _Value) -> _Value:
        if kind in ("add", "sub"):
            a, b = self.agree(a, b, "'+'" if kind == "add" else "'-'")
            lin = a.lin + b.lin if kind == "add" else a.lin - b.lin
            return _Value(lin, a.unit, a.bare and b.bare, a.loose and b.loose)
        if kind == "mul":
            if a.lin.terms and b.lin.terms:
                raise ExpressionSyntaxError(
                    f"'{self.text}' multiplies two quantities; only linear relations can be checked exactly",
                    hint="multiply a quantity by a number, e.g. '0.5 * ru_casualties'")
            if a.lin.terms:
                a, b = b, a
            # a is the constant factor; a plain number leaves the unit as it is
            unit = b.unit if a.unit is self.one else a.unit if b.unit is self.one else a.unit * b.unit
            return _Value(b.lin.scale(a.lin.const), unit, a.bare and b.bare, b.loose and a.unit is self.one)
        if b.lin.terms:
            raise ExpressionSyntaxError(
                f"'{self.text}' divides by a quantity; only linear relations can be checked exactly",
                hint="multiply out: write 'a <= 0.5 * b' rather than 'a / b <= 0.5'")
        if b.lin.const == 0:
            raise ExpressionSyntaxError(f"'{self.text}' divides by zero")
        unit = a.unit if b.unit is self.one else a.unit / b.unit
        return _Value(a.lin.scale(1 / b.lin.const), unit, a.bare and b.bare, a.loose and b.unit is self.one)


class UnknownName(ExpressionSyntaxError):
    """A name that is not a declared quantity; `.name` and a suggestion for the loader."""

    def __init__(self, name: str, suggestion: str | None) -> None:
        hint = f"did you mean '{suggestion}'?" if suggestion else "declare it under quantities:"
        super().__init__(f"unknown quantity '{name}'", hint=hint)
        self.name = name


def _number(token: object) -> Fraction:
    """A NUMBER token (`12,000`, `0.4599`) exactly: digits, then decimals over their power of ten."""
    whole, _, decimals = str(token).replace(",", "").replace("_", "").partition(".")
    return decimal_value(whole, decimals)


def describe_unit(unit: Unit) -> str:
    return unit_text(unit)
