"""Tests the first add into a directory that holds no index yet, with other processes creating
it at the same moment: nobody fails, and nobody's papers are wiped by a second creation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from paperbrowse.index.library import STAMP_NAME, Library
from paperbrowse.index.schema import make_schema
from robust_harness import HOT, ICLR, NIPS, clean_build, papers_at
from test_concurrent import WAITING, Add
from whoosh.filedb.filestore import FileStorage

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "first_add_trials.py"


@contextmanager
def creating(index: Path) -> Iterator[None]:
    """Be another process in the middle of creating the index at `index`: the directory
    exists and its writer lock is held (as the first `add` holds it while creating)."""
    index.mkdir(parents=True, exist_ok=True)
    lock = FileStorage(str(index)).lock("MAIN_WRITELOCK")
    assert lock.acquire()
    try:
        yield
    finally:
        lock.release()


def finish_creating(index: Path, built: Path) -> None:
    """Complete that creation with a commit: put the files of the index at `built` in place,
    the stamp last (as a creation and a first commit would leave them)."""
    names = [p.name for p in built.iterdir() if p.name not in ("MAIN_WRITELOCK", STAMP_NAME)]
    for name in names:
        shutil.copy(built / name, index / name)
    shutil.copy(built / STAMP_NAME, index / STAMP_NAME)


def test_an_add_waits_for_another_process_creating_the_index_and_adds_to_its_papers(tmp_path):
    """While another process is creating the index (directory made, writer lock held), a
    first `add` says it is waiting instead of failing or creating a second index; once the
    other has created and committed, the add exits 0 and the index holds both adds' papers."""
    index, built = tmp_path / "index", tmp_path / "built"
    with Library(built) as library:
        library.add([HOT])
    with creating(index):
        adding = Add(index, NIPS)
        adding.wait_for(WAITING)
        finish_creating(index, built)
    assert adding.finish() == 0, adding.stderr
    assert papers_at(index) == clean_build(tmp_path / "clean", [HOT, NIPS])


def test_a_creation_killed_before_its_stamp_is_finished_by_the_next_add(tmp_path):
    """A directory holding only what a creation writes before its stamp (the lock file and
    the empty first table of contents: a first add killed at that moment) is no foreign
    directory: the next add creates the index there and succeeds."""
    index = tmp_path / "index"
    with creating(index):
        FileStorage(str(index)).create_index(make_schema())
    assert sorted(p.name for p in index.iterdir()) == ["MAIN_WRITELOCK", "_MAIN_0.toc"]
    with Library(index) as library:
        library.add([ICLR])
    assert papers_at(index) == clean_build(tmp_path / "clean", [ICLR])


@pytest.mark.ci_sized
def test_first_adds_started_together_all_succeed_with_every_paper(tmp_path):
    """Six trials of two or three `add`s started within milliseconds of each other into a
    fresh index, beside a busy process: every add exits 0 and the index holds exactly a
    clean build of all their lists.

    CI-sized (6 trials of the fixture lists). The full run (the README's figure; about
    twenty minutes with ../shared present):

        .venv/bin/python bench/first_add_trials.py --trials 100
    """
    done = subprocess.run(
        [sys.executable, SCRIPT, "--trials", "6", "--small", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "failures: 0" in done.stdout and "0 lost" in done.stdout
