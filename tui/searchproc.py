"""Provides SearchProcess: the app's index, searched in a process of its own.

Whoosh ranks, counts and reads rows in pure Python. In a thread of the app's process that
work holds the interpreter lock (the GIL) in turns with the UI thread, and a frame drawn while
a search ran took two to four times its own CPU time. In a child process the search runs on the
other core; the app's threads only wait for the answer's bytes (without the GIL).

The child is a fresh interpreter (not a fork: it never inherits the app's threads, and no
main module is imported again, as `multiprocessing` would). Calls and answers are pickled over
a socket pair (`multiprocessing.connection`); a shared 8-byte flag stops a search the user
typed past. The child ends when its socket closes, so a killed app leaves none behind."""

from __future__ import annotations

import functools
import itertools
import mmap
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from paperbrowse.index.library import IndexProblem, Library
from paperbrowse.index.marks import Marks
from paperbrowse.index.models import Facet, Paper

KEPT = 32
"""Result sets the child keeps for rows and counts asked later (the newest ones)."""
FLAG = struct.Struct("q")
"""The shared stop flag: the number of the call the child is to stop."""
ENTRY = "from paperbrowse.tui.searchproc import main; main"


@dataclass(frozen=True)
class Found:
    """A search's answer as the app sees it: the child keeps the result set under `token`."""

    token: int
    length: int
    """Papers known so far: the total once counted, else those ranked."""
    total: int | None
    """The exact total, when the search knew it (else `complete` counts it)."""
    terms: tuple[tuple[str, str], ...]
    relaxed: bool
    """No paper holds every word; these hold all but one."""
    every: bool
    """The query matched every paper (an empty or match-all filter)."""
    prefetched: tuple[Paper, ...]
    library_size: int


@dataclass(frozen=True)
class Counted:
    """What `complete` adds: the exact total, the facet counts, a did-you-mean hint."""

    total: int
    facets: dict[str, list[Facet]]
    correction: str | None


class Engine:
    """The child's side: a Library and the result sets its searches made (see `Backend`)."""

    def __init__(self, index: str, marks: str | None, opened: Any = None) -> None:
        """`opened`: the Library at `index`, when the child opened it while the app started."""
        self.library = opened if opened is not None else Library(index, create=False)
        self.library.marks = Marks(marks) if marks else None
        self.found: OrderedDict[int, Any] = OrderedDict()
        self.tokens = itertools.count(1)

    def _results(self, token: int) -> Any:
        results = self.found.get(token)
        if results is None:  # only a result set older than KEPT searches: never on screen
            raise IndexProblem("that search is no longer kept; search again", "gone")
        return results

    def search(
        self, text: str, sort: str, quick: bool, prefetch: int, should_stop: Callable[[], bool]
    ) -> Found:
        library = self.library
        results = library.search(
            text,
            sort=sort,
            as_you_type=True,
            count=False,
            quick=quick,
            should_stop=should_stop,
        )
        token = next(self.tokens)
        self.found[token] = results
        while len(self.found) > KEPT:
            self.found.popitem(last=False)
        rows = tuple(library.papers(results, 0, min(prefetch, len(results.docnums))))
        return Found(
            token,
            len(results),
            results.total,
            results.terms,
            results.relaxed,
            results.every,
            rows,
            library.paper_count(),
        )

    def papers(self, token: int, start: int, stop: int) -> list[Paper]:
        return self.library.papers(self._results(token), start, stop)

    def complete(self, token: int, text: str, should_stop: Callable[[], bool]) -> Counted:
        library = self.library
        results = self._results(token)
        total = library.count(results, should_stop)
        facets = library.facets(results, should_stop=should_stop)
        unmatched = not total or results.relaxed
        return Counted(total, facets, library.correction(text) if unmatched else None)

    def related(self, paper: Paper, limit: int) -> list[Paper]:
        return [hit.paper for hit in self.library.related(paper, limit=limit)]

    def paper_count(self) -> int:
        return self.library.paper_count()

    def paper_keys(self) -> list[str]:
        return self.library.paper_keys()

    def changed_on_disk(self) -> bool:
        return self.library.changed_on_disk()


def serve(connection: Connection, cancelled: Callable[[int], bool], index: str) -> None:
    """The child's loop: one call at a time, answered with its value or its exception. The
    first call ("open") names the index and the marks; a call that takes `should_stop` stops
    once `cancelled(its number)` says so. The index is opened before the first call comes
    (the app is starting meanwhile); a problem there is met again, and sent, on "open"."""
    try:
        opened: Any = Library(index, create=False)
    except Exception:
        opened = None
    engine: Engine | None = None
    while True:
        try:
            number, method, args, stoppable = connection.recv()
        except (EOFError, OSError):
            return  # the app closed the pipe, or ended
        try:
            if method == "open":
                engine = Engine(*args, opened if args[0] == index else None)
                opened, answer = None, None
            elif engine is None:
                raise IndexProblem("the search process has no index open", "process")
            else:
                call = getattr(engine, method)
                if stoppable:
                    args = (*args, functools.partial(cancelled, number))
                answer = call(*args)
            reply = (number, True, answer)
        except Exception as error:  # sent back and raised in the app's thread
            reply = (number, False, error)
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


def main(socket_fd: int, flag_fd: int, index: str) -> None:
    """The child's entry (`python -c`, so that the classes it pickles keep this module's
    name): the socket to the app, the 8-byte shared flag naming a call to stop, the index."""
    flag = mmap.mmap(flag_fd, FLAG.size)
    serve(Connection(socket_fd), lambda number: FLAG.unpack_from(flag)[0] == number, index)


class SearchProcess:
    """The app's side: a child started at once (it imports while the app starts), its index
    opened on the first call; calls run one at a time (callers hold `Backend.lock`), and a
    child that died is started again by the next call."""

    def __init__(self, index: Path, marks: Callable[[], Path | None]) -> None:
        self.index = index
        self.marks = marks
        """The marks file, asked on the first call (the app sets it after building us)."""
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._child: _Child | None = _Child.start(index)
        self._open = False
        self._flagging = threading.Lock()
        self._running: tuple[_Child, int, Callable[[], bool] | None] | None = None
        """The call the child is on: its child, number and `should_stop`."""

    def call(self, method: str, *args: Any, should_stop: Callable[[], bool] | None = None) -> Any:
        """Run `Engine.<method>(*args)` in the child and return its value, or raise its
        exception here. With `should_stop`, the child is told to stop once it says so."""
        with self._lock:
            if self._child is None or self._child.process.poll() is not None:
                self._child, self._open = _Child.start(self.index), False
            child = self._child
            try:
                ok, value = True, None
                if not self._open:
                    marks = self.marks()
                    opening = (str(self.index), str(marks) if marks else None)
                    _, ok, value = self._round_trip(child, "open", opening, None)
                    self._open = ok
                if ok:
                    _, ok, value = self._round_trip(child, method, args, should_stop)
            except (EOFError, OSError) as error:
                self._child = None
                child.stop()
                raise IndexProblem(
                    f"the search process stopped ({type(error).__name__}); the next search "
                    "starts it again",
                    "process",
                ) from error
        if not ok:
            raise value
        return value

    def _round_trip(
        self, child: _Child, method: str, args: Any, should_stop: Callable[[], bool] | None
    ) -> tuple[int, bool, Any]:
        """Send one call and wait for its answer. The wait is a blocking read, without the GIL
        and without waking up: a call to stop is flagged by `interrupt`, from the UI thread,
        and here only before and after sending (a keystroke may fall between the two)."""
        number = next(self._numbers)
        with self._flagging:
            self._running = (child, number, should_stop)
        try:
            self.interrupt()
            child.connection.send((number, method, args, should_stop is not None))
            self.interrupt()
            reply: tuple[int, bool, Any] = child.connection.recv()
        finally:
            with self._flagging:
                self._running = None
        if reply[0] != number:  # cannot happen: one call at a time
            raise OSError("the search process answered out of turn")
        return reply

    def interrupt(self) -> None:
        """Flag the call the child is on, if its `should_stop` now says so (the UI thread
        calls this when a newer keystroke cancels a search; the child stops at its next
        check). Never waits on a search: the lock is held only to read or write the flag."""
        with self._flagging:
            if self._running is None:
                return
            child, number, should_stop = self._running
            if should_stop is not None and should_stop():
                FLAG.pack_into(child.flag, 0, number)

    def close(self) -> None:
        with self._lock:
            if self._child is not None:
                self._child.stop()
                self._child = None


@dataclass
class _Child:
    """A running child: its process, the socket to it and the shared stop flag."""

    process: subprocess.Popen[bytes]
    connection: Connection
    flag: mmap.mmap

    @classmethod
    def start(cls, index: Path) -> _Child:
        ours, theirs = socket.socketpair()
        with tempfile.TemporaryFile() as backing:
            backing.write(bytes(FLAG.size))
            backing.flush()
            flag = mmap.mmap(backing.fileno(), FLAG.size)
            fds = (theirs.fileno(), backing.fileno())
            process = subprocess.Popen(
                [sys.executable, "-c", f"{ENTRY}({fds[0]}, {fds[1]}, {str(index)!r})"],
                pass_fds=fds,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # never onto the app's screen; errors come back
            )
        theirs.close()
        child = cls(process, Connection(ours.detach()), flag)
        weakref.finalize(child, _stop, process, child.connection)
        return child

    def stop(self) -> None:
        _stop(self.process, self.connection)


def _stop(process: subprocess.Popen[bytes], connection: Connection) -> None:
    """Close the socket (the child's loop ends on it) and reap the child."""
    connection.close()
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=2)
