"""Rules (and relation expressions) compiled against the declared quantities.

A rule is a string or a mapping with `rule`, optional `id` and `why`; a rule without an id gets
a stable one from its file and position (`casualties#2`). A generic rule (`{side}_killed <=
{side}_casualties`) becomes one `Rule` per binding of its placeholders, each with the rule's id
and its binding (`part[side=ru]`), so that a report can name the instance that conflicts.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from numcheck.errors import ExpressionError, FormatError, UnitError
from numcheck.model import Location, Rule
from numcheck.read.declarations import Declared, LoadedFile
from numcheck.read.expressions import Compiled, ExpressionSyntaxError, UnknownName, compile_expression
from numcheck.read.fields import check_id, check_keys, concerning, line_of, plain_id, text_field
from numcheck.read.generic import TooManyBindings, bindings, fill, placeholders
from numcheck.read.yamlnodes import Scalar, YMap, YNode

__all__ = ["MAX_BINDINGS", "compile_expr", "compile_rule"]

MAX_BINDINGS = 10_000  # instances of one generic rule; more is a runaway pattern, not a rule pack
_RULE_KEYS = ("id", "rule", "why")


def compile_rule(node: YNode, position: int, file: LoadedFile, ns: Declared) -> list[Rule]:
    """The rule at `position` in `file`: one Rule, or one per binding of a generic rule (none
    when a generic rule binds to no declared quantities; the loader reports it as unbound).
    Every error names the rule by its id (`rule 'bad-sum': …`), an instance by its binding."""
    base_id = plain_id(node) or f"{Path(file.shown).stem}#{position}"
    with concerning(f"rule '{base_id}'"):
        text, loc, why = _read_rule(node, file.shown)
        if not placeholders(text):
            rule_id = ns.register_id(base_id, loc)
            compiled = compile_expr(text, loc, file.defaults.about, ns)
            return [Rule(rule_id, text, compiled.atoms, loc, why, either=compiled.either)]
        try:
            found = bindings(text, ns.quantities.keys(), MAX_BINDINGS)
        except TooManyBindings as exc:
            raise FormatError(f"the generic rule '{text}' cannot be used: {exc}", path=loc.path, line=loc.line,
                              hint="make its names more specific, or write the instances out") from None
    made = []
    for binding in found:
        concrete = fill(text, binding)
        rule_id = f"{base_id}[{','.join(f'{k}={v}' for k, v in binding.items())}]"
        with concerning(f"rule '{rule_id}'"):
            ns.register_id(rule_id, loc)
            compiled = compile_expr(concrete, loc, file.defaults.about, ns)
        made.append(Rule(rule_id, concrete, compiled.atoms, loc, why, template=text, either=compiled.either))
    return made


def _read_rule(node: YNode, shown: str) -> tuple[str, Location, str | None]:
    """A rule's text, where it is written, and its `why`."""
    if isinstance(node, Scalar):
        return node.raw, Location(shown, node.line), None
    if not isinstance(node, YMap):
        raise FormatError("a rule is a relation like 'a <= b', or a mapping with 'rule:'", path=shown,
                          line=line_of(node, 1))
    check_keys(node, _RULE_KEYS, shown, None)
    if "rule" not in node:
        raise FormatError("a rule mapping needs 'rule:' (the relation)", path=shown, line=node.line)
    loc = Location(shown, line_of(node["rule"], node.line))
    if "id" in node:
        check_id(text_field(node["id"], shown, "id"), loc, "rule")
    why = text_field(node["why"], shown, "why") if "why" in node else None
    return text_field(node["rule"], shown, "rule"), loc, why


def compile_expr(text: str, loc: Location, about: Fraction, ns: Declared) -> Compiled:
    """A rule's or relation claim's expression as atoms; its errors become InputErrors at `loc`
    (the caller names the rule or claim)."""
    try:
        return compile_expression(text, ns.units, about=about, suggest=ns.suggest, unitless=ns.unitless,
                                  signed=ns.signed)
    except UnknownName as exc:
        raise FormatError(f"{exc} in '{text}'", path=loc.path, line=loc.line, hint=exc.hint) from None
    except ExpressionSyntaxError as exc:
        cls = UnitError if "units do not agree" in str(exc) or "unknown unit" in str(exc) else ExpressionError
        raise cls(str(exc), path=loc.path, line=loc.line, column=exc.column, hint=exc.hint) from None
