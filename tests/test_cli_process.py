"""The real command in a real process: exit statuses a script can trust, and stopping on signals."""

from __future__ import annotations

import os
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
