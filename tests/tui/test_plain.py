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


async def test_the_list_and_the_detail_pane_draw_as_textual_would(tui: Tui) -> None:
    """At 80x24 (stacked, both scrollbars showing), then at 120x36 (side by side)."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        results, detail = app.screen.query_one("#results"), app.screen.query_one("#detail")
        assert is_plain(results) and is_plain(detail)
        assert results.rows.total > results.size.height  # every paper: the list's bar shows
        assert detail.virtual_size.height > detail.size.height  # and the pane's
        for keys in ((), ("enter",), ("tab",)):  # filter focused, then the list, the pane
            await tui.press(pilot, *keys)
            assert_drawn_as_textual_does(results)
            assert_drawn_as_textual_does(detail)
        await pilot.resize_terminal(*tui.wide)
        await tui.settle(pilot)
        assert_drawn_as_textual_does(results)
        assert_drawn_as_textual_does(detail)


async def test_the_reading_screen_s_pane_draws_as_textual_would(tui: Tui) -> None:
    """Its pane has padding on both sides."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")
        await tui.press(pilot, "v")
        pane = app.screen.query_one("#reading")
        assert pane.styles.padding.left == 2
        assert_drawn_as_textual_does(pane)


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


async def test_lines_kept_across_changes_of_focus_still_draw_as_textual_would(tui: Tui) -> None:
    """The list keeps each row and line it drew, and PlainLines the line it made of each for
    each look (focused and not): after the focus goes back and forth, the widgets' own caches,
    warm, draw what a cold Textual cache draws; and a redraw of the list with nothing changed
    hands back every line it kept, the cursor's too (its row changes look with the focus)."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        results, detail = app.screen.query_one("#results"), app.screen.query_one("#detail")
        for keys in (("enter",), ("slash",), ("enter",), ("tab",), ("shift+tab",)):
            await tui.press(pilot, *keys)
            for widget in (results, detail):
                region = widget.region.size.region
                warm = widget.render_lines(region)
                cold = StylesCache().render_widget(widget, region)
                assert cells(warm) == cells(cold), keys
        region = results.region.size.region
        before = results.render_lines(region)
        results.refresh()  # every line dirty: each is made again from what was kept
        again = results.render_lines(region)
        assert [again[y] is before[y] for y in range(1, len(again) - 1)] == [True] * (
            len(again) - 2
        )  # (the border's top and bottom lines are Textual's own)
