"""Tests how the app looks, as SVG snapshots of fixed fixture data (update: --snapshot-update)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot
from textual.widgets import Input

if TYPE_CHECKING:
    from conftest import Tui

Before = Callable[[Pilot[Any]], Awaitable[None]]


def steps(tui: Tui, *, query: str = "", keys: tuple[str, ...] = ()) -> Before:
    """What to do before the screenshot: wait for the first search, put `query` in the
    filter, press `keys`, wait again; the cursor never blinks, so the picture is stable."""

    async def before(pilot: Pilot[Any]) -> None:
        await tui.settle(pilot)
        pilot.app.screen.query_one("#filter", Input).cursor_blink = False
        if query:
            await tui.search(pilot, query)
        for key in keys:
            await tui.press(pilot, key)
        await tui.settle(pilot)

    return before


def test_main_view_after_typing_a_query(snap_compare: Any, tui: Tui) -> None:
    """120x36 after `lattice`: two hits, the first one's details beside the list, the
    words highlighted, the filter focused."""
    app = tui.app()
    assert snap_compare(app, terminal_size=(120, 36), run_before=steps(tui, query="lattice"))


def test_narrow_view_stacks_list_and_detail(snap_compare: Any, tui: Tui) -> None:
    """80x24 with the list focused on the second paper: the detail pane under the list."""
    app = tui.app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(tui, keys=("enter", "j")))


def test_help_screen(snap_compare: Any, tui: Tui) -> None:
    """`?` on the list: the keys and the query language over the main view."""
    app = tui.app()
    assert snap_compare(
        app, terminal_size=(120, 36), run_before=steps(tui, keys=("enter", "question_mark"))
    )


def test_empty_state(snap_compare: Any, tui: Tui) -> None:
    """An empty index: how to add lists, and the demo button."""
    app = tui.app(empty=True)
    assert snap_compare(app, terminal_size=(120, 36), run_before=steps(tui))


def test_no_hits_state(snap_compare: Any, tui: Tui) -> None:
    """`latice` finds nothing: "No papers match." and the did-you-mean hint."""
    app = tui.app()
    assert snap_compare(app, terminal_size=(120, 36), run_before=steps(tui, query="latice"))
