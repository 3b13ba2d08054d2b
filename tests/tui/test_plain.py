"""PlainLines (the list's and the detail pane's styling, cut short) draws every cell as
Textual's own styles cache would: focused or not, wide or narrow, on the reading screen, and
for a widget that is not plain (Textual's code then draws it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from paperbrowse.tui.widgets.plain import PlainLines, is_plain
from textual._styles_cache import StylesCache
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from conftest import Tui


def cells(strips: list[Strip]) -> list[list[tuple[str, Any]]]:
    """Each line as (character, style) cells: equal however the segments are cut."""
    return [[(char, seg.style) for seg in strip for char in seg.text] for strip in strips]


def assert_drawn_as_textual_does(widget: Widget) -> None:
    region = widget.region.size.region  # as the compositor asks: the whole widget
    plain = PlainLines().render_widget(widget, region)
    textual = StylesCache().render_widget(widget, region)
    assert len(plain) == len(textual) == widget.region.height
    assert cells(plain) == cells(textual)


async def test_the_list_draws_as_textual_would(tui: Tui) -> None:
    """At 80x24 (stacked, both scrollbars showing), then at 120x36 (side by side)."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        results = app.screen.query_one("#results")
        assert is_plain(results)
        assert results.rows.total > results.size.height  # every paper: the list's bar shows
        for keys in ((), ("enter",)):  # filter focused, then the list
            await tui.press(pilot, *keys)
            assert_drawn_as_textual_does(results)
        await pilot.resize_terminal(*tui.wide)
        await tui.settle(pilot)
        assert_drawn_as_textual_does(results)


async def test_a_widget_that_is_not_plain_is_drawn_by_textual(tui: Tui) -> None:
    """A tint (as a theme or a user's CSS could add) is applied to every line: PlainLines
    leaves such a widget to Textual's code."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "learning")
        results = app.screen.query_one("#results")
        results.styles.tint = "red 30%"
        await tui.settle(pilot)
        assert not is_plain(results)
        assert_drawn_as_textual_does(results)
        tinted = cells(results.render_lines(results.region.size.region))
        results.styles.tint = None
        await tui.settle(pilot)
        assert cells(results.render_lines(results.region.size.region)) != tinted
