"""Small readers of one field each (text, true/false, a date, a percentage, a mapping, a list,
an id), every one of which raises a `FormatError` at the field's own line.

They are the only code that looks at raw YAML scalars for their meaning, so that "'x' must be
text" is said the same way everywhere, and so that a number is checked for length before any
conversion (Python refuses ints of more than 4,300 digits with a ValueError of its own).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from fractions import Fraction
from types import TracebackType

from numcheck.errors import FormatError, InputError
from numcheck.model import Location
from numcheck.read.numbers import MAX_DIGITS
from numcheck.read.yamlnodes import Scalar, YList, YMap, YNode

__all__ = ["bool_field", "check_id", "check_keys", "concerning", "date_field", "line_of", "mapping_field",
           "percent_value", "plain_id", "rule_text", "sequence_field", "text_field"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*\Z")


class concerning:  # lower case: used as a function, `with concerning(...)`
    """Name `subject` ("claim 'hur-total'", "rule 'bad-sum'") in every InputError raised inside.
    (A class, not a generator context manager: it wraps every claim and declaration of a file,
    and a generator's setup and teardown cost three times as much.)"""

    __slots__ = ("subject",)

    def __init__(self, subject: str | None) -> None:
        self.subject = subject

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if isinstance(exc, InputError) and self.subject is not None:
            raise exc.about(self.subject) from None


def check_keys(node: YMap, allowed: tuple[str, ...], shown: str, what: str | None) -> None:
    """Refuse a key that is not one of `allowed`, suggesting the closest one (a typo is the
    usual cause), or quoting, when the key is a number split off by a comma in `{ … }`. `what`
    names the mapping, unless the caller's `concerning` names it already (None)."""
    for key in node:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
            if re.match(r"\d", key):
                hint = ("inside { … } a comma ends the value, so '12,000' splits in two: "
                        "quote it, as in value: \"up to 12,000\"")
            place = f" in {what}" if what else ""
            raise FormatError(f"unknown key '{key}'{place}", path=shown, line=node.key_lines[key], hint=hint)


def plain_id(node: YNode | None) -> str | None:
    """The id a mapping gives itself, if it is a valid one, to name it in its own errors."""
    raw = node.get("id") if isinstance(node, YMap) else None
    return raw.raw if isinstance(raw, Scalar) and not raw.is_null and _ID.match(raw.raw) else None


def check_id(raw: str, loc: Location, what: str) -> str:
    """An id as written must be a plain name; generated ids ('casualties#2[side=ru]') need not."""
    if not _ID.match(raw):
        raise FormatError(f"'{raw}' is not a valid {what} id: use letters, digits, '-', '_', '.'",
                          path=loc.path, line=loc.line)
    return raw


def line_of(node: YNode | None, default: int) -> int:
    return getattr(node, "line", default) if node is not None else default


def text_field(node: YNode | None, shown: str, what: str) -> str:
    if not isinstance(node, Scalar) or node.is_null:
        raise FormatError(f"'{what}' must be text", path=shown, line=line_of(node, 1))
    return node.raw


def bool_field(node: YNode | None, shown: str, what: str) -> bool:
    if node is None:
        return False
    if isinstance(node, Scalar) and node.tag.endswith(":bool"):
        return node.raw.lower() in ("true", "yes", "on", "y")
    raise FormatError(f"'{what}' must be true or false", path=shown, line=line_of(node, 1))


def date_field(node: YNode | None, shown: str) -> dt.date | None:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return None
    if not isinstance(node, Scalar):
        raise FormatError("a date is written YYYY-MM-DD", path=shown, line=line_of(node, 1))
    try:
        return dt.date.fromisoformat(node.raw.strip()[:10])
    except ValueError:
        raise FormatError(f"'{node.raw[:40]}' is not a date: write YYYY-MM-DD", path=shown,
                          line=node.line) from None


def percent_value(raw: str) -> Fraction | None:
    """'10%' → 1/10, '0.1' → 1/10; None if `raw` is neither (or absurdly long)."""
    if len(raw) > MAX_DIGITS:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", raw)
    if m:
        return Fraction(m.group(1)) / 100
    m = re.fullmatch(r"\s*(0?\.\d+)\s*", raw)
    return Fraction(m.group(1)) if m else None


def mapping_field(node: YNode | None, shown: str, what: str) -> YMap:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        empty = YMap()
        empty.line, empty.key_lines = 1, {}
        return empty
    if not isinstance(node, YMap):
        raise FormatError(f"'{what}' must be a mapping", path=shown, line=line_of(node, 1))
    return node


def sequence_field(node: YNode | None, shown: str, what: str) -> YList:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return YList()
    if not isinstance(node, YList):
        raise FormatError(f"'{what}' must be a list (items start with '- ')", path=shown, line=line_of(node, 1))
    return node


def rule_text(node: YNode) -> str:
    """A rule's relation as written, for messages about a rule that could not be read."""
    if isinstance(node, Scalar):
        return node.raw
    rule = node.get("rule") if isinstance(node, YMap) else None
    return rule.raw if isinstance(rule, Scalar) else "?"
