"""Tests the app as a person uses it: searching, type-ahead, moving in the list, and the states
(empty index, adding in progress)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from paperbrowse.index.library import Library
from paperbrowse.index.models import AddReport
from paperbrowse.tui.backend import Backend
from paperbrowse.tui.widgets.results import ResultsList
from textual.widgets import Input

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
        first = tui.detail_text(app)
        results = app.screen.query_one("#results", ResultsList)
        assert first.startswith(results.paper_at(0).title)
        await tui.press(pilot, "j")
        assert tui.detail_text(app).startswith(results.paper_at(1).title)


async def test_a_malformed_query_marks_the_filter_and_keeps_the_last_good_results(
    tui: Tui,
) -> None:
    """`year:abc` turns the filter red, explains the error in the status line, and leaves the
    previous results on screen."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "lattice")
        results = app.screen.query_one("#results", ResultsList)
        good = [results.paper_at(i).key for i in range(results.rows.total)]
        assert len(good) == 2
        await tui.search(pilot, "year:abc")
        assert app.screen.query_one("#filter", Input).has_class("-bad-query")
        status = tui.status(app)
        assert "year takes numbers" in status
        assert "at column 6" in status
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


async def test_keys_typed_right_after_slash_go_to_the_filter(
    tui: Tui, no_system_clipboard: str
) -> None:
    """`/lattice` typed in one go searches `lattice`: the keys after `/` reach the filter,
    none of them is taken as a list command (`a` copy, `c` copy, …)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        tui.type_ahead(app, "/lattice")
        await tui.settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "lattice"
        assert tui.status(app).startswith("2 papers")
        assert app.clipboard == ""


async def test_keys_typed_right_after_enter_go_to_the_list(
    tui: Tui, no_system_clipboard: str
) -> None:
    """Enter then `c` typed in one go copies the first hit's link rather than typing `c`
    into the filter."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "rotary lattice")
        tui.type_ahead(app, "\rc")
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


async def test_adding_reports_progress_per_list_then_per_paper(
    tui: Tui, progress_labels: list[str]
) -> None:
    """While lists are added the adding row names the list being read and counts them, then
    counts the papers written to the index, then says the index is being saved."""
    app = tui.app(empty=True, paths=[str(tui.fixtures)])
    async with tui.run(app):
        pass
    assert progress_labels, "no progress was shown"
    stages = [label.split(" ", 1)[0] for label in progress_labels]
    assert stages == sorted(stages, key=["Adding", "Reading", "Indexing", "Saving"].index)
    reading = [label for label in progress_labels if label.startswith("Reading ")]
    assert all("/3 files: " in label for label in reading)
    assert reading[-1].startswith("Reading 3/3 files: ")
    done = f"Indexing {tui.papers}/{tui.papers} papers"
    assert any(label.startswith(done) for label in progress_labels), progress_labels
    assert progress_labels[-1].startswith(f"Saving the index ({tui.papers} papers)… 0:0")
