"""Provides Backend: the app's thread-safe door to a Library, and the messages it sends back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from paperbrowse.index.library import (
    IndexProblem,
    Library,
    QueryError,
    ResultSet,
    SearchCancelled,
)
from paperbrowse.index.models import AddReport, Facet, Paper

from .widgets.results import Rows

PREFETCH = 40
"""Rows read with the search itself, so the first screen paints without touching the index."""


class Stage(Enum):
    """How far a search has got: each stage replaces the one before on screen."""

    FIRST = "first"
    """Titles and authors only, unscored: the first answer to a keystroke."""
    RANKED = "ranked"
    """Ranked over titles, authors and abstracts; the total and facets are still coming."""
    COUNTED = "counted"
    """With the exact total, facet counts and a did-you-mean hint."""


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
    stage: Stage = Stage.COUNTED
    library_size: int = 0
    """Papers in the index when the search ran (so the UI never asks from its own thread)."""


class Backend:
    """Serialises every use of one Library across worker threads.

    Whoosh searchers are not safe to share between threads, so searches and row fetches
    (both in workers: the UI thread never waits on this lock) take turns on one lock."""

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
        library = self.library

        def fetch(start: int, stop: int) -> list[Paper]:
            with self.lock:
                try:
                    return library.papers(results, start, stop)
                except IndexProblem:
                    return []  # drawn as blank rows; the search said what is wrong

        prefetched = tuple(library.papers(results, 0, min(PREFETCH, len(results.docnums))))
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
                stage=Stage.FIRST if quick else Stage.RANKED,
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
            library = self.library
            try:
                total = library.count(results, should_stop)
                facets = library.facets(results, should_stop=should_stop)
            except (SearchCancelled, IndexProblem):
                return None
            unmatched = not total or results.relaxed
            correction = library.correction(outcome.text) if unmatched else None
        rows = Rows(total, outcome.rows.fetch, outcome.rows.prefetched)
        return replace(
            outcome, rows=rows, facets=facets, correction=correction, stage=Stage.COUNTED
        )

    def related(self, paper: Paper, sort: str) -> Outcome:
        with self.lock:
            hits = self.library.related(paper, limit=50)
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
