"""SMT-LIB text for the atoms of a part: how every formula reaches z3.

Each part is written as SMT-LIB text and parsed by z3 in one call, far faster than building
terms through z3's Python API. This module only writes text; nothing here imports z3.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from numcheck.engine.problem import Guarded, QuantitySpec
from numcheck.model import Atom, Either, Linear

__all__ = ["atom", "conj", "cone", "declarations", "num", "signs", "sym"]


def num(x: Fraction) -> str:
    # the sign read off the numerator (a Fraction's denominator is positive): Fraction's own
    # comparisons cost more than the formatting, and every coefficient of every part comes here
    n, d = x.numerator, x.denominator
    if d == 1:
        return str(n) if n >= 0 else f"(- {-n})"
    return f"(/ {n} {d})" if n > 0 else f"(- (/ {-n} {d}))"


def sym(name: str) -> str:
    return f"|{name}|"


def signs(quantities: Sequence[QuantitySpec], prefix: str) -> str:
    """The non-negativity of the quantities not signed, as one formula."""
    return "(and true " + " ".join(f"(>= {sym(prefix + q.name)} 0.0)" for q in quantities if not q.signed) + ")"


def atom(a: Atom, ints: set[str], prefix: str = "") -> str:
    """`expr op 0` in SMT-LIB, each quantity named `prefix + name` (a batch puts many parts in
    one solver, each under its own prefix). An atom over whole-number quantities only is scaled
    to integer coefficients and kept in pure integer arithmetic (z3 is markedly more robust there
    than with mixed terms); other integer variables are lifted with to_real so mixed sums
    type-check."""
    names = [name for name, _ in a.expr.terms]
    if names and all(n in ints for n in names):
        return _integer_atom(a, prefix)
    terms = []
    for name, coef in a.expr.terms:
        var = f"(to_real |{prefix}{name}|)" if name in ints else f"|{prefix}{name}|"
        terms.append(var if coef.numerator == 1 and coef.denominator == 1 else f"(* {num(coef)} {var})")
    if a.expr.const.numerator != 0 or not terms:
        terms.append(num(a.expr.const))
    lhs = terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"
    if a.op == "!=":
        return f"(not (= {lhs} 0.0))"
    op = {"<=": "<=", "<": "<", "==": "="}[a.op]
    return f"({op} {lhs} 0.0)"


def _integer_atom(a: Atom, prefix: str) -> str:
    """An atom over whole-number quantities only, scaled to integer coefficients."""
    scale = 1
    for _, coef in a.expr.terms:
        scale = math.lcm(scale, coef.denominator)
    scale = math.lcm(scale, a.expr.const.denominator)
    terms = []
    for name, coef in a.expr.terms:
        k = int(coef * scale)
        terms.append(sym(prefix + name) if k == 1 else f"(* {num(Fraction(k))} {sym(prefix + name)})")
    const = int(a.expr.const * scale)
    if a.op == "<":  # an integer below 0 is at most -1
        const, op = const + 1, "<="
    else:
        op = a.op
    if const != 0:
        terms.append(num(Fraction(const)))
    lhs = terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"
    if op == "!=":
        return f"(not (= {lhs} 0))"
    return f"({'=' if op == '==' else '<='} {lhs} 0)"


def conj(atoms: Sequence[Atom], ints: set[str], either: Sequence[Either] = ()) -> str:
    """The atoms, and for each disjunction one of its options, as one formula."""
    parts = [atom(a, ints) for a in atoms]
    for alternative in either:
        options = [conj(option, ints) for option in alternative.options]
        parts.append(f"(or false {' '.join(options)})")
    if not parts:
        return "true"
    return parts[0] if len(parts) == 1 else f"(and {' '.join(parts)})"


def formula(g: Guarded, ints: set[str]) -> str:
    """What a rule or a claim says, as one formula."""
    return conj(g.atoms, ints, g.either)


def cone(a: Atom) -> Atom:
    """The atom's recession cone: the directions along which its points can move for ever
    (constant dropped, `<` read as `<=`). Only for `<=`, `<` and `==`: `!=` never reaches the LP route."""
    return Atom(Linear(a.expr.terms), "==" if a.op == "==" else "<=")


def declarations(quantities: Sequence[QuantitySpec], ints: set[str], prefix: str = "") -> tuple[str, list[str]]:
    """SMT-LIB declarations of the quantities (whole numbers as Int when in `ints`), and the
    non-negativity assertions of those that are not signed."""
    decls = "".join(f"(declare-const {sym(prefix + q.name)} {'Int' if q.name in ints else 'Real'})"
                    for q in quantities)
    background = [f"(assert (>= {sym(prefix + q.name)} {'0' if q.name in ints else '0.0'}))"
                  for q in quantities if not q.signed]
    return decls, background
