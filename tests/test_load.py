"""Loading claims files: the seed case, includes, generic rules, and one test per error kind."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numcheck
from numcheck import FormatError, IncludeError, InputError, PhraseError, UnitError
from numcheck.read import Helper, loader
from numcheck.render import show_json

from .conftest import ROOT

SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"

HEAD = """\
numcheck: 1
sources:
  hur: {name: HUR, date: 2024-10-24}
quantities:
  ru_killed: {unit: soldier}
  ru_casualties: {unit: soldier}
  rounds: {unit: round}
  front: {unit: km}
"""


def _constraints(model: numcheck.Model, kind: str) -> dict[str, str]:
    """Each claim's or rule's exact constraint, as `numcheck show` prints it."""
    return {item["id"]: item["constraint"] for item in json.loads(show_json(model))[kind]}


def test_seed_loads_into_canonical_constraints() -> None:
    model = numcheck.load(SEED)
    shown = _constraints(model, "claims")
    assert shown["hur-total"] == "nk_troops_in_russia <= 12000 soldier"
    assert shown["us-ratio"] == "0.45*ru_casualties <= ua_casualties <= 0.55*ru_casualties"
    assert shown["us-killed"] == "ru_killed > 115000 soldier"
    assert shown["cbc-army"] == "1250000 <= nk_active_army <= 1350000 soldier"
    claim = model.claim("hur-total")
    assert claim.location.line == 36 and claim.location.path.endswith("nk-troops-russia-2024-10.yaml")
    assert claim.value == "up to 12,000" and claim.source == "hur"
    assert claim.as_of is not None and claim.as_of.isoformat() == "2024-10-24"  # from the source's date
    rules = _constraints(model, "rules")
    assert rules["killed-and-wounded-within-casualties[side=ru]"] == "ru_killed + ru_wounded <= ru_casualties"


def test_value_in_other_unit_is_converted(write) -> None:  # type: ignore[no-untyped-def]
    path = write("c.yaml", HEAD + "claims:\n  - {id: f, quantity: front, value: about 600 miles}\n")
    claim = numcheck.load(path).claim("f")
    assert claim.interval is not None
    assert (claim.interval.lo, claim.interval.hi) == (F(540) * F("1.609344"), F(660) * F("1.609344"))


def test_rules_support_chains_percent_within_and_units(write) -> None:  # type: ignore[no-untyped-def]
    path = write("c.yaml", HEAD + """\
rules:
  - 0.4 * ru_casualties <= ru_killed <= 0.6 * ru_casualties
  - ru_killed ~= ru_casualties within 50%
  - ru_killed >= 20% of ru_casualties
  - front >= 100 mile
  - (ru_killed + ru_killed) / 2 != -(3)
""")
    assert list(_constraints(numcheck.load(path), "rules").values()) == [
        "0.4*ru_casualties <= ru_killed and ru_killed <= 0.6*ru_casualties",
        "ru_killed <= 1.5*ru_casualties and 0.5*ru_casualties <= ru_killed",
        "0.2*ru_casualties <= ru_killed",
        "front >= 160.9344",
        "ru_killed + 3 != 0",
    ]


def test_generic_rule_binds_once_per_side(write) -> None:  # type: ignore[no-untyped-def]
    path = write("c.yaml", """\
numcheck: 1
quantities:
  ru_killed: {unit: soldier}
  ru_casualties: {unit: soldier}
  ua_killed: {unit: soldier}
  ua_casualties: {unit: soldier}
  nk_killed: {unit: soldier}
rules:
  - id: part
    rule: "{side}_killed <= {side}_casualties"
""")
    model = numcheck.load(path)
    assert [r.id for r in model.rules] == ["part[side=ru]", "part[side=ua]"]


@given(st.sets(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=0, max_size=6),
       st.sets(st.from_regex(r"[a-z]{1,6}", fullmatch=True), max_size=4))
def test_generic_rule_instantiates_exactly_once_per_binding(sides: set[str], partial: set[str]) -> None:
    """A side binds iff both its quantities are declared; each binding gives one rule."""
    import tempfile
    names = {f"{s}_killed" for s in sides} | {f"{s}_casualties" for s in sides} | {f"{p}_killed" for p in partial}
    body = "numcheck: 1\nquantities:\n" + "".join(f"  {n}: {{unit: soldier}}\n" for n in sorted(names))
    body += 'rules:\n  - {id: g, rule: "{side}_killed <= {side}_casualties"}\n'
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.yaml"
        path.write_text(body)
        model = numcheck.load(path)
    expected = sorted(s for s in sides | partial if f"{s}_killed" in names and f"{s}_casualties" in names)
    assert sorted(r.id for r in model.rules) == sorted(f"g[side={s}]" for s in expected)


def test_includes_nest_and_a_shared_pack_is_read_once(write) -> None:  # type: ignore[no-untyped-def]
    write("packs/inner.yaml", "numcheck: 1\nrules:\n  - ru_killed <= ru_casualties\n")
    write("packs/outer.yaml", "numcheck: 1\ninclude: [inner.yaml]\n")
    a = write("a.yaml", HEAD + "include: [packs/outer.yaml, packs/inner.yaml]\n")
    model = numcheck.load(a)
    assert len(model.rules) == 1 and model.rules[0].id == "inner#1"


def test_several_files_share_one_namespace(write) -> None:  # type: ignore[no-untyped-def]
    a = write("a.yaml", HEAD + "claims:\n  - {id: k, quantity: ru_killed, value: '100'}\n")
    b = write("b.yaml", "numcheck: 1\nquantities:\n  x: {unit: soldier}\nclaims:\n  - {id: k2, quantity: ru_killed, value: '5'}\n")
    model = numcheck.load(a, b)
    assert [c.id for c in model.claims] == ["k", "k2"]


# ---------------------------------------------------------------------------- one test per error kind

ERRORS = [
    ("malformed-yaml", "numcheck: 1\nclaims: [\n  - oops: : :\n", FormatError, 3, "malformed YAML"),
    ("version", "numcheck: 2\n", FormatError, 1, "unsupported format version '2'"),
    ("no-version", "title: x\n", FormatError, 1, "missing 'numcheck: 1'"),
    ("unknown-top-key", "numcheck: 1\nclaim: []\n", FormatError, 2, "unknown key 'claim' in claims file — did you mean 'claims'?"),
    ("unknown-claim-key", HEAD + "claims:\n  - {id: a, quantity: front, value: '5', sorce: hur}\n", FormatError, 10,
     "claim 'a': unknown key 'sorce' — did you mean 'source'?"),
    ("unknown-key-no-id", HEAD + "claims:\n  - {quantity: front, value: '5', sorce: hur}\n", FormatError, 10,
     "unknown key 'sorce' in claim — did you mean 'source'?"),
    ("missing-id", HEAD + "claims:\n  - {quantity: front, value: '5'}\n", FormatError, 10, "claim has no 'id'"),
    ("missing-value", HEAD + "claims:\n  - {id: a, quantity: front}\n", FormatError, 10, "claim 'a' has no 'value'"),
    ("duplicate-id", HEAD + "claims:\n  - {id: a, quantity: front, value: '5'}\n  - {id: a, quantity: front, value: '6'}\n",
     FormatError, 11, "duplicate id 'a' (first used at"),
    ("undeclared", HEAD + "claims:\n  - {id: a, quantity: ru_kiled, value: '5'}\n", FormatError, 10,
     "claim 'a': unknown quantity 'ru_kiled' — did you mean 'ru_killed'?"),
    ("undeclared-in-rule", HEAD + "rules:\n  - ru_kiled <= ru_casualties\n", FormatError, 10,
     "rule 'undeclared-in-rule#1': unknown quantity 'ru_kiled' in 'ru_kiled <= ru_casualties' — did you mean 'ru_killed'?"),
    ("undeclared-in-relative", HEAD + "claims:\n  - {id: a, quantity: ru_killed, value: half of ru_casualtes}\n",
     FormatError, 10, "unknown quantity 'ru_casualtes' in value 'half of ru_casualtes' — did you mean 'ru_casualties'?"),
    ("unparsable-value", HEAD + "claims:\n  - {id: a, quantity: ru_killed, value: \"up to 12,000 North Korean soldiers\"}\n",
     PhraseError, 10, "cannot read 'North Korean soldiers' in value"),
    ("no-number", HEAD + "claims:\n  - {id: a, quantity: ru_killed, value: a lot}\n", PhraseError, 10, "no number in 'a lot'"),
    ("value-dimension", HEAD + "claims:\n  - {id: a, quantity: ru_killed, value: about 600 miles}\n", UnitError, 10,
     "does not fit quantity 'ru_killed'"),
    ("rule-dimension", HEAD + "rules:\n  - {id: mix, rule: ru_killed + rounds <= ru_casualties}\n", UnitError, 10,
     "rule 'mix': units do not agree around '+'"),
    ("unknown-unit", "numcheck: 1\nquantities:\n  x: {unit: soldiars}\n", UnitError, 3, "unknown unit 'soldiars'"),
    ("bad-expression", HEAD + "rules:\n  - ru_killed <= <= ru_casualties\n", InputError, 10, "unexpected"),
    ("nonlinear", HEAD + "rules:\n  - ru_killed * ru_casualties <= 5\n", InputError, 10, "multiplies two quantities"),
    ("not-a-comparison", HEAD + "rules:\n  - ru_killed + 5\n", InputError, 10, "is not a comparison"),
    ("unknown-source", HEAD + "claims:\n  - {id: a, source: hurr, quantity: front, value: '5'}\n", FormatError, 10,
     "unknown source 'hurr' — did you mean 'hur'?"),
    ("comma-in-flow", HEAD + "claims:\n  - {id: a, quantity: front, value: up to 12,000}\n", FormatError, 10,
     "quote it"),
    ("bad-date", "numcheck: 1\nsources:\n  s: {name: S, date: 24/10/2024}\n", FormatError, 3, "is not a date"),
]


@pytest.mark.parametrize(("name", "text", "kind", "line", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_error_names_file_line_and_problem(write, name: str, text: str, kind: type, line: int, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(f"{name}.yaml", text)
    with pytest.raises(kind) as info:
        numcheck.load(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert message in str(err)
    assert str(err).startswith(f"{path}:{line}: ")


def test_include_cycle_shows_the_chain(write) -> None:  # type: ignore[no-untyped-def]
    write("a.yaml", "numcheck: 1\ninclude: [b.yaml]\n")
    b = write("b.yaml", "numcheck: 1\ninclude: [a.yaml]\n")
    with pytest.raises(IncludeError) as info:
        numcheck.load(b.parent / "a.yaml")
    assert "include cycle:" in str(info.value)
    assert "a.yaml → " in str(info.value) and "b.yaml → " in str(info.value)
    assert info.value.line == 2


def test_missing_include_shows_the_chain(write) -> None:  # type: ignore[no-untyped-def]
    a = write("a.yaml", "numcheck: 1\ninclude: [rules/none.yaml]\n")
    with pytest.raises(IncludeError, match=r"included file 'rules/none.yaml' does not exist") as info:
        numcheck.load(a)
    assert info.value.line == 2


def test_alias_bomb_is_refused_quickly(write) -> None:  # type: ignore[no-untyped-def]
    lines = ["numcheck: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]")
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    with pytest.raises(FormatError, match="alias bomb"):
        numcheck.load(path)
    assert time.perf_counter() - started < 30  # bounded work, not a timing target


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(4 * 1024**3)  # 4 GB of nothing (a sparse file): reading it would take minutes
    with pytest.raises(FormatError, match="at most") as info:
        numcheck.load(path)
    assert info.value.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        numcheck.load(tmp_path / "nope.yaml")


def _claims_file(lines: list[str]) -> str:
    return HEAD + "rules:\n  - {id: sum-rule, rule: 'ru_killed <= ru_casualties'}\nclaims:\n" + "\n".join(lines) + "\n"


def _many_claims(n: int) -> list[str]:
    shapes = ["up to {v:,}", "more than {v:,}", "between {v:,} and {w:,}", "about {v:,}"]
    out = []
    for i in range(n):
        if i % 3 == 0:
            out.append(f"  - {{id: r{i}, relation: 'ru_killed <= 0.{i % 9 + 1} * ru_casualties + {i}'}}")
        else:
            shape = shapes[i % len(shapes)].format(v=1000 + i, w=2000 + i)
            out.append(f"  - {{id: v{i}, source: hur, quantity: ru_killed, value: '{shape}', quote: 'q{i}'}}")
    return out


@dataclass
class HelperSpy:
    """The helpers started, and work to give them instead of their own share (None: their own)."""

    started: list[Callable[[], Any]] = field(default_factory=list)
    instead: Callable[[], Any] | None = None


@pytest.fixture
def helper_on_small_files(monkeypatch):  # type: ignore[no-untyped-def]
    """The helper process starts only on large files; here, on any file of two claims or more."""
    spy = HelperSpy()
    start = Helper.start

    def spied(cls, work):  # type: ignore[no-untyped-def]
        spy.started.append(work)
        return start(spy.instead or work)

    monkeypatch.setattr(loader, "HELPER_MIN_CLAIMS", 2)
    monkeypatch.setattr(loader, "SPLIT_MIN_BYTES", 10**12)  # the text is not cut (tests/test_load_split.py)
    monkeypatch.setattr(loader, "HELPER_CHUNK", 3)  # many chunks taken from both ends, as in a large file
    monkeypatch.setattr(Helper, "start", classmethod(spied))
    return spy


def test_a_helper_process_loads_the_same_model(write, helper_on_small_files) -> None:  # type: ignore[no-untyped-def]
    """With jobs=2 the last claims are compiled by a forked helper: the model is the same, field
    for field, claim order included."""
    path = write("many.yaml", _claims_file(_many_claims(60)))
    assert numcheck.load(path, jobs=2) == numcheck.load(path)
    assert len(helper_on_small_files.started) == 1  # jobs=1 starts none


def test_the_helper_takes_claims_from_the_end_until_the_loader_meets_it(write, helper_on_small_files,  # type: ignore[no-untyped-def]
                                                                       helper_sent) -> None:
    """The loader takes claims from the front and its helper from the back, a few at a time, so
    both finish together; the helper sends each chunk as soon as it is compiled. On a file long
    enough, the chunks it sent run without a gap to the end, and the model is the same as one
    process's."""
    shares = helper_sent
    path = write("many.yaml", _claims_file(_many_claims(3000)))
    alone = numcheck.load(path)
    assert numcheck.load(path, jobs=2) == alone
    assert len(shares) > 1  # several chunks, sent one by one
    shares.sort(key=lambda share: share.first)
    first = shares[0].first
    assert 0 < first < len(alone.claims)
    assert [claim for share in shares for claim in share.claims] == list(alone.claims[first:])


@pytest.mark.parametrize("jobs", [1, 2])
def test_work_given_to_do_meanwhile_is_done_once_and_changes_nothing(write, helper_on_small_files,  # type: ignore[no-untyped-def]
                                                                     jobs: int) -> None:
    """`meanwhile` (the command line imports the solvers there, while the helper compiles) runs
    once, with a helper or without, and the model is the same."""
    path = write("many.yaml", _claims_file(_many_claims(200)))
    calls = []
    assert numcheck.load(path, jobs=jobs, meanwhile=lambda: calls.append(1)) == numcheck.load(path)
    assert calls == [1]
    assert len(helper_on_small_files.started) == (jobs > 1)


@pytest.mark.parametrize("case, bad, message", [
    ("a bad phrase in the helper's share", ["  - {id: z, quantity: ru_killed, value: 'lots of'}"], "cannot read the value"),
    ("an id used in both shares", ["  - {id: v1, quantity: ru_killed, value: '5'}"], "duplicate id 'v1'"),
    ("a claim id that is a rule's", ["  - {id: sum-rule, quantity: ru_killed, value: '5'}"], "duplicate id 'sum-rule'"),
    ("two errors, the first in file order wins", ["  - {id: v2, quantity: ru_killed, value: '5'}",
                                                  "  - {id: z, quantity: nowhere, value: '5'}"], "duplicate id 'v2'"),
])
def test_a_helper_reports_the_first_error_in_file_order(write, helper_on_small_files, case: str,  # type: ignore[no-untyped-def]
                                                         bad: list[str], message: str) -> None:
    """Errors found in the helper's share are raised by the loader itself, with file and line,
    exactly as a single process reports them."""
    lines = _many_claims(40)
    lines[30:30] = bad  # in the helper's half
    path = write("bad.yaml", _claims_file(lines))
    with pytest.raises(InputError) as alone:
        numcheck.load(path)
    with pytest.raises(InputError) as helped:
        numcheck.load(path, jobs=2)
    assert message in str(alone.value), case
    assert (type(helped.value), str(helped.value)) == (type(alone.value), str(alone.value))
    assert helped.value.line is not None


def test_a_helper_never_waits_for_its_caller_to_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The helper sends each result as soon as it is made, but the caller reads only between
    pieces of its own work: a helper that waited on the pipe (64 KB, about one result) lost up to
    a third of its time. Here it makes ten results of 200 KB and marks that it has finished,
    while the caller reads nothing; then every result arrives, in order."""
    done = tmp_path / "helper-finished"

    def work():  # type: ignore[no-untyped-def]
        for i in range(10):
            yield (i, "x" * 200_000)
        done.write_text("yes")

    helper = Helper.start(work)
    assert helper is not None
    try:
        waited = 0.0
        while not done.exists() and waited < 30:
            time.sleep(0.05)
            waited += 0.05
        assert done.exists(), "the helper waited for its caller to read"
        assert [i for i, _ in helper.received(wait=True)] == list(range(10))
    finally:
        helper.stop()


def test_a_helper_that_dies_leaves_its_share_to_the_loader(write, helper_on_small_files, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    path = write("many.yaml", _claims_file(_many_claims(30)))
    helper_on_small_files.instead = lambda: os._exit(1)
    assert numcheck.load(path, jobs=2) == numcheck.load(path)
    assert helper_on_small_files.started


def test_where_no_helper_can_start_the_loader_compiles_everything(write, helper_on_small_files, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Inside a daemonic process (a multiprocessing pool's worker) no child may start: the file
    still loads, in one process."""
    def refuse(self, work):  # type: ignore[no-untyped-def]
        raise AssertionError("daemonic processes are not allowed to have children")

    monkeypatch.setattr(Helper, "__init__", refuse)
    path = write("many.yaml", _claims_file(_many_claims(30)))
    assert numcheck.load(path, jobs=2) == numcheck.load(path)
    assert helper_on_small_files.started


def test_a_helper_that_fails_stays_quiet_and_the_loader_redoes_its_share(write, helper_on_small_files, monkeypatch, capfd) -> None:  # type: ignore[no-untyped-def]
    """An unexpected failure in the helper prints nothing from the background process; the loader
    compiles the share itself, where any error is raised and reported properly."""
    path = write("many.yaml", _claims_file(_many_claims(30)))
    expected = numcheck.load(path)

    def broken() -> None:
        raise RuntimeError("a bug in the helper")

    helper_on_small_files.instead = broken
    assert numcheck.load(path, jobs=2) == expected
    assert "a bug in the helper" not in capfd.readouterr().err


# ---------------------------------------------------------------------------- errors name what they are about

NAMED = [
    ("rule with id", "rules:\n  - {id: bad-sum, rule: ru_killed + rounds <= ru_casualties}\n",
     "rule 'bad-sum': units do not agree around '+'"),
    ("rule without id", "rules:\n  - ru_killed <= ru_casualties\n  - ru_killed + rounds <= 5\n",
     "rule 'named#2': units do not agree around '+'"),
    ("generic instance", "rules:\n  - {id: g, rule: '{side}_killed + rounds <= {side}_casualties'}\n",
     "rule 'g[side=ru]': units do not agree around '+'"),
    ("rule field", "rules:\n  - {id: r, rule: ru_killed <= ru_casualties, why: [a]}\n", "rule 'r': 'why' must be text"),
    ("rule key", "rules:\n  - {id: r, rule: ru_killed <= ru_casualties, wyh: x}\n",
     "rule 'r': unknown key 'wyh' — did you mean 'why'?"),
    ("rule syntax", "rules:\n  - {id: r, rule: ru_killed <= <= ru_casualties}\n", "rule 'r': unexpected"),
    ("relation", "claims:\n  - {id: c, relation: ru_killed <= front}\n", "claim 'c': units do not agree around '<='"),
    ("claim field", "claims:\n  - {id: c, quantity: front, value: '5', quote: [a]}\n", "claim 'c': 'quote' must be text"),
    ("claim date", "claims:\n  - {id: c, quantity: front, value: '5', as_of: someday}\n",
     "claim 'c': 'someday' is not a date"),
    ("claim value", "claims:\n  - {id: c, quantity: front, value: lots}\n", "claim 'c': cannot read the value"),
    ("duplicate", "claims:\n  - {id: c, quantity: front, value: '5'}\n  - {id: c, quantity: front, value: '6'}\n",
     "claim 'c': duplicate id 'c'"),
    ("quantity unit", "  x: {unit: soldiars}\n", "quantity 'x': unknown unit 'soldiars'"),
    ("source date", "  s: {name: S, date: 24/10/2024}\n", "source 's': '24/10/2024' is not a date"),
]


@pytest.mark.parametrize(("case", "tail", "message"), NAMED, ids=[n[0] for n in NAMED])
def test_errors_name_the_rule_or_claim_they_are_about(write, case: str, tail: str, message: str) -> None:  # type: ignore[no-untyped-def]
    """A rule's error names its id (or its generated id, or its instance), a claim's its id, a
    declaration its name, as well as the file and line."""
    if tail.startswith("  s:"):  # a source, declared in HEAD's sources
        text = HEAD.replace("sources:\n", "sources:\n" + tail)
    elif tail.startswith("  x:"):  # a quantity
        text = HEAD.replace("quantities:\n", "quantities:\n" + tail)
    else:
        text = HEAD + tail
    path = write("named.yaml", text)
    with pytest.raises(InputError) as info:
        numcheck.load(path)
    assert f": {message}" in str(info.value), str(info.value)
    assert str(info.value).startswith(f"{path}:{info.value.line}: ")
