"""Provides Library: the on-disk index, opened safely, and incremental add, remove and reindex."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.query import Term

from .creation import create_index, is_unfinished, latest_generation
from .intake import SAVING, WRITING, Progress, read_changed
from .marks import Marks
from .merge import entry_keys, merge_entries, paper_keys
from .models import AddReport, Entry, Hit, Paper, Problem
from .records import (
    STAMP_NAME,
    FileRecord,
    IndexProblem,
    damaged_files,
    make_report,
    read_stamp,
    write_manifest,
)
from .schema import (
    APP_ID,
    KIND_FILE,
    SCHEMA_VERSION,
    file_token,
    paper_document,
    paper_from_data,
)
from .search import ResultSet, Searching
from .walk import Candidate, absolute, expand

__all__ = ["STAMP_NAME", "FileRecord", "IndexProblem", "Library", "Progress"]

OPEN_ATTEMPTS = 5
"""Opens tried when another process's commits keep replacing the generation being opened."""


class Library:
    """A paper index in a directory: create or open it, add and remove lists, search it."""

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
        self._searching: Searching | None = None
        self._count: tuple[Any, int] | None = None
        self.marks: Marks | None = None
        """The user's marks, when the caller opened them (the core never guesses the path):
        `is:`, `has:` and `tag:` filters read them."""

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
                raise IndexProblem(
                    f"the index at {path} is damaged ({type(error).__name__}: {error}); "
                    "run `paperbrowse reindex` to rebuild it from the recorded lists",
                    "corrupt",
                ) from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self.marks is not None:
            self.marks.close()  # reopened on next use: closing twice or early is harmless
        self._index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    @property
    def schema(self) -> Any:
        return self._index.schema

    @property
    def searching(self) -> Searching:
        """Query parsing and running against this library's live searcher."""
        if self._searching is None:
            self._searching = Searching(self)
        return self._searching

    def search(self, text: str, **options: Any) -> ResultSet:
        """Run a query (see `index.query` for the language and `Searching.search` for the
        options); QueryError when it is invalid."""
        return self.searching.search(text, **options)

    def hits(self, results: ResultSet, start: int = 0, stop: int | None = None) -> list[Hit]:
        return self.searching.hits(results, start, stop)

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
        return paper_from_data(stored["data"]) if stored else None

    def paper_count(self) -> int:
        """Live papers (doc_frequency would still count papers a later add replaced)."""
        searcher = self.searcher()
        if self._count is None or self._count[0] is not searcher:
            files = sum(1 for _ in searcher.docs_for_query(Term("kind", KIND_FILE)))
            self._count = (searcher, searcher.doc_count() - files)
        return self._count[1]

    def stats(self) -> dict[str, Any]:
        """Counts of papers by format, venue and year, with the index's place and size."""
        from .stats import library_stats

        return library_stats(self)

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
        report: dict[str, Any] = {
            "files_read": 0,
            "files_unchanged": 0,
            "files_failed": len(problems),
            "files_skipped": 0,
            "entries": 0,
            "problems": list(problems),
            "skipped": [],
        }
        known = self.files()
        changed, records = read_changed(candidates, known, progress, report)
        gone = set(changed) | set(removed)
        if not gone:
            return make_report(report, {})
        writer = self._writer(on_wait, lock_timeout)
        try:
            counts = self._apply(writer, changed, records, removed, known, progress)
            written = counts.pop("papers_written")
            if progress is not None:
                progress(written, written, "", stage=SAVING)
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
        return make_report(report, counts)

    def _apply(
        self,
        writer: Any,
        changed: dict[str, list[Entry]],
        records: dict[str, FileRecord],
        removed: list[str],
        known: dict[str, FileRecord],
        progress: Progress | None = None,
    ) -> dict[str, int]:
        """Replace the papers touched by changed or removed files inside one writer (the
        counts include `papers_written`, for the progress of the commit that follows)."""
        reader = writer.reader()
        gone = set(changed) | set(removed)
        gone_tokens = {file_token(p) for p in gone}
        new_entries = [e for entries in changed.values() for e in entries]
        affected: dict[int, Paper] = {}
        if reader.doc_count():
            present = {t for t in gone_tokens if reader.doc_frequency("files", t)}
            wanted = {k for e in new_entries for k in entry_keys(e)}
            lexicon = set(reader.lexicon("mkeys")) if wanted else set()
            keys = {k for k in wanted if k.encode() in lexicon or k in lexicon}
            docnums: set[int] = set()
            for token in present:
                docnums.update(reader.postings("files", token).all_ids())
            for key in keys:
                docnums.update(reader.postings("mkeys", key).all_ids())
            for docnum in docnums:
                if reader.is_deleted(docnum):
                    continue
                stored = reader.stored_fields(docnum)
                if stored.get("key", "").startswith("file:"):
                    continue  # a file record (older indexes tagged them with the token too)
                affected[docnum] = paper_from_data(stored["data"])
        kept = [e for p in affected.values() for e in p.entries if e.source.path not in gone]
        papers = merge_entries(kept + new_entries)
        old_by_key = {p.key: p for p in affected.values()}
        for docnum in affected:
            writer.delete_document(docnum)
        old_owner = {k: p.key for p in affected.values() for k in paper_keys(p)}
        counts = {"papers_new": 0, "papers_updated": 0, "papers_merged": 0, "papers_removed": 0}
        continued: set[str] = set()
        for written, paper in enumerate(papers):
            if progress is not None and written % 50 == 0:
                progress(written, len(papers), "", stage=WRITING)
            writer.add_document(**paper_document(paper))
            before = {old_owner[k] for k in paper_keys(paper) if k in old_owner}
            continued |= before
            if not before:
                counts["papers_new"] += 1
            elif old_by_key.get(paper.key) != paper:
                counts["papers_updated"] += 1
            if len(paper.sources) > 1 and any(s.path in changed for s in paper.sources):
                counts["papers_merged"] += 1
        counts["papers_removed"] = len(set(old_by_key) - continued)
        counts["papers_written"] = len(papers)
        if progress is not None:
            progress(len(papers), len(papers), "", stage=WRITING)
        for path in gone:
            writer.delete_by_term("key", "file:" + path)
        for path, record in records.items():
            writer.add_document(
                key="file:" + path,
                kind=KIND_FILE,
                data=json.dumps(record.to_json(), ensure_ascii=False),
            )
        return counts

    # -- rebuilding ------------------------------------------------------------------------

    @classmethod
    def recorded_files(cls, path: str | Path) -> list[str]:
        """The source files an index at `path` records, read even from an old or damaged index."""
        from .rebuild import recorded_files

        return recorded_files(path)

    @classmethod
    def rebuild(
        cls, path: str | Path, files: list[str] | None = None, progress: Progress | None = None
    ) -> tuple[Library, AddReport]:
        """Build a fresh index from the recorded (still present) files and swap it in whole."""
        from .rebuild import rebuild

        return rebuild(path, files, progress)
