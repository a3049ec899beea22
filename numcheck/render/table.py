"""Claims as one table for data desks: a pandas DataFrame, written as CSV, Parquet or Excel.

Bounds stay exact: in the DataFrame they are `Fraction`s; in files they are written as exact
text (12000, 0.45, 1/3), because a float column would quietly round what the solver proved.
Beside them, `min_value` and `max_value` hold the nearest floats, for a spreadsheet's sorting,
filters and charts; they are empty where the bound is unbounded or no float holds it, and the
exact text stays the authority. The columns numcheck had first come first, in their old order,
so that a script reading them by position keeps working; newer ones are appended.

In CSV and Excel files, a text cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading `'`, as OWASP advises against CSV injection: a source named
`=HYPERLINK(...)` must reach a spreadsheet as text. Numbers (the bounds) and the DataFrame and
Parquet (typed data, no formulas) are left as they are.
"""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from numcheck.errors import UsageError
from numcheck.render.output import write_atomically
from numcheck.render.safe import csv_cell
from numcheck.render.scalars import exact

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["COLUMNS", "claims_frame", "csv_text", "write_table"]

COLUMNS = ["file", "id", "source", "date", "quantity", "value", "relative_to", "min", "max",
           "min_open", "max_open", "unit", "status", "culprit", "repair",
           "min_value", "max_value", "quote", "source_name", "line", "conflicts"]

_WRITERS = {".csv": None, ".parquet": "pyarrow", ".xlsx": "openpyxl"}
_TEXT_COLUMNS = ("file", "id", "source", "date", "quantity", "value", "relative_to", "unit", "status", "repair",
                 "quote", "source_name", "conflicts")
SHEET = "claims"


def claims_frame(report: Report) -> pd.DataFrame:
    """One row per claim; `min`/`max` are exact Fractions (None where unbounded or a relation).
    `culprit` is how many of the listed conflicts the claim is in; `repair` and `conflicts`, the
    repairs that drop it and the conflicts it is in, numbered as the report lists them ("1, 3";
    empty when none); `line` is where the claim is written in `file`."""
    model = report.model
    status = {c.id: c.status for c in report.claims}
    repairs = _numbered(repair.drop for repair in report.repairs)
    conflicts = _numbered(conflict.claims for conflict in report.conflicts)
    rows = []
    for claim in model.claims:
        iv = claim.interval
        unit = model.quantities[claim.quantity].unit if claim.quantity else ""
        rows.append({
            "file": claim.location.path,
            "id": claim.id,
            "source": claim.source,
            "date": claim.as_of.isoformat() if claim.as_of else None,
            "quantity": claim.quantity,
            "value": claim.value if claim.value is not None else claim.relation,
            "relative_to": claim.ref,
            "min": iv.lo if iv is not None else None,
            "max": iv.hi if iv is not None else None,
            "min_open": (iv.lo_open or iv.lo is None) if iv is not None else None,
            "max_open": (iv.hi_open or iv.hi is None) if iv is not None else None,
            "unit": "" if claim.ref else unit,
            "status": status[claim.id],
            "culprit": report.culprits.get(claim.id, 0),
            "repair": ", ".join(repairs.get(claim.id, [])),
            "min_value": _float(iv.lo if iv is not None else None),
            "max_value": _float(iv.hi if iv is not None else None),
            "quote": claim.quote,
            "source_name": model.sources[claim.source].name if claim.source else None,
            "line": claim.location.line,
            "conflicts": ", ".join(conflicts.get(claim.id, [])),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"min_value": "float64", "max_value": "float64", "line": "int64"})


def _numbered(groups: Iterable[Iterable[str]]) -> dict[str, list[str]]:
    """claim id → the numbers (from 1, as the report lists them) of the groups it is in."""
    out: dict[str, list[str]] = {}
    for k, group in enumerate(groups, start=1):
        for claim_id in group:
            out.setdefault(claim_id, []).append(str(k))
    return out


def _float(x: Fraction | None) -> float | None:
    """The nearest float, or None where there is no bound or no float near it: beyond the float
    range, or a non-zero bound that would read as 0 (10^-401)."""
    if x is None:
        return None
    try:
        value = float(x)
    except OverflowError:
        return None
    if math.isinf(value) or (value == 0 and x != 0):
        return None
    return value


def _exact_text(frame: pd.DataFrame, *, spreadsheet: bool = False) -> pd.DataFrame:
    """Bounds as exact text; with `spreadsheet`, text cells defused against formula injection."""
    out = frame.copy()
    for column in ("min", "max"):
        out[column] = pd.Series([None if v is None else exact(v) for v in out[column]], index=out.index, dtype=object)
    if spreadsheet:
        for column in _TEXT_COLUMNS:
            out[column] = pd.Series([csv_cell(v) for v in out[column]], index=out.index, dtype=object)
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text, bounds written exactly, text cells safe to open in a spreadsheet."""
    return str(_exact_text(frame, spreadsheet=True).to_csv(index=False))


def write_table(frame: pd.DataFrame, output: str | os.PathLike[str]) -> None:
    """Write by suffix (.csv, .parquet, .xlsx), whole or not at all."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in _WRITERS:
        raise UsageError(f"cannot write '{path.name}': use a .csv, .parquet or .xlsx file name")
    needed = _WRITERS[suffix]
    if needed and importlib.util.find_spec(needed) is None:
        raise UsageError(f"writing {suffix} needs the '{needed}' package: pip install {needed}")
    out = _exact_text(frame, spreadsheet=suffix != ".parquet")

    def write(tmp: Path) -> None:
        if suffix == ".csv":
            out.to_csv(tmp, index=False)
        elif suffix == ".parquet":
            out.to_parquet(tmp, index=False)
        else:
            _write_sheet(out, tmp)

    write_atomically(path, write)


def _write_sheet(frame: pd.DataFrame, path: Path) -> None:
    """An Excel sheet a desk can sort at once: the header row frozen and a filter on every column."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=SHEET)
        sheet = writer.sheets[SHEET]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
