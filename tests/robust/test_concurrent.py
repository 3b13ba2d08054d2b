"""Tests concurrent use of one index: adds in two processes, a held lock, and the app
picking up another process's commit."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from paperbrowse.index import store
from paperbrowse.index.formats import parse_file
from paperbrowse.index.library import IndexProblem, Library
from paperbrowse.index.merge import merge_entries
from paperbrowse.index.schema import paper_document
from robust_harness import HOT, ICLR, ICML, NIPS, clean_build, conference_list, papers_at
from textual.widgets import Input
from whoosh import index as whoosh_index

WAITING = "waiting for another paperbrowse writing to this index"


@contextmanager
def write_lock(index: Path) -> Iterator[None]:
    """Hold the index's writer lock, as a `paperbrowse add` in another terminal would."""
    lock = whoosh_index.open_dir(str(index)).lock("WRITELOCK")
    assert lock.acquire()
    try:
        yield
    finally:
        lock.release()


class Add:
    """`paperbrowse add PATHS --index INDEX` running in the background, its stderr collected."""

    def __init__(self, index: Path, *paths: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "paperbrowse", "add", *map(str, paths), "--index", str(index)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        self.lines.extend(self.process.stderr)

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            assert self.process.poll() is None or self._reader.is_alive(), self.stderr
            assert time.monotonic() < deadline, f"no {text!r} in {self.stderr!r}"
            time.sleep(0.02)

    def finish(self, timeout: float = 120.0) -> int:
        code = self.process.wait(timeout)
        self._reader.join(timeout)
        return code


def test_two_adds_waiting_for_the_lock_both_say_so_and_both_complete(tmp_path):
    """Two `add`s started while another writer holds the lock each print the waiting
    message, then both exit 0 once it is released, and the index holds both adds' papers."""
    index = tmp_path / "index"
    Library(index).close()
    with write_lock(index):
        first, second = Add(index, NIPS, HOT), Add(index, ICLR, ICML)
        first.wait_for(WAITING)
        second.wait_for(WAITING)
    assert (first.finish(), second.finish()) == (0, 0), first.stderr + second.stderr
    assert papers_at(index) == clean_build(tmp_path / "clean", [NIPS, HOT, ICLR, ICML])


def test_two_adds_started_together_both_complete_with_every_paper(tmp_path):
    """Two `add`s of different lists started at the same moment both exit 0; the index then
    opens and holds exactly what one clean build of all the lists holds."""
    lists = tmp_path / "lists"
    lists.mkdir()
    one, two = lists / "CVPR-2022-list01.md", lists / "CVPR-2022-list02.md"
    one.write_text(conference_list(600), encoding="utf-8")
    two.write_text(conference_list(600, start=601), encoding="utf-8")
    index = tmp_path / "index"
    Library(index).close()
    first, second = Add(index, one, HOT), Add(index, two, NIPS)
    assert (first.finish(), second.finish()) == (0, 0), first.stderr + second.stderr
    assert papers_at(index) == clean_build(tmp_path / "clean", [one, HOT, two, NIPS])


def test_an_add_that_cannot_get_the_lock_in_time_says_so_and_changes_nothing(tmp_path):
    """When the lock stays held past the timeout, add raises IndexProblem('locked') naming the
    index, after calling on_wait once, and the index keeps its papers."""
    index = tmp_path / "index"
    with Library(index) as library:
        library.add([NIPS])
    waits: list[bool] = []
    with write_lock(index), Library(index) as library, pytest.raises(IndexProblem) as raised:
        library.add([HOT], on_wait=lambda: waits.append(True), lock_timeout=0.3)
    assert raised.value.kind == "locked"
    assert str(index) in str(raised.value) and "still writing" in str(raised.value)
    assert waits == [True]
    assert papers_at(index) == clean_build(tmp_path / "clean", [NIPS])


def test_a_writer_that_fails_right_after_another_commit_does_not_make_the_index_look_damaged(
    tmp_path, monkeypatch
):
    """Another process may take the lock the moment an add commits, before that add records
    its files; when that writer then dies (Ctrl-C, disk full, kill), its half-written files
    must not make the intact index look damaged on the next open."""
    index = tmp_path / "index"
    with Library(index) as library:
        library.add([NIPS])
    record = store.write_manifest
    others = []

    def another_writer_starts_first(path: Path, generation: int, lists: list[str]) -> None:
        writer = whoosh_index.open_dir(str(path)).writer()
        for paper in merge_entries(parse_file(ICLR).entries):
            writer.add_document(**paper_document(paper))
        others.append(writer)
        record(path, generation, lists)

    monkeypatch.setattr(store, "write_manifest", another_writer_starts_first)
    with Library(index) as library:
        library.add([HOT])
    monkeypatch.undo()
    others[0].cancel()  # it never commits; its files stay until the next commit
    assert papers_at(index) == clean_build(tmp_path / "clean", [NIPS, HOT])


async def test_the_app_shows_papers_another_process_committed_without_a_restart(tui):
    """With the app open and idle, papers committed by another writer appear in the status
    within a few seconds (the app polls the index every two seconds)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        assert tui.status(app).startswith(f"{tui.papers} papers")
        with Library(app.backend.library.path) as other:
            await asyncio.to_thread(other.add, [ICLR])  # two more papers
        await tui.until(
            pilot, lambda: tui.status(app).startswith(f"{tui.papers + 2} papers"), timeout=6
        )


async def test_the_app_answers_queries_while_another_process_adds(tui, tmp_path):
    """While a `paperbrowse add` in another process is writing to the index, the app keeps
    answering queries; once it commits, the new papers show without a restart."""
    big = tmp_path / "NIPS-2021-list01.md"
    big.write_text(conference_list(2500), encoding="utf-8")
    app = tui.app()
    index = app.backend.library.path
    async with tui.run(app) as pilot:
        adding = Add(index, big)
        # The writer is at work once its temporary files appear.
        await tui.until(pilot, lambda: (index / "MAIN.tmp").exists(), timeout=30)
        for query in ("lattice", "title:graph", ""):
            await tui.search(pilot, query)
            assert "paper" in tui.status(app) and not app.screen.query_one(
                "#filter", Input
            ).has_class("-bad-query")
        # Running before the queries and after them: it ran while they were answered.
        assert adding.process.poll() is None, "the add ended before the app was used"
        assert await asyncio.to_thread(adding.finish) == 0, adding.stderr
        await tui.until(
            pilot, lambda: tui.status(app).startswith(f"{tui.papers + 2500} papers"), timeout=6
        )
