"""Provides Storage: the on-disk index opened safely (stamp, schema version, damage), its live
searcher, its writer under the lock, and incremental add and remove of lists."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError

from .creation import create_index, is_unfinished, latest_generation
from .errors import IndexProblem, damaged
from .intake import SAVING, FileRecord, Progress, Tally, read_changed
from .models import AddReport, Paper, Problem
from .schema import APP_ID, KIND_FILE, SCHEMA_VERSION, file_token
from .stamp import STAMP_NAME, damaged_files, read_stamp, write_manifest
from .walk import Candidate, absolute, expand
from .writing import replace_papers

__all__ = ["STAMP_NAME", "FileRecord", "IndexProblem", "Progress", "Storage"]

OPEN_ATTEMPTS = 5
"""Opens tried when another process's commits keep replacing the generation being opened."""


class Storage:
    """A paper index in a directory: create or open it, read it, add and remove lists."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        """Open the index at `path`, creating it when absent and `create` (waiting for
        another process creating it at the same moment; `on_wait` is told if that lasts)."""
        self.path = Path(path)
        self._searcher: Any = None
        self._index = self._open(create, on_wait)

    # -- opening ---------------------------------------------------------------------------

    def _open(self, create: bool, on_wait: Callable[[], None] | None) -> Any:
        path = self.path
        if read_stamp(path) is None:
            # The stamp comes before any writer's files: read again after the listing, or
            # a creation finishing meanwhile would look like a foreign directory.
            if not is_unfinished(path) and read_stamp(path) is None:
                if path.is_dir() and whoosh_index.exists_in(str(path)):
                    raise IndexProblem(
                        f"{path} is not a paperbrowse index (no {STAMP_NAME})", "foreign"
                    )
                raise IndexProblem(
                    f"{path} is not a paperbrowse index (it exists and holds other files); "
                    "choose another --index directory",
                    "foreign",
                )
            if not create:
                raise IndexProblem(
                    f"no index at {path}; add lists with `paperbrowse add`", "missing"
                )
            create_index(path, on_wait=on_wait)  # or wait for another process creating it
        stamp = read_stamp(path)
        if stamp is None or stamp.get("app") != APP_ID:
            raise IndexProblem(f"{path} is not a paperbrowse index (no {STAMP_NAME})", "foreign")
        if stamp.get("schema_version") != SCHEMA_VERSION:
            raise IndexProblem(
                f"the index at {path} has schema version {stamp.get('schema_version')}, this "
                f"paperbrowse uses {SCHEMA_VERSION}; run `paperbrowse reindex` to rebuild it",
                "version",
            )
        for attempt in range(OPEN_ATTEMPTS):
            generation = latest_generation(path)
            try:
                index = whoosh_index.open_dir(str(path))
                damage = damaged_files(path, generation)
                if damage:
                    raise OSError("; ".join(damage))
                # Opening a searcher reads every segment's header: damage shows here. It is
                # kept as the live searcher, so the check costs nothing extra.
                searcher = index.searcher()
                searcher.doc_count()
                self._searcher = searcher
                return index
            except Exception as error:  # Whoosh raises many kinds on damaged files.
                # Another process committing meanwhile deletes the files of the generation
                # being opened: that is no damage, the next generation is whole.
                if attempt + 1 < OPEN_ATTEMPTS and latest_generation(path) != generation:
                    continue
                raise damaged(path, error) from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._index.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    @property
    def schema(self) -> Any:
        return self._index.schema

    def searcher(self) -> Any:
        """The long-lived searcher, refreshed if another writer committed since."""
        if self._searcher is None:
            self._searcher = self._index.searcher()
        elif not self._searcher.up_to_date():
            # Not searcher.refresh(): it reuses segment readers and so misses deletions a
            # later commit made in those segments (replaced papers would show twice).
            self._searcher = self._index.searcher()
        return self._searcher

    def changed_on_disk(self) -> bool:
        """True when another writer committed since the live searcher was opened (without
        refreshing it, as `searcher()` would: the next search does that)."""
        return self._searcher is not None and not self._searcher.up_to_date()

    def files(self) -> dict[str, FileRecord]:
        """Every recorded source file, by absolute path."""
        records = {}
        for stored in self.searcher().documents(kind=KIND_FILE):
            record = FileRecord(**json.loads(stored["data"]))
            records[record.path] = record
        return records

    def paper(self, key: str) -> Paper | None:
        stored = self.searcher().document(key=key)
        return Paper.from_store(stored["data"]) if stored else None

    def papers_of(self, path: str) -> list[Paper]:
        """The live papers a recorded list (by absolute path) names."""
        searcher = self.searcher()
        return [
            Paper.from_store(stored["data"])
            for stored in searcher.documents(files=file_token(path))
            if not stored.get("key", "").startswith("file:")
        ]

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    # -- writing ---------------------------------------------------------------------------

    def _writer(self, wait: Callable[[], None] | None, timeout: float) -> Any:
        """The index writer, waiting (bounded) for another process's. Segments are written as
        separate files, not one compound file: whoosh3 reads a compound file's postings
        into memory whole (a copy per reader: ~400 MB at 100k papers), plain files it reads
        as needed."""
        try:
            try:
                return self._index.writer(limitmb=256, compound=False)
            except LockError:
                if wait is not None:
                    wait()
            try:
                return self._index.writer(limitmb=256, compound=False, timeout=timeout, delay=0.1)
            except LockError as error:
                raise IndexProblem(
                    f"another paperbrowse is still writing to {self.path} after {timeout:.0f} s; "
                    "try again when it has finished",
                    "locked",
                ) from error
        except OSError as error:  # a read-only, full or vanished directory
            # Whoosh locked the index before failing to create the segment's files; its
            # half-made writer, and so the lock, lives as long as this traceback does.
            error.__traceback__ = None
            raise IndexProblem(
                f"cannot write to the index at {self.path}: {error.strerror or error}", "unwritable"
            ) from error

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = 120.0,
    ) -> AddReport:
        """Index lists (files or directories). Unchanged files are skipped by content hash; a
        changed file replaces exactly its papers; bad files are reported and change nothing."""
        candidates, missing = expand(paths)
        problems = [Problem(raw, 0, "no such file or directory", fatal=True) for raw in missing]
        return self._update(
            candidates,
            removed=[],
            problems=problems,
            progress=progress,
            on_wait=on_wait,
            lock_timeout=lock_timeout,
        )

    def remove(
        self,
        paths: Iterable[str | Path],
        *,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = 120.0,
    ) -> AddReport:
        """Drop the papers of recorded files at or under the given paths (present or not)."""
        recorded = self.files()
        removed: list[str] = []
        problems: list[Problem] = []
        for raw in paths:
            target = absolute(raw)
            matched = [p for p in recorded if p == target or p.startswith(target + os.sep)]
            if not matched:
                problems.append(
                    Problem(str(raw), 0, "no indexed list at or under this path", fatal=True)
                )
            removed.extend(m for m in matched if m not in removed)
        return self._update(
            [],
            removed=removed,
            problems=problems,
            progress=None,
            on_wait=on_wait,
            lock_timeout=lock_timeout,
        )

    def _update(
        self,
        candidates: list[Candidate],
        removed: list[str],
        problems: list[Problem],
        progress: Progress | None,
        on_wait: Callable[[], None] | None,
        lock_timeout: float,
    ) -> AddReport:
        tally = Tally(files_failed=len(problems), problems=list(problems))
        known = self.files()
        changed, records = read_changed(candidates, known, progress, tally)
        gone = set(changed) | set(removed)
        if not gone:
            return tally.report()
        writer = self._writer(on_wait, lock_timeout)
        try:
            counts = replace_papers(writer, changed, records, removed, progress)
            if progress is not None:
                progress(counts.written, counts.written, "", stage=SAVING)
            writer.commit()
        except BaseException as error:
            # A failed commit has already closed the writer (cancel would raise "closed"),
            # and a cancel that flushes onto a full disk fails too: the first error is the news.
            with contextlib.suppress(Exception):
                if not writer.is_closed:
                    writer.cancel()
            if isinstance(error, OSError):
                raise IndexProblem(
                    f"cannot write the index at {self.path}: {error.strerror or error}; "
                    "nothing was changed",
                    "unwritable",
                ) from error
            raise
        # The commit stands either way: a missing manifest only skips the size check on open.
        with contextlib.suppress(OSError):
            write_manifest(self.path, self._index.latest_generation(), sorted(self.files()))
        return tally.report(counts)
