"""Tests the app as a person uses it: searching, states, keys, panes, help and the palette."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from paperbrowse.index.models import AddReport
from paperbrowse.index.store import Library
from paperbrowse.tui.app import PaperBrowseApp
from paperbrowse.tui.backend import Backend
from paperbrowse.tui.screens.facets import FacetScreen
from paperbrowse.tui.screens.help import HelpScreen
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.widgets.results import ResultsList
from textual import events
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

if TYPE_CHECKING:
    from conftest import Tui

# -- searching ---------------------------------------------------------------------------------


async def test_the_app_opens_on_every_paper_newest_first(tui: Tui) -> None:
    """With an empty filter every paper is listed, newest list date first, and the status says
    how many and in which order."""
    app = tui.app()
    async with tui.run(app):
        assert tui.status(app) == f"{tui.papers} papers  ·  newest first"
        assert app.screen.query_one("#results", ResultsList).rows.total == tui.papers
        assert app.screen.query_one("#filter", Input).has_focus


async def test_typing_narrows_the_results_and_the_status_count(tui: Tui) -> None:
    """Each keystroke searches: typing `gradient` leaves the two gradient papers, counted."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, *"gradient")
        results = app.screen.query_one("#results", ResultsList)
        titles = {results.paper_at(i).title for i in range(results.rows.total)}
        assert titles == {
            "Tidal Gradient Clipping Stabilises Diffusion Training",
            "Gradient Rivers: Flow-Based Views of Optimisation",
        }
        assert tui.status(app).startswith("2 papers")


async def test_the_detail_pane_shows_the_highlighted_paper(tui: Tui) -> None:
    """The detail pane shows the paper under the cursor, and follows `j`."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "gradient")
        first = tui.text_of(app, "#detail-body")
        results = app.screen.query_one("#results", ResultsList)
        assert first.startswith(results.paper_at(0).title)
        await tui.press(pilot, "j")
        assert tui.text_of(app, "#detail-body").startswith(results.paper_at(1).title)


async def test_a_malformed_query_marks_the_filter_and_keeps_the_last_good_results(
    tui: Tui,
) -> None:
    """`title:(` turns the filter red, explains the error in the status line, and leaves the
    previous results on screen."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "lattice")
        results = app.screen.query_one("#results", ResultsList)
        good = [results.paper_at(i).key for i in range(results.rows.total)]
        assert len(good) == 2
        await tui.search(pilot, "title:(")
        assert app.screen.query_one("#filter", Input).has_class("-bad-query")
        status = tui.status(app)
        assert "unclosed '('" in status
        assert "at column 7" in status
        assert "showing the last good results" in status
        assert [results.paper_at(i).key for i in range(results.rows.total)] == good


async def test_fixing_a_malformed_query_clears_the_error_mark(tui: Tui) -> None:
    """Once the query parses again the filter loses its error mark and the count returns."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "title:(")
        await tui.search(pilot, "title:(lattice)")
        assert not app.screen.query_one("#filter", Input).has_class("-bad-query")
        assert tui.status(app).startswith("2 papers")


async def test_no_hits_says_no_papers_match_and_offers_whooshs_correction(tui: Tui) -> None:
    """A misspelt query finds nothing; the status says so and suggests the spelling the
    titles use."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "latice")
        status = tui.status(app)
        assert status.startswith("No papers match.")
        assert "Did you mean lattice?" in status


async def test_enter_in_the_filter_applies_the_did_you_mean_correction(tui: Tui) -> None:
    """With no hits and a suggestion, enter in the filter searches the suggestion instead."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "latice")
        await tui.press(pilot, "enter")
        assert app.screen.query_one("#filter", Input).value == "lattice"
        assert tui.status(app).startswith("2 papers  ·")


async def test_no_hits_without_a_suggestion_just_says_so(tui: Tui) -> None:
    """A query nothing resembles gets the plain "No papers match." and no suggestion."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "zzzqqqxxx")
        assert tui.status(app) == "No papers match."


async def test_enter_in_the_filter_moves_the_focus_to_the_list(tui: Tui) -> None:
    """Enter in the filter (with hits) hands the keys to the result list; `/` takes them back."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        assert app.screen.query_one("#results", ResultsList).has_focus
        await tui.press(pilot, "slash")
        assert app.screen.query_one("#filter", Input).has_focus


def type_ahead(app: PaperBrowseApp, keys: str) -> None:
    """Queue keys all at once, as a fast typist, a paste or `tmux send-keys` delivers them
    (Pilot's press waits for the app between keys, which hides ordering bugs)."""
    for char in keys:
        key = {"/": "slash", " ": "space", "\r": "enter"}.get(char, char)
        app._driver.send_message(events.Key(key, char))


TYPE_AHEAD = (
    "known limitation: the app routes each key to the widget focused when it handles the key, "
    "and `/` (a screen binding) and enter (the filter's Submitted message) move the focus only "
    "after the keys already queued behind them were routed"
)


@pytest.mark.xfail(strict=True, reason=TYPE_AHEAD)
async def test_keys_typed_right_after_slash_go_to_the_filter(
    tui: Tui, no_system_clipboard: str
) -> None:
    """`/lattice` typed in one go searches `lattice`: the keys after `/` reach the filter,
    none of them is taken as a list command (`a` copy, `c` copy, …)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        type_ahead(app, "/lattice")
        await tui.settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "lattice"
        assert tui.status(app).startswith("2 papers")
        assert app.clipboard == ""


@pytest.mark.xfail(strict=True, reason=TYPE_AHEAD)
async def test_keys_typed_right_after_enter_go_to_the_list(
    tui: Tui, no_system_clipboard: str
) -> None:
    """Enter then `c` typed in one go copies the first hit's link rather than typing `c`
    into the filter."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "rotary lattice")
        type_ahead(app, "\rc")
        await tui.settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "rotary lattice"
        assert app.clipboard == "https://arxiv.org/abs/2205.01111"


async def test_escape_leaves_the_filter(tui: Tui) -> None:
    """Escape in the filter moves the focus to the list, keeping the query."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "lattice")
        await tui.press(pilot, "escape")
        assert app.screen.query_one("#results", ResultsList).has_focus
        assert app.screen.query_one("#filter", Input).value == "lattice"


async def test_list_keys_move_the_cursor(tui: Tui) -> None:
    """j/k/down/up move by one, G/g jump to the ends, pgdn/pgup move by a page (clamped)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        results = app.screen.query_one("#results", ResultsList)
        await tui.press(pilot, "j", "down")
        assert results.cursor == 2
        await tui.press(pilot, "k")
        assert results.cursor == 1
        await tui.press(pilot, "G")
        assert results.cursor == tui.papers - 1
        await tui.press(pilot, "g")
        assert results.cursor == 0
        await tui.press(pilot, "pagedown")
        assert results.cursor == tui.papers - 1
        await tui.press(pilot, "pageup")
        assert results.cursor == 0


# -- states ------------------------------------------------------------------------------------


async def test_an_empty_index_shows_the_empty_state_with_the_demo_button(tui: Tui) -> None:
    """With no papers the list and detail pane give way to instructions and a demo button."""
    app = tui.app(empty=True)
    async with tui.run(app):
        screen = app.screen
        assert screen.query_one("#empty").display
        assert not screen.query_one("#results").display
        assert not screen.query_one("#detail").display
        assert "No papers yet." in tui.text_of(app, "#empty-text")
        assert screen.query_one("#open-demo").display


async def test_an_empty_index_with_a_query_still_shows_the_empty_state(tui: Tui) -> None:
    """Typing into an empty index keeps the empty state rather than saying nothing matches."""
    app = tui.app(empty=True)
    async with tui.run(app) as pilot:
        await tui.search(pilot, "lattice")
        assert app.screen.query_one("#empty").display
        assert "No papers match" not in tui.status(app)


class GatedBackend(Backend):
    """A backend whose `add` waits for the test to open the gate, so progress can be seen."""

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self.gate = threading.Event()
        self.started = threading.Event()

    def add(self, paths: list[str], progress: Callable[[int, int, str], None]) -> AddReport:
        self.started.set()
        assert self.gate.wait(10), "the test never opened the gate"
        return super().add(paths, progress)


async def test_adding_paths_shows_the_adding_row_then_the_papers(tui: Tui) -> None:
    """`paperbrowse PATH` on an empty index shows the adding row (not the empty state) while
    the lists are read, then hides it, lists the papers and sums up what was added."""
    app = tui.app(empty=True, paths=[str(tui.fixtures)], backend=GatedBackend)
    backend = app.backend
    async with tui.run(app, settle=False) as pilot:
        await tui.until(pilot, backend.started.is_set)
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#adding").display
        assert tui.text_of(app, "#adding-label").startswith("Adding")
        assert not screen.query_one("#empty").display
        backend.gate.set()
        await tui.settle(pilot)
        assert not screen.query_one("#adding").display
        assert screen.query_one("#results", ResultsList).rows.total == tui.papers
        assert tui.status(app).startswith(f"{tui.papers} papers")
        assert any(n.startswith(f"Added {tui.papers} new papers") for n in app.notified)


async def test_adding_reports_progress_per_list(tui: Tui, progress_labels: list[str]) -> None:
    """While lists are added the adding row names the list being read and counts them."""
    app = tui.app(empty=True, paths=[str(tui.fixtures)])
    async with tui.run(app):
        pass
    assert progress_labels, "no progress was shown"
    assert all(label.startswith("Adding ") and "/3: " in label for label in progress_labels)
    assert progress_labels[-1].startswith("Adding 3/3: ")


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
        assert "copy the primary link" in tui.screen_text(app)
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
