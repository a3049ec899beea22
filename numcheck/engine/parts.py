"""Independent parts of a model: quantities that share a claim or a rule, solved on their own.

No constraint crosses parts, so each is solved alone (in parallel processes with several jobs)
and the cost of a check grows with the largest part, not with the file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations, islice

from numcheck.engine.options import SolveOptions
from numcheck.engine.problem import ComponentProblem, Guarded, QuantitySpec, Shrink
from numcheck.engine.tension import shrunk_atoms
from numcheck.model import Claim, Model

__all__ = ["MAX_PAIRS_PER_QUANTITY", "Part", "find_parts", "problem_of"]

MAX_PAIRS_PER_QUANTITY = 200  # pairs of claims on one quantity tested for agreement


@dataclass(frozen=True)
class Part:
    """Indexes into the model: the part's quantity names, its rules and its claims."""

    quantities: tuple[str, ...]
    rules: tuple[int, ...]
    claims: tuple[int, ...]


def find_parts(model: Model) -> list[Part]:
    """Union-find over quantities. Constant-only rules and claims ("1 <= 2") form a last part of
    their own, with no quantities: they still need a verdict."""
    parent: dict[str, str] = {name: name for name in model.quantities}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rule_names = [rule.quantities() for rule in model.rules]
    claim_names = [claim.quantities() for claim in model.claims]
    for names in (*rule_names, *claim_names):
        if len(names) > 1:  # a claim on one quantity joins nothing (half of a file's claims)
            first = find(names[0])
            for name in names[1:]:
                root = find(name)
                if root != first:
                    parent[root] = first
    groups: dict[str, tuple[list[str], list[int], list[int]]] = {}
    for name in model.quantities:
        groups.setdefault(find(name), ([], [], []))[0].append(name)
    orphans: list[int] = []
    for i, names in enumerate(rule_names):
        (groups[find(names[0])][1] if names else orphans).append(i)
    loose: list[int] = []
    for i, names in enumerate(claim_names):
        (groups[find(names[0])][2] if names else loose).append(i)
    parts = [Part(tuple(q), tuple(r), tuple(c)) for q, r, c in groups.values()]
    if orphans or loose:
        parts.append(Part((), tuple(orphans), tuple(loose)))
    return parts


def problem_of(model: Model, index: int, part: Part, options: SolveOptions) -> ComponentProblem:
    """The solver's view of one part: exact atoms by claim and rule, nothing else of the model."""
    claims = [model.claims[i] for i in part.claims]
    by_quantity: dict[str, list[int]] = defaultdict(list)
    for local, claim in enumerate(claims):
        if claim.quantity is not None:
            by_quantity[claim.quantity].append(local)
    pairs: list[tuple[int, int]] = []
    for members in by_quantity.values():
        pairs.extend(islice(combinations(members, 2), MAX_PAIRS_PER_QUANTITY))
    return ComponentProblem(
        index=index,
        quantities=tuple(QuantitySpec(n, model.quantities[n].integer, model.quantities[n].signed)
                         for n in part.quantities),
        rules=tuple(Guarded(model.rules[i].id, model.rules[i].atoms, model.rules[i].either) for i in part.rules),
        claims=tuple(Guarded(c.id, c.atoms, c.either) for c in claims),
        claim_quantities=tuple((c.quantity,) if c.quantity else c.quantities() for c in claims),
        pairs=tuple(pairs),
        options=options,
        weights=tuple(c.weight for c in claims) if any(c.weight != 1 for c in claims) else (),
        shrinks=tuple(_shrink(c) for c in claims) if any(c.shrinkable != (False, False) for c in claims) else (),
    )


def _shrink(claim: Claim) -> Shrink | None:
    """What the tension search may shrink of a claim: a bare number's or an `about`/`nearly`
    interval, with the number as written (see model.Claim.written). Only when the claim's atoms
    are exactly that interval on one quantity (so that the shrunk atoms replace them faithfully);
    the quantity is the one its atoms name."""
    lo, hi = claim.shrinkable
    if claim.written is None or claim.interval is None or claim.either or not (lo or hi):
        return None
    names = {n for atom in claim.atoms for n in atom.expr.names()}
    if len(names) != 1:
        return None
    (name,) = names
    shrink = Shrink(name, claim.written, claim.interval, lo, hi)
    return shrink if shrunk_atoms(Shrink(name, claim.written, claim.interval, False, False)) == claim.atoms else None
