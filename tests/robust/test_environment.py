"""Tests environment faults: unwritable and missing data directories, a disk that fills up
during an add, and a terminal shrunk to 20×5."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from paperbrowse.index.library import STAMP_NAME, IndexProblem, Library
from paperbrowse.tui import cli as command_line
from paperbrowse.tui.screens.main import MainScreen
from robust_harness import HOT, ICLR, NIPS, clean_build, conference_list, papers, papers_at
from textual.widgets import Input
from whoosh.filedb import structfile
from whoosh.filedb.filestore import FileStorage

# -- unwritable and missing directories -------------------------------------------------------


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    """A regular file: nothing can be created under it, not even by root (unlike chmod)."""
    path = tmp_path / "notes.txt"
    path.write_text("not a directory", encoding="utf-8")
    return path


def test_an_index_that_cannot_be_created_is_an_unwritable_problem(a_file):
    """Library on a path that cannot be created raises IndexProblem('unwritable') saying
    where and why."""
    with pytest.raises(IndexProblem) as raised:
        Library(a_file / "index")
    assert raised.value.kind == "unwritable"
    assert f"cannot create the index at {a_file / 'index'}" in str(raised.value)
    assert "Not a directory" in str(raised.value)


@pytest.mark.parametrize("option", ["--index", "--data-dir"])
def test_add_into_an_unwritable_place_fails_with_a_message(cli, a_file, option):
    """`add` with an index or data directory that cannot be created exits 1 with one clear
    line and no traceback."""
    done = cli("add", NIPS, option, a_file / "paperbrowse", env={"PAPERBROWSE_INDEX": ""})
    assert done.returncode == 1
    assert done.stderr.startswith("paperbrowse: cannot create the index at ")
    assert "Traceback" not in done.stderr
    assert a_file.read_text(encoding="utf-8") == "not a directory"


def test_a_read_only_index_is_an_unwritable_problem_and_keeps_its_papers(tmp_path, monkeypatch):
    """When the index directory refuses new files (simulated: root ignores chmod), add raises
    IndexProblem('unwritable'); the index keeps its papers and takes the add once writable."""
    index = tmp_path / "index"
    with Library(index) as library:
        library.add([NIPS])
        before = papers(library)

    def refuse(storage: FileStorage, name: str, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", name)

    monkeypatch.setattr(FileStorage, "create_file", refuse)
    with Library(index) as library, pytest.raises(IndexProblem) as raised:
        library.add([HOT])
    assert raised.value.kind == "unwritable" and "Permission denied" in str(raised.value)
    monkeypatch.undo()
    assert papers_at(index) == before
    with Library(index) as library:
        library.add([HOT])
    assert papers_at(index) == clean_build(tmp_path / "clean", [NIPS, HOT])


def test_a_missing_data_directory_is_created_on_the_first_add(cli, tmp_path):
    """With a data directory that does not exist yet (nor its parents), `add` creates it and
    the index inside it, and search then finds the papers."""
    data = tmp_path / "new" / "nested" / "data"
    env = {"PAPERBROWSE_DATA_DIR": str(data), "PAPERBROWSE_INDEX": ""}
    done = cli("add", NIPS, env=env)
    assert done.returncode == 0, done.stderr
    assert (data / "index" / STAMP_NAME).is_file()
    assert cli("search", "*", "--json", env=env).stdout.count("\n") == 3


# -- a full disk -------------------------------------------------------------------------------


@pytest.fixture
def lists(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    """Lists for a first add, and a larger second add (so a full disk can strike anywhere)."""
    extra = tmp_path / "NIPS-2021-list01.md"
    extra.write_text(conference_list(300), encoding="utf-8")
    return [NIPS, HOT], [extra, ICLR]


def bytes_written_by(index: Path, paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> int:
    """How many bytes Whoosh writes (through StructFile) adding `paths` to a copy of `index`."""
    copy = index.with_name(index.name + "-measure")
    shutil.copytree(index, copy)
    count = 0
    write = structfile.StructFile.write

    def counting(handle: structfile.StructFile, data: bytes) -> None:
        nonlocal count
        count += len(data)
        write(handle, data)

    monkeypatch.setattr(structfile.StructFile, "write", counting)
    with Library(copy) as library:
        library.add(paths)
    monkeypatch.undo()
    return count


def fill_the_disk_after(budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, Whoosh's writes fail with ENOSPC once `budget` bytes are written."""
    write = structfile.StructFile.write
    left = budget

    def failing(handle: structfile.StructFile, data: bytes) -> None:
        nonlocal left
        if len(data) > left:
            left = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        left -= len(data)
        write(handle, data)

    monkeypatch.setattr(structfile.StructFile, "write", failing)


@pytest.mark.parametrize("share", [0.0, 0.2, 0.5, 0.8, 0.95, 1.0])
def test_a_disk_full_during_add_changes_nothing_and_a_later_add_succeeds(
    tmp_path, monkeypatch, lists, share
):
    """When the disk fills up after `share` of an add's bytes (1.0: only the very last write
    fails), add raises IndexProblem('unwritable') saying so; the index still opens with
    exactly its old papers, and the same add succeeds once there is room."""
    first, second = lists
    index = tmp_path / "index"
    with Library(index) as library:
        library.add(first)
        before = papers(library)
    total = bytes_written_by(index, second, monkeypatch)
    fill_the_disk_after(min(int(total * share), total - 1), monkeypatch)
    with Library(index) as library, pytest.raises(IndexProblem) as raised:
        library.add(second)
    monkeypatch.undo()
    assert raised.value.kind == "unwritable"
    assert "No space left on device" in str(raised.value) and str(index) in str(raised.value)
    assert papers_at(index) == before
    with Library(index) as library:
        library.add(second)
    assert papers_at(index) == clean_build(tmp_path / "clean", first + second)


def test_add_on_a_full_disk_prints_one_line_and_no_traceback(tmp_path, monkeypatch, capsys, lists):
    """`paperbrowse add` when the disk fills up mid-commit exits 1 with a one-line message."""
    first, second = lists
    index = tmp_path / "index"
    with Library(index) as library:
        library.add(first)
    total = bytes_written_by(index, second, monkeypatch)
    fill_the_disk_after(total // 2, monkeypatch)
    code = command_line.main(["add", *map(str, second), "--index", str(index)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"paperbrowse: cannot write the index at {index}: No space left")
    assert err.count("\n") == 1


# -- a tiny terminal --------------------------------------------------------------------------


async def test_the_app_runs_and_takes_keys_in_a_20_by_5_terminal(tui):
    """In a 20×5 terminal the app starts, filters, moves, sorts, toggles the detail pane and
    opens and closes help and facets, without an exception."""
    app = tui.app()
    async with tui.run(app, size=(20, 5)) as pilot:
        await tui.press(pilot, *"lattice")
        assert app.screen.query_one("#filter", Input).value == "lattice"
        await tui.press(pilot, "enter", "down", "up", "s", "d", "d", "r", "escape")
        await tui.press(pilot, "f", "escape", "question_mark", "escape", "slash", "backspace")
        assert app.is_running and isinstance(app.screen, MainScreen)


async def test_shrinking_the_terminal_to_20_by_5_and_back_keeps_the_app_working(tui):
    """Resizing from 120×36 down to 20×5 (typing there) and back leaves the app running with
    the results and status of the query."""
    app = tui.app()
    async with tui.run(app, size=(120, 36)) as pilot:
        await pilot.resize_terminal(20, 5)
        await tui.settle(pilot)
        assert app.screen.has_class("narrow")
        await tui.press(pilot, *"graph")
        await pilot.resize_terminal(120, 36)
        await tui.settle(pilot)
        assert not app.screen.has_class("narrow")
        assert app.screen.query_one("#filter", Input).value == "graph"
        assert "paper" in tui.status(app)
        await tui.search(pilot, "")
        assert tui.status(app).startswith(f"{tui.papers} papers")
