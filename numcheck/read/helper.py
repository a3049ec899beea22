"""Work done beside the main process: a forked helper that computes one share of a job.

Loading a large claims file is mostly pure-Python compiling (lark, exact Fractions), which one
process does one claim at a time while the machine's other cores sit idle. A forked helper
inherits everything already read (the YAML nodes, the declared quantities), so nothing has to
be sent to it; it compiles its share and sends the result back as one pickle. Forking is the
whole trick: where it is not available (Windows), nothing is done beside and the caller does all
the work itself.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["Deal", "Helper", "can_fork"]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and hasattr(os, "fork")


class Helper:
    """`Helper.start(work)` runs `work()` in a forked process, or returns None where no process
    can be started (then the caller does the work itself). `work` yields its results one at a
    time, and each is sent as soon as it is made: `received()` returns those that have arrived,
    without waiting, so the caller unpickles them between pieces of its own work instead of
    all at the end; `received(wait=True)` waits for the rest, until the helper has finished
    or died, and ends it.

    `work` must not raise: an exception that crosses a process boundary loses its keyword
    arguments (file, line) when it is pickled, so errors are for the caller to find again. A
    helper that fails or dies simply sends nothing more: the caller does what is missing."""

    def __init__(self, work: Callable[[], Iterable[Any]]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        try:
            self._process.start()
        finally:
            send.close()  # the parent keeps only the reading end, so a dead helper reads as EOF

    @classmethod
    def start(cls, work: Callable[[], Iterable[Any]]) -> Helper | None:
        if not can_fork():
            return None
        try:
            return cls(work)
        except (AssertionError, OSError):  # a daemonic process may not have children; no fork left
            return None

    def received(self, *, wait: bool = False) -> list[Any]:
        """The results that have arrived (with `wait`: all of them, then the helper is ended)."""
        found: list[Any] = []
        try:
            while not self._receive.closed and (wait or self._receive.poll()):
                found.append(pickle.loads(self._receive.recv_bytes()))
        except (EOFError, OSError, pickle.UnpicklingError):
            self.stop()
        if wait:
            self.stop()
        return found

    def stop(self) -> None:
        """End the helper, whether or not it answered (a caller that fails first calls this)."""
        self._receive.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


class Deal:
    """Items 0 to total-1 dealt out in chunks from both ends: the caller takes from the front,
    its helper from the back, until they meet. Both then finish together whatever each one's
    speed: the helper pays for its fork, for the memory pages it copies on first touch and for
    pickling its result, which a fixed half gave it to pay on top of its share (the loader
    waited a quarter of a second for it on 10,000 claims). Which process took which claim does
    not matter: the claims are put back in file order (`_Loader.take_shares`).

    Made before the helper is forked (it inherits the shared ends), and only where fork is."""

    def __init__(self, total: int, chunk: int) -> None:
        context = multiprocessing.get_context("fork")
        self._ends = context.RawArray("q", [0, total])  # the next item at the front, the end of the back
        self._lock = context.Lock()
        self._chunk = chunk

    def front(self) -> range | None:
        """The next chunk from the front, or None once the two ends have met."""
        with self._lock:
            start, stop = self._ends[0], self._ends[1]
            if start >= stop:
                return None
            self._ends[0] = min(start + self._chunk, stop)
            return range(start, self._ends[0])

    def back(self) -> range | None:
        """The next chunk from the back, or None once the two ends have met."""
        with self._lock:
            start, stop = self._ends[0], self._ends[1]
            if start >= stop:
                return None
            self._ends[1] = max(stop - self._chunk, start)
            return range(self._ends[1], stop)


def _run(work: Callable[[], Iterable[Any]], send: Any) -> None:
    """In the helper: each result pickled as soon as it is made, and sent by a thread of its own.
    A pipe holds 64 KB, about one result, and the caller reads only between pieces of its own
    work (and not at all while it compiles the rules): sent from this thread, each result made
    the helper wait until the caller read the one before, up to a third of its time."""
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    sender = threading.Thread(target=_send_all, args=(outbox, send), daemon=True)
    sender.start()
    try:
        for item in work():
            outbox.put(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        pass  # no traceback from a background process: the caller reads EOF and does the rest itself
    finally:
        outbox.put(None)
        sender.join()
        send.close()


def _send_all(outbox: queue.SimpleQueue[bytes | None], send: Any) -> None:
    try:
        while (data := outbox.get()) is not None:
            send.send_bytes(data)
    except OSError:
        pass  # the caller closed its end: it has what it needs, or does the rest itself
