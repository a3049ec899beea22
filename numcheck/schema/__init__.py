"""The JSON Schema (draft 2020-12) of claims files and rule packs, `claims.schema.json` beside
this module: `numcheck schema` prints it, and an editor with a YAML language server reads it
from a `# yaml-language-server: $schema=...` line to complete and check fields as you type.

It follows the loader (numcheck/read/): every mapping the loader checks for unknown keys has
`additionalProperties: false` here, with the same keys; tests/test_schema.py holds the two
together. The loader stays the judge: the schema cannot say everything (that a quantity a claim
names is declared, that a value phrase reads), only the shape."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SCHEMA_PATH", "schema_text"]

SCHEMA_PATH = Path(__file__).resolve().parent / "claims.schema.json"


def schema_text() -> str:
    """The schema as JSON text."""
    return SCHEMA_PATH.read_text(encoding="utf-8")
