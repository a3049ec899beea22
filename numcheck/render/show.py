"""`numcheck show`: the loaded model as canonical constraints, for reading and for diffing."""

from __future__ import annotations

from typing import Any

from numcheck.model import Model
from numcheck.render.numbers import canonical_claim, canonical_rule
from numcheck.render.safe import json_document, visible

__all__ = ["model_to_dict", "show_text"]


def model_to_dict(model: Model) -> dict[str, Any]:
    return {
        "numcheck": 1,
        "files": list(model.files),
        "title": model.title,
        "sources": {
            s.id: {"name": s.name, "date": s.date.isoformat() if s.date else None, "url": s.url}
            for s in model.sources.values()
        },
        "quantities": {
            q.name: {"unit": q.unit, "signed": q.signed, "integer": q.integer, "about": q.about,
                     "where": str(q.location)}
            for q in model.quantities.values()
        },
        "rules": [
            {"id": r.id, "text": r.text, "constraint": canonical_rule(r), "why": r.why, "where": str(r.location)}
            for r in model.rules
        ],
        "claims": [
            {"id": c.id, "source": c.source, "quantity": c.quantity, "value": c.value, "relation": c.relation,
             "constraint": canonical_claim(c, model), "as_of": c.as_of.isoformat() if c.as_of else None,
             "quote": c.quote, "where": str(c.location)}
            for c in model.claims
        ],
    }


def show_text(model: Model) -> str:
    lines = []
    if model.title:
        lines.append(model.title)
        lines.append("")
    lines.append(f"quantities ({len(model.quantities)}):")
    for q in model.quantities.values():
        flags = "".join([", signed" if q.signed else "", ", integer" if q.integer else ""])
        lines.append(f"  {q.name} [{q.unit or 'number'}{flags}]")
    lines.append(f"rules ({len(model.rules)}):")
    for r in model.rules:
        lines.append(f"  {r.id}: {canonical_rule(r)}")
    lines.append(f"claims ({len(model.claims)}):")
    for c in model.claims:
        src = f"  [{c.source}]" if c.source else ""
        lines.append(f"  {c.id}: {canonical_claim(c, model)}{src}")
    for text, loc in model.unbound_rules:
        lines.append(f"note: {loc}: generic rule '{text}' binds to no declared quantities")
    return "\n".join(visible(line) for line in lines) + "\n"  # one line each, no escape sequences


def show_json(model: Model) -> str:
    return json_document(model_to_dict(model))
