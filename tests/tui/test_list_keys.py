"""Keys on the result list: sort, related, facets, detail, layout, help, quit, palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperbrowse.tui.keydocs import key_rows
from paperbrowse.tui.screens.facets import FacetScreen
from paperbrowse.tui.screens.help import HelpScreen
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.widgets.results import ResultsList
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

if TYPE_CHECKING:
    from conftest import Tui

# -- keys on the list --------------------------------------------------------------------------


async def test_s_cycles_the_sort_through_relevance_date_popularity_and_title(tui: Tui) -> None:
    """Each `s` moves to the next sort, which the status line names and the rows follow."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        results = app.screen.query_one("#results", ResultsList)
        seen = []
        for _ in range(4):
            await tui.press(pilot, "s")
            seen.append(tui.status(app).rsplit("sorted by ", 1)[-1])
            if seen[-1] == "popularity":
                assert results.paper_at(0).retweets == 930
        # Back at relevance, an empty filter has nothing to rank by: newest first, said so.
        assert seen[:3] == ["date", "popularity", "title"]
        assert seen[3].endswith("newest first")


async def test_r_shows_related_papers_and_escape_returns_to_the_search(tui: Tui) -> None:
    """`r` lists papers like the highlighted one, saying so in the status; escape goes back to
    the search as it was."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")
        results = app.screen.query_one("#results", ResultsList)
        source = results.highlighted
        assert source.title.startswith("Rotary Lattice")
        await tui.press(pilot, "r")
        status = tui.status(app)
        assert "related to Rotary Lattice Embeddings" in status
        related = [results.paper_at(i).title for i in range(results.rows.total)]
        assert "Sparse Lattice Priors for Graph Generation" in related
        assert source.title not in related
        await tui.press(pilot, "escape")
        assert "related to" not in tui.status(app)
        assert app.screen.query_one("#filter", Input).value == "rotary lattice"
        assert results.highlighted.title.startswith("Rotary Lattice")


async def test_f_adds_the_chosen_facet_to_the_filter(tui: Tui) -> None:
    """`f` opens the facet picker; choosing the ICLR venue appends `venue:iclr` to the query
    and narrows the results to ICLR papers."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "learning")
        await tui.press(pilot, "f")
        picker = app.screen
        assert isinstance(picker, FacetScreen)
        options = picker.query_one(OptionList)
        iclr = [(f.field, f.value) for f in picker.facets].index(("venue", "ICLR"))
        options.highlighted = iclr
        await tui.press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#filter", Input).value == "learning venue:iclr"
        results = app.screen.query_one("#results", ResultsList)
        assert results.rows.total > 0
        assert {results.paper_at(i).venue for i in range(results.rows.total)} == {"ICLR"}


async def test_escape_closes_the_facet_picker_without_changing_the_query(tui: Tui) -> None:
    """Escape in the facet picker leaves the filter as it was."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "learning")
        await tui.press(pilot, "f")
        assert isinstance(app.screen, FacetScreen)
        await tui.press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#filter", Input).value == "learning"


async def test_d_toggles_the_detail_pane(tui: Tui) -> None:
    """`d` hides the detail pane (the list takes the width) and `d` again shows it."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        detail = app.screen.query_one("#detail")
        results = app.screen.query_one("#results")
        width = results.region.width
        await tui.press(pilot, "d")
        assert not detail.display
        assert results.region.width > width
        await tui.press(pilot, "d")
        assert detail.display
        assert results.region.width == width


async def test_a_wide_terminal_puts_the_panes_side_by_side(tui: Tui) -> None:
    """At 120 columns the detail pane sits to the right of the list."""
    app = tui.app()
    async with tui.run(app):
        results = app.screen.query_one("#results").region
        detail = app.screen.query_one("#detail").region
        assert not app.screen.has_class("narrow")
        assert detail.x >= results.right
        assert detail.y == results.y


async def test_a_narrow_terminal_stacks_the_panes(tui: Tui) -> None:
    """At 80x24 the detail pane sits below the list, both full width."""
    app = tui.app()
    async with tui.run(app, tui.narrow):
        results = app.screen.query_one("#results").region
        detail = app.screen.query_one("#detail").region
        assert app.screen.has_class("narrow")
        assert detail.y >= results.bottom
        assert (detail.x, detail.width) == (results.x, results.width)
        assert results.height >= 3


async def test_enter_on_a_paper_brings_back_a_hidden_detail_pane_when_narrow(tui: Tui) -> None:
    """Narrow, with the detail pane hidden, enter on a paper shows the pane again."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.press(pilot, "enter", "d")
        assert not app.screen.query_one("#detail").display
        await tui.press(pilot, "enter")
        assert app.screen.query_one("#detail").display


async def test_question_mark_opens_help_and_escape_closes_it(tui: Tui) -> None:
    """`?` on the list opens the help screen with the keys; escape closes it."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.rows == key_rows()  # every documented key, in the README's order
        assert "Copy the primary link" in tui.screen_text(app)
        await tui.press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_f1_opens_help_while_typing_in_the_filter(tui: Tui) -> None:
    """F1 (which the filter's placeholder advertises) opens help even from the filter, where
    `?` is text."""
    app = tui.app()
    async with tui.run(app) as pilot:
        assert app.screen.query_one("#filter", Input).has_focus
        await tui.press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_q_quits(tui: Tui) -> None:
    """`q` on the list ends the app."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await pilot.press("enter", "q")
        await tui.until(pilot, lambda: not app.is_running)


async def test_the_palette_lists_the_paper_commands(tui: Tui) -> None:
    """ctrl+p opens the command palette, which offers "Copy arXiv URL" among the commands."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"arxiv")
        await tui.settle(pilot)
        commands = app.screen.query_one(CommandList)
        await tui.until(pilot, lambda: commands.option_count > 0)
        prompts = [str(option.prompt) for option in commands.options]
        assert any("Copy arXiv URL" in prompt for prompt in prompts), prompts
