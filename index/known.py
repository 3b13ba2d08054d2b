"""Provides KnownPapers, the part of Marks that says which papers are new: the papers the
index held when the app first opened are known (a baseline), and so is every paper shown in
the detail pane since; any other paper is new. Before the app's first open nothing is new.

Kept in the marks file (tables `known` and `meta`'s `last_open`), beside the marks."""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading

    from .marks import Mark, MarksUnavailable


def _locked(method: Any) -> Any:
    """One thread at a time on the connection (as Marks' own methods)."""

    @functools.wraps(method)
    def locked(self: KnownPapers, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


class KnownPapers:
    """Known and new papers; mixed into Marks (its connection, lock and errors)."""

    _lock: threading.RLock
    db: sqlite3.Connection

    def _absent(self) -> bool:
        raise NotImplementedError

    def _unavailable(self, error: BaseException) -> MarksUnavailable:
        raise NotImplementedError

    def _last_open(self) -> int | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = 'last_open'").fetchone()
        return None if row is None else int(row[0])

    @_locked
    def last_open(self) -> int | None:
        """When the app was last opened here (Unix seconds); None if it never was, and then
        no paper is new."""
        if self._absent():
            return None
        try:
            return self._last_open()
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    def _with_new(self, keys: list[str], mark: Mark) -> Mark:
        """The mark with `new` set: a paper none of whose keys is known, not seen, once the
        app has taken its first look (before that nothing is new)."""
        if mark.seen or not keys or self._last_open() is None:
            return mark
        marks = ",".join("?" * len(keys))
        known = self.db.execute(f"SELECT 1 FROM known WHERE key IN ({marks}) LIMIT 1", keys)
        return replace(mark, new=known.fetchone() is None)

    @_locked
    def opened(self, keys: Callable[[], Iterable[str]], now: int | None = None) -> int | None:
        """The app opened: record the time, and on the first open take every key the index
        has now (`keys()`) as known, so only papers added later are new. Returns the
        previous open's time (None on the first). `keys()` runs while the marks file's lock
        is held: it must not wait on a lock that a reader of marks may hold (the app reads
        the keys first and passes them in)."""
        try:
            db = self.db
            with db:
                db.execute("BEGIN IMMEDIATE")
                before = self._last_open()
                if before is None:
                    db.executemany(
                        "INSERT OR IGNORE INTO known VALUES (?, 'baseline')", ((k,) for k in keys())
                    )
                db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('last_open', ?)",
                    (int(time.time() if now is None else now),),
                )
                db.execute("UPDATE meta SET value = value + 1 WHERE name = 'generation'")
            return before
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    @_locked
    def know(self, keys: Iterable[str], how: str = "seen") -> None:
        """Take keys as known: `seen` (a paper shown in the detail pane, new no more) or
        `baseline` (papers that are not new, such as the demo's)."""
        try:
            db = self.db
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT OR REPLACE INTO known VALUES (?, ?)", ((k, how) for k in keys)
                )
                db.execute("UPDATE meta SET value = value + 1 WHERE name = 'generation'")
        except sqlite3.Error as error:
            raise self._unavailable(error) from error
