"""The footer: the keys that act where the focus is, drawn whole, pressed by a click, dimmed
(and refused) where they cannot act, with each key's tooltip on hover."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from paperbrowse.tui.screens.help import HelpScreen
from paperbrowse.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from conftest import Tui
    from textual.pilot import Pilot


def drawn(footer: KeyFooter) -> dict[str, tuple[int, int]]:
    """Each key's description and the columns it was drawn in."""
    return {entry.description: (start, end) for start, end, entry in footer.shown}


async def click_key(tui: Tui, pilot: Pilot[Any], description: str) -> None:
    """Wait for the footer to draw the key, then click on it."""
    footer = pilot.app.screen.query_one(KeyFooter)
    await tui.until(pilot, lambda: description in drawn(footer))
    start, _ = drawn(footer)[description]
    await pilot.click(KeyFooter, offset=(start + 1, 0))


async def test_the_footer_shows_the_keys_of_the_focused_widget(tui: Tui) -> None:
    app = tui.app()
    async with tui.run(app) as pilot:
        footer = app.screen.query_one(KeyFooter)
        line = tui.screen_text(app).splitlines()[-1]
        assert "Help" in line and "Copy link" not in line  # letters go into the filter
        await tui.select(pilot, "learning")
        await tui.until(pilot, lambda: "Copy link" in drawn(footer))
        line = tui.screen_text(app).splitlines()[-1]
        for description, (start, end) in drawn(footer).items():
            assert description in line[start:end]  # where it says it drew each key
        assert line.rstrip().endswith("^p palette")


async def test_clicking_a_key_presses_it(tui: Tui) -> None:
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "learning")
        await click_key(tui, pilot, "Help")
        await tui.until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_a_dimmed_key_is_refused_with_a_bell(tui: Tui) -> None:
    app = tui.app()
    bells: list[bool] = []
    app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")  # arXiv only: no OpenReview forum
        await click_key(tui, pilot, "OpenReview")
        await tui.until(pilot, lambda: bells == [True])
        assert not any("clipboard" in note for note in app.notified)


async def test_hovering_a_key_shows_its_tooltip(tui: Tui) -> None:
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "learning")
        footer = app.screen.query_one(KeyFooter)
        await tui.until(pilot, lambda: "Sort" in drawn(footer))
        start, _ = drawn(footer)["Sort"]
        await pilot.hover(KeyFooter, offset=(start + 1, 0))
        await tui.until(pilot, lambda: footer.tooltip is not None)
        assert "sort" in str(footer.tooltip).lower()


async def test_a_key_that_does_not_fit_is_left_out_whole(tui: Tui) -> None:
    app = tui.app()
    async with tui.run(app, (40, 24)) as pilot:
        await tui.select(pilot, "learning")
        footer = app.screen.query_one(KeyFooter)
        await tui.until(pilot, lambda: "Filter" in drawn(footer))
        line = tui.screen_text(app).splitlines()[-1]
        ends = [end for _, end in drawn(footer).values()]
        assert max(ends) <= 40 and len(drawn(footer)) < 8
        for description, (start, end) in drawn(footer).items():
            assert description in line[start:end]


async def test_the_footer_redraws_when_its_keys_change_and_only_then(tui: Tui) -> None:
    """It keeps the keys it drew until the screen says its bindings changed (Textual says so
    twice per change of focus): `o` lights up for a paper with an OpenReview forum and dims
    again without one; a refresh of the bindings that changes nothing draws nothing."""
    app = tui.app()
    async with tui.run(app) as pilot:
        footer = app.screen.query_one(KeyFooter)
        lines: list[int] = []
        draw = footer.render_line
        footer.render_line = lambda y: (lines.append(y), draw(y))[1]  # type: ignore[method-assign]

        def openreview_lit() -> bool:
            return next(e.enabled for _, _, e in footer.shown if e.description == "OpenReview")

        await tui.select(pilot, "rotary lattice")  # arXiv only
        await tui.until(pilot, lambda: "OpenReview" in drawn(footer) and not openreview_lit())
        lines.clear()
        app.screen.refresh_bindings()
        await tui.settle(pilot)
        assert lines == []
        await tui.select(pilot, "contrastive mirage")  # an OpenReview forum, no arXiv id
        await tui.until(pilot, openreview_lit)
        assert lines
        await tui.select(pilot, "rotary lattice")
        await tui.until(pilot, lambda: not openreview_lit())


async def test_in_the_filter_the_footer_offers_the_key_that_acts_there(tui: Tui) -> None:
    """`?` types into the filter, so there the footer names help's other key, F1 (which opens
    it); in the list, where `?` acts, it names `?`."""
    app = tui.app()
    async with tui.run(app) as pilot:
        footer = app.screen.query_one(KeyFooter)
        await tui.until(pilot, lambda: "Help" in drawn(footer))
        keys = {entry.description: entry.display for _, _, entry in footer.shown}
        assert keys["Help"] == "f1"
        await tui.press(pilot, "question_mark")
        assert app.screen.query_one("#filter").value == "?"  # type: ignore[attr-defined]
        await tui.press(pilot, "f1")
        await tui.until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await tui.press(pilot, "escape")
        await tui.select(pilot, "learning")
        await tui.until(pilot, lambda: "Copy link" in drawn(footer))
        keys = {entry.description: entry.display for _, _, entry in footer.shown}
        assert keys["Help"] == "?"
