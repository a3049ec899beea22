"""Many files, each on its own: the same answers in worker processes and on a Dask cluster as
one by one in this process, in the order given."""

from __future__ import annotations

from pathlib import Path

import pytest

import numcheck
from numcheck.check import CheckOptions
from numcheck.each import FileResult, check_each, worst_exit

from .conftest import ROOT

FILES = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml")) + [str(ROOT / "claims" / "nk-troops-russia-2024-10.yaml")]


def _alone() -> list[dict[str, object]]:
    return [numcheck.check(path).to_dict() for path in FILES]


def test_each_file_in_worker_processes_answers_as_alone(tmp_path: Path) -> None:
    results = list(check_each(FILES, jobs=2))
    assert [r.path for r in results] == FILES
    assert [r.report for r in results] == _alone()
    assert [r.exit_code for r in results] == [numcheck.check(p).exit_code for p in FILES]


def test_a_bad_file_is_a_result_not_a_stop(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: y, value: '5'}]\n")
    results = list(check_each([FILES[0], str(bad), FILES[1]], jobs=2))
    assert [r.exit_code for r in results][1] == 2
    assert results[1].report is None and "unknown quantity 'y'" in results[1].errors[0]
    assert results[0].report is not None and results[2].report is not None
    assert worst_exit([r.exit_code for r in results]) == 2


def test_worst_exit_ranks_crash_bad_input_unknown_inconsistent() -> None:
    assert worst_exit([0, 1, 3]) == 3
    assert worst_exit([1, 2, 3]) == 2
    assert worst_exit([2, 4]) == 4
    assert worst_exit([]) == 0
    assert FileResult("a", 0, {"verdict": "consistent"}).to_dict() == {"file": "a", "exit": 0, "verdict": "consistent"}


def test_a_local_dask_cluster_of_two_workers_answers_as_alone(tmp_path: Path) -> None:
    """Files with includes of their own, a bad one and a missing one too, through a real
    scheduler and two worker processes (which are sent the files' bytes)."""
    distributed = pytest.importorskip("distributed")
    names = FILES + _story(tmp_path) + [str(tmp_path / "missing.yaml")]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        results = list(check_each(names, cluster=cluster.scheduler_address))
    assert [r.path for r in results] == names
    assert results == list(check_each(names, jobs=1))
    assert [r.report for r in results[:len(FILES)]] == _alone()
    assert [r.exit_code for r in results[len(FILES):]] == [1, 2, 2]


STORY = """numcheck: 1
title: A story whose rules live beside it
include: [packs/local.yaml, "numcheck:casualties"]
sources: {a: {name: A paper, date: 2024-10-01}}
quantities: {x: {unit: soldier}}
claims:
  - {id: c1, source: a, quantity: x, value: more than 100}
  - {id: c2, source: a, quantity: y, value: fewer than 50}
"""
PACK = "numcheck: 1\ninclude: more.yaml\nquantities: {y: {unit: soldier}}\nrules:\n  - x <= y\n"
MORE = "numcheck: 1\nrules:\n  - y <= 100000\n"


def _story(folder: Path, more: str = MORE) -> list[str]:
    (folder / "packs").mkdir(parents=True)
    (folder / "story.yaml").write_text(STORY)
    (folder / "packs" / "local.yaml").write_text(PACK)
    (folder / "packs" / "more.yaml").write_text(more)
    (folder / "bad.yaml").write_text(STORY.replace("packs/local.yaml", "../outside.yaml"))
    return [str(folder / "story.yaml"), str(folder / "bad.yaml")]


def test_a_file_sent_as_bytes_needs_no_shared_disk(tmp_path: Path) -> None:
    """What a cluster worker does: the bytes of a file and its includes, read by the client,
    checked where the files are gone, give the same result under the same names."""
    from numcheck.each import bundle, check_one, check_shipped

    broken = tmp_path / "broken"
    names = _story(tmp_path / "stories") + _story(broken, more="numcheck: 1\nrules:\n  - y <= z\n")[:1]
    options = CheckOptions()
    alone = [check_one(name, options) for name in names]
    shipped = [bundle(name) for name in names]
    assert [len(b.files) for b in shipped] == [3, 1, 3]  # the story, its pack, the pack's include
    for folder in (tmp_path / "stories", broken):
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    remote = [check_shipped(b, options) for b in shipped]
    assert remote == alone
    assert alone[0].exit_code == 1 and alone[1].exit_code == 2 and alone[2].exit_code == 2
    assert "outside the folder" in alone[1].errors[0] and alone[1].errors[0].startswith(names[1])
    assert alone[2].errors[0].startswith(str(broken / "packs" / "more.yaml") + ":3:")


def test_a_relative_name_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from numcheck.each import bundle, check_one, check_shipped

    _story(tmp_path / "desk")
    monkeypatch.chdir(tmp_path)
    options = CheckOptions()
    alone = check_one("desk/story.yaml", options)
    assert check_shipped(bundle("desk/story.yaml"), options) == alone
    assert alone.report is not None and "desk/packs/local.yaml" in str(alone.report)


def test_a_bundle_cannot_write_outside_the_workers_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker trusts no path it is sent: one leading out of its temporary folder is not written."""
    import tempfile

    from numcheck.each import Bundle, BundledFile, check_shipped

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    escape = f"../escaped-{tmp_path.name}.yaml"
    shipped = Bundle("story.yaml", (BundledFile("story.yaml", STORY.encode()), BundledFile(escape, b"numcheck: 1\n")))
    result = check_shipped(shipped, CheckOptions())
    assert result.exit_code == 2 and result.path == "story.yaml"  # its include is missing, as it would be
    assert not (tmp_path.parent / escape.removeprefix("../")).exists() and not list(tmp_path.glob("escaped-*"))
