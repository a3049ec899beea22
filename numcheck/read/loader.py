"""Claims files and rule packs → one `Model`, with every error pinned to a file and a line.

Loading runs in two passes. The first reads every file (and, depth first, every include) and
collects declarations (`declarations`), because a rule pack may use a quantity that only the
claims file declares. The second compiles rules (`rules`) and claims (`claims`) against the
complete set of quantities. Several files given together share one namespace: ids and
declarations must not clash between them. This module only orders that work.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from numcheck.errors import FormatError, InputError, StrictError
from numcheck.model import Claim, LoadWarning, Location, Model, Rule
from numcheck.read.claims import compile_claim
from numcheck.read.collected import MAX_ERRORS, Collected, Stop
from numcheck.read.declarations import Declared, LoadedFile, read_defaults
from numcheck.read.fields import (
    check_keys,
    concerning,
    line_of,
    mapping_field,
    rule_text,
    sequence_field,
    text_field,
)
from numcheck.read.files import _NON_PRINTABLE, MAX_FILE_BYTES, looks_like_claims, read_text
from numcheck.read.helper import Deal, Helper, can_fork
from numcheck.read.includes import resolve_include
from numcheck.read.load_warnings import claim_warnings, rule_warnings
from numcheck.read.rules import MAX_BINDINGS, compile_rule
from numcheck.read.series import expand_series
from numcheck.read.split import SplitPlan, plan_split
from numcheck.read.split_load import load_split
from numcheck.read.yamlnodes import Composed, Scalar, YMap, YNode, compose, read_yaml

__all__ = ["MAX_BINDINGS", "MAX_ERRORS", "STDIN", "STDIN_SHOWN", "load", "paused_gc"]

FORMAT_VERSION = 1
HELPER_MIN_CLAIMS = 2_000  # below this, forking costs more than it saves
HELPER_CHUNK = 64  # claims the loader or its helper takes at a time (see read.helper.Deal)
SPLIT_MIN_BYTES = 150_000  # of claims' text (some 2,000 claims), below which the text is not cut (read/split.py)
SPLIT_BLOCK_BYTES = 16_384  # of claims' text in each block the loader and its helper deal out (read/split.py)

_TOP_KEYS = ("numcheck", "title", "description", "defaults", "include", "sources", "quantities", "rules", "claims")
_PACK_KEYS = ("numcheck", "title", "description", "defaults", "include", "quantities", "rules")
STDIN = "-"  # as a path: read the claims from standard input
STDIN_SHOWN = "<stdin>"  # how messages name it


def load(*paths: str | os.PathLike[str], jobs: int = 1, allow_includes_outside: bool = False,
         strict: bool = False, meanwhile: Callable[[], object] | None = None) -> Model:
    """Load claims files (and their includes) into one model; raises `InputError` subclasses.

    Every error is reported, not only the first: a bad claim, rule, quantity or source does not
    stop the next one from being read. One error is raised as itself; several (at most
    MAX_ERRORS, in file and line order) as one `InputErrors`. What cannot be read past stops at
    once: a file that is missing, no YAML or no claims file, and a bad include.

    The path `-` (STDIN) reads a claims file from standard input, named `<stdin>` in messages;
    its includes are found from the current working folder.

    With `jobs` > 1, a large file's claims are compiled in two processes (see `read.helper`); the
    model, and the errors, are the same either way. `meanwhile` is work of the caller's, done
    once the helper is started (the helper then takes more claims): the command line imports
    the solvers there.

    An include must name a file inside the including file's folder or below it (after following
    symbolic links): a claims file from elsewhere cannot make numcheck read `/etc/shadow` or
    `../../secrets.yaml`. `allow_includes_outside=True` lifts that for files you trust, such as
    your own rule packs kept in a sibling folder.

    What loads but is probably not meant (`12.000` soldiers in an English file, a claim still
    marked `review: true`, …) is listed in `Model.warnings`; with `strict=True` the first of
    them raises a `StrictError` at its file and line instead."""
    if not paths:
        raise FormatError("no claims file given")
    with paused_gc():
        once = _Once(meanwhile)
        plan = _split_plan(paths, jobs)
        model = None if plan is None else load_split(
            plan, _Loader(allow_includes_outside=allow_includes_outside), once, (InputError, Stop))
        if model is None:
            loader = _Loader(allow_includes_outside=allow_includes_outside)
            try:
                for path in paths:
                    if str(path) == STDIN:
                        loader.read_stdin()
                    else:
                        loader.read_file(Path(path), str(path), chain=(), pack=False)
                model = loader.build(jobs, once)
            except Stop:  # errors collected: all of them
                raise loader.errors.raised() from None
            except InputError as exc:  # one that stops the load: with those found before it
                raise loader.errors.raised(exc) from None
    if strict and model.warnings:
        first = model.warnings[0]
        raise StrictError(first.message, path=first.location.path, line=first.location.line,
                          hint="strict loading makes every warning an error")
    return model


class _Once:
    """The caller's `meanwhile`, done at most once, whichever way the load goes."""

    def __init__(self, work: Callable[[], object] | None) -> None:
        self.work = work

    def __call__(self) -> None:
        work, self.work = self.work, None
        if work is not None:
            work()


def _split_plan(paths: tuple[str | os.PathLike[str], ...], jobs: int) -> SplitPlan | None:
    """How to read these files in two processes from the start (read/split.py), where that is
    worth it: several processes allowed, fork available, large files, each given once, none
    standard input. A file that cannot be read is left to the one-process load to report."""
    if jobs < 2 or not can_fork() or any(str(p) == STDIN for p in paths):
        return None
    resolved = [os.path.realpath(p) for p in paths]
    if len(set(resolved)) < len(resolved):
        return None
    try:  # the sizes first, so that small files (most checks) are not read twice
        if sum(os.stat(p).st_size for p in resolved) < SPLIT_MIN_BYTES:
            return None
        files = [(Path(p), str(p), read_text(Path(p), str(p))) for p in paths]
    except (OSError, InputError):
        return None
    return plan_split(files, SPLIT_BLOCK_BYTES, SPLIT_MIN_BYTES)


@dataclass
class Share:
    """One chunk the helper compiled: the claims from `first` on, in file order."""

    first: int
    claims: list[Claim]


def read_stdin(shown: str = STDIN_SHOWN) -> str:
    """Standard input as text, with the same cap, decoding and checks as a claims file
    (`read.files`): at most MAX_FILE_BYTES, so that `/dev/zero` piped in is refused."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise FormatError("there is no standard input to read", path=shown)
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise FormatError(f"standard input holds more than {MAX_FILE_BYTES:,} bytes; numcheck reads "
                              f"claims files of at most {MAX_FILE_BYTES:,} bytes", path=shown)
        chunks.append(chunk)
    data = b"".join(chunks)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError("the input is not UTF-8 text", path=shown, line=line) from None
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        raise FormatError(f"a control character (U+{ord(bad.group()):04X})", path=shown,
                          line=text.count("\n", 0, bad.start()) + 1,
                          hint="a claims file is plain text; delete the character (it may be invisible)")
    return text


@contextmanager
def paused_gc(*, stay_off: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk work (`stay_off`: and leave it off,
    for a process that ends when the work is done).

    Loading builds hundreds of thousands of small, acyclic objects (nodes, Fractions); each of
    them nudges the collector, which then rescans everything alive, and that scanning took a
    third of the time on a 10,000-claim file. Reference counting still frees what is dropped;
    cycles wait until the collector resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and not stay_off:
            gc.enable()


class _Loader:
    def __init__(self, *, allow_includes_outside: bool = False) -> None:
        self.allow_includes_outside = allow_includes_outside
        self.files: list[LoadedFile] = []
        self.seen: dict[Path, str] = {}
        self.title: str | None = None
        self.ns = Declared()
        self.stack: list[Path] = []
        self.errors = Collected(self.seen)

    # ------------------------------------------------------------------ pass 1: read files

    def read_stdin(self) -> None:
        """A claims file on standard input, read as if it were a file in the working folder."""
        here = Path(os.getcwd()) / STDIN_SHOWN
        if here in self.seen:
            return  # `-` given twice: standard input is read once
        self.seen[here] = STDIN_SHOWN
        self.stack.append(here)
        try:
            text = read_stdin()
            self.read_root(compose(text, STDIN_SHOWN, echo=looks_like_claims(text)), here, STDIN_SHOWN, (), False)
        finally:
            self.stack.pop()

    def read_file(self, path: Path, shown: str, chain: tuple[str, ...], pack: bool,
                  nodes: Composed | None = None) -> None:
        """Read a file, or `nodes` in its place: its text, or a piece of it, already parsed
        (read/split_load.py)."""
        resolved = Path(os.path.realpath(path))  # never raises: a link loop is for read_yaml to report
        if resolved in self.seen:
            return  # a pack included twice (by two files) is read once
        self.seen[resolved] = shown
        self.stack.append(resolved)
        try:
            self.read_root(read_yaml(path, shown) if nodes is None else nodes.root, path, shown, chain, pack)
        finally:
            self.stack.pop()

    def read_root(self, root: YNode | None, path: Path, shown: str, chain: tuple[str, ...], pack: bool) -> None:
        """One file's nodes: what is wrong in its parts is collected, what is wrong with the file
        as a whole (no mapping, no `numcheck: 1`, a bad include) stops the load."""
        if not isinstance(root, YMap):
            raise FormatError("a claims file is a YAML mapping that starts with 'numcheck: 1'",
                              path=shown, line=getattr(root, "line", 1))
        self.check_version(root, shown)  # before anything quotes the file: it may be no claims file
        collecting = self.errors.collecting
        with collecting():
            check_keys(root, _PACK_KEYS if pack else _TOP_KEYS, shown, "rule pack" if pack else "claims file")
        file = LoadedFile(shown, read_defaults(None, shown, root.line))
        self.files.append(file)
        readable = False
        with collecting():
            file.defaults = read_defaults(root.get("defaults"), shown, root.line)
            readable = True  # with wrong defaults, its claims would be misread: they are left out
        if not pack and self.title is None and "title" in root:
            with collecting():
                self.title = text_field(root["title"], shown, "title")
        self.declare(root, shown)
        with collecting():
            rules = sequence_field(root.get("rules"), shown, "rules")
            file.rules.extend((node, i) for i, node in enumerate(rules, start=1) if readable)
        with collecting():
            file.claims.extend(sequence_field(root.get("claims"), shown, "claims") if readable else ())
        self.read_includes(root, path, shown, chain)

    @staticmethod
    def check_version(root: YMap, shown: str) -> None:
        """`numcheck: 1` first: until it is found, the file may be anything (a hostile include
        naming a system file), and no message quotes it."""
        version = root.get("numcheck")
        if version is None:
            raise FormatError("missing 'numcheck: 1' (the format version)", path=shown, line=root.line)
        raw = version.raw.strip() if isinstance(version, Scalar) else "?"
        if raw != str(FORMAT_VERSION):
            said = f" {raw!r}" if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})?", raw) else ""
            raise FormatError(f"unsupported format version{said}; this numcheck reads format 1",
                              path=shown, line=line_of(version, root.line))

    def declare(self, root: YMap, shown: str) -> None:
        """Each source and quantity on its own: one declared wrongly does not stop the next."""
        sources = quantities = mapping_field(None, shown, "")
        with self.errors.collecting():
            sources = mapping_field(root.get("sources"), shown, "sources")
        for src_id, node in sources.items():
            with self.errors.collecting(broken=src_id):
                self.ns.add_source(src_id, node, shown, sources.key_lines[src_id])
        with self.errors.collecting():
            quantities = mapping_field(root.get("quantities"), shown, "quantities")
        for name, node in quantities.items():
            with self.errors.collecting(broken=name):
                self.ns.add_quantity(name, node, shown, quantities.key_lines[name])

    def read_includes(self, root: YMap, path: Path, shown: str, chain: tuple[str, ...]) -> None:
        inc = root.get("include")
        includes = [inc] if isinstance(inc, Scalar) and not inc.is_null else sequence_field(inc, shown, "include")
        for item in includes:
            if not isinstance(item, Scalar) or item.is_null:
                raise FormatError("an include is a path to a rule pack", path=shown, line=line_of(item, root.line))
            target = resolve_include(item.raw, path, shown, item.line, chain=chain, stack=self.stack,
                                     allow_outside=self.allow_includes_outside)
            self.read_file(target.path, target.shown, (*chain, shown), pack=True)

    # ------------------------------------------------------------------ pass 2: compile

    def todo(self) -> list[tuple[YNode, LoadedFile]]:
        """The claims read, each with its file, in file order."""
        return [(node, file) for file in self.files for node in file.claims]

    def build(self, jobs: int = 1, meanwhile: Callable[[], object] | None = None) -> Model:
        todo = self.todo()
        # a helper compiles claims from the end meanwhile; it needs no data sent, only a fork
        deal = Deal(len(todo), HELPER_CHUNK) if jobs > 1 and len(todo) >= HELPER_MIN_CLAIMS and can_fork() else None
        helper = Helper.start(lambda: self.compile_share(todo, deal)) if deal is not None else None
        try:
            if meanwhile is not None:
                meanwhile()
            rules, unbound = self.compile_rules()
            shares: list[Share] = []  # the helper's, as they arrive
            if helper is None or deal is None:
                claims = self.compile_claims(todo)
            else:
                claims, reached = [], 0  # the claims compiled here, and how far into `todo` that went
                while (chunk := deal.front()) is not None:
                    claims.extend(self.compile_claims(todo[chunk.start:chunk.stop]))
                    reached = chunk.stop
                    shares.extend(helper.received())
        except BaseException:
            if helper is not None:
                helper.stop()
            raise
        if helper is not None:
            claims.extend(self.take_shares(shares + helper.received(wait=True), todo, reached))
        self.errors.raise_any()  # every claim compiled: the claims and `todo` are in step
        return self.finish(rules, unbound, claims, [file for _, file in todo])

    def finish(self, rules: list[Rule], unbound: list[tuple[str, Location]], claims: list[Claim],
               files: list[LoadedFile], claims_warned: list[LoadWarning] | None = None) -> Model:
        """The model, once every claim is compiled; `files[i]` is the file `claims[i]` comes from.
        `claims_warned`: the claims' warnings, found already (read/split_load.py finds them with
        the claims, in two processes), in file order."""
        return expand_series(Model(  # figures over time: one quantity per date (read/series.py)
            files=tuple(f.shown for f in self.files),
            title=self.title,
            sources=dict(self.ns.sources),
            quantities=dict(self.ns.quantities),
            rules=tuple(rules),
            claims=tuple(claims),
            unbound_rules=tuple(unbound),
            warnings=self.warnings(rules, claims, files, claims_warned),
            lang=self.files[0].defaults.lang if self.files else "en",
        ))

    def warnings(self, rules: list[Rule], claims: list[Claim], files: list[LoadedFile],
                 claims_warned: list[LoadWarning] | None = None) -> tuple[LoadWarning, ...]:
        """Every warning, in file order, then line order (the order `strict` reports them in)."""
        order = {file.shown: i for i, file in enumerate(self.files)}
        if claims_warned is None:
            claims_warned = list(claim_warnings(claims, files, self.ns))
        found = [*claims_warned, *rule_warnings(rules, self.ns)]
        found.sort(key=lambda w: (order.get(w.location.path, len(order)), w.location.line))
        return tuple(found)

    def compile_rules(self) -> tuple[list[Rule], list[tuple[str, Location]]]:
        rules: list[Rule] = []
        unbound: list[tuple[str, Location]] = []
        for file in self.files:
            for node, position in file.rules:
                with self.errors.collecting():
                    made = compile_rule(node, position, file, self.ns)
                    if not made:
                        unbound.append((rule_text(node), Location(file.shown, line_of(node, 1))))
                    rules.extend(made)
        return rules, unbound

    def compile_claims(self, todo: list[tuple[YNode, LoadedFile]]) -> list[Claim]:
        """These claims, in order; one that fails is collected and the next one read."""
        claims: list[Claim] = []
        for node, file in todo:
            with self.errors.collecting():
                claims.append(compile_claim(node, file, self.ns))
        return claims

    def compile_share(self, todo: list[tuple[YNode, LoadedFile]], deal: Deal) -> Iterator[Share]:
        """In the helper: compile chunks taken from the back of `todo`, each sent as soon as it
        is done, until the loader's chunks meet them, or up to a claim that fails (the loader
        then compiles that chunk itself, to collect its errors in-process, file and line
        included). So what the helper sends runs without a gap from some claim to the end."""
        while (chunk := deal.back()) is not None:
            done: list[Claim] = []
            try:
                for node, file in todo[chunk.start:chunk.stop]:
                    done.append(compile_claim(node, file, self.ns))
            except InputError:
                return
            yield Share(chunk.start, done)

    def take_shares(self, shares: list[Share], todo: list[tuple[YNode, LoadedFile]], reached: int) -> list[Claim]:
        """Back in the loader, which compiled the claims of `todo` up to `reached`: whatever lies
        between them and the helper's shares, compiled here (the claim the helper stopped at
        gives the same error here, and a helper that died leaves all it took but did not send),
        then the helper's claims, their ids registered in file order (so that a duplicate
        across the two processes is caught)."""
        shares.sort(key=lambda share: share.first)
        first = shares[0].first if shares else len(todo)
        kept = self.compile_claims(todo[reached:first])
        for share in shares:
            for claim in share.claims:
                with self.errors.collecting(), concerning(f"claim '{claim.id}'"):  # as compile_claim says it
                    self.ns.register_id(claim.id, claim.location)
                    kept.append(claim)
        return kept
