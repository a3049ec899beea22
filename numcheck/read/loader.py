"""Claims files and rule packs → one `Model`, with every error pinned to a file and a line.

Loading runs in two passes. The first reads every file (and, depth first, every include) and
collects declarations, because a rule pack may use a quantity that only the claims file
declares. The second compiles rules and claims against the complete set of quantities. Several
files given together share one namespace: ids and declarations must not clash between them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from numcheck.read.helper import Helper
from numcheck.errors import (
    ExpressionError,
    FormatError,
    IncludeError,
    InputError,
    PhraseError,
    UnitError,
)
from numcheck.read.expressions import (
    ExpressionSyntaxError,
    UnknownName,
    bindings,
    compile_expression,
    fill,
    placeholders,
)
from numcheck.model import (
    Atom,
    Claim,
    Defaults,
    Interval,
    Linear,
    Location,
    Model,
    Quantity,
    Rule,
    Source,
)
from numcheck.read.phrases import (
    PhraseSyntaxError,
    PhraseValue,
    UnknownQuantityInPhrase,
    parse_value,
)
from numcheck.read.units import Unit, conversion_factor, parse_unit
from numcheck.read.yamlnodes import Scalar, YList, YMap, YNode, read_yaml

__all__ = ["load"]

FORMAT_VERSION = 1
HELPER_MIN_CLAIMS = 2_000  # below this, forking costs more than it saves
HELPER_SHARE = 0.5  # of the claims, for the helper (the loader also compiles the rules, the helper pickles)
MAX_BINDINGS = 10_000  # instances of one generic rule; more is a runaway pattern, not a rule pack

_TOP_KEYS = ("numcheck", "title", "description", "defaults", "include", "sources", "quantities", "rules", "claims")
_PACK_KEYS = ("numcheck", "title", "description", "defaults", "include", "quantities", "rules")
_DEFAULT_KEYS = ("precision", "about", "lang")
_SOURCE_KEYS = ("name", "date", "url", "note")
_QUANTITY_KEYS = ("unit", "about", "signed", "integer")
_RULE_KEYS = ("id", "rule", "why")
_CLAIM_KEYS = ("id", "source", "quantity", "value", "relation", "quote", "as_of", "note", "review")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*\Z")
_QUANTITY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def load(*paths: str | os.PathLike[str], jobs: int = 1) -> Model:
    """Load claims files (and their includes) into one model; raises `InputError` subclasses.

    With `jobs` > 1, a large file's claims are compiled in two processes (see `_beside`); the
    model, and the first error in file order, are the same either way."""
    if not paths:
        raise FormatError("no claims file given")
    with paused_gc():
        loader = _Loader()
        for path in paths:
            loader.read_file(Path(path), str(path), chain=(), pack=False)
        return loader.build(jobs)


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


@dataclass
class _File:
    shown: str
    defaults: Defaults
    rules: list[tuple[YNode, int]] = field(default_factory=list)  # (node, position)
    claims: list[YNode] = field(default_factory=list)


class _Loader:
    def __init__(self) -> None:
        self.files: list[_File] = []
        self.seen: dict[Path, str] = {}
        self.title: str | None = None
        self.sources: dict[str, Source] = {}
        self.quantities: dict[str, Quantity] = {}
        self.units: dict[str, Unit] = {}
        self.ids: dict[str, Location] = {}
        self.stack: list[Path] = []

    # ------------------------------------------------------------------ pass 1: read files

    def read_file(self, path: Path, shown: str, chain: tuple[str, ...], pack: bool) -> None:
        resolved = path.resolve()
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
        self.check_keys(root, _PACK_KEYS if pack else _TOP_KEYS, shown, "rule pack" if pack else "claims file")
        version = root.get("numcheck")
        if version is None:
            raise FormatError("missing 'numcheck: 1' (the format version)", path=shown, line=root.line)
        if not isinstance(version, Scalar) or version.raw.strip() != str(FORMAT_VERSION):
            raise FormatError(
                f"unsupported format version {getattr(version, 'raw', '?')!r}; this numcheck reads format 1",
                path=shown, line=_line(version, root.line))
        defaults = self.read_defaults(root.get("defaults"), shown, root.line)
        if not pack and self.title is None and "title" in root:
            self.title = _text(root["title"], shown, "title")
        file = _File(shown, defaults)
        self.files.append(file)
        sources = _mapping(root.get("sources"), shown, "sources")
        for src_id, node in sources.items():
            self.add_source(src_id, node, shown, sources.key_lines[src_id])
        quantities = _mapping(root.get("quantities"), shown, "quantities")
        for name, node in quantities.items():
            self.add_quantity(name, node, shown, quantities.key_lines[name])
        for i, node in enumerate(_sequence(root.get("rules"), shown, "rules"), start=1):
            file.rules.append((node, i))
        file.claims.extend(_sequence(root.get("claims"), shown, "claims"))
        inc = root.get("include")
        includes = [inc] if isinstance(inc, Scalar) and not inc.is_null else _sequence(inc, shown, "include")
        for item in includes:
            if not isinstance(item, Scalar) or item.is_null:
                raise FormatError("an include is a path to a rule pack", path=shown, line=_line(item, root.line))
            target = path.parent / item.raw
            target_shown = os.path.normpath(os.path.join(os.path.dirname(shown), item.raw))
            if not target.exists():
                chain_text = " → ".join((*chain, shown, target_shown))
                raise IncludeError(f"included file '{item.raw}' does not exist (includes: {chain_text})",
                                   path=shown, line=item.line)
            if target.resolve() in self.stack:
                cycle = " → ".join((*chain, shown, target_shown))
                raise IncludeError(f"include cycle: {cycle}", path=shown, line=item.line,
                                   hint="remove one of these includes")
            self.read_file(target, target_shown, (*chain, shown), pack=True)

    def check_keys(self, node: YMap, allowed: tuple[str, ...], shown: str, what: str) -> None:
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
                if re.match(r"\d", key):
                    hint = ("inside { … } a comma ends the value, so '12,000' splits in two: "
                            "quote it, as in value: \"up to 12,000\"")
                raise FormatError(f"unknown key '{key}' in {what}", path=shown, line=node.key_lines[key], hint=hint)

    def read_defaults(self, node: YNode | None, shown: str, line: int) -> Defaults:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return Defaults()
        if not isinstance(node, YMap):
            raise FormatError("'defaults' must be a mapping", path=shown, line=_line(node, line))
        self.check_keys(node, _DEFAULT_KEYS, shown, "defaults")
        precision, about, lang = "as-written", Fraction(1, 10), "en"
        if "precision" in node:
            raw = _text(node["precision"], shown, "precision").strip()
            if raw not in ("as-written", "exact") and _percent(raw) is None:
                raise FormatError(f"precision '{raw}' is not one of: as-written, exact, or a percentage like \"5%\"",
                                  path=shown, line=node.key_lines["precision"])
            precision = raw
        if "about" in node:
            raw = _text(node["about"], shown, "about").strip()
            parsed = _percent(raw)
            if parsed is None or not 0 < parsed < 1:
                raise FormatError(f"about '{raw}' must be a percentage between 0% and 100%, like \"10%\"",
                                  path=shown, line=node.key_lines["about"])
            about = parsed
        if "lang" in node:
            lang = _text(node["lang"], shown, "lang").strip()
            if lang not in ("en", "fr"):
                raise FormatError(f"lang '{lang}' is not supported: use en or fr", path=shown,
                                  line=node.key_lines["lang"])
        return Defaults(precision, about, lang)

    def add_source(self, src_id: str, node: YNode, shown: str, line: int) -> None:
        loc = Location(shown, line)
        if isinstance(node, Scalar):
            fields: dict[str, YNode] = {"name": node}
        elif isinstance(node, YMap):
            self.check_keys(node, _SOURCE_KEYS, shown, f"source '{src_id}'")
            fields = node
        else:
            raise FormatError(f"source '{src_id}' must be a mapping with a name", path=shown, line=line)
        name = _text(fields["name"], shown, "name") if "name" in fields else src_id
        date = _date(fields.get("date"), shown)
        url = _text(fields["url"], shown, "url") if "url" in fields else None
        source = Source(src_id, name, date, url, loc)
        if src_id in self.sources:
            other = self.sources[src_id]
            if (other.name, other.date, other.url) != (name, date, url):
                raise FormatError(f"source '{src_id}' is declared twice, differently (first at {other.location})",
                                  path=shown, line=line)
            return
        self.sources[src_id] = source

    def add_quantity(self, name: str, node: YNode, shown: str, line: int) -> None:
        if not _QUANTITY_NAME.match(name):
            raise FormatError(f"'{name}' is not a quantity name: use letters, digits and _ (like ru_killed)",
                              path=shown, line=line)
        if isinstance(node, Scalar) and node.is_null:
            fields: YMap | dict[str, YNode] = {}
        elif isinstance(node, YMap):
            self.check_keys(node, _QUANTITY_KEYS, shown, f"quantity '{name}'")
            fields = node
        else:
            raise FormatError(f"quantity '{name}' must be a mapping like {{unit: soldier}}", path=shown, line=line)
        unit_raw = _text(fields["unit"], shown, "unit") if "unit" in fields else ""
        try:
            unit = parse_unit(unit_raw)
        except ValueError as exc:
            raise UnitError(f"{exc} for quantity '{name}'", path=shown, line=_line(fields.get("unit"), line),
                            hint="use a pint unit or one of: soldier, person, round, vehicle, aircraft, drone, USD, EUR") from None
        quantity = Quantity(
            name, unit_raw.strip(),
            _text(fields["about"], shown, "about") if "about" in fields else None,
            _bool(fields.get("signed"), shown, "signed"),
            _bool(fields.get("integer"), shown, "integer"),
            Location(shown, line),
        )
        if name in self.quantities:
            other = self.quantities[name]
            if (self.units[name], other.signed, other.integer) != (unit, quantity.signed, quantity.integer):
                raise FormatError(f"quantity '{name}' is declared twice, differently (first at {other.location})",
                                  path=shown, line=line)
            return
        self.quantities[name] = quantity
        self.units[name] = unit

    # ------------------------------------------------------------------ pass 2: compile

    def build(self, jobs: int = 1) -> Model:
        rules: list[Rule] = []
        unbound: list[tuple[str, Location]] = []
        todo = [(node, file) for file in self.files for node in file.claims]
        # a helper compiles the last claims meanwhile; it needs no data sent, only a fork
        split = len(todo) - int(len(todo) * HELPER_SHARE) if jobs > 1 and len(todo) >= HELPER_MIN_CLAIMS else len(todo)
        helper = Helper.start(lambda: self.compile_share(todo[split:])) if split < len(todo) else None
        if helper is None:
            split = len(todo)
        try:
            for file in self.files:
                for node, position in file.rules:
                    made = self.compile_rule(node, position, file)
                    if not made:
                        unbound.append((_rule_text(node), Location(file.shown, _line(node, 1))))
                    rules.extend(made)
            claims = [self.compile_claim(node, file) for node, file in todo[:split]]
        except BaseException:
            if helper is not None:
                helper.stop()
            raise
        if helper is not None:
            claims.extend(self.take_share(helper.result(), todo[split:]))
        return Model(
            files=tuple(f.shown for f in self.files),
            title=self.title,
            sources=dict(self.sources),
            quantities=dict(self.quantities),
            rules=tuple(rules),
            claims=tuple(claims),
            unbound_rules=tuple(unbound),
        )

    def compile_share(self, todo: list[tuple[YNode, _File]]) -> list[Claim]:
        """In the helper: compile these claims up to the first that fails (the loader then
        compiles that one itself, to raise its error in-process, file and line included)."""
        done: list[Claim] = []
        try:
            for node, file in todo:
                done.append(self.compile_claim(node, file))
        except InputError:
            pass
        return done

    def take_share(self, done: list[Claim] | None, todo: list[tuple[YNode, _File]]) -> list[Claim]:
        """Back in the loader: the helper's claims, their ids registered in file order (so that a
        duplicate across the two shares is caught), then whatever it did not compile, compiled
        here: the claim it stopped at raises the same error here, and a helper that died
        without answering leaves its whole share."""
        done = done or []
        for claim in done:
            self.register_id(claim.id, claim.location)
        return done + [self.compile_claim(node, file) for node, file in todo[len(done):]]

    def register_id(self, raw: str, loc: Location) -> str:
        """Claim and rule ids share one namespace across every file checked together."""
        if raw in self.ids:
            raise FormatError(f"duplicate id '{raw}' (first used at {self.ids[raw]})", path=loc.path, line=loc.line,
                              hint="ids must be unique across all files checked together")
        self.ids[raw] = loc
        return raw

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, list(self.quantities), n=1, cutoff=0.6)
        return close[0] if close else None

    def compile_rule(self, node: YNode, position: int, file: _File) -> list[Rule]:
        shown = file.shown
        why = None
        given_id = None
        if isinstance(node, Scalar):
            text, line = node.raw, node.line
        elif isinstance(node, YMap):
            self.check_keys(node, _RULE_KEYS, shown, "rule")
            if "rule" not in node:
                raise FormatError("a rule mapping needs 'rule:' (the relation)", path=shown, line=node.line)
            text, line = _text(node["rule"], shown, "rule"), _line(node["rule"], node.line)
            why = _text(node["why"], shown, "why") if "why" in node else None
            given_id = _text(node["id"], shown, "id") if "id" in node else None
        else:
            raise FormatError("a rule is a relation like 'a <= b', or a mapping with 'rule:'", path=shown,
                              line=_line(node, 1))
        if given_id is not None:
            _check_id(given_id, Location(shown, line), "rule")
        base_id = given_id or f"{Path(shown).stem}#{position}"
        holes = placeholders(text)
        if not holes:
            rule_id = self.register_id(base_id, Location(shown, line))
            atoms = self.compile_expr(text, shown, line, file.defaults.about, "rule")
            return [Rule(rule_id, text, atoms, Location(shown, line), why)]
        made = []
        for count, binding in enumerate(bindings(text, self.quantities)):
            if count >= MAX_BINDINGS:
                raise FormatError(f"the generic rule '{text}' binds more than {MAX_BINDINGS:,} ways",
                                  path=shown, line=line)
            concrete = fill(text, binding)
            label = ",".join(f"{k}={v}" for k, v in binding.items())
            rule_id = self.register_id(f"{base_id}[{label}]", Location(shown, line))
            atoms = self.compile_expr(concrete, shown, line, file.defaults.about, "rule")
            made.append(Rule(rule_id, concrete, atoms, Location(shown, line), why, template=text))
        return made

    def compile_expr(self, text: str, shown: str, line: int, about: Fraction, what: str) -> tuple[Atom, ...]:
        try:
            return compile_expression(text, self.units, about=about, suggest=self.suggest)
        except UnknownName as exc:
            raise FormatError(f"{exc} in {what} '{text}'", path=shown, line=line, hint=exc.hint) from None
        except ExpressionSyntaxError as exc:
            cls = UnitError if "units do not agree" in str(exc) or "unknown unit" in str(exc) else ExpressionError
            raise cls(f"{what}: {exc}", path=shown, line=line, column=exc.column, hint=exc.hint) from None

    def compile_claim(self, node: YNode, file: _File) -> Claim:
        shown = file.shown
        if not isinstance(node, YMap):
            raise FormatError("a claim is a mapping with id, quantity and value (or relation)", path=shown,
                              line=_line(node, 1))
        self.check_keys(node, _CLAIM_KEYS, shown, "claim")
        if "id" not in node:
            raise FormatError("claim has no 'id'", path=shown, line=node.line, hint="give every claim a unique id")
        raw_id = _text(node["id"], shown, "id")
        loc = Location(shown, _line(node["id"], node.line))
        claim_id = self.register_id(_check_id(raw_id, loc, "claim"), loc)
        source = None
        if "source" in node:
            source = _text(node["source"], shown, "source")
            if source not in self.sources:
                close = difflib.get_close_matches(source, list(self.sources), n=1)
                raise FormatError(f"claim '{claim_id}': unknown source '{source}'", path=shown,
                                  line=node.key_lines["source"],
                                  hint=f"did you mean '{close[0]}'?" if close else "declare it under sources:")
        as_of = _date(node.get("as_of"), shown)
        if as_of is None and source is not None:
            as_of = self.sources[source].date
        common: dict[str, Any] = dict(
            location=loc, source=source,
            quote=_text(node["quote"], shown, "quote") if "quote" in node else None,
            as_of=as_of,
            note=_text(node["note"], shown, "note") if "note" in node else None,
            review=_bool(node.get("review"), shown, "review"),
        )
        has_value = "quantity" in node or "value" in node
        if has_value and "relation" in node:
            raise FormatError(f"claim '{claim_id}' has both 'value' and 'relation': keep one", path=shown,
                              line=node.key_lines["relation"])
        if "relation" in node:
            text = _text(node["relation"], shown, "relation")
            line = node.key_lines["relation"]
            atoms = self.compile_expr(text, shown, line, file.defaults.about, f"claim '{claim_id}'")
            return Claim(claim_id, atoms, relation=text, hedge="relation", **common)
        if "quantity" not in node or "value" not in node:
            missing = "quantity" if "quantity" not in node else "value"
            raise FormatError(f"claim '{claim_id}' has no '{missing}'", path=shown, line=node.line,
                              hint="a claim needs quantity + value, or relation")
        quantity = _text(node["quantity"], shown, "quantity")
        if quantity not in self.quantities:
            near = self.suggest(quantity)
            raise FormatError(f"claim '{claim_id}': unknown quantity '{quantity}'", path=shown,
                              line=node.key_lines["quantity"],
                              hint=f"did you mean '{near}'?" if near else "declare it under quantities:")
        value_node = node["value"]
        if not isinstance(value_node, Scalar) or value_node.is_null:
            raise PhraseError(f"claim '{claim_id}': the value must be a phrase like 'up to 12,000'", path=shown,
                              line=_line(value_node, node.line))
        value = value_node.raw
        interval, ref, hedge = self.read_value(value, quantity, file.defaults, shown, value_node.line, claim_id)
        atoms = _interval_atoms(quantity, interval, ref)
        return Claim(claim_id, atoms, quantity=quantity, value=value, interval=interval, ref=ref, hedge=hedge,
                     **common)

    def read_value(self, value: str, quantity: str, defaults: Defaults, shown: str, line: int,
                   claim_id: str) -> tuple[Interval, str | None, str | None]:
        policy: Any = defaults.precision
        if policy not in ("as-written", "exact"):
            policy = _percent(policy)
        try:
            phrase = parse_value(value, lang=defaults.lang, policy=policy, about=defaults.about,  # type: ignore[arg-type]
                                 quantities=self.quantities.keys())
        except UnknownQuantityInPhrase as exc:
            close = self.suggest(exc.name)
            raise FormatError(f"claim '{claim_id}': unknown quantity '{exc.name}' in value '{value}'", path=shown,
                              line=line, hint=f"did you mean '{close}'?" if close else "declare it under quantities:") from None
        except PhraseSyntaxError as exc:
            raise PhraseError(f"claim '{claim_id}': cannot read the value: {exc}", path=shown, line=line) from None
        target = self.units[quantity]
        if phrase.ref is not None:
            try:
                factor = conversion_factor(self.units[phrase.ref], target)
            except ValueError as exc:
                raise UnitError(f"claim '{claim_id}': '{quantity}' and '{phrase.ref}' cannot be compared: {exc}",
                                path=shown, line=line) from None
            return _scaled(phrase, factor), phrase.ref, phrase.hedge
        if phrase.unit is None:
            return _scaled(phrase, Fraction(1)), None, phrase.hedge
        try:
            unit = parse_unit(phrase.unit)
        except ValueError:
            raise PhraseError(
                f"claim '{claim_id}': cannot read '{phrase.unit}' in value '{value}': it is not a unit",
                path=shown, line=line,
                hint="keep only the number and its hedge in value; the counted thing belongs in the quantity") from None
        try:
            factor = conversion_factor(unit, target)
        except ValueError as exc:
            raise UnitError(f"claim '{claim_id}': value '{value}' does not fit quantity '{quantity}': {exc}",
                            path=shown, line=line) from None
        return _scaled(phrase, factor), None, phrase.hedge


def _scaled(phrase: PhraseValue, factor: Fraction) -> Interval:
    lo = phrase.lo * factor if phrase.lo is not None else None
    hi = phrase.hi * factor if phrase.hi is not None else None
    return Interval(lo, hi, phrase.lo_open, phrase.hi_open)


def _interval_atoms(quantity: str, iv: Interval, ref: str | None) -> tuple[Atom, ...]:
    """lo <= x <= hi (or lo*ref <= x <= hi*ref) as atoms `expr op 0`."""
    atoms = []
    for bound, is_open, upper in ((iv.lo, iv.lo_open, False), (iv.hi, iv.hi_open, True)):
        if bound is None:
            continue
        sign = 1 if upper else -1  # x - bound <= 0, or bound - x <= 0
        if ref is None:  # the common case, built directly
            expr = Linear(((quantity, Fraction(sign)),), -sign * bound)
        else:
            expr = Linear.of({quantity: Fraction(1)}) - Linear.of({ref: bound})
            expr = expr if upper else expr.scale(Fraction(-1))
        atoms.append(Atom(expr, "<" if is_open else "<="))
    return tuple(atoms)


# ------------------------------------------------------------------ small readers


def _check_id(raw: str, loc: Location, what: str) -> str:
    """An id as written must be a plain name; generated ids ('casualties#2[side=ru]') need not."""
    if not _ID.match(raw):
        raise FormatError(f"'{raw}' is not a valid {what} id: use letters, digits, '-', '_', '.'",
                          path=loc.path, line=loc.line)
    return raw


def _line(node: YNode | None, default: int) -> int:
    return getattr(node, "line", default) if node is not None else default


def _text(node: YNode | None, shown: str, what: str) -> str:
    if not isinstance(node, Scalar) or node.is_null:
        raise FormatError(f"'{what}' must be text", path=shown, line=_line(node, 1))
    return node.raw


def _bool(node: YNode | None, shown: str, what: str) -> bool:
    if node is None:
        return False
    if isinstance(node, Scalar) and node.tag.endswith(":bool"):
        return node.raw.lower() in ("true", "yes", "on", "y")
    raise FormatError(f"'{what}' must be true or false", path=shown, line=_line(node, 1))


def _date(node: YNode | None, shown: str) -> dt.date | None:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return None
    if not isinstance(node, Scalar):
        raise FormatError("a date is written YYYY-MM-DD", path=shown, line=_line(node, 1))
    try:
        return dt.date.fromisoformat(node.raw.strip()[:10])
    except ValueError:
        raise FormatError(f"'{node.raw}' is not a date: write YYYY-MM-DD", path=shown, line=node.line) from None


def _percent(raw: str) -> Fraction | None:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", raw)
    if m:
        return Fraction(m.group(1)) / 100
    m = re.fullmatch(r"\s*(0?\.\d+)\s*", raw)
    return Fraction(m.group(1)) if m else None


def _mapping(node: YNode | None, shown: str, what: str) -> YMap:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        empty = YMap()
        empty.line, empty.key_lines = 1, {}
        return empty
    if not isinstance(node, YMap):
        raise FormatError(f"'{what}' must be a mapping", path=shown, line=_line(node, 1))
    return node


def _sequence(node: YNode | None, shown: str, what: str) -> YList:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return YList()
    if not isinstance(node, YList):
        raise FormatError(f"'{what}' must be a list (items start with '- ')", path=shown, line=_line(node, 1))
    return node


def _rule_text(node: YNode) -> str:
    if isinstance(node, Scalar):
        return node.raw
    if isinstance(node, YMap) and isinstance(node.get("rule"), Scalar):
        return node["rule"].raw
    return "?"

