"""Large files parsed in two processes from the start: the text is cut between two claims, the
loader parses what comes before the cut and a forked helper what comes after (read/split.py).

The law: whatever the cut, the model (or the error) is the one a single process gives. And the
route must really be taken where it can be: `split_load.stats()` counts loads that took it and
loads that went back to one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numcheck
from numcheck.errors import InputError
from numcheck.read import Helper, loader, split_load, yamlnodes

HEAD = """numcheck: 1
sources:
  hur: {name: HUR, date: 2024-10-20}
quantities:
  ru_killed: {unit: soldier}
  ru_casualties: {unit: soldier}
rules:
  - {id: sum-rule, rule: 'ru_killed <= ru_casualties'}
"""


def claim_lines(n: int, indent: int = 2, first: int = 0) -> list[str]:
    pad = " " * indent
    out = []
    for i in range(first, first + n):
        if i % 3 == 0:
            out.append(f"{pad}- {{id: r{i}, relation: 'ru_killed <= 0.{i % 9 + 1} * ru_casualties + {i}'}}")
        else:
            out.append(f"{pad}- id: v{i}\n{pad}  source: hur\n{pad}  quantity: ru_killed\n"
                       f"{pad}  value: 'up to {1000 + i:,}'\n{pad}  quote: 'q{i}'")
    return out


def claims_file(lines: list[str], head: str = HEAD) -> str:
    return head + "claims:\n" + "\n".join(lines) + "\n"


@pytest.fixture
def split_small(monkeypatch):  # type: ignore[no-untyped-def]
    """The text is cut however small the file (the deal between loader and helper is off, so
    that only this route starts a helper)."""
    monkeypatch.setattr(loader, "SPLIT_MIN_BYTES", 1)
    monkeypatch.setattr(loader, "HELPER_MIN_CLAIMS", 10**9)

    def counted() -> Callable[[], dict[str, int]]:
        before = split_load.stats()
        return lambda: {k: v - before[k] for k, v in split_load.stats().items()}
    return counted


def same_as_alone(path: Path, block: int, monkeypatch: Any) -> tuple[Any, Any]:
    """(one process's model or error text, two processes' with the claims cut in blocks of
    about `block` bytes)."""
    monkeypatch.setattr(loader, "SPLIT_BLOCK_BYTES", block)

    def outcome(jobs: int) -> Any:
        try:
            return numcheck.load(path, jobs=jobs)
        except InputError as exc:
            return (type(exc).__name__, str(exc), exc.line)
    return outcome(1), outcome(2)


@pytest.mark.parametrize("block", [1, 100, 1_000, 5_000, 100_000])
def test_a_file_cut_anywhere_loads_the_same_model(write, split_small, monkeypatch, block: int) -> None:  # type: ignore[no-untyped-def]
    """Blocks of one claim each, of a few claims, or one block of the whole list."""
    path = write("many.yaml", claims_file(claim_lines(120)))
    taken = split_small()
    alone, split = same_as_alone(path, block, monkeypatch)
    assert split == alone
    assert taken() == {"split": 1, "fallback": 0}


def test_the_helper_takes_blocks_from_the_end_until_the_loader_meets_it(write, split_small,  # type: ignore[no-untyped-def]
                                                                        helper_sent) -> None:
    """The route is real: the helper parsed and compiled the last blocks of claims, sent one
    by one, and they are the model's last claims."""
    sent: list[Any] = helper_sent
    path = write("many.yaml", claims_file(claim_lines(2000)))
    alone = numcheck.load(path)
    assert numcheck.load(path, jobs=2) == alone
    blocks = sorted(item.block for item in sent)
    assert len(blocks) > 2 and blocks == list(range(blocks[0], blocks[-1] + 1))  # a run up to the last block
    theirs = [claim for item in sorted(sent, key=lambda item: item.block) for claim in item.claims]
    assert 0.2 < len(theirs) / len(alone.claims) < 0.8
    assert theirs == list(alone.claims[-len(theirs):])


def test_the_claims_warnings_are_found_with_the_claims_in_both_processes(write, split_small,  # type: ignore[no-untyped-def]
                                                                          monkeypatch) -> None:
    """Each block's claims bring their warnings (`12.000` soldiers read as twelve, a marked
    review), found where the block was compiled, so the loader does not look at every claim
    again once both processes are done; the warnings are one process's, in the same order."""
    lines = claim_lines(300)
    lines[10:10] = ["  - {id: w1, source: hur, quantity: ru_killed, value: 'up to 12.000'}"]
    lines[250:250] = ["  - {id: w2, source: hur, quantity: ru_killed, value: 'up to 5', review: true}"]
    path = write("warned.yaml", claims_file(lines))
    alone = numcheck.load(path)
    assert {w.claim for w in alone.warnings} == {"w1", "w2"}
    asked = []
    monkeypatch.setattr(loader, "claim_warnings", lambda *args: asked.append(args) or iter(()))
    monkeypatch.setattr(loader, "SPLIT_BLOCK_BYTES", 1_000)
    taken = split_small()
    assert numcheck.load(path, jobs=2).warnings == alone.warnings
    assert taken() == {"split": 1, "fallback": 0}
    assert asked == []


def test_several_files_are_dealt_out_as_one_list(write, split_small, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Three files checked together: their blocks are dealt out in file order, and every
    file's declarations are read before the helper is forked."""
    head2 = HEAD.replace("sources:\n  hur", "sources:\n  isw").replace("  ru_killed: {unit: soldier}\n  ru_casualties: {unit: soldier}\n", "  nk_troops: {unit: soldier}\n").replace("rules:\n  - {id: sum-rule, rule: 'ru_killed <= ru_casualties'}\n", "")
    paths = [write("a.yaml", claims_file(claim_lines(40))),
             write("b.yaml", claims_file([f"- {{id: b{i}, source: isw, quantity: nk_troops, value: 'about {i},000'}}"
                                          for i in range(1, 60)], head2)),
             write("c.yaml", claims_file(claim_lines(40, first=500), head2.replace("isw", "cnn").replace("nk_troops", "rounds")))]
    taken = split_small()
    monkeypatch.setattr(loader, "SPLIT_BLOCK_BYTES", 500)
    alone = numcheck.load(*paths)
    assert numcheck.load(*paths, jobs=2) == alone
    assert taken() == {"split": 1, "fallback": 0}


# Claims written every way YAML allows, each a claim. SAFE ones can be cut before or after;
# the RISKY ones run a quoted text or a flow collection over what looks like an item's line,
# merge an anchor made at the top, or are wrong.
SAFE = [
    "- id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n  quote: |\n    a block text\n    - id: not a claim\n",
    "- id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n  quote: plain text running\n    over two lines\n",
    "# a comment\n- id: t{i}   # trailing\n  quantity: ru_killed\n  value: 'up to {v}'\n\n",
    "- &a{i}\n  id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n",
    "- id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n  note: >-\n    folded\n\n    text\n",
    "-\n  id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n",
    "- id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n  quote: |+\n    kept\n\n",
]
RISKY = [
    "- id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n  quote: \"a quoted text\n- id: running over\n  a line\"\n",
    "- id: t{i}\n  quantity: ru_killed\n  value: up to {v}\n  quote: 'single\n\n- quoted'\n",
    "- {{id: t{i}, quantity: ru_killed,\n- value: 'up to {v}'}}\n",
    "- id: t{i}\n  quantity: ru_killed\n  value: 'up to {v}'\n  quote: [a flow list,\n- running over]\n",
    "- <<: *base\n  id: t{i}\n  value: 'up to {v}'\n",
    "- id: t{i}\n  quantity: ru_killed\n  value: 'lots of'\n",
    "- id: r0\n  quantity: ru_killed\n  value: '{v}'\n",  # a duplicate id (of the first claim)
]
# what may follow the claims: nothing (the text can be cut), or what stops any cut
TAILS = ["", "rules:\n  - ru_killed <= 5\n", "---\nnumcheck: 1\n", "...\n", "  - id: deeper\n    value: '5'\n"]


def tricky_file(items: list[str], indent: int, tail: str) -> str:
    base = "- &base {id: base, quantity: ru_killed, value: 'up to 9'}\n"
    plain = [line + "\n" for k in range(3) for line in claim_lines(3, 0, first=10 * k)]
    body = "".join([base, *plain, *(item.format(i=n, v=1000 + n) for n, item in enumerate(items))])
    if indent:
        body = "\n".join(("  " + line) if line else line for line in body.split("\n"))
    return HEAD + "claims:\n" + body + tail


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.sampled_from(SAFE), min_size=1, max_size=8), block=st.integers(1, 2_000),
       indent=st.sampled_from([0, 2]))
def test_a_cut_between_claims_written_any_way_keeps_their_meaning(write, split_small, monkeypatch,  # type: ignore[no-untyped-def]
                                                                  items: list[str], block: int, indent: int) -> None:
    """Block texts holding lines like items, plain texts over two lines, comments, anchors:
    cut anywhere, two processes give one process's model, and take the route."""
    path = write("t.yaml", tricky_file(items, indent, ""))
    taken = split_small()
    alone, split = same_as_alone(path, block, monkeypatch)
    assert split == alone and not isinstance(alone, tuple)
    assert taken() == {"split": 1, "fallback": 0}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.sampled_from(SAFE + RISKY), min_size=1, max_size=5), block=st.integers(1, 2_000),
       indent=st.sampled_from([0, 2]), tail=st.sampled_from(TAILS))
def test_no_cut_changes_what_a_file_means(write, split_small, monkeypatch, items: list[str], block: int,  # type: ignore[no-untyped-def]
                                          indent: int, tail: str) -> None:
    """With texts and flow lists running over the cut, merges of an anchor before it, errors and
    other keys after the claims too: one process and two give the same model or the same error
    (a cut that would change the meaning goes back to one process)."""
    path = write("t.yaml", tricky_file(items, indent, tail))
    alone, split = same_as_alone(path, block, monkeypatch)
    assert split == alone


def test_an_alias_after_the_cut_to_an_anchor_before_it_goes_back_to_one_process(write, split_small,  # type: ignore[no-untyped-def]
                                                                                  monkeypatch) -> None:
    lines = ["  - &first {id: a0, quantity: ru_killed, value: 'up to 5'}", *claim_lines(30),
             "  - {<<: *first, id: a1}"]
    path = write("alias.yaml", claims_file(lines))
    taken = split_small()
    alone, split = same_as_alone(path, 500, monkeypatch)
    assert split == alone
    assert taken() == {"split": 0, "fallback": 1}


@pytest.mark.parametrize("where", [0.1, 0.9])
def test_an_error_on_either_side_of_the_cut_is_reported_as_one_process_reports_it(write, split_small,  # type: ignore[no-untyped-def]
                                                                                   monkeypatch, where: float) -> None:
    lines = claim_lines(60)
    lines.insert(int(len(lines) * where), "  - {id: bad, quantity: nowhere, value: '5'}")
    path = write("bad.yaml", claims_file(lines))
    taken = split_small()
    alone, split = same_as_alone(path, 500, monkeypatch)
    assert isinstance(alone, tuple) and "unknown quantity 'nowhere'" in alone[1]
    assert split == alone
    assert taken() == {"split": 0, "fallback": 1}


def test_a_helper_that_dies_leaves_its_blocks_to_the_loader(write, split_small, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A helper that took a block from the back and died before sending it: the loader parses
    that block itself."""
    start = Helper.start

    def dies_after_one_block(work):  # type: ignore[no-untyped-def]
        next(iter(work()))  # the last block, taken and compiled, never sent
        os._exit(1)

    monkeypatch.setattr(Helper, "start", classmethod(lambda cls, work: start(lambda: dies_after_one_block(work))))
    monkeypatch.setattr(loader, "SPLIT_BLOCK_BYTES", 300)
    path = write("many.yaml", claims_file(claim_lines(60)))
    taken = split_small()
    assert numcheck.load(path, jobs=2) == numcheck.load(path)
    assert taken() == {"split": 1, "fallback": 0}


def test_a_file_cut_in_two_keeps_the_whole_files_node_budget(write, split_small, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each piece is under the budget, the whole file over it: refused, as one process refuses it."""
    path = write("many.yaml", claims_file(claim_lines(200)))
    numcheck.load(path)  # under the real budget
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 1000)  # the file has some 1,600 nodes
    taken = split_small()
    alone, split = same_as_alone(path, 500, monkeypatch)
    assert isinstance(alone, tuple) and "YAML nodes" in alone[1]
    assert split == alone
    assert taken() == {"split": 0, "fallback": 1}


@pytest.mark.parametrize("text", [
    "numcheck: 1\nclaims:\n  - {id: a, quantity: q, value: '5'}\nquantities:\n  q: {unit: soldier}\n",
    "numcheck: 1\r\nquantities:\r\n  q: {unit: soldier}\r\nclaims:\r\n  - {id: a, quantity: q, value: '5'}\r\n",
    "numcheck: 1\nquantities:\n  q: {unit: soldier}\nclaims: [{id: a, quantity: q, value: '5'}]\n",
])
def test_files_the_cut_does_not_handle_load_in_one_process(write, split_small, text: str) -> None:  # type: ignore[no-untyped-def]
    path = write("odd.yaml", text)
    taken = split_small()
    assert numcheck.load(path, jobs=2) == numcheck.load(path)
    assert taken() == {"split": 0, "fallback": 0}  # no plan made


def test_a_file_given_and_included_as_a_rule_pack_is_read_as_one_process_reads_it(write, split_small,  # type: ignore[no-untyped-def]
                                                                                    monkeypatch) -> None:
    pack = write("pack.yaml", "numcheck: 1\nrules:\n  - ru_killed <= ru_casualties\n")
    main = write("main.yaml", claims_file(claim_lines(30), HEAD + "include: [pack.yaml]\n"))
    alone, split = same_as_alone(main, 200, monkeypatch)
    assert split == alone
    taken = split_small()
    assert numcheck.load(main, pack, jobs=2) == numcheck.load(main, pack)  # the pack is read once
    assert taken() == {"split": 0, "fallback": 1}
