"""Loading large files in two processes, each parsing its own claims: the loader reads every
file's declarations (everything before `claims:`: sources, quantities, rules, includes), then
forks a helper, which inherits them. The claims' text is cut into blocks of whole claims
(read/split.py); the loader takes blocks from the front, the helper from the back, until they
meet (`helper.Deal`), each parsing and compiling its own, so that both finish together whatever
else each has to do (the loader also compiles the rules and imports the engine).

The helper sends each block's claims as soon as they are compiled, with what the block cost
against the node budget. The loader puts every block's claims in file order, registers the
helper's ids, and builds the model as one process would; a block the helper took but did not
send (it died) the loader parses itself.

This route only ever gives a model. Anything wrong (an error in any block, a whole file over
the node budget) returns None, and the caller loads the files again in one process, which
reports the errors, with their files and lines, as it always has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from numcheck.model import Claim, LoadWarning, Model
from numcheck.read import yamlnodes
from numcheck.read.claims import compile_claim
from numcheck.read.declarations import LoadedFile
from numcheck.read.fields import concerning
from numcheck.read.helper import Deal, Helper
from numcheck.read.load_warnings import claim_warnings
from numcheck.read.split import SplitPlan
from numcheck.read.yamlnodes import YList, compose_part

if TYPE_CHECKING:
    from numcheck.read.loader import _Loader

__all__ = ["Sent", "load_split", "stats"]

_STATS = {"split": 0, "fallback": 0}


def stats() -> dict[str, int]:
    """How many loads in this process took this route, and how many went back to one process:
    a test holds the route to being taken."""
    return dict(_STATS)


@dataclass
class Sent:
    """One block's claims, compiled by the helper, their warnings, and the nodes the block cost."""

    block: int
    claims: list[Claim]
    nodes: int
    warnings: list[LoadWarning]


@dataclass(frozen=True)
class _Heads:
    """After the declarations: each planned file's LoadedFile, and the nodes its head cost."""

    files: list[LoadedFile]
    nodes: list[int]


def load_split(plan: SplitPlan, loader: _Loader, meanwhile: Callable[[], object],
               fallback: tuple[type[BaseException], ...]) -> Model | None:
    """The model, with the helper's help; None where the files must be loaded in one process
    (an exception in `fallback` raised on the way, or anything else amiss)."""
    model = None
    try:
        heads = _read_declarations(plan, loader)
        if heads is not None:
            deal = Deal(len(plan.blocks), 1)
            helper = Helper.start(lambda: _helper_work(plan, loader, heads, deal))
            try:
                model = _loader_work(plan, loader, heads, deal, helper, meanwhile)
            finally:
                if helper is not None:
                    helper.stop()
    except fallback:
        pass
    except _Unusual:
        pass
    _STATS["fallback" if model is None else "split"] += 1
    return model


def _read_declarations(plan: SplitPlan, loader: _Loader) -> _Heads | None:
    files, nodes = [], []
    for file in plan.files:
        composed = compose_part(file.text[:file.section.key], file.shown, echo=file.echo)
        first = len(loader.files)  # read_file adds the file itself, then its includes
        loader.read_file(file.path, file.shown, (), False, nodes=composed)
        if len(loader.files) == first:  # read before, as a rule pack another file includes
            raise _Unusual()
        files.append(loader.files[first])
        nodes.append(composed.nodes)
    return None if loader.errors.found else _Heads(files, nodes)


class _Unusual(Exception):
    """What the plan does not expect (a block that is not a list of claims, a file read before
    as another's rule pack): the files are loaded in one process."""


def _parse(plan: SplitPlan, k: int) -> tuple[YList, int]:
    block = plan.blocks[k]
    file = plan.files[block.file]
    piece = compose_part(file.text[block.start:block.stop], file.shown, echo=file.echo,
                         first_line=block.line, depth=1)
    if not isinstance(piece.root, YList):
        raise _Unusual()
    return piece.root, piece.nodes


def _compiled(plan: SplitPlan, heads: _Heads, loader: _Loader, k: int) -> Sent:
    """Block k parsed and compiled (an InputError for the first claim that fails)."""
    nodes, cost = _parse(plan, k)
    file = heads.files[plan.blocks[k].file]
    claims = [compile_claim(node, file, loader.ns) for node in nodes]
    # the warnings too: each claim's depend on it and the declarations alone, and found here they
    # are found in both processes rather than by the loader alone once both are done
    return Sent(k, claims, cost, list(claim_warnings(claims, [file] * len(claims), loader.ns)))


def _helper_work(plan: SplitPlan, loader: _Loader, heads: _Heads, deal: Deal) -> Iterator[Sent]:
    """In the helper, which inherited the declarations (an exception just ends it: the loader
    then does what it took and did not send)."""
    while (chunk := deal.back()) is not None:
        yield _compiled(plan, heads, loader, chunk.start)


def _loader_work(plan: SplitPlan, loader: _Loader, heads: _Heads, deal: Deal, helper: Helper | None,
                 meanwhile: Callable[[], object]) -> Model | None:
    meanwhile()
    rules, unbound = loader.compile_rules()
    if loader.errors.found:
        return None
    done: dict[int, Sent] = {}
    mine: set[int] = set()
    while (chunk := deal.front()) is not None:
        done[chunk.start] = _compiled(plan, heads, loader, chunk.start)
        mine.add(chunk.start)
        if helper is not None:
            done.update((sent.block, sent) for sent in helper.received())
    if helper is not None:
        done.update((sent.block, sent) for sent in helper.received(wait=True))
    for k in range(len(plan.blocks)):
        if k not in done:  # taken by a helper that died
            done[k] = _compiled(plan, heads, loader, k)
            mine.add(k)
    if not _within_budget(plan, heads, done):
        return None
    claims: list[Claim] = []
    files: list[LoadedFile] = []
    warned: list[LoadWarning] = []
    for k, block in enumerate(plan.blocks):
        warned.extend(done[k].warnings)
        for claim in done[k].claims:
            if k not in mine:  # the loader registered its own ids as it compiled them
                with concerning(f"claim '{claim.id}'"):
                    loader.ns.register_id(claim.id, claim.location)
            claims.append(claim)
            files.append(heads.files[block.file])
    return loader.finish(rules, unbound, claims, files, warned)


def _within_budget(plan: SplitPlan, heads: _Heads, done: dict[int, Sent]) -> bool:
    """Whether each file, whole, keeps within the node budget: its head, its `claims` key and
    list (where it has them), and its blocks' items (each block's piece also counted its own list)."""
    used = [head + (2 if file.section.key < len(file.text) else 0) for head, file in zip(heads.nodes, plan.files)]
    for k, block in enumerate(plan.blocks):
        used[block.file] += done[k].nodes - 1
    return all(nodes <= yamlnodes.MAX_NODES for nodes in used)  # read now: a test lowers it
