"""Tests reading a paper to its end: the detail pane scrolled from the keyboard, and `v`,
the paper full-screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bars import bar_text
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.screens.reading import ReadingScreen
from paperbrowse.tui.widgets.detail import DetailPane
from paperbrowse.tui.widgets.results import WHEEL, ResultsList
from textual.events import MouseScrollDown, MouseScrollUp

if TYPE_CHECKING:
    from conftest import Tui

ROTARY = "rotary lattice"
SOURCE = "hot-papers-2022-05-10.md:"
"""The Sources line of the Rotary Lattice paper, the last thing the detail pane shows."""


async def test_tab_focuses_the_detail_pane_and_its_keys_scroll_to_the_sources(
    tui: Tui,
) -> None:
    """At 80x24 the paper's Sources are below the pane's fold; `tab` from the list focuses
    the pane, `G` scrolls to its end, where they show, and `g` goes back to the top."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.select(pilot, ROTARY)
        assert SOURCE not in tui.screen_text(app)
        await tui.press(pilot, "tab")
        detail = app.screen.query_one("#detail", DetailPane)
        assert detail.has_focus
        await tui.press(pilot, "G")
        await tui.until(pilot, lambda: detail.scroll_y == detail.max_scroll_y)
        assert detail.max_scroll_y > 0
        assert SOURCE in tui.screen_text(app)
        await tui.press(pilot, "g")
        await tui.until(pilot, lambda: detail.scroll_y == 0)
        await tui.press(pilot, "escape")
        assert app.screen.query_one("#results", ResultsList).has_focus


async def test_j_and_space_scroll_the_focused_detail_pane(tui: Tui) -> None:
    """In the focused detail pane `j` scrolls a line and `space` a page."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.select(pilot, ROTARY)
        await tui.press(pilot, "tab", "j")
        detail = app.screen.query_one("#detail", DetailPane)
        await tui.until(pilot, lambda: detail.scroll_y == 1)
        await tui.press(pilot, "space")
        await tui.until(pilot, lambda: detail.scroll_y == detail.max_scroll_y)


def pane_bar(detail: DetailPane) -> str:
    """The pane's scrollbar down its last column: `#` thumb, `|` track, ` ` none."""
    return bar_text(detail, detail.render_line)


async def test_the_detail_pane_s_scrollbar_shows_where_the_pane_is_scrolled(tui: Tui) -> None:
    """Drawn in the pane's last column: the thumb at the top, at the bottom after `G`; no
    scrollbar for a paper that fits. The mouse wheel scrolls the pane and the list."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.select(pilot, ROTARY)
        detail = app.screen.query_one("#detail", DetailPane)
        bar = pane_bar(detail)
        assert bar.startswith("#") and bar.endswith("|") and set(bar) == {"#", "|"}
        await tui.press(pilot, "tab", "G")
        await tui.until(pilot, lambda: pane_bar(detail).endswith("#"))
        assert pane_bar(detail).startswith("|")
        # Pilot (Textual 8.2.8) has no public wheel: its own helper posts the event.
        await pilot._post_mouse_events([MouseScrollUp], detail, offset=(4, 2))
        await tui.until(pilot, lambda: detail.scroll_y < detail.max_scroll_y)
        results = app.screen.query_one("#results", ResultsList)
        await tui.search(pilot, "")
        await pilot._post_mouse_events([MouseScrollDown], results, offset=(4, 2))
        await tui.until(pilot, lambda: results.scroll_y == WHEEL)
        await pilot.resize_terminal(*tui.wide)
        await tui.select(pilot, ROTARY)
        await tui.until(pilot, lambda: detail.max_scroll_y == 0)
        assert pane_bar(detail) == " " * detail.size.height


async def test_v_shows_the_whole_paper_full_screen_and_escape_returns(tui: Tui) -> None:
    """`v` on a paper shows all of it (title to Sources) on the whole terminal; escape goes
    back to the list where it was."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.select(pilot, ROTARY)
        await tui.press(pilot, "v")
        assert isinstance(app.screen, ReadingScreen)
        text = tui.screen_text(app)
        assert "Rotary Lattice Embeddings" in text
        assert "Sources" in text and SOURCE in text
        await tui.press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#results", ResultsList).has_focus


async def test_the_help_names_the_reading_keys(tui: Tui) -> None:
    """The help screen says how to reach and scroll the detail pane, and the `v` key."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "question_mark")
        text = tui.screen_text(app)
        assert "tab shift+tab" in text and "Next / previous pane: filter, list, detail" in text
        assert "scroll the abstract and its sources" in text
        assert "Read the paper full-screen" in text
