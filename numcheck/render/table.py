"""Claims as one table for data desks: a pandas DataFrame, written as CSV, Parquet or Excel.

Bounds stay exact: in the DataFrame they are `Fraction`s; in files they are written as exact
text (12000, 0.45, 1/3), because a float column would quietly round what the solver proved.

In CSV and Excel files, a text cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading `'`, as OWASP advises against CSV injection: a source named
`=HYPERLINK(...)` must reach a spreadsheet as text. Numbers (the bounds) and the DataFrame and
Parquet (typed data, no formulas) are left as they are.
"""

from __future__ import annotations

import importlib.util
import os
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
           "min_open", "max_open", "unit", "status", "culprit", "repair"]

_WRITERS = {".csv": None, ".parquet": "pyarrow", ".xlsx": "openpyxl"}
_TEXT_COLUMNS = ("file", "id", "source", "date", "quantity", "value", "relative_to", "unit", "status", "repair")


def claims_frame(report: Report) -> pd.DataFrame:
    """One row per claim; `min`/`max` are exact Fractions (None where unbounded or a relation).
    `culprit` is how many of the listed conflicts the claim is in; `repair`, the repairs that
    drop it, numbered as the report lists them ("1, 3"; empty when none does)."""
    model = report.model
    status = {c.id: c.status for c in report.claims}
    repairs: dict[str, list[str]] = {}
    for k, repair in enumerate(report.repairs, start=1):
        for claim_id in repair.drop:
            repairs.setdefault(claim_id, []).append(str(k))
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
        })
    return pd.DataFrame(rows, columns=COLUMNS)


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
            out.to_excel(tmp, index=False, engine="openpyxl")

    write_atomically(path, write)
