"""Loading large files in two processes, each parsing its own claims (the text is cut as
read/split.py says): the loader reads every file's declarations (everything before `claims:`:
sources, quantities, rules, includes), then forks a helper, which inherits them; the loader
parses and compiles the claims before the cut, the helper those after it, and sends them back.

The helper sends its claims in chunks as it compiles them, and at the end how many it compiled
and what its piece of YAML cost against the node budget. The loader puts them after its own
claims (the helper's claims are the last ones in file order), registers their ids in that
order and builds the model as one process would.

This route only ever gives a model. Anything wrong (an error in any piece, a helper that dies
or stops, a node budget that a whole file would exceed) returns None, and the caller loads the
files again in one process, which reports the errors, with their files and lines, as it
always has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from numcheck.model import Claim, Model
from numcheck.read import yamlnodes
from numcheck.read.claims import compile_claim
from numcheck.read.declarations import LoadedFile
from numcheck.read.fields import concerning
from numcheck.read.files import looks_like_claims
from numcheck.read.helper import Helper
from numcheck.read.split import FilePlan, SplitPlan
from numcheck.read.yamlnodes import Composed, Scalar, YList, YMap, compose_part

if TYPE_CHECKING:
    from numcheck.read.loader import _Loader

__all__ = ["CHUNK", "HelperDone", "Sent", "load_split", "stats"]

CHUNK = 256  # claims compiled between two looks at what the helper sent (and in each chunk it sends)
_STATS = {"split": 0, "fallback": 0}


def stats() -> dict[str, int]:
    """How many loads in this process took this route, and how many went back to one process:
    a test holds the route to being taken."""
    return dict(_STATS)


@dataclass
class Sent:
    """Claims the helper compiled: its claims from `first` on (counted among its own)."""

    first: int
    claims: list[Claim]


@dataclass(frozen=True)
class HelperDone:
    """The helper's last word: it compiled `claims` claims, and what its piece of each file cost
    against the node budget."""

    claims: int
    costs: tuple[int, ...]


def load_split(plan: SplitPlan, loader: _Loader, meanwhile: Callable[[], object],
               fallback: tuple[type[BaseException], ...]) -> Model | None:
    """The model, with the helper's help; None where the files must be loaded in one process
    (an exception in `fallback` raised on the way, or anything else amiss)."""
    model = None
    try:
        heads = _read_declarations(plan, loader)
        helper = None if heads is None else Helper.start(lambda: _helper_work(plan, loader, heads))
        if heads is not None and helper is not None:
            try:
                model = _loader_work(plan, loader, heads, helper, meanwhile)
            finally:
                helper.stop()
    except fallback:
        pass
    _STATS["fallback" if model is None else "split"] += 1
    return model


@dataclass(frozen=True)
class _Heads:
    """After the declarations: each planned file's LoadedFile, and the nodes they cost."""

    files: list[LoadedFile]
    nodes: list[int]


def _read_declarations(plan: SplitPlan, loader: _Loader) -> _Heads | None:
    files, nodes = [], []
    for file in plan.files:
        composed = compose_part(file.text[:file.section.key], file.shown, echo=looks_like_claims(file.text))
        first = len(loader.files)  # read_file adds the file itself, then its includes
        loader.read_file(file.path, file.shown, (), False, nodes=composed)
        files.append(loader.files[first])
        nodes.append(composed.nodes)
    return None if loader.errors.found else _Heads(files, nodes)


def _claims_piece(plan: FilePlan, mine: bool) -> Composed | None:
    """This process's claims of one file (`mine`: the loader's), parsed: the list as the value of
    `claims:` before the cut, or the list after it; None where it has none."""
    echo = looks_like_claims(plan.text)
    if plan.role == ("helper" if mine else "loader") or plan.section.key == len(plan.text):
        return None
    if plan.role == "cut" and not mine:
        return compose_part(plan.text[plan.cut:], plan.shown, echo=echo, first_line=plan.line_of(plan.cut), depth=1)
    stop = plan.cut if plan.role == "cut" else len(plan.text)
    return compose_part(plan.text[plan.section.key:stop], plan.shown, echo=echo,
                        first_line=plan.line_of(plan.section.key))


def _add_claims(plan: SplitPlan, heads: _Heads, mine: bool) -> list[int]:
    """Parse this process's claims and give them to their files; what each file's piece cost."""
    costs = []
    for file, loaded in zip(plan.files, heads.files):
        piece = _claims_piece(file, mine)
        costs.append(0 if piece is None else piece.nodes)
        if piece is None:
            continue
        claims = piece.root if isinstance(piece.root, YList) else piece.root.get("claims") \
            if isinstance(piece.root, YMap) else None
        if isinstance(claims, YList):
            loaded.claims.extend(claims)
        elif not (isinstance(claims, Scalar) and claims.is_null):
            raise _Unusual()
    return costs


def _loader_work(plan: SplitPlan, loader: _Loader, heads: _Heads, helper: Helper,
                 meanwhile: Callable[[], object]) -> Model | None:
    costs = _add_claims(plan, heads, mine=True)
    rules, unbound = loader.compile_rules()
    todo = loader.todo()
    claims: list[Claim] = []
    received: list[object] = []
    for start in range(0, len(todo), CHUNK):
        claims.extend(loader.compile_claims(todo[start:start + CHUNK]))
        received.extend(helper.received())  # unpickled between chunks, and the pipe never fills
    if loader.errors.found:
        return None
    meanwhile()
    received.extend(helper.received(wait=True))
    theirs = _helper_claims(received, heads, costs)
    if theirs is None:
        return None
    for claim in theirs:  # in file order, after the loader's: a duplicate id is caught as one process would
        with loader.errors.collecting(), concerning(f"claim '{claim.id}'"):
            loader.ns.register_id(claim.id, claim.location)
    if loader.errors.found:
        return None
    by_name = {file.shown: file for file in heads.files}
    return loader.finish(rules, unbound, claims + theirs,
                         [file for _, file in todo] + [by_name[claim.location.path] for claim in theirs])


def _helper_claims(received: list[object], heads: _Heads, costs: list[int]) -> list[Claim] | None:
    """The helper's claims in order, if it sent them all and every file keeps within the node
    budget (a file's pieces each count their own root: one node too many per piece)."""
    done = [item for item in received if isinstance(item, HelperDone)]
    if len(done) != 1:
        return None
    for head, mine, theirs in zip(heads.nodes, costs, done[0].costs):
        pieces = 1 + (mine > 0) + (theirs > 0)
        if head + mine + theirs - (pieces - 1) > yamlnodes.MAX_NODES:  # read now: a test lowers it
            return None
    sent = sorted((item for item in received if isinstance(item, Sent)), key=lambda item: item.first)
    claims: list[Claim] = []
    for item in sent:
        if item.first != len(claims):
            return None
        claims.extend(item.claims)
    return claims if len(claims) == done[0].claims else None


class _Unusual(Exception):
    """A piece that is not what the plan expects: the files are loaded in one process."""


def _helper_work(plan: SplitPlan, loader: _Loader, heads: _Heads) -> Iterator[Sent | HelperDone]:
    """In the helper, which inherited the declarations (an exception just ends it: the loader
    then sees no HelperDone). Only the helper's claims are in its files now."""
    for loaded in heads.files:
        loaded.claims.clear()
    costs = _add_claims(plan, heads, mine=False)
    todo = loader.todo()
    for start in range(0, len(todo), CHUNK):
        yield Sent(start, [compile_claim(node, file, loader.ns) for node, file in todo[start:start + CHUNK]])
    yield HelperDone(len(todo), tuple(costs))
