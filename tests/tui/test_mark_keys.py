"""The `x` and `*` keys: read and star marks on the highlighted paper, drawn in the list,
kept in the marks file (so another process, or a filter, sees them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.backend import Backend
from paperbrowse.tui.keydocs import markdown_table
from paperbrowse.tui.marking import STAR
from paperbrowse.tui.screens.help import QUERIES
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.widgets.results import ResultsList

if TYPE_CHECKING:
    from conftest import Tui


def with_marks(path: Path):
    """A backend factory whose library reads and writes marks at `path`."""

    def make(library):
        library.marks = Marks(path)
        return Backend(library)

    return make


def row_is_dim(results: ResultsList, y: int) -> bool:
    return any(seg.style is not None and seg.style.dim for seg in results.render_line(y))


async def test_x_marks_the_highlighted_paper_read_and_again_unread(tui: Tui, tmp_path) -> None:
    """`x` marks read (the row dims, the file has it); a second `x` takes it back."""
    path = tmp_path / "marks.sqlite3"
    app = tui.app(backend=with_marks(path))
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        results = app.screen.query_one("#results", ResultsList)
        paper = results.highlighted
        assert not row_is_dim(results, 0)
        await tui.press(pilot, "x")
        assert Marks(path).get(paper_keys(paper)).read
        assert row_is_dim(results, 0)
        assert any(n.startswith("Marked read") for n in app.notified)
        await tui.press(pilot, "x")
        assert not Marks(path).get(paper_keys(paper)).read
        assert not row_is_dim(results, 0)


async def test_star_marks_the_paper_with_a_star_and_is_starred_finds_it(tui: Tui, tmp_path) -> None:
    """`*` stars the highlighted paper: ★ before its title, and `is:starred` lists it alone."""
    app = tui.app(backend=with_marks(tmp_path / "marks.sqlite3"))
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "j")
        results = app.screen.query_one("#results", ResultsList)
        title = results.highlighted.title
        await tui.press(pilot, "asterisk")
        assert f"{STAR}{title}"[:40] in tui.screen_text(app)
        await tui.search(pilot, "is:starred")
        assert results.rows.total == 1
        assert results.paper_at(0).title == title


async def test_a_damaged_marks_file_is_said_and_the_list_still_browses(tui: Tui, tmp_path) -> None:
    """With garbage in the marks file the rows still show; `x` says marks are unavailable."""
    path = tmp_path / "marks.sqlite3"
    path.write_bytes(b"not a database at all\x00" * 200)
    app = tui.app(backend=with_marks(path))
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        results = app.screen.query_one("#results", ResultsList)
        assert results.rows.total == tui.papers
        await tui.press(pilot, "x")
        assert any("marks are unavailable" in n for n in app.notified)
    assert path.read_bytes() == b"not a database at all\x00" * 200


def test_the_mark_keys_have_tooltips_and_are_in_the_help() -> None:
    """x and * are bindings with tooltips, and the help screen lists them and the filters."""
    bindings = {b.key: b for b in MainScreen._merged_bindings.key_to_bindings.get("x", [])}
    stars = MainScreen._merged_bindings.key_to_bindings["asterisk"]
    assert bindings["x"].tooltip and stars[0].tooltip
    assert "| `x` | Mark the highlighted (or selected) papers read" in markdown_table()
    assert "| `*` | Star" in markdown_table() and "is:starred" in QUERIES
