"""The app's search process: the same answers as the index searched in place, errors sent back
whole, searches stopped when the user typed past them, and a child that never outlives the app
nor leaves it stuck when it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from paperbrowse.index.errors import IndexProblem
from paperbrowse.index.library import Library, QueryError
from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.backend import Backend, Stage
from paperbrowse.tui.searchproc import FLAG

if TYPE_CHECKING:
    from conftest import Tui


@pytest.fixture
def backend(tui: Tui) -> Iterator[Backend]:
    opened = Backend(Library(tui.index()))
    yield opened
    opened.close()


def child_pid(backend: Backend) -> int:
    child = backend.process._child
    assert child is not None
    return child.process.pid


def gone(pid: int, timeout: float = 10.0) -> bool:
    """Whether process `pid` has ended (reaped or a zombie), polled until `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.01)
    return False


def test_rows_counts_and_facets_match_the_index_searched_in_place(backend: Backend) -> None:
    with Library(backend.path) as here:
        expected = here.search("learning")
        titles = [hit.paper.title for hit in here.hits(expected)]
        facets = here.facets(expected)
    outcome = backend.search("learning", "relevance")
    assert outcome is not None and outcome.error is None and outcome.stage is Stage.RANKED
    counted = backend.complete(outcome)
    assert counted is not None and counted.stage is Stage.COUNTED
    assert counted.rows.total == expected.total == len(titles) > 1
    assert [p.title for p in counted.rows.fetch(0, counted.rows.total)] == titles
    assert [p.title for p in outcome.rows.prefetched] == titles  # all within the first rows
    assert counted.facets == facets


def test_a_bad_query_comes_back_with_where_it_went_wrong(backend: Backend) -> None:
    outcome = backend.search("diffusion is:maybe", "relevance")
    assert outcome is not None and isinstance(outcome.error, QueryError)
    assert "is:read" in outcome.error.message
    assert outcome.error.position == len("diffusion ")
    assert outcome.error.query == "diffusion is:maybe"


def test_the_core_errors_survive_the_trip_between_processes() -> None:
    import pickle

    problem = pickle.loads(pickle.dumps(IndexProblem("the index is damaged", "corrupt")))
    assert (str(problem), problem.kind) == ("the index is damaged", "corrupt")
    error = pickle.loads(pickle.dumps(QueryError("bad", 3, "a bad one")))
    assert (error.message, error.position, error.query) == ("bad", 3, "a bad one")


def test_a_count_the_user_typed_past_stops_and_the_results_stay_countable(
    backend: Backend,
) -> None:
    outcome = backend.search("*", "relevance")
    assert outcome is not None
    assert backend.complete(outcome, should_stop=lambda: True) is None
    counted = backend.complete(outcome, should_stop=lambda: False)
    assert counted is not None and counted.rows.total == outcome.library_size > 0


def test_marks_written_by_the_app_filter_the_child_s_searches(tui: Tui, tmp_path: Path) -> None:
    library = Library(tui.index())
    library.marks = Marks(tmp_path / "marks.sqlite3")
    backend = Backend(library)
    try:
        first = backend.search("*", "relevance")
        assert first is not None
        paper = first.rows.prefetched[0]
        assert backend.search("tag:later", "relevance").rows.total == 0  # type: ignore[union-attr]
        library.marks.update([paper_keys(paper)], add_tags=["later"])
        tagged = backend.search("tag:later", "relevance")
        assert tagged is not None and tagged.error is None
        assert [p.title for p in tagged.rows.prefetched] == [paper.title]
    finally:
        backend.close()


def test_a_child_that_died_is_started_again_by_the_next_search(backend: Backend) -> None:
    assert backend.search("learning", "relevance") is not None
    pid = child_pid(backend)
    os.kill(pid, signal.SIGKILL)
    assert gone(pid)
    again = backend.search("learning", "relevance")
    assert again is not None and again.error is None and again.rows.total > 1
    assert child_pid(backend) != pid


def test_a_child_that_dies_during_a_search_is_said_and_the_next_search_works(
    backend: Backend,
) -> None:
    assert backend.search("learning", "relevance") is not None
    pid = child_pid(backend)

    def kill_it() -> bool:  # asked while the search runs: the child dies under it
        os.kill(pid, signal.SIGKILL)
        return False

    failed = backend.search("learning", "relevance", should_stop=kill_it)
    assert failed is not None and failed.error is not None
    assert "search process stopped" in failed.error.message
    again = backend.search("learning", "relevance")
    assert again is not None and again.error is None and again.rows.total > 1


def test_closing_the_backend_ends_its_child(backend: Backend) -> None:
    assert backend.search("learning", "relevance") is not None
    pid = child_pid(backend)
    backend.close()
    assert gone(pid)


def test_the_child_ends_when_the_app_is_killed(tui: Tui) -> None:
    """kill -9 of the app closes its end of the socket: the child sees it and exits."""
    script = (
        "import sys\n"
        "from paperbrowse.index.library import Library\n"
        "from paperbrowse.tui.backend import Backend\n"
        "backend = Backend(Library(sys.argv[1]))\n"
        "assert backend.search('learning', 'relevance').rows.total > 1\n"
        "print(backend.process._child.process.pid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    app = subprocess.Popen(
        [sys.executable, "-c", script, str(tui.index())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        pid = int(app.stdout.readline())
        assert Path(f"/proc/{pid}").exists()
        app.kill()
        app.wait(timeout=10)
        assert gone(pid)
    finally:
        if app.poll() is None:
            app.kill()


def test_interrupt_flags_the_call_in_flight_only_when_its_caller_says_it_is_stale(
    backend: Backend,
) -> None:
    """The thread waiting for an answer never polls: the UI thread's `interrupt` writes the
    shared flag for the call the child is on, here as the call has just been sent."""
    assert backend.search("learning", "relevance") is not None
    child = backend.process._child
    assert child is not None

    def flag() -> int:
        return int(FLAG.unpack_from(child.flag)[0])

    before = flag()
    backend.interrupt()  # nothing in flight: nothing flagged
    assert backend.search("learning", "relevance", should_stop=lambda: False) is not None
    assert flag() == before  # a call nobody typed past is never flagged
    asked: list[bool] = []

    def stale_once_sent() -> bool:  # asked before sending (no), then as it is sent (yes)
        asked.append(True)
        return len(asked) > 1

    backend.search("learning", "relevance", should_stop=stale_once_sent)
    assert flag() > before  # flagged: the child stops at its next check, if still working
    again = backend.search("learning", "relevance")
    assert again is not None and again.error is None and again.rows.total > 1
