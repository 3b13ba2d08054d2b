"""Provides Backend: the app's thread-safe door to a Library, and the messages it sends back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from paperbrowse.index.models import AddReport, Facet, Paper
from paperbrowse.index.query import QueryError
from paperbrowse.index.search import ResultSet, SearchCancelled
from paperbrowse.index.store import IndexProblem, Library

from .widgets.results import Rows

PREFETCH = 40
QUICK_BUDGET = 0.006
"""Seconds the titles-first answer may spend ranking before it shows what it has."""
"""Rows read with the search itself, so the first screen paints without touching the index."""


@dataclass(frozen=True)
class Outcome:
    """A finished search: rows to show, facets, highlight terms, and a correction hint."""

    text: str
    sort: str
    rows: Rows
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    terms: tuple[tuple[str, str], ...] = ()
    correction: str | None = None
    error: QueryError | None = None
    related_to: Paper | None = None
    results: ResultSet | None = None
    counted: bool = True
    quick: bool = False
    """True for the titles-and-authors first answer; the full one follows."""
    library_size: int = 0
    """Papers in the index when the search ran (so the UI never asks from its own thread)."""
    """False until the total, facets and correction have been worked out (`complete`)."""


class Backend:
    """Serialises every use of one Library across worker threads and the UI thread.

    Whoosh searchers are not safe to share between threads, so searches (in workers) and
    row fetches (on the UI thread while drawing) take turns on one lock."""

    def __init__(self, library: Library, *, demo: bool = False) -> None:
        self.library = library
        self.demo = demo
        self.lock = threading.RLock()

    @property
    def path(self) -> Path:
        return self.library.path

    def paper_count(self) -> int:
        with self.lock:
            return self.library.paper_count()

    def _rows(self, results: ResultSet) -> Rows:
        searching = self.library.searching

        def fetch(start: int, stop: int) -> list[Paper]:
            with self.lock:
                try:
                    return searching.papers(results, start, stop)
                except IndexProblem:
                    return []  # drawn as blank rows; the search said what is wrong

        prefetched = tuple(searching.papers(results, 0, min(PREFETCH, len(results.docnums))))
        return Rows(len(results), fetch, prefetched)

    def search(
        self,
        text: str,
        sort: str,
        *,
        quick: bool = False,
        should_stop: Callable[[], bool] | None = None,
    ) -> Outcome | None:
        """The first ranked rows of a query, fast; the total may still be unknown (see
        `complete`). `quick` looks in titles and authors only, for a first answer while the
        abstracts are searched. A bad query comes back with `error` set, never raised; None
        means `should_stop()` interrupted it (a newer keystroke)."""
        with self.lock:
            try:
                results = self.library.search(
                    text,
                    sort=sort,
                    as_you_type=True,
                    count=False,
                    quick=quick,
                    should_stop=should_stop,
                )
                rows = self._rows(results)
            except QueryError as error:
                return Outcome(text, sort, Rows(0, lambda a, b: []), error=error)
            except IndexProblem as problem:  # damaged files met while reading
                return Outcome(text, sort, Rows(0, lambda a, b: []), error=QueryError(str(problem)))
            except SearchCancelled:
                return None
            return Outcome(
                text,
                sort,
                rows,
                terms=results.terms,
                results=results,
                counted=False,
                quick=quick,
                library_size=self.library.paper_count(),
            )

    def complete(
        self, outcome: Outcome, should_stop: Callable[[], bool] | None = None
    ) -> Outcome | None:
        """The same outcome with the exact total, facet counts and a did-you-mean hint (None
        when interrupted)."""
        results = outcome.results
        if results is None:
            return outcome
        with self.lock:
            searching = self.library.searching
            try:
                total = searching.count(results, should_stop)
                facets = searching.facets(results, should_stop=should_stop)
            except (SearchCancelled, IndexProblem):
                return None
            unmatched = not total or results.relaxed
            correction = searching.correction(outcome.text) if unmatched else None
        rows = Rows(total, outcome.rows.fetch, outcome.rows.prefetched)
        return replace(outcome, rows=rows, facets=facets, correction=correction, counted=True)

    def related(self, paper: Paper, sort: str) -> Outcome:
        with self.lock:
            hits = self.library.searching.related(paper, limit=50)
        papers = [hit.paper for hit in hits]
        rows = Rows(len(papers), lambda a, b: papers[a:b], tuple(papers))
        return Outcome("", sort, rows, related_to=paper, library_size=self.paper_count())

    def changed_on_disk(self) -> bool:
        """True when another process committed to the index since the last search."""
        with self.lock:
            try:
                return self.library.changed_on_disk()
            except Exception:
                return False

    def add(self, paths: list[str], progress: Callable[[int, int, str], None]) -> AddReport:
        """Add lists with a writer of its own, so searches go on meanwhile."""
        with Library(self.library.path) as writer:
            return writer.add(paths, progress=progress)
