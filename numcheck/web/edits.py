"""What the page can change in a claims file, as operations on its data (`Doc`).

Each operation comes from the page as a small JSON object (`{"op": "join", "quantity": "b",
"into": "a"}`) and is applied to the data, never to the text. An operation that cannot apply (a
claim that is not there, a name that is no name) raises `EditError`, whose message the page shows.

- `set`: one cell of a claim: source, quantity, value, as_of (the date), quote, or review
  ("false" confirms a drafted figure: its `review: true` goes).
- `rename`: a quantity gets a new name everywhere (its declaration, claims, value phrases such as
  "half of q", rules and relations). Renaming onto a declared name joins the two.
- `join`: two quantities become one: every claim of the second now names the first, and the
  second's declaration goes.
- `unit`, `source`: a quantity's unit; a source's name or date.
- `add`, `delete`: a claim (a new one copies the last claim's source, quantity and value, to edit,
  and is numbered after the last claim's id: `hur-5` → `hur-6`).
- `packs`: the shipped rule packs included (`numcheck:NAME`); other includes are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from numcheck.read.includes import PACK_PREFIX, shipped_packs
from numcheck.web.document import Data, Doc, Raw, insert_key, text_of

__all__ = ["EditError", "apply", "is_name"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}\Z")
_SOURCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CELLS = ("source", "quantity", "value", "as_of", "quote", "review")
_REVIEW_NOTE = "relation drafted from a relative phrase: check what it relates"
MAX_TEXT = 2_000  # characters in one cell


class EditError(ValueError):
    """An operation the page asked for that cannot apply; the message says why."""


def is_name(text: str) -> bool:
    return bool(_NAME.match(text))


def apply(doc: Doc, op: dict[str, Any]) -> None:
    """Apply one operation to the data in place; EditError when it cannot apply."""
    kind = op.get("op")
    handler = _HANDLERS.get(kind if isinstance(kind, str) else "")
    if handler is None:
        raise EditError(f"unknown edit {kind!r}")
    handler(doc, op)


def _text(op: dict[str, Any], key: str) -> str:
    value = op.get(key, "")
    if not isinstance(value, str):
        raise EditError(f"'{key}' must be text")
    if len(value) > MAX_TEXT:
        raise EditError(f"'{key}' is longer than {MAX_TEXT:,} characters")
    return value.strip()


def _claim(doc: Doc, claim_id: str) -> dict[str, Data]:
    for claim in doc.claims():
        if text_of(claim.get("id")) == claim_id:
            return claim
    raise EditError(f"there is no claim '{claim_id}'")


def _quantity_name(text: str) -> str:
    if not is_name(text):
        raise EditError(f"'{text}' is not a quantity name (letters, digits and _, not starting with a digit)")
    return text


def _set(doc: Doc, op: dict[str, Any]) -> None:
    claim = _claim(doc, _text(op, "claim"))
    cell, value = _text(op, "field"), _text(op, "value")
    if cell not in _CELLS:
        raise EditError(f"a claim's cells are {', '.join(_CELLS)}, not '{cell}'")
    if cell == "review":
        _review(claim, value)
    elif cell == "quantity":
        _move(doc, claim, _quantity_name(value))
    elif cell == "source":
        _put(claim, "source", value)
        if value:
            if not _SOURCE.match(value):
                raise EditError(f"'{value}' is not a source id (letters, digits, - _ .)")
            doc.section("sources").setdefault(value, {"name": value})
    elif cell == "value":
        _put(claim, "relation" if "relation" in claim and "value" not in claim else "value", value, keep=True)
    elif cell == "as_of":
        _put(claim, "as_of", Raw(value) if _DATE.match(value) else value)
    else:
        _put(claim, cell, value)


def _put(claim: dict[str, Data], key: str, value: str | Raw, *, keep: bool = False) -> None:
    """Set a claim's key, or drop it when the new value is empty (unless `keep`)."""
    if value == "" and not keep:
        claim.pop(key, None)
    else:
        claim[key] = value


def _review(claim: dict[str, Data], value: str) -> None:
    if value in ("false", "no", ""):
        claim.pop("review", None)
        if claim.get("note") == _REVIEW_NOTE:
            claim.pop("note")
    else:
        claim["review"] = Raw("true")


def _move(doc: Doc, claim: dict[str, Data], name: str) -> None:
    """The claim now names quantity `name`, declared (with the old quantity's unit) if new."""
    if "relation" in claim and "value" not in claim:
        raise EditError("a relation names its quantities in its text: edit the relation instead")
    quantities = doc.section("quantities")
    if name not in quantities:
        old = quantities.get(text_of(claim.get("quantity")) or "")
        unit = old.get("unit", "") if isinstance(old, dict) else ""
        quantities[name] = {"unit": unit}
    claim["quantity"] = name


def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9_{{}}]){re.escape(name)}(?![A-Za-z0-9_{{}}])")


def _rename_everywhere(doc: Doc, old: str, new: str) -> None:
    """Every use of quantity `old` in claims and rules now says `new`."""
    word = _word(old)
    for claim in doc.claims():
        if text_of(claim.get("quantity")) == old:
            claim["quantity"] = new
        for key in ("value", "relation"):
            value = claim.get(key)
            if isinstance(value, str):
                claim[key] = word.sub(new, value)
    rules = doc.data.get("rules")
    for i, rule in enumerate(rules if isinstance(rules, list) else []):
        if isinstance(rule, str):
            rules[i] = word.sub(new, rule)  # type: ignore[index]
        elif isinstance(rule, dict) and isinstance(rule.get("rule"), str):
            rule["rule"] = word.sub(new, rule["rule"])  # type: ignore[arg-type]


def _declared(doc: Doc, name: str) -> dict[str, Data]:
    quantities = doc.section("quantities")
    if name not in quantities:
        raise EditError(f"there is no quantity '{name}'")
    return quantities


def _rename(doc: Doc, op: dict[str, Any]) -> None:
    old, new = _text(op, "quantity"), _quantity_name(_text(op, "to"))
    quantities = _declared(doc, old)
    if new == old:
        return
    if new in quantities:
        _join(doc, {"quantity": old, "into": new})
        return
    renamed = {(new if k == old else k): v for k, v in quantities.items()}
    quantities.clear()
    quantities.update(renamed)
    if ("quantities", old) in doc.comments:
        doc.comments[("quantities", new)] = doc.comments.pop(("quantities", old))
    _rename_everywhere(doc, old, new)


def _join(doc: Doc, op: dict[str, Any]) -> None:
    merged, kept = _text(op, "quantity"), _text(op, "into")
    quantities = _declared(doc, merged)
    _declared(doc, kept)
    if merged == kept:
        raise EditError("a quantity cannot be joined with itself")
    del quantities[merged]
    doc.comments.pop(("quantities", merged), None)
    _rename_everywhere(doc, merged, kept)


def _unit(doc: Doc, op: dict[str, Any]) -> None:
    name = _text(op, "quantity")
    entry = _declared(doc, name)[name]
    if not isinstance(entry, dict):
        entry = {}
        doc.section("quantities")[name] = entry
    entry["unit"] = _text(op, "value")


def _source(doc: Doc, op: dict[str, Any]) -> None:
    sources = doc.section("sources")
    name, cell, value = _text(op, "source"), _text(op, "field"), _text(op, "value")
    entry = sources.get(name)
    if not isinstance(entry, dict):
        raise EditError(f"there is no source '{name}'")
    if cell == "name":
        entry["name"] = value
    elif cell == "date":
        _put(entry, "date", Raw(value) if _DATE.match(value) else value)
    else:
        raise EditError(f"a source's cells are name and date, not '{cell}'")


def _fresh_id(doc: Doc, base: str) -> str:
    taken = {text_of(c.get("id")) for c in doc.claims()}
    n = len(taken) + 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _add(doc: Doc, op: dict[str, Any]) -> None:
    claims = doc.claims()
    last = claims[-1] if claims else {}
    quantity = text_of(last.get("quantity")) or next(iter(doc.section("quantities")), None)
    if quantity is None:
        quantity = "new_quantity"
        doc.section("quantities")[quantity] = {"unit": ""}
    source = text_of(last.get("source"))
    numbered = re.fullmatch(r"(.+)-\d+", text_of(last.get("id")) or "")
    claim: dict[str, Data] = {"id": _fresh_id(doc, numbered.group(1) if numbered else source or "claim")}
    if source:
        claim["source"] = source
    claim.update({"quantity": quantity, "value": text_of(last.get("value")) or "0", "review": Raw("true")})
    items = doc.data.get("claims")
    if isinstance(items, list):
        items.append(claim)
    else:
        insert_key(doc.data, "claims", [claim])


def _delete(doc: Doc, op: dict[str, Any]) -> None:
    claim = _claim(doc, _text(op, "claim"))
    items = doc.data["claims"]
    assert isinstance(items, list)
    items.remove(claim)


def _packs(doc: Doc, op: dict[str, Any]) -> None:
    wanted = op.get("packs", [])
    known = shipped_packs()
    if not isinstance(wanted, list) or any(p not in known for p in wanted):
        raise EditError("the rule packs are " + ", ".join(known))
    current = doc.data.get("include")
    others = [i for i in current if not (isinstance(i, str) and i.startswith(PACK_PREFIX))] \
        if isinstance(current, list) else []
    include: list[Data] = [f"{PACK_PREFIX}{p}" for p in known if p in wanted] + others
    if include:
        insert_key(doc.data, "include", include)
    else:
        doc.data.pop("include", None)


_HANDLERS: dict[str, Callable[[Doc, dict[str, Any]], None]] = {
    "set": _set, "rename": _rename, "join": _join, "unit": _unit, "source": _source,
    "add": _add, "delete": _delete, "packs": _packs,
}
