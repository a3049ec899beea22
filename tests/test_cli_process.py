"""The real command in a real process: exit statuses a script can trust, and stopping on signals."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXE = [sys.executable, "-m", "numcheck"]


def _big_file(tmp_path: Path, parts: int = 3000) -> Path:
    """Many small parts with whole numbers, so that a check with two jobs runs for a while."""
    lines = ["numcheck: 1", "quantities:"]
    for k in range(parts):
        lines += [f"  a{k}: {{unit: person, integer: true}}", f"  b{k}: {{unit: person, signed: true}}"]
    lines.append("claims:")
    for k in range(parts):
        lines.append(f"  - {{id: c{k}, relation: \"a{k} + 2 * b{k} <= {k + 7}.5\"}}")
        lines.append(f"  - {{id: d{k}, relation: \"a{k} != b{k}\"}}")
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def _children(pid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return found.stdout.split()


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask") or sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_everything_within_a_second_and_writes_nothing(tmp_path: Path, sig: int) -> None:
    path = _big_file(tmp_path)
    out = tmp_path / "report.json"
    proc = subprocess.Popen([*EXE, "check", str(path), "--jobs", "2", "--format", "json", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not _children(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    if proc.poll() is not None:
        pytest.skip("the check finished before it could be interrupted")
    workers = _children(proc.pid)
    sent = time.monotonic()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=10)
    assert time.monotonic() - sent < 1.5
    assert proc.returncode == (130 if sig == signal.SIGINT else 143)
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists()
    time.sleep(0.2)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}") and "zombie" not in Path(f"/proc/{w}/status").read_text().lower()]
    assert not alive


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run([*EXE, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "check" in done.stdout


def test_bad_timeout_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: x, value: '5'}]\n")
    for value in ("inf", "nan", "0", "-1"):
        done = subprocess.run([*EXE, "check", str(path), "--timeout", value], capture_output=True, text=True)
        assert done.returncode == 2, (value, done.stderr)
        assert "Traceback" not in done.stderr


def test_version_and_short_help() -> None:
    from importlib.metadata import version

    done = subprocess.run([*EXE, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"numcheck {version('numcheck')}"
    short = subprocess.run([*EXE, "-h"], capture_output=True, text=True)
    assert short.returncode == 0 and "Usage" in short.stdout


def test_commands_are_listed_in_workflow_order() -> None:
    text = subprocess.run([*EXE, "--help"], capture_output=True, text=True).stdout
    where = [text.index(f" {name} ") for name in ("extract", "check", "show", "lint", "table")]
    assert where == sorted(where)


def test_shell_completion_is_offered() -> None:
    text = subprocess.run([*EXE, "--help"], capture_output=True, text=True).stdout
    assert "--install-completion" in text and "--show-completion" in text


# ------------------------------------------------------------------ help, start-up

HEAVY = ("pandas", "matplotlib", "numpy", "z3", "highspy", "flint", "pint", "lark")
COMMANDS = ("extract", "check", "show", "lint", "table", "packs", "schema")


def _run(*args: str, cwd: Path | None = None, stdin: str | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=timeout)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_in_plain_words_with_no_python_type(command: str | None) -> None:
    text = _run(*([command] if command else []), "--help").stdout
    assert "Usage:" in text
    assert not re.search(r"<(bool|int|float|str|path|list|text)\b|list\[|\[x>=", text), text
    if command in ("check", "show", "lint", "table"):
        assert " FILE..." in text and "--strict" in text and "--allow-includes-outside" in text
    if command == "check":
        assert "--timeout SECONDS" in text and "--jobs N" in text and "--format FORMAT" in text


def test_help_imports_no_heavy_library() -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "numcheck", "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


# what a check with the text report never needs: tables, charts, colour, the desk page, extraction,
# dask (which pint imports when it is installed, unless numcheck hides it: read/units.py), and
# pydantic (which typer 0.29 builds an adapter with for every option)
UNUSED_BY_CHECK = ("pandas", "matplotlib", "rich", "pyarrow", "openpyxl", "starlette", "uvicorn", "jinja2",
                   "dask", "pydantic", "numcheck.extract", "numcheck.web", "numcheck.render.table",
                   "numcheck.render.html")


def test_the_seed_check_loads_neither_unused_libraries_nor_pints_whole_unit_file() -> None:
    """The seed file (in persons and kilometres, with the casualty pack) starts from numcheck's
    short unit file, and imports no library it does not use: the two things that made it slow."""
    run = (
        "import atexit, runpy, sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "atexit.register(lambda: sys.stderr.write('pint file: %s\\n'\n"
        "                % any(p.endswith('default_en.txt') for p in opened)))\n"
        f"sys.argv = ['numcheck', 'check', {str(SEED)!r}]\n"
        "runpy.run_module('numcheck', run_name='__main__', alter_sys=True)\n"
    )
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", run], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CONSISTENT" in done.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    loaded = sorted(n for n in UNUSED_BY_CHECK if n in imported or any(m.startswith(n + ".") for m in imported))
    assert not loaded, loaded
    assert "pint file: False" in done.stderr.splitlines()


def test_the_rule_parsers_cache_never_changes_a_report(tmp_path: Path) -> None:
    """lark keeps the rule grammar's tables in the user's cache folder. The report is the same,
    and nothing is said, with no cache yet, with it filled, with it garbled, and with a cache
    folder that cannot be made (a read-only or missing home)."""
    example = str(Path(__file__).resolve().parent.parent / "examples" / "ratio-through-rule.yaml")
    cache = tmp_path / "cache"

    def check(cache_home: Path) -> tuple[int, str, str]:
        env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
        done = subprocess.run([*EXE, "check", example], capture_output=True, text=True, env=env, timeout=120)
        return done.returncode, done.stdout, done.stderr

    first = check(cache)
    assert first[0] == 1 and first[2] == ""
    kept = list((cache / "numcheck").glob("expressions-*.lark"))
    assert len(kept) == 1
    assert check(cache) == first
    kept[0].write_bytes(kept[0].read_bytes()[:500])
    assert check(cache) == first
    (tmp_path / "a-file").write_text("")
    assert check(tmp_path / "a-file" / "cache") == first


# ------------------------------------------------------------------ standard input

SEED = Path(__file__).resolve().parent.parent / "claims" / "nk-troops-russia-2024-10.yaml"
ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article-nk-troops.en.txt"


def test_extract_piped_into_check_dash_through_a_real_pipe() -> None:
    extract = subprocess.Popen([*EXE, "extract", str(ARTICLE)], stdout=subprocess.PIPE)
    check = subprocess.run([*EXE, "check", "-", "--format", "json"], stdin=extract.stdout,
                           capture_output=True, text=True, timeout=120)
    assert extract.stdout is not None
    extract.stdout.close()
    assert extract.wait(timeout=60) == 0
    assert check.returncode == 0, check.stderr
    data = json.loads(check.stdout)
    assert data["verdict"] == "consistent" and data["claims"]


def test_dash_reads_standard_input_and_finds_includes_from_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text("numcheck: 1\nrules:\n  - {id: within, rule: a <= b}\n")
    text = ("numcheck: 1\ninclude: [packs/mine.yaml, numcheck:casualties]\n"
            "quantities: {a: {unit: person}, b: {unit: person}}\n"
            "claims:\n  - {id: ca, quantity: a, value: more than 10}\n  - {id: cb, quantity: b, value: fewer than 5}\n")
    done = _run("check", "-", cwd=tmp_path, stdin=text)
    assert done.returncode == 1, done.stderr
    assert "Conflict 1: ca, cb (through within)" in done.stdout
    shown = _run("show", "-", cwd=tmp_path, stdin=text)
    assert shown.returncode == 0 and "within: a <= b" in shown.stdout
    linted = _run("lint", "-", cwd=tmp_path, stdin=text)
    assert linted.returncode == 1 and "unbound" in linted.stdout
    tabled = _run("table", "-", cwd=tmp_path, stdin=text)
    assert tabled.returncode == 0 and tabled.stdout.startswith("file,id,") and "<stdin>,ca," in tabled.stdout
    elsewhere = _run("check", "-", cwd=tmp_path / "packs", stdin=text)
    assert elsewhere.returncode == 2 and "<stdin>:2: included file 'packs/mine.yaml' does not exist" in elsewhere.stderr


def test_standard_input_is_capped_and_its_errors_name_it() -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([*EXE, "check", "-"], stdin=zero, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "error: <stdin>: standard input holds more than" in done.stderr
    bad = _run("check", "-", stdin="numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: y, value: '5'}]\n")
    assert bad.returncode == 2 and bad.stderr.startswith("error: <stdin>:3: claim 'a': unknown quantity 'y'")


# ------------------------------------------------------------------ every error at once

THREE_MISTAKES = """\
numcheck: 1
quantities:
  ru_killed: {unit: soldier}
  ru_wounded: {unti: soldier}
claims:
  - {id: a, quantity: ru_kiled, value: '5'}
  - {id: b, sorce: x, quantity: ru_killed, value: '5'}
  - {id: c, quantity: ru_killed, value: 'lots of'}
  - {id: d, quantity: ru_wounded, value: '5'}
"""


@pytest.mark.parametrize("command", ["check", "show", "lint", "table"])
def test_three_mistakes_are_reported_at_once_one_line_each(tmp_path: Path, command: str) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(THREE_MISTAKES)
    done = _run(command, str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == [f"{path}:4", f"{path}:6", f"{path}:7", f"{path}:8"]
    assert all(line.startswith("error: ") for line in lines)
    assert "unknown key 'unti'" in lines[0] and "unknown quantity 'ru_kiled'" in lines[1]
    assert "unknown key 'sorce'" in lines[2] and "cannot read the value" in lines[3]
    # claim d uses the quantity declared wrongly: not reported again


def test_errors_stop_at_twenty(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims:\n"
                    + "".join(f"  - {{id: c{i}, quantity: y{i}, value: '5'}}\n" for i in range(30)))
    lines = _run("check", str(path)).stderr.splitlines()
    assert len(lines) == 21 and lines[-1].startswith("numcheck: stopped after 20 errors")
    assert lines[19].startswith(f"error: {path}:23: claim 'c19'")


def test_a_yaml_syntax_error_still_stops_at_once(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("numcheck: 1\nclaims:\n  - {id: a, quantity: x, value: '5'\n")
    done = _run("check", str(path))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "malformed YAML" in done.stderr


# ------------------------------------------------------------------ --strict, --allow-includes-outside

def test_strict_turns_a_warning_into_an_error(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: x, value: '5', review: true}]\n")
    assert _run("check", str(path)).returncode == 0
    for command in ("check", "show", "lint", "table"):
        done = _run(command, str(path), "--strict")
        assert done.returncode == 2, command
        assert done.stderr.startswith(f"error: {path}:3: claim 'a' is marked review: true"), done.stderr
        assert "strict loading makes every warning an error" in done.stderr


def test_includes_outside_the_folder_need_the_option(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text("numcheck: 1\nrules:\n  - a <= b\n")
    (tmp_path / "claims").mkdir()
    path = tmp_path / "claims" / "c.yaml"
    path.write_text("numcheck: 1\ninclude: ../packs/mine.yaml\nquantities: {a: {unit: person}, b: {unit: person}}\n")
    refused = _run("check", str(path))
    assert refused.returncode == 2 and "outside the folder of the file that includes it" in refused.stderr
    for command in ("check", "show", "lint", "table"):
        assert _run(command, str(path), "--allow-includes-outside").returncode in (0, 1), command


# ------------------------------------------------------------------ extract's input

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_extract_refuses_a_fifo_and_a_device_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    for target, kind in ((str(fifo), "a FIFO"), ("/dev/zero", "a device")):
        started = time.monotonic()
        done = _run("extract", target, timeout=30)
        assert done.returncode == 2 and f"the article is {kind}" in done.stderr, done.stderr
        assert time.monotonic() - started < 10


def test_extract_caps_standard_input() -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([*EXE, "extract", "-"], stdin=zero, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "error: <stdin>: the article holds more than" in done.stderr


def test_extract_reads_standard_input() -> None:
    done = _run("extract", "-", "--format", "json", stdin=ARTICLE.read_text(encoding="utf-8"))
    assert done.returncode == 0 and json.loads(done.stdout)


# ------------------------------------------------------------------ a plain install

@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("NUMCHECK_SLOW") != "1", reason="minutes long: set NUMCHECK_SLOW=1")
def test_a_fresh_venv_installs_and_checks_a_file_that_includes_a_shipped_pack(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(root)], capture_output=True, text=True,
                         timeout=1800)
    assert pip.returncode == 0, pip.stderr[-2000:]
    listed = subprocess.run([str(venv / "bin" / "pip"), "list"], capture_output=True, text=True).stdout.lower()
    assert not [tool for tool in ("pytest", "hypothesis", "playwright", "mypy", "ruff") if f"\n{tool} " in listed]
    outside = tmp_path / "desk"
    outside.mkdir()
    (outside / "c.yaml").write_text(
        "numcheck: 1\ninclude: [numcheck:casualties]\nquantities: {ru_killed: {unit: soldier}, "
        "ru_casualties: {unit: soldier}}\nclaims:\n  - {id: a, quantity: ru_killed, value: more than 100}\n"
        "  - {id: b, quantity: ru_casualties, value: fewer than 50}\n")
    done = subprocess.run([str(venv / "bin" / "numcheck"), "check", "c.yaml"], cwd=outside, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "through killed-within-casualties[side=ru]" in done.stdout
    schema = subprocess.run([str(venv / "bin" / "numcheck"), "schema"], cwd=outside, capture_output=True, text=True)
    assert schema.returncode == 0 and json.loads(schema.stdout)["$schema"].endswith("2020-12/schema")
    packs = subprocess.run([str(venv / "bin" / "numcheck"), "packs"], cwd=outside, capture_output=True, text=True)
    assert "numcheck:elections" in packs.stdout


# ------------------------------------------------------------------ --each, the pre-commit hooks

def test_each_checks_every_file_on_its_own_and_exits_with_the_worst(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: x, value: '5'}]\n")
    other = tmp_path / "other.yaml"  # the same quantity, another value: a conflict only when checked together
    other.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: b, quantity: x, value: '9'}]\n")
    assert _run("check", str(good), str(other)).returncode == 1
    assert _run("check", "--each", str(good), str(other)).returncode == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text("numcheck: 1\nclaims: [{id: c, quantity: y, value: '1'}]\n")
    done = _run("check", "--each", str(broken), str(good))
    assert done.returncode == 2 and done.stdout.count("CONSISTENT") == 1 and "unknown quantity 'y'" in done.stderr
    written = _run("check", "--each", "-o", str(tmp_path / "r.txt"), str(good), str(other))
    assert written.returncode == 0 and written.stdout == ""  # -o takes every file's line, whole
    assert (tmp_path / "r.txt").read_text().splitlines() == [f"{good}: CONSISTENT", f"{other}: CONSISTENT"]


def test_the_pre_commit_hooks_run_numcheck_on_yaml_files() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml")
                                                 .read_text(encoding="utf-8"))}
    assert set(hooks) == {"numcheck-check", "numcheck-lint"}
    assert hooks["numcheck-check"]["entry"] == "numcheck check --each"
    assert hooks["numcheck-lint"]["entry"] == "numcheck lint"
    assert all(h["language"] == "python" and h["files"] == r"\.ya?ml$" for h in hooks.values())


def test_each_checks_files_on_their_own_in_parallel_with_the_worst_status(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: y, value: '5'}]\n")
    good = "examples/article-nk-troops.edited.yaml"
    clash = "examples/two-units.yaml"
    done = subprocess.run([*EXE, "check", "--each", "--jobs", "2", "--format", "json", good, clash, str(bad)],
                          capture_output=True, text=True)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["file"] for line in lines] == [good, clash, str(bad)]
    assert [line["exit"] for line in lines] == [0, 1, 2]
    assert lines[1]["conflicts"] and "errors" in lines[2]
    assert done.returncode == 2  # bad input is worse than a contradiction
    plain = subprocess.run([*EXE, "check", "--each", good, clash], capture_output=True, text=True)
    assert plain.returncode == 1
    assert plain.stdout.splitlines() == [f"{good}: CONSISTENT", f"{clash}: INCONSISTENT, 1 minimal conflict"]


def test_cluster_goes_with_each() -> None:
    done = subprocess.run([*EXE, "check", "--cluster", "tcp://127.0.0.1:1", "examples/two-units.yaml"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "--cluster goes with --each" in done.stderr


def test_serve_is_a_command() -> None:
    done = subprocess.run([*EXE, "serve", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--no-browser" in done.stdout and "127.0.0.1" in done.stdout


def test_the_command_lines_pint_reads_every_example_as_a_notebooks_does(tmp_path: Path) -> None:
    """The command imports pint without its optional libraries (numpy, dask, ...: read/units.py,
    PINT_ALONE), a notebook with them: every example's report is the same both ways, units,
    conversions (miles, percent, currencies) and the unit file pint reads later included."""
    import numcheck
    from numcheck.render import render

    root = Path(__file__).resolve().parent.parent
    files = [*sorted((root / "examples").glob("*.yaml")), SEED]
    units = tmp_path / "units.yaml"  # units only pint's own file defines: it is read in mid-run
    units.write_text("numcheck: 1\nquantities:\n  d: {unit: nautical_mile}\n  w: {unit: pound}\n"
                     "claims:\n  - {id: a, quantity: d, value: 'about 3 km'}\n"
                     "  - {id: b, quantity: w, value: 'up to 2 kg'}\n", encoding="utf-8")
    for path in [*files, units]:
        done = subprocess.run([*EXE, "check", str(path), "--format", "json"], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode in (0, 1), (path.name, done.stderr[-500:])
        assert done.stdout == render(numcheck.check(str(path)), "json"), path.name
