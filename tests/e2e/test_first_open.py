"""Tests the app opened on a directory that holds no index yet while an `add` creates it: the
app waits for that creation instead of failing, and shows the add's papers once committed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from paperbrowse.index.library import STAMP_NAME, Library
from test_tmux import app_command
from tmux_harness import Tmux, base_env
from whoosh.filedb.filestore import FileStorage

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIPS = FIXTURES / "conference" / "NIPS-2022-list01.md"


@contextmanager
def creating(index: Path) -> Iterator[None]:
    """Be an `add` in the middle of creating the index: directory made, writer lock held."""
    index.mkdir(parents=True)
    lock = FileStorage(str(index)).lock("MAIN_WRITELOCK")
    assert lock.acquire()
    try:
        yield
    finally:
        lock.release()


def env() -> dict[str, str]:
    return {**base_env(), "PATH": os.environ["PATH"]}


def test_the_app_waits_for_an_add_creating_the_index_then_shows_its_papers(
    tmux: Tmux, paperbrowse_command: Path, tmp_path: Path
) -> None:
    """Opened while another process creates the index, the app says it is waiting (instead
    of calling the directory foreign and exiting), then opens on that process's papers."""
    index, built = tmp_path / "index", tmp_path / "built"
    with Library(built) as library:
        library.add([NIPS])
    with creating(index):
        tmux.start(app_command(paperbrowse_command, index), (100, 30), env())
        tmux.wait_for_text("waiting for another paperbrowse", timeout=20)
        for name in sorted(p.name for p in built.iterdir() if p.name != "MAIN_WRITELOCK"):
            if name != STAMP_NAME:
                shutil.copy(built / name, index / name)
        shutil.copy(built / STAMP_NAME, index / STAMP_NAME)  # last, as a creation writes it
    tmux.wait_for_text("3 papers", timeout=20)


def test_the_app_and_an_add_started_together_on_a_fresh_directory(
    tmux: Tmux, paperbrowse_command: Path, tmp_path: Path
) -> None:
    """The app and `paperbrowse add` started at the same moment on a directory with no
    index: neither fails (the app is on screen, the add exits 0) and the app, without a
    restart, finds the add's papers (searched for: this test is about the creation race,
    not the two-second poll for other processes' commits)."""
    index = tmp_path / "index"
    tmux.start(app_command(paperbrowse_command, index), (100, 30), env())
    done = subprocess.run(
        [sys.executable, "-m", "paperbrowse", "add", str(NIPS), "--index", str(index)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    tmux.wait_for_text("Search titles", timeout=20)
    tmux.type("*")
    tmux.wait_for_text("3 papers", timeout=20)
