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
    SearchCancelled,
)
from paperbrowse.index.models import AddReport, Facet, Paper

from .rows import Rows
from .searchproc import Counted, Found, SearchProcess

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
    results: Found | None = None
    """The search process's handle on the result set (for rows and counts)."""
    stage: Stage = Stage.COUNTED
    library_size: int = 0
    """Papers in the index when the search ran (so the UI never asks from its own thread)."""


class Backend:
    """The app's door to a Library: searches, counts and row reads run in a child process
    (`searchproc`), one at a time across worker threads (Whoosh searchers are not safe to
    share, and the child answers in turn); the UI thread never waits on `lock`.

    `library` stays in the app's process for what it writes: the user's marks, and adds
    (with a writer of their own, so searches go on meanwhile)."""

    def __init__(self, library: Library, *, demo: bool = False) -> None:
        self.library = library
        self.demo = demo
        self.lock = threading.RLock()
        self.process = SearchProcess(library.path, self._marks_path)

    def _marks_path(self) -> Path | None:
        marks = self.library.marks
        return marks.path if marks is not None else None

    @property
    def path(self) -> Path:
        return self.library.path

    def close(self) -> None:
        """Stop the search process and close the index and the marks."""
        with self.lock:
            self.process.close()
        self.library.close()

    def interrupt(self) -> None:
        """Stop the search or count the child is on if its caller's `should_stop` now says
        so: the UI thread calls this as a newer keystroke cancels an older search (without
        waiting: see `SearchProcess.interrupt`)."""
        self.process.interrupt()

    def paper_count(self) -> int:
        with self.lock:
            return int(self.process.call("paper_count"))

    def paper_keys(self) -> list[str]:
        """Every paper key the index holds (what marks know papers by)."""
        with self.lock:
            return list(self.process.call("paper_keys"))

    def _rows(self, found: Found) -> Rows:
        process = self.process

        def fetch(start: int, stop: int) -> list[Paper]:
            with self.lock:
                try:
                    return list(process.call("papers", found.token, start, stop))
                except IndexProblem:
                    return []  # drawn as blank rows; the search said what is wrong

        return Rows(found.length, fetch, found.prefetched)

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
        stop = should_stop or (lambda: False)
        with self.lock:
            try:
                found: Found = self.process.call(
                    "search", text, sort, quick, PREFETCH, should_stop=stop
                )
            except QueryError as error:
                return Outcome(text, sort, Rows(0, lambda a, b: []), error=error)
            except IndexProblem as problem:  # damaged files met while reading
                return Outcome(text, sort, Rows(0, lambda a, b: []), error=QueryError(str(problem)))
            except SearchCancelled:
                return None
        return Outcome(
            text,
            sort,
            self._rows(found),
            terms=found.terms,
            results=found,
            stage=Stage.FIRST if quick else Stage.RANKED,
            library_size=found.library_size,
        )

    def complete(
        self, outcome: Outcome, should_stop: Callable[[], bool] | None = None
    ) -> Outcome | None:
        """The same outcome with the exact total, facet counts and a did-you-mean hint (None
        when interrupted)."""
        found = outcome.results
        if found is None:
            return outcome
        stop = should_stop or (lambda: False)
        with self.lock:
            try:
                counted: Counted = self.process.call(
                    "complete", found.token, outcome.text, should_stop=stop
                )
            except (SearchCancelled, IndexProblem):
                return None
        rows = Rows(counted.total, outcome.rows.fetch, outcome.rows.prefetched)
        return replace(
            outcome,
            rows=rows,
            facets=counted.facets,
            correction=counted.correction,
            stage=Stage.COUNTED,
        )

    def related(self, paper: Paper, sort: str) -> Outcome:
        with self.lock:
            papers: list[Paper] = self.process.call("related", paper, 50)
            size = int(self.process.call("paper_count"))
        rows = Rows(len(papers), lambda a, b: papers[a:b], tuple(papers))
        return Outcome("", sort, rows, related_to=paper, library_size=size)

    def changed_on_disk(self) -> bool:
        """True when another process committed to the index since the last search."""
        with self.lock:
            try:
                return bool(self.process.call("changed_on_disk"))
            except Exception:
                return False

    def add(self, paths: list[str], progress: Callable[[int, int, str], None]) -> AddReport:
        """Add lists with a writer of its own, so searches go on meanwhile."""
        with Library(self.library.path) as writer:
            return writer.add(paths, progress=progress)
