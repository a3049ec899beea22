"""What the command line needs of the terminal and the process, apart from the commands:
reading an article safely, a progress bar and colours on a terminal, and stopping on signals.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
import time
from typing import Any

from numcheck.errors import InputError

__all__ = ["ARTICLE_BYTES", "ProgressBar", "print_coloured", "read_article", "stop_on_signals"]

ARTICLE_BYTES = 20 * 1024 * 1024  # the most `extract` reads: five million characters, with room for UTF-8


def read_article(article: str) -> str:
    """The article's text: standard input for `-`, else a regular file, opened without blocking
    and checked on the open descriptor (a FIFO or a device is refused at once); at most
    ARTICLE_BYTES either way, so that /dev/zero piped in ends too."""
    name = "<stdin>" if article == "-" else article
    if article == "-":
        data = read_capped(sys.stdin.buffer.read, name, stat.S_IFREG)
    else:
        try:
            fd = os.open(article, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            raise InputError(f"cannot read the article: {exc.strerror}", path=name) from None
        try:
            data = read_capped(lambda n: os.read(fd, n), name, os.fstat(fd).st_mode)
        finally:
            os.close(fd)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("the article is not UTF-8 text", path=name, line=data[: exc.start].count(b"\n") + 1) from None


def read_capped(read: Any, name: str, mode: int) -> bytes:
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"the article is {kind}, not a text file", path=name,
                         hint="give a regular file, or - and pipe the text in")
    chunks: list[bytes] = []
    while chunk := read(1 << 20):
        chunks.append(chunk)
        if sum(map(len, chunks)) > ARTICLE_BYTES:
            raise InputError(f"the article holds more than {ARTICLE_BYTES:,} bytes, the most extract reads", path=name)
    return b"".join(chunks)


class ProgressBar:
    """A progress bar on standard error, shown only on a terminal and only after one second.

    Called as `bar(done, total)` for the check; `bar.stage("writing the page")` gives the callback
    for a later stage (the HTML page of 10,000 claims takes seconds), which goes on from the same
    bar, so that the wait for the report is covered as well as the wait for the check."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.description = "checking parts"

    def stage(self, description: str) -> ProgressBar:
        """The same bar, from now on counting this stage under this description."""
        self.description = description
        if self.bar is not None:
            self.bar.remove_task(self.task)
            self.task = self.bar.add_task(description, total=None)
        return self

    def __enter__(self) -> ProgressBar:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.started < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def print_coloured(text: str, console: Any = None) -> None:
    """The text report with its verdict and disagreements in colour, for a terminal."""
    from rich.console import Console
    from rich.text import Text

    styled = Text(text)
    styled.highlight_regex(r"\b(CONSISTENT|COHÉRENT)\b", "bold green")  # English and French reports
    styled.highlight_regex(r"\b(INCONSISTENT|DISAGREE|INCOHÉRENT|DIVERGENT)\b", "bold red")
    styled.highlight_regex(r"\b(UNKNOWN|INDÉTERMINÉ)\b", "bold yellow")
    styled.highlight_regex(r"(?m)^(Conflict|Conflit) \d+\s?:.*$", "bold")
    (console or Console(highlight=False, soft_wrap=True)).print(styled, end="")


def stop_on_signals() -> threading.Event:
    """Stop on SIGINT or SIGTERM at once, whatever the main thread is doing.

    Python runs signal handlers only between bytecodes, and a z3 check is one long C call, so a
    handler could wait for minutes. Instead the signals are blocked in every thread and a watcher
    thread waits for them: it kills the worker processes (loading helper, solving pool) and ends
    the process. Files are written whole or not at all (see render.output), so nothing is left
    half-written. Returns an event the caller sets when the run is over."""
    done = threading.Event()
    signals = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        return done  # pragma: no cover - embedded use; the host handles its own signals
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)

    def watch() -> None:
        while not done.is_set():
            got = signal.sigtimedwait(signals, 0.2)
            if got is None:
                continue
            import multiprocessing

            for child in multiprocessing.active_children():
                child.kill()
            sys.stderr.write("numcheck: interrupted\n")
            sys.stderr.flush()
            os._exit(130 if got.si_signo == signal.SIGINT else 143)

    threading.Thread(target=watch, name="numcheck-signals", daemon=True).start()
    return done


def leave(code: int) -> None:
    """End a finished command at once: flush what it wrote, run the exit handlers, and leave
    without Python's teardown. Freeing a large check's objects one by one (the model, the
    report, z3's terms, every cache) took 0.35 s at the end of a 10,000-claim check, more than
    writing its report, and the operating system frees the process's memory in one go.

    Returns (and the caller exits as usual) while a thread that is not a daemon still runs:
    Python's teardown would wait for it, and so must we."""
    import atexit

    if any(not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed or broken pipe: nothing to flush to
            stream.flush()
    atexit._run_exitfuncs()  # what was registered to run at exit still runs (temporary files, clients)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)

