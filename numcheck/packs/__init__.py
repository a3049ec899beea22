"""Rule packs shipped with numcheck, included by name: `include: [numcheck:casualties]`.

Each pack is a YAML file beside this module; `numcheck:NAME` names `NAME.yaml` here, wherever
numcheck is installed, so a claims file outside a clone of the repository can use them.
`numcheck packs` lists them with their titles; docs/rule-packs.md says what quantities each
expects."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["FOLDER", "pack_titles"]

FOLDER = Path(__file__).resolve().parent
_TITLE = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def pack_titles() -> dict[str, str]:
    """Each shipped pack's name and title, by name (the title is the pack's own `title:` line)."""
    titles = {}
    for path in sorted(FOLDER.glob("*.yaml")):
        found = _TITLE.search(path.read_text(encoding="utf-8"))
        titles[path.stem] = found.group(1).strip("\"'") if found else ""
    return titles
