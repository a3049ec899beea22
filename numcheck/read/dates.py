"""The fields of figures over time (claims-format.md, "Figures over time"): `over_time` and
`since` on a quantity, `period: FROM..TO` on a rate claim, and the name of a quantity at a date.

Each reader raises a `FormatError` at the field's own line, as read/fields.py does for the
other fields, so that declarations.py and claims.py only call them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from numcheck.errors import FormatError
from numcheck.read.fields import date_field, line_of, text_field
from numcheck.read.yamlnodes import Scalar, YNode

__all__ = ["KINDS", "at_date", "period_field", "time_fields"]

KINDS = ("cumulative", "level")
_PERIOD = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*\Z")


def at_date(name: str, date: dt.date) -> str:
    """The model's name of a time-indexed quantity at a date: `ru_killed@2024-10-25` (the JSON
    ranges key of the contract). `@` is never part of a declared name, so it cannot clash."""
    return f"{name}@{date.isoformat()}"


def time_fields(fields: Mapping[str, YNode], shown: str, line: int) -> tuple[str | None, dt.date | None]:
    """A quantity's `over_time` (cumulative | level, or None) and `since` (a date, or None).

    `since` says the quantity is 0 on that date, so it needs `over_time`: a quantity with one
    value whatever the date has no "before"."""
    over_time = None
    if "over_time" in fields:
        raw = text_field(fields["over_time"], shown, "over_time").strip()
        if raw not in KINDS:
            raise FormatError(f"over_time '{raw[:40]}' is not one of: cumulative, level",
                              path=shown, line=line_of(fields["over_time"], line),
                              hint="cumulative: a count that never falls (a toll); level: free to rise and fall")
        over_time = raw
    since = date_field(fields.get("since"), shown)
    if since is not None and over_time is None:
        raise FormatError("'since' needs 'over_time: cumulative' (or level): a quantity without over_time "
                          "has one value whatever the date", path=shown, line=line_of(fields.get("since"), line))
    return over_time, since


def period_field(node: YNode | None, shown: str, line: int) -> tuple[dt.date, dt.date] | None:
    """`period: 2024-10-25..2025-10-25` as (from, to); None when absent. The end must come
    after the start: a rate over no time says nothing."""
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return None
    where = line_of(node, line)
    raw = node.raw if isinstance(node, Scalar) else ""
    match = _PERIOD.match(raw)
    if match is None:
        raise FormatError(f"period '{raw[:40]}' must be written FROM..TO, like 2024-10-25..2025-10-25",
                          path=shown, line=where)
    try:
        start, end = (dt.date.fromisoformat(match.group(k)) for k in (1, 2))
    except ValueError:
        raise FormatError(f"period '{raw[:40]}' holds a date that does not exist", path=shown,
                          line=where) from None
    if end <= start:
        raise FormatError(f"period '{raw[:40]}' ends on or before it starts: the end must come after the start",
                          path=shown, line=where)
    return start, end
