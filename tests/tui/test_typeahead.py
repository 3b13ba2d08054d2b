"""Tests that keys typed in one burst each reach the widget they were meant for, and that
the did-you-mean leaves the filter ready to be typed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperbrowse.index.cite import copy_text
from paperbrowse.tui.widgets.results import ResultsList
from textual.widgets import Input

if TYPE_CHECKING:
    from conftest import Tui


async def test_keys_typed_right_after_ctrl_u_replace_the_filter(tui: Tui) -> None:
    """ctrl+u then a word, in one burst, leaves just that word: the word is not typed first
    and then wiped by the ctrl+u that came before it (every time, not most times)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        field = app.screen.query_one("#filter", Input)
        for word in ("lattice", "gradient", "rotary", "mirage", "lattice"):
            tui.type_ahead(app, "\x15" + word)
            await tui.until(pilot, lambda: field.value != "" or not app.is_running, 5)
            await tui.settle(pilot)
            assert field.value == word


async def test_backspace_in_a_burst_deletes_the_character_typed_before_it(tui: Tui) -> None:
    """`latticx`, backspace, `e` typed in one go reads `lattice`."""
    app = tui.app()
    async with tui.run(app) as pilot:
        tui.type_ahead(app, "latticx\x7fe")
        await tui.settle(pilot)
        await tui.until(pilot, lambda: tui.status(app).startswith("2 papers"))
        assert app.screen.query_one("#filter", Input).value == "lattice"


async def test_keys_typed_right_after_escape_go_to_the_list(
    tui: Tui, no_system_clipboard: str
) -> None:
    """escape then `c` typed in one go copies the highlighted paper's link: `c` is not typed
    into the filter."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "rotary lattice")
        tui.type_ahead(app, "\x1bc")
        await tui.until(pilot, lambda: app.clipboard != "")
        await tui.settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "rotary lattice"
        assert app.clipboard == "https://arxiv.org/abs/2205.01111"


async def test_list_keys_and_screen_keys_in_a_burst_act_in_order(
    tui: Tui, no_system_clipboard: str
) -> None:
    """`j` then `c` in one go copies the second paper's link, not the first one's."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        results = app.screen.query_one("#results", ResultsList)
        second = results.paper_at(1)
        tui.type_ahead(app, "jc")
        await tui.until(pilot, lambda: app.clipboard != "")
        await tui.settle(pilot)
        assert app.clipboard == copy_text(second, "primary")[0]


async def test_the_did_you_mean_leaves_the_cursor_at_the_end(tui: Tui) -> None:
    """Enter on `latice` fills in `lattice` with the cursor after it: typing goes on at the
    end (`latticeX`, not `latticXe`)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "latice")
        await tui.press(pilot, "enter")
        field = app.screen.query_one("#filter", Input)
        assert field.value == "lattice"
        assert field.cursor_position == len("lattice")
        await tui.press(pilot, "X")
        assert field.value == "latticeX"


async def test_ctrl_u_after_the_did_you_mean_clears_the_whole_filter(tui: Tui) -> None:
    """After the suggestion is applied, ctrl+u and a new query leave only the new query: no
    end of the suggestion is left behind (`gradiente`)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "latice")
        await tui.press(pilot, "enter", "ctrl+u", *"gradient")
        assert app.screen.query_one("#filter", Input).value == "gradient"
        assert tui.status(app).startswith("2 papers")
