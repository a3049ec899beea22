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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from numcheck.errors import FormatError, InputError, StrictError
from numcheck.model import Claim, LoadWarning, Location, Model, Rule
from numcheck.read.claims import compile_claim
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
from numcheck.read.helper import Helper
from numcheck.read.includes import resolve_include
from numcheck.read.load_warnings import claim_warnings, rule_warnings
from numcheck.read.rules import MAX_BINDINGS, compile_rule
from numcheck.read.yamlnodes import Scalar, YMap, YNode, read_yaml

__all__ = ["MAX_BINDINGS", "load", "paused_gc"]

FORMAT_VERSION = 1
HELPER_MIN_CLAIMS = 2_000  # below this, forking costs more than it saves
HELPER_SHARE = 0.5  # of the claims, for the helper (the loader also compiles the rules, the helper pickles)

_TOP_KEYS = ("numcheck", "title", "description", "defaults", "include", "sources", "quantities", "rules", "claims")
_PACK_KEYS = ("numcheck", "title", "description", "defaults", "include", "quantities", "rules")


def load(*paths: str | os.PathLike[str], jobs: int = 1, allow_includes_outside: bool = False,
         strict: bool = False) -> Model:
    """Load claims files (and their includes) into one model; raises `InputError` subclasses.

    With `jobs` > 1, a large file's claims are compiled in two processes (see `read.helper`); the
    model, and the first error in file order, are the same either way.

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
        loader = _Loader(allow_includes_outside=allow_includes_outside)
        for path in paths:
            loader.read_file(Path(path), str(path), chain=(), pack=False)
        model = loader.build(jobs)
    if strict and model.warnings:
        first = model.warnings[0]
        raise StrictError(first.message, path=first.location.path, line=first.location.line,
                          hint="strict loading makes every warning an error")
    return model


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk work.

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
        if was_enabled:
            gc.enable()


class _Loader:
    def __init__(self, *, allow_includes_outside: bool = False) -> None:
        self.allow_includes_outside = allow_includes_outside
        self.files: list[LoadedFile] = []
        self.seen: dict[Path, str] = {}
        self.title: str | None = None
        self.ns = Declared()
        self.stack: list[Path] = []

    # ------------------------------------------------------------------ pass 1: read files

    def read_file(self, path: Path, shown: str, chain: tuple[str, ...], pack: bool) -> None:
        resolved = Path(os.path.realpath(path))  # never raises: a link loop is for read_yaml to report
        if resolved in self.seen:
            return  # a pack included twice (by two files) is read once
        self.seen[resolved] = shown
        self.stack.append(resolved)
        try:
            self.read_body(path, shown, chain, pack)
        finally:
            self.stack.pop()

    def read_body(self, path: Path, shown: str, chain: tuple[str, ...], pack: bool) -> None:
        root = read_yaml(path, shown)
        if not isinstance(root, YMap):
            raise FormatError("a claims file is a YAML mapping that starts with 'numcheck: 1'",
                              path=shown, line=getattr(root, "line", 1))
        self.check_version(root, shown)  # before anything quotes the file: it may be no claims file
        check_keys(root, _PACK_KEYS if pack else _TOP_KEYS, shown, "rule pack" if pack else "claims file")
        defaults = read_defaults(root.get("defaults"), shown, root.line)
        if not pack and self.title is None and "title" in root:
            self.title = text_field(root["title"], shown, "title")
        file = LoadedFile(shown, defaults)
        self.files.append(file)
        self.declare(root, shown)
        for i, node in enumerate(sequence_field(root.get("rules"), shown, "rules"), start=1):
            file.rules.append((node, i))
        file.claims.extend(sequence_field(root.get("claims"), shown, "claims"))
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
        sources = mapping_field(root.get("sources"), shown, "sources")
        for src_id, node in sources.items():
            self.ns.add_source(src_id, node, shown, sources.key_lines[src_id])
        quantities = mapping_field(root.get("quantities"), shown, "quantities")
        for name, node in quantities.items():
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

    def build(self, jobs: int = 1) -> Model:
        todo = [(node, file) for file in self.files for node in file.claims]
        # a helper compiles the last claims meanwhile; it needs no data sent, only a fork
        split = len(todo) - int(len(todo) * HELPER_SHARE) if jobs > 1 and len(todo) >= HELPER_MIN_CLAIMS else len(todo)
        helper = Helper.start(lambda: self.compile_share(todo[split:])) if split < len(todo) else None
        if helper is None:
            split = len(todo)
        try:
            rules, unbound = self.compile_rules()
            claims = [compile_claim(node, file, self.ns) for node, file in todo[:split]]
        except BaseException:
            if helper is not None:
                helper.stop()
            raise
        if helper is not None:
            claims.extend(self.take_share(helper.result(), todo[split:]))
        warnings = self.warnings(rules, claims, [file for _, file in todo])
        return Model(
            files=tuple(f.shown for f in self.files),
            title=self.title,
            sources=dict(self.ns.sources),
            quantities=dict(self.ns.quantities),
            rules=tuple(rules),
            claims=tuple(claims),
            unbound_rules=tuple(unbound),
            warnings=warnings,
        )

    def warnings(self, rules: list[Rule], claims: list[Claim], files: list[LoadedFile]) -> tuple[LoadWarning, ...]:
        """Every warning, in file order, then line order (the order `strict` reports them in)."""
        order = {file.shown: i for i, file in enumerate(self.files)}
        found = [*claim_warnings(claims, files, self.ns), *rule_warnings(rules, self.ns)]
        found.sort(key=lambda w: (order.get(w.location.path, len(order)), w.location.line))
        return tuple(found)

    def compile_rules(self) -> tuple[list[Rule], list[tuple[str, Location]]]:
        rules: list[Rule] = []
        unbound: list[tuple[str, Location]] = []
        for file in self.files:
            for node, position in file.rules:
                made = compile_rule(node, position, file, self.ns)
                if not made:
                    unbound.append((rule_text(node), Location(file.shown, line_of(node, 1))))
                rules.extend(made)
        return rules, unbound

    def compile_share(self, todo: list[tuple[YNode, LoadedFile]]) -> list[Claim]:
        """In the helper: compile these claims up to the first that fails (the loader then
        compiles that one itself, to raise its error in-process, file and line included)."""
        done: list[Claim] = []
        try:
            for node, file in todo:
                done.append(compile_claim(node, file, self.ns))
        except InputError:
            pass
        return done

    def take_share(self, done: list[Claim] | None, todo: list[tuple[YNode, LoadedFile]]) -> list[Claim]:
        """Back in the loader: the helper's claims, their ids registered in file order (so that a
        duplicate across the two shares is caught), then whatever it did not compile, compiled
        here: the claim it stopped at raises the same error here, and a helper that died
        without answering leaves its whole share."""
        done = done or []
        for claim in done:
            with concerning(f"claim '{claim.id}'"):  # as compile_claim says it
                self.ns.register_id(claim.id, claim.location)
        return done + [compile_claim(node, file, self.ns) for node, file in todo[len(done):]]
