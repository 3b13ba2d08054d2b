"""Tests broken indexes: each damage is named on open, `reindex` rebuilds from the recorded
lists, and the app offers that rebuild."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from paperbrowse.index.library import STAMP_NAME, IndexProblem, Library
from paperbrowse.tui import launch
from paperbrowse.tui.app import PaperBrowseApp
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.screens.repair import RepairScreen
from robust_harness import HOT, ICLR, NIPS, clean_build, papers_at, record_notifications
from textual.widgets import Button


def biggest_segment(index: Path) -> Path:
    """The largest file of a segment (postings, columns or a compound file)."""
    files = [p for p in index.glob("MAIN_*.*") if p.is_file()]
    return max(files, key=lambda path: path.stat().st_size)


def truncate_a_segment(index: Path) -> None:
    segment = biggest_segment(index)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def delete_a_segment(index: Path) -> None:
    biggest_segment(index).unlink()


def overwrite(path: Path) -> None:
    """Same size, other bytes: the manifest's sizes cannot tell."""
    data = path.read_bytes()
    path.write_bytes(data[:16] + bytes(b ^ 0x5A for b in data[16:]))


def overwrite_the_terms(index: Path) -> None:
    for path in index.glob("MAIN_*.trm"):
        overwrite(path)


def delete_the_table_of_contents(index: Path) -> None:
    next(index.glob("_MAIN_*.toc")).unlink()


def stamp_another_schema_version(index: Path) -> None:
    stamp = index / STAMP_NAME
    data = json.loads(stamp.read_text(encoding="utf-8"))
    stamp.write_text(json.dumps({**data, "schema_version": data["schema_version"] + 1}))


DAMAGES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "truncated segment": (truncate_a_segment, "corrupt", "bytes"),
    "deleted segment": (delete_a_segment, "corrupt", "is missing"),
    "overwritten term files": (overwrite_the_terms, "corrupt", "damaged"),
    "deleted table of contents": (delete_the_table_of_contents, "corrupt", "damaged"),
    "schema version": (stamp_another_schema_version, "version", "schema version"),
}


@pytest.fixture
def lists(tmp_path: Path) -> list[Path]:
    """Copies of three fixture lists (a test may delete one)."""
    folder = tmp_path / "lists"
    folder.mkdir()
    return [Path(shutil.copy(path, folder / path.name)) for path in (HOT, NIPS, ICLR)]


def built(index: Path, lists: list[Path]) -> Path:
    """An index of the lists, added in two steps (so it has more than one segment)."""
    with Library(index) as library:
        library.add(lists[:1])
        library.add(lists[1:])
    return index


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_index_is_named_on_open_with_the_way_out(tmp_path, lists, damage):
    """Opening a damaged index raises IndexProblem of the right kind, saying what is wrong,
    where, and to run `paperbrowse reindex`."""
    spoil, kind, detail = DAMAGES[damage]
    index = built(tmp_path / "index", lists)
    spoil(index)
    with pytest.raises(IndexProblem) as raised:
        Library(index)
    assert raised.value.kind == kind
    message = str(raised.value)
    assert str(index) in message and detail in message and "paperbrowse reindex" in message


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_command_line_refuses_a_damaged_index_with_a_message(cli, tmp_path, lists, damage):
    """`search` on a damaged index exits 1 with a one-line `paperbrowse:` message (no
    traceback), and `add` does not write into it."""
    index = built(tmp_path / "index", lists)
    DAMAGES[damage][0](index)
    before = sorted(os.listdir(index))
    for args in (("search", "graph"), ("add", HOT)):
        done = cli(*args, "--index", index)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("paperbrowse: ") and "Traceback" not in done.stderr
        assert "reindex" in done.stderr
    assert sorted(os.listdir(index)) == before


@pytest.mark.parametrize("damage", DAMAGES)
def test_reindex_rebuilds_a_damaged_index_from_its_recorded_lists(cli, tmp_path, lists, damage):
    """`paperbrowse reindex` rebuilds a damaged index from the lists it recorded; afterwards it
    opens, holds exactly a clean build's papers, and search works."""
    index = built(tmp_path / "index", lists)
    DAMAGES[damage][0](index)
    done = cli("reindex", "--index", index)
    assert done.returncode == 0, done.stderr
    assert papers_at(index) == clean_build(tmp_path / "clean", lists)
    found = cli("search", "graph", "--json", "--index", index)
    assert found.returncode == 0 and found.stdout.strip(), found.stderr


@pytest.mark.parametrize(
    ("part", "args"),
    [
        ("_stored.col", ("search", "graph")),
        ("pst", ("search", "graph")),
        ("sort_title.col", ("search", "*", "--sort", "title")),
    ],
)
def test_search_on_a_segment_overwritten_in_place_says_the_index_is_damaged(
    cli, tmp_path, lists, part, args
):
    """Bytes of a segment file overwritten in place (bit rot, same size) are reported as a
    damaged index with the `reindex` hint, never as a traceback or a bad query."""
    index = built(tmp_path / "index", lists)
    for path in index.glob(f"MAIN_*.{part}"):
        overwrite(path)
    done = cli(*args, "--index", index)
    assert "Traceback" not in done.stderr and "bad query" not in done.stderr
    assert done.returncode == 1 and "reindex" in done.stderr


def test_reindex_uses_the_recorded_lists_still_present_and_warns_of_the_others(
    cli, tmp_path, lists
):
    """A recorded list deleted since is reported, and its papers are dropped; the rest are
    rebuilt."""
    index = built(tmp_path / "index", lists)
    truncate_a_segment(index)
    lists[0].unlink()
    done = cli("reindex", "--index", index)
    assert done.returncode == 0, done.stderr
    assert f"{lists[0]}: warning: recorded list no longer exists" in done.stderr
    assert papers_at(index) == clean_build(tmp_path / "clean", lists[1:])


def test_reindex_refuses_a_directory_that_is_not_an_index_and_leaves_it_alone(cli, tmp_path):
    """`reindex` on a directory of other files says it found no recorded lists, and neither
    rebuilds nor removes anything in it."""
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.tex").write_text("\\chapter{One}", encoding="utf-8")
    (folder / "figures").mkdir()
    done = cli("reindex", "--index", folder)
    assert done.returncode == 1
    assert "no recorded lists" in done.stderr and "Traceback" not in done.stderr
    assert sorted(os.listdir(folder)) == ["chapter1.tex", "figures"]
    assert (folder / "chapter1.tex").read_text(encoding="utf-8") == "\\chapter{One}"


# -- the app --------------------------------------------------------------------------------


def repair_app(index: Path) -> PaperBrowseApp:
    """The app as `paperbrowse` opens it on an index that cannot be opened."""
    try:
        Library(index).close()
    except IndexProblem as problem:
        repair = (index, str(problem), Library.recorded_files(index))
    else:
        raise AssertionError("the index opened")
    return record_notifications(PaperBrowseApp(None, repair=repair))


async def test_the_app_opens_on_the_repair_offer_saying_what_is_wrong(tui, tmp_path, lists):
    """A damaged index opens the app on the repair screen, which names the problem and the
    number of recorded lists."""
    index = built(tmp_path / "index", lists)
    truncate_a_segment(index)
    app = repair_app(index)
    async with tui.run(app) as pilot:
        assert isinstance(app.screen, RepairScreen)
        text = tui.text_of(app, "#repair-text")
        assert "damaged" in text and "It records 3 lists (3 still present)" in text
        assert not app.screen.query_one("#rebuild", Button).disabled
        await pilot.press("q")


async def test_r_on_the_repair_offer_rebuilds_and_shows_the_papers(tui, tmp_path, lists):
    """Pressing r rebuilds the index from its recorded lists, then the main screen lists
    every paper and a notification says how many."""
    index = built(tmp_path / "index", lists)
    stamp_another_schema_version(index)
    expected = clean_build(tmp_path / "clean", lists)
    app = repair_app(index)
    async with tui.run(app) as pilot:
        await tui.press(pilot, "r")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        await tui.settle(pilot)
        assert tui.status(app).startswith(f"{len(expected)} papers")
        assert any(f"Rebuilt the index: {len(expected)} papers" in n for n in app.notified)
    app.backend.library.close()
    assert papers_at(index) == expected


async def test_the_repair_offer_without_recorded_lists_cannot_rebuild(tui, tmp_path, lists):
    """When neither the index nor its manifest names any list, the rebuild button is disabled
    and the screen says to add lists again."""
    index = built(tmp_path / "index", lists)
    delete_the_table_of_contents(index)
    (index / "paperbrowse-manifest.json").unlink()
    app = repair_app(index)
    async with tui.run(app) as pilot:
        assert app.screen.query_one("#rebuild", Button).disabled
        assert "No recorded lists were found" in tui.text_of(app, "#repair-text")
        await tui.press(pilot, "r")
        assert isinstance(app.screen, RepairScreen)


def test_launching_on_a_damaged_index_offers_the_repair(tmp_path, lists, monkeypatch):
    """`paperbrowse` (the app) on a damaged index starts on the repair offer with the recorded
    lists, instead of failing."""
    index = built(tmp_path / "index", lists)
    delete_a_segment(index)
    started: list[PaperBrowseApp] = []
    monkeypatch.setattr(PaperBrowseApp, "run", lambda app: started.append(app))
    args = argparse.Namespace(demo=False, index=str(index), data_dir=None, cache_dir=None, paths=[])
    assert launch.run_app(args) == 0
    assert started[0].backend is None
    path, problem, files = started[0]._repair
    assert path == index and "missing" in problem and files == sorted(map(str, lists))
    assert started[0]._with_marks is not None  # a rebuilt index gets the marks too


async def test_marks_work_on_an_index_rebuilt_in_the_app(tui, tmp_path, lists):
    """After `r` rebuilds the index, the mark keys work at once (the rebuilt index gets the
    user's marks, as `paperbrowse` gives them at start), with no restart."""
    from paperbrowse.index.marks import Marks
    from paperbrowse.index.merge import paper_keys
    from paperbrowse.tui.backend import Backend

    index = built(tmp_path / "index", lists)
    stamp_another_schema_version(index)
    marks_path = tmp_path / "marks.sqlite3"

    def with_marks(backend: Backend) -> Backend:
        backend.library.marks = Marks(marks_path)
        return backend

    app = repair_app(index)
    app._with_marks = with_marks
    async with tui.run(app) as pilot:
        await tui.press(pilot, "r")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        await tui.settle(pilot)
        await tui.press(pilot, "enter", "asterisk")
        paper = app.screen.query_one("#results").highlighted
        assert not any("unavailable" in n for n in app.notified)
        assert Marks(marks_path).get(paper_keys(paper)).starred
    app.backend.library.close()
