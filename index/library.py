"""Provides Library: the one door to an index that the command line and the app use.

Below it, side by side, `store.Storage` (open, lock, write, the live searcher) and
`search.Searching` (queries on a searcher); above those, `rebuild` and `stats`. The Library
puts them together with the user's marks, and re-exports what callers need to name (errors,
sorts, result sets), so nothing outside the core reaches past it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh.query import Term

from .cancel import SearchCancelled, StopCheck
from .errors import IndexProblem, QueryError
from .ids import find_id
from .intake import FileRecord, Progress, Stage
from .markfilter import index_keys
from .marks import Marks
from .models import AddReport, Facet, Hit, Paper
from .rebuild import rebuild, recorded_files
from .results import SORTS, ResultSet
from .search import Searching
from .stamp import STAMP_NAME
from .stats import library_stats
from .store import Storage
from .typeahead.prefixes import is_plain

__all__ = [
    "SORTS",
    "STAMP_NAME",
    "AddReport",
    "IndexProblem",
    "Library",
    "Progress",
    "QueryError",
    "ResultSet",
    "SearchCancelled",
    "Stage",
    "is_plain",
]


class Library:
    """A paper index in a directory, searched with the user's marks: create or open it, add
    and remove lists, search it, rebuild it."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        on_wait: Callable[[], None] | None = None,
        marks: Marks | None = None,
    ) -> None:
        """Open the index at `path`, creating it when absent and `create` (waiting for
        another process creating it at the same moment; `on_wait` is told if that lasts)."""
        self.storage = Storage(path, create=create, on_wait=on_wait)
        self.marks = marks
        """The user's marks, when the caller opened them (the core never guesses the path):
        `is:`, `has:` and `tag:` filters read them."""
        self.searching = Searching(self.storage, lambda: self.marks)

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def schema(self) -> Any:
        return self.storage.schema

    def close(self) -> None:
        if self.marks is not None:
            self.marks.close()  # reopened on next use: closing twice or early is harmless
        self.storage.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- searching -------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        sort: str = "relevance",
        limit: int | None = None,
        as_you_type: bool = False,
        count: bool = True,
        quick: bool = False,
        should_stop: StopCheck | None = None,
    ) -> ResultSet:
        """Run a query; QueryError when it uses the query language wrongly. See
        `Searching.search` for what each option does."""
        return self.searching.search(
            text,
            sort=sort,
            limit=limit,
            as_you_type=as_you_type,
            count=count,
            quick=quick,
            should_stop=should_stop,
        )

    def hits(self, results: ResultSet, start: int = 0, stop: int | None = None) -> list[Hit]:
        return self.searching.hits(results, start, stop)

    def papers(self, results: ResultSet, start: int, stop: int) -> list[Paper]:
        """The papers at positions [start, stop) of a result set (only these are read)."""
        return self.searching.papers(results, start, stop)

    def count(self, results: ResultSet, should_stop: StopCheck | None = None) -> int:
        return self.searching.count(results, should_stop)

    def facets(
        self, results: ResultSet, should_stop: StopCheck | None = None
    ) -> dict[str, list[Facet]]:
        return self.searching.facets(results, should_stop=should_stop)

    def correction(self, text: str) -> str | None:
        """A did-you-mean for text that matched nothing (None when there is none better)."""
        return self.searching.correction(text)

    def related(self, paper: Paper, limit: int = 20) -> list[Hit]:
        return self.searching.related(paper, limit)

    def paper_count(self) -> int:
        """Live papers (papers a later add replaced are never counted)."""
        return self.searching.paper_count()

    def paper(self, key: str) -> Paper | None:
        return self.storage.paper(key)

    def find_paper(self, ident: str) -> Paper | None:
        """The paper an ID names: a key, an arXiv id or link, an OpenReview id or link."""
        if paper := self.storage.paper(ident):
            return paper
        link = find_id(ident)
        terms = [Term(link.field, link.value)] if link and link.field != "link" else []
        terms.append(Term("openreview", ident))
        searcher = self.storage.searcher()
        for term in terms:
            for docnum in searcher.docs_for_query(term):
                return Paper.from_store(searcher.stored_fields(docnum)["data"])
        return None

    def papers_of(self, path: str) -> list[Paper]:
        """The papers a recorded list (by absolute path) names."""
        return self.storage.papers_of(path)

    def paper_keys(self) -> list[str]:
        """Every paper key the index holds (what marks know papers by)."""
        return index_keys(self.storage.searcher())

    def files(self) -> dict[str, FileRecord]:
        """Every recorded source file, by absolute path."""
        return self.storage.files()

    def stats(self) -> dict[str, Any]:
        """Counts of papers by format, venue and year, with the index's place and size."""
        return library_stats(self.storage, self.searching)

    def changed_on_disk(self) -> bool:
        """True when another writer committed since the live searcher was opened."""
        return self.storage.changed_on_disk()

    def searcher(self) -> Any:
        """The live Whoosh searcher (for benchmarks and tests that count postings)."""
        return self.storage.searcher()

    # -- writing ---------------------------------------------------------------------------

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
        return self.storage.add(
            paths, progress=progress, on_wait=on_wait, lock_timeout=lock_timeout
        )

    def remove(
        self,
        paths: Iterable[str | Path],
        *,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = 120.0,
    ) -> AddReport:
        """Drop the papers of recorded files at or under the given paths (present or not)."""
        return self.storage.remove(paths, on_wait=on_wait, lock_timeout=lock_timeout)

    # -- rebuilding ------------------------------------------------------------------------

    @staticmethod
    def recorded_files(path: str | Path) -> list[str]:
        """The source files an index at `path` records, read even from an old or damaged index."""
        return recorded_files(path)

    @classmethod
    def rebuild(
        cls,
        path: str | Path,
        files: list[str] | None = None,
        progress: Progress | None = None,
        marks: Marks | None = None,
    ) -> tuple[Library, AddReport]:
        """Build a fresh index from the recorded (still present) files, swap it in whole, and
        open it (with the marks, which a rebuild never touches)."""
        report = rebuild(path, files, progress)
        return cls(path, marks=marks), report
