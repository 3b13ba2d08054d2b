"""Provides Marks: the user's read/star marks, tags, notes and "seen" flags, kept in SQLite.

The index is rebuilt from the lists; marks are not rebuildable, so they live in their own
file (WAL mode, a busy timeout: two processes marking at once both land, and a killed writer
leaves the previous or the new state). A mark follows its paper, not a document: it is keyed
by the paper's identities, the keys merging uses (`merge.paper_keys`: arXiv id without
version, OpenReview id, normalised title). A paper's marks are those of any of its keys, so
they survive reindexing, a list removed and added again, another list naming the paper, and
a paper gaining an arXiv id; when two records merge, their marks merge (tags united, read
and star OR-ed, notes joined) the next time the paper is marked. A file that cannot be read
raises MarksUnavailable with a clear message and is never deleted or rewritten."""

from __future__ import annotations

import functools
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .known import KnownPapers

FILE_NAME = "marks.sqlite3"
BUSY_TIMEOUT_MS = 10_000
SCHEMA_VERSION = 1
FLAGS = ("read", "starred", "seen")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS marks (
    id INTEGER PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    seen INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS keys (
    key TEXT PRIMARY KEY,
    mark INTEGER NOT NULL REFERENCES marks(id)
);
CREATE INDEX IF NOT EXISTS keys_by_mark ON keys(mark);
CREATE TABLE IF NOT EXISTS known (key TEXT PRIMARY KEY, how TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tags (
    mark INTEGER NOT NULL REFERENCES marks(id),
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (mark, tag)
);
INSERT OR IGNORE INTO meta VALUES ('schema_version', 1), ('generation', 0);
"""


class MarksUnavailable(Exception):
    """The marks file cannot be read or written; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A paper's marks. `new`: added since the app was first opened here (when it took the
    index's papers as known) and not shown in its detail pane since (see `known`)."""

    read: bool = False
    starred: bool = False
    seen: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""
    new: bool = False

    def to_json(self) -> dict[str, object]:
        """The marks as `search --json` and exports give them."""
        return {
            "read": self.read,
            "starred": self.starred,
            "new": self.new,
            "tags": list(self.tags),
            "note": self.note,
        }


def _joined(notes: Iterable[str]) -> str:
    """Notes of merged marks, each once, in order, separated by a blank line."""
    kept: list[str] = []
    for note in notes:
        if note.strip() and note not in kept:
            kept.append(note)
    return "\n\n".join(kept)


def _combine(rows: Sequence[tuple[int, int, int, str]], tags: Iterable[str]) -> Mark:
    """The one mark of several marked identities of a paper."""
    unique: dict[str, str] = {}
    for tag in tags:
        unique.setdefault(tag.casefold(), tag)
    return Mark(
        read=any(r[0] for r in rows),
        starred=any(r[1] for r in rows),
        seen=any(r[2] for r in rows),
        tags=tuple(sorted(unique.values(), key=str.casefold)),
        note=_joined(r[3] for r in rows),
    )


def clean_tag(tag: str) -> str:
    """A tag as stored: no surrounding or inner whitespace runs (a tag is one query word)."""
    return "-".join(tag.split())


def _locked(method: Any) -> Any:
    """One thread at a time on the connection (the app's workers and its UI thread share it)."""

    @functools.wraps(method)
    def locked(self: Marks, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


class Marks(KnownPapers):
    """The marks file at `path`: look marks up by paper keys, change them, list marked keys.
    Safe to share between threads (calls take turns; each is a short SQLite transaction)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------------

    def _unavailable(self, error: BaseException) -> MarksUnavailable:
        return MarksUnavailable(
            f"marks are unavailable: the marks file {self.path} cannot be used "
            f"({error}); search still works, and the file was left as it is"
        )

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, opened (and the file created) on first use. Opening is retried
        while another process holds the file locked (two processes creating it at once:
        switching to WAL does not wait on SQLite's busy handler), up to the busy timeout."""
        if self._db is None:
            deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
            while True:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    self._db = self._connect()
                    break
                except sqlite3.OperationalError as error:
                    locked = "locked" in str(error) or "busy" in str(error)
                    if not locked or time.monotonic() > deadline:
                        raise self._unavailable(error) from error
                    time.sleep(0.02)  # another process is creating the file: a moment
                except (sqlite3.Error, OSError) as error:
                    raise self._unavailable(error) from error
        return self._db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,  # guarded by self._lock instead
        )
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            check = db.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {check and check[0]}")
            with db:
                db.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
            version = db.execute("SELECT value FROM meta WHERE name = 'schema_version'")
            found = version.fetchone()[0]
            if found != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(
                    f"it has schema version {found}, this paperbrowse uses {SCHEMA_VERSION}"
                )
        except BaseException:
            db.close()
            raise
        return db

    @_locked
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Marks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def _absent(self) -> bool:
        """No marks file yet: reading finds nothing, and creates none (only marking does)."""
        return self._db is None and not self.path.exists()

    @_locked
    def generation(self) -> int:
        """A number that changes whenever any process changes the marks (for caches)."""
        if self._absent():
            return 0
        try:
            return int(
                self.db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()[0]
            )
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    def _mark_ids(self, keys: Iterable[str]) -> list[int]:
        keys = list(dict.fromkeys(keys))
        found: set[int] = set()
        for start in range(0, len(keys), 500):  # SQLite's bound on parameters
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT mark FROM keys WHERE key IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return sorted(found)

    def _read(self, ids: Sequence[int]) -> Mark:
        if not ids:
            return Mark()
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT read, starred, seen, note FROM marks WHERE id IN ({marks}) ORDER BY id", ids
        ).fetchall()
        tags = [r[0] for r in self.db.execute(f"SELECT tag FROM tags WHERE mark IN ({marks})", ids)]
        return _combine(rows, tags)

    @_locked
    def get(self, keys: Iterable[str]) -> Mark:
        """The marks of a paper, given its keys (every key's marks, combined)."""
        if self._absent():
            return Mark()
        try:
            return self._with_new(list(keys), self._read(self._mark_ids(keys)))
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    @_locked
    def get_many(self, papers: Sequence[Iterable[str]]) -> list[Mark]:
        """The marks of several papers (each given by its keys), in one read transaction."""
        if self._absent():
            return [Mark() for _ in papers]
        try:
            with self.db:
                self.db.execute("BEGIN")
                return [
                    self._with_new(list(keys), self._read(self._mark_ids(keys))) for keys in papers
                ]
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    @_locked
    def keys_where(self, what: str, value: str = "") -> frozenset[str]:
        """Every paper key whose mark has `what`: read, starred, seen, note, or tag `value`."""
        params: tuple[str, ...] = ()
        if what == "seen":  # shown while new (`see`), or marked seen by an older paperbrowse
            sql = (
                "SELECT key FROM known WHERE how = 'seen' UNION "
                "SELECT key FROM keys JOIN marks ON marks.id = keys.mark WHERE seen = 1"
            )
        elif what in FLAGS:
            sql = f"SELECT key FROM keys JOIN marks ON marks.id = keys.mark WHERE {what} = 1"
        elif what == "known":
            sql, params = "SELECT key FROM known", ()
        elif what == "note":
            sql = "SELECT key FROM keys JOIN marks ON marks.id = keys.mark WHERE note != ''"
            params = ()
        elif what == "tag":
            sql = "SELECT key FROM keys JOIN tags ON tags.mark = keys.mark WHERE tag = ?"
            params = (clean_tag(value),)
        else:
            raise ValueError(what)
        if self._absent():
            return frozenset()
        try:
            return frozenset(row[0] for row in self.db.execute(sql, params))
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    @_locked
    def tag_counts(self) -> dict[str, int]:
        """Every tag in use and how many marked papers carry it."""
        if self._absent():
            return {}
        try:
            rows = self.db.execute("SELECT tag, COUNT(*) FROM tags GROUP BY tag ORDER BY tag")
            return dict(rows.fetchall())
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    @_locked
    def tag_keys(self) -> dict[str, frozenset[str]]:
        """Every tag in use and the paper keys carrying it (for the tag facet)."""
        if self._absent():
            return {}
        try:
            found: dict[str, set[str]] = {}
            rows = self.db.execute("SELECT tag, key FROM tags JOIN keys ON keys.mark = tags.mark")
            for tag, key in rows:
                found.setdefault(tag, set()).add(key)
            return {tag: frozenset(keys) for tag, keys in found.items()}
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    # -- writing ---------------------------------------------------------------------------

    def _merged_id(self, keys: Sequence[str]) -> int:
        """The one mark row of a paper's keys: created if none, merged if several (tags
        united, flags OR-ed, notes joined), with every key pointing at it."""
        ids = self._mark_ids(keys)
        db = self.db
        if not ids:
            mark_id = int(db.execute("INSERT INTO marks DEFAULT VALUES").lastrowid or 0)
        else:
            mark_id = ids[0]
            if len(ids) > 1:
                combined = self._read(ids)
                others = ids[1:]
                marks = ",".join("?" * len(others))
                db.execute(
                    "UPDATE marks SET read = ?, starred = ?, seen = ?, note = ? WHERE id = ?",
                    (combined.read, combined.starred, combined.seen, combined.note, mark_id),
                )
                db.execute(
                    f"INSERT OR IGNORE INTO tags SELECT ?, tag FROM tags WHERE mark IN ({marks})",
                    (mark_id, *others),
                )
                db.execute(f"DELETE FROM tags WHERE mark IN ({marks})", others)
                db.execute(f"UPDATE keys SET mark = ? WHERE mark IN ({marks})", (mark_id, *others))
                db.execute(f"DELETE FROM marks WHERE id IN ({marks})", others)
        db.executemany(
            "INSERT INTO keys VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET mark = excluded.mark",
            [(key, mark_id) for key in keys],
        )
        return mark_id

    @_locked
    def update(
        self,
        papers: Sequence[Iterable[str]],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        seen: bool | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        note: str | None = None,
    ) -> None:
        """Change the marks of papers (each given by its keys) in one transaction: all land
        or none do. None leaves a flag or the note as it is."""
        add = [t for t in map(clean_tag, add_tags) if t]
        remove = [t for t in map(clean_tag, remove_tags) if t]
        flags = {"read": read, "starred": starred, "seen": seen}
        try:
            db = self.db
            with db:
                db.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock
                for keys in papers:
                    keys = sorted(set(keys))
                    if not keys:
                        continue
                    mark_id = self._merged_id(keys)
                    for name, value in flags.items():
                        if value is not None:
                            db.execute(
                                f"UPDATE marks SET {name} = ? WHERE id = ?", (value, mark_id)
                            )
                    if note is not None:
                        db.execute("UPDATE marks SET note = ? WHERE id = ?", (note, mark_id))
                    db.executemany(
                        "INSERT OR IGNORE INTO tags VALUES (?, ?)", [(mark_id, t) for t in add]
                    )
                    db.executemany(
                        "DELETE FROM tags WHERE mark = ? AND tag = ?",
                        [(mark_id, t) for t in remove],
                    )
                db.execute("UPDATE meta SET value = value + 1 WHERE name = 'generation'")
        except sqlite3.Error as error:
            raise self._unavailable(error) from error


def marks_path(data_dir: str | Path) -> Path:
    """The marks file of a data directory."""
    return Path(data_dir) / FILE_NAME
