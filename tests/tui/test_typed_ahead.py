"""Keys typed in the same burst as the key that opens an editor (`t`, `n`, `e`) go into it,
as a paste or `tmux send-keys "trope" Enter` delivers them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.screens.note import NoteScreen
from paperbrowse.tui.screens.tags import TagScreen
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from conftest import Tui


def mark_of(marks_path, paper):
    return Marks(marks_path).get(paper_keys(paper))


async def test_tags_typed_in_the_burst_that_opens_the_editor_are_all_saved(
    tui: Tui, marked_app, marks_path
) -> None:
    """`t` then `rope` then enter in one burst: the paper keeps its tag and gains `rope`."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        paper = app.screen.query_one("#results").highlighted
        await tui.press(pilot, "t")
        await tui.type_text(pilot, "keep")
        await tui.press(pilot, "enter")
        assert mark_of(marks_path, paper).tags == ("keep",)
        tui.type_ahead(app, "trope\r")
        await tui.settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert set(mark_of(marks_path, paper).tags) == {"keep", "rope"}


async def test_a_burst_that_opens_the_tag_editor_leaves_it_open_with_what_was_typed(
    tui: Tui, marked_app
) -> None:
    """Without enter, the editor stays open holding the letters, in the order typed."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        tui.type_ahead(app, "tgraphs")
        await tui.settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, TagScreen)
        assert app.screen.query_one(Input).value == "graphs"
        assert app.screen.focused is app.screen.query_one(Input)


async def test_a_note_typed_in_the_burst_that_opens_the_note_editor_is_kept(
    tui: Tui, marked_app, marks_path
) -> None:
    """`n`, two lines of text, ctrl+s in one burst: the note holds both lines."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        paper = app.screen.query_one("#results").highlighted
        tui.type_ahead(app, "nread\rlater")
        await tui.settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(TextArea).text == "read\nlater"
        await tui.press(pilot, "ctrl+s")
        assert mark_of(marks_path, paper).note == "read\nlater"
