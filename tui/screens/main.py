"""Provides MainScreen: the filter bar, the result list and the detail pane."""

from __future__ import annotations

from paperbrowse.index.library import SORTS, is_plain
from paperbrowse.index.models import Paper
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.events import Key, Resize
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Static
from textual.worker import get_current_worker

from ..backend import Backend, Outcome
from ..marking import MarkActions, MarkedResultsList
from ..memory import TICK, MemoryKeeper
from ..messages import CountsReady, IndexChanged, SearchFinished
from ..pacing import Pacer
from ..probe import PROBE, write_probe
from ..progress import AddProgress
from ..selection import SelectionActions
from ..status import empty_state, error_text, facet_line, status_text
from ..widgets.adding import AddingRow
from ..widgets.detail import DetailPane
from ..widgets.filter import FilterInput
from ..widgets.footer import KeyFooter
from ..widgets.results import ResultsList
from .adding import AddActions
from .ahead import pass_on
from .links import LinkActions
from .main_keys import MAIN_BINDINGS

NARROW = 100
"""Below this many columns the panes stack and the detail pane can be toggled."""
SHORT = 20
"""Below this many rows the facet line is dropped, so the list keeps room for three rows."""


class MainScreen(AddActions, SelectionActions, MarkActions, LinkActions):
    """Search as you type; read the highlighted paper; copy its links; mark it.

    Its keys are its BINDINGS (and those of the mixins it inherits): the help screen, the
    palette and the README's key table are made from them (`keymap`)."""

    BINDINGS: list[BindingType] = MAIN_BINDINGS

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's, without its repaint of the whole screen on every change of focus (10-15 ms
    at 100k papers): the widgets the focus leaves and enters redraw themselves, as their
    styles change, and the footer its keys."""

    def __init__(
        self, backend: Backend, paths: list[str] | None = None, index_hint: str | None = None
    ) -> None:
        super().__init__()
        self.backend = backend
        self.paths = paths or []
        """Lists to add once the screen is up (`paperbrowse PATH…`)."""
        self.index_hint = index_hint
        """The `--index` the app was started with (None: the default index)."""
        self.adding_progress = AddProgress()
        self._adding_timer: Timer | None = None
        self.sort = "relevance"
        self.outcome: Outcome | None = None
        self.memory = MemoryKeeper()
        """Runs the garbage collector when it cannot stall typing (see `memory`)."""
        self.pacer = Pacer()
        """The GIL changes hands every millisecond while this screen is up (see `pacing`)."""
        self.adding = False
        self._probed = False
        self._has_forum = False
        """Whether the footer now lights `o` (the highlighted paper has an OpenReview link)."""
        self.activity: Text | None = None
        """What a running fetch says: the status line shows it, not the search's line."""

    def compose(self) -> ComposeResult:
        with Vertical(id="top"):
            yield FilterInput(
                placeholder="Search titles, authors, abstracts…  (title: author: "
                "venue: year:[2021 TO 2023] cat: source:)   F1 help",
                id="filter",
            )
            yield Static(id="status")
            yield Static(id="facets")
        yield AddingRow(id="adding")
        with Container(id="body"):
            yield MarkedResultsList(id="results")
            yield DetailPane(id="detail")
            with Vertical(id="empty"):
                yield Static(id="empty-text")
                yield Button("Open the built-in demo", id="open-demo", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#adding").display = False
        self.query_one("#empty").display = False  # until a search says the index is empty
        self.query_one("#filter", Input).focus()
        self.set_interval(2.0, self.check_index)
        self.memory.start()
        self.set_interval(TICK, self.memory.tick)
        self.pacer.start()
        if self.paths:
            self.add_paths(self.paths)
        self.search()

    def on_unmount(self) -> None:
        self.memory.stop()
        self.pacer.stop()

    async def on_key(self, event: Key) -> None:
        """Any key (typing, scrolling) postpones the next full collection. Its binding runs
        here, in the order typed, not once the key has reached the app (see `ahead`), and a
        key typed behind one that opened another screen goes to that screen."""
        self.memory.busy()
        if not pass_on(self, event) and await self.app._check_bindings(event.key):
            event.stop()  # Textual 8.2.8 (pinned) names this step only privately
            event.prevent_default()

    # -- searching -------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#filter", Input).value

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.search()

    def search(self) -> None:
        self.memory.busy()
        self.run_search(self.query_text, self.sort)
        self.backend.interrupt()  # the search this one replaced is cancelled: stop it now

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str, sort: str) -> None:
        """Search in a thread; a newer keystroke cancels this one's result."""
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled

        # Titles and authors first (small posting lists), then the abstracts too, then the
        # total and facets; a newer keystroke interrupts whichever step is running.
        for quick in (True, False) if is_plain(text) else (False,):
            outcome = self.backend.search(text, sort, quick=quick, should_stop=stale)
            if outcome is None or stale():
                return
            self.post_message(SearchFinished(outcome))
            if outcome.error is not None:
                return
        counted = self.backend.complete(outcome, should_stop=stale)
        if counted is not None and not stale():
            self.post_message(CountsReady(counted))

    @on(SearchFinished)
    def search_finished(self, message: SearchFinished) -> None:
        self.show_outcome(message.outcome)

    def show_outcome(self, outcome: Outcome) -> None:
        if outcome.related_to is None and (
            outcome.text != self.query_text or outcome.sort != self.sort
        ):
            return  # a stale search finished after a newer one was asked for
        filter_input = self.query_one("#filter", Input)
        if outcome.error is not None:
            filter_input.add_class("-bad-query")
            self.set_status(error_text(outcome.error))
            return
        filter_input.remove_class("-bad-query")
        self.outcome = outcome
        self.query_one("#results", ResultsList).show(outcome.rows)
        self.show_facets()
        self.update_status()
        self.update_empty_state()
        if PROBE and not self._probed:
            self._probed = True
            self.call_after_refresh(self._startup_probe)

    def _startup_probe(self) -> None:
        write_probe(self.outcome.rows.total if self.outcome else 0)
        self.app.exit()

    @on(CountsReady)
    def show_counts(self, message: CountsReady) -> None:
        """The second half of a search: exact total, facets, did-you-mean."""
        outcome = message.outcome
        if self.outcome is None or self.outcome.results is not outcome.results:
            return
        self.outcome = outcome
        self.query_one("#results", ResultsList).update_total(outcome.rows.total)
        self.show_facets()
        self.update_status()

    def show_facets(self) -> None:
        """The facet line, fitted to the width it has now."""
        line = self.query_one("#facets", Static)
        width = line.content_region.width or self.size.width - 4
        if self.outcome is not None:
            line.update(facet_line(self.outcome, width), layout=False)  # always one line

    def update_status(self) -> None:
        """The search's line, or what a running fetch says (until it ends)."""
        if self.activity is not None:
            self.set_status(self.activity)
        elif self.outcome is not None:
            self.set_status(status_text(self.outcome, self.sort, self.backend.demo))

    def set_status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text, layout=False)  # always one line

    def update_empty_state(self) -> None:
        empty = self.outcome is not None and self.outcome.library_size == 0 and not self.adding
        self.query_one("#empty").display = empty
        self.query_one("#results").display = not empty
        self.query_one("#detail").display = not empty and not self.has_class("-hide-detail")
        if empty:
            self.query_one("#empty-text", Static).update(empty_state(self.index_hint))

    @work(thread=True, group="watch", exclusive=True, exit_on_error=False)
    def check_index(self) -> None:
        """Pick up papers another `paperbrowse add` committed, without a restart (in a
        thread: looking takes the index lock, which a running search may hold)."""
        if not self.adding and self.backend.changed_on_disk():
            self.post_message(IndexChanged())

    @on(IndexChanged)
    def index_changed(self) -> None:
        self.search()

    @on(ResultsList.Highlighted)
    def highlighted(self, event: ResultsList.Highlighted) -> None:
        terms = self.outcome.terms if self.outcome else ()
        typing = self.focused is not None and self.focused.id == "filter"
        self.query_one("#detail", DetailPane).show(event.paper, terms, soon=typing)
        has_forum = event.paper is not None and event.paper.urls.openreview is not None
        if has_forum != self._has_forum:  # the footer lights `o` only where it can act
            self._has_forum = has_forum  # (only dims or lights `o`: see KeyFooter)
            self.refresh_bindings()

    def set_filter(self, text: str) -> None:
        """Replace the filter's text, the cursor at its end: what is typed next extends it,
        and ctrl+u (delete left of the cursor) clears all of it."""
        field = self.query_one("#filter", Input)
        field.value = text
        field.cursor_position = len(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The focus keys act only where they mean something (else the key goes on to the
        widget: `/` is text in the filter); `o` copies only where there is a forum (elsewhere
        it says there is none, and the footer shows it dimmed, or not at all when narrow)."""
        focused = self.focused
        in_filter = focused is not None and focused.id == "filter"
        if action == "focus_filter":
            return not in_filter
        if action == "submit":
            return in_filter
        if action in ("copy", "missing") and parameters == ("openreview",):
            paper = self.query_one("#results", ResultsList).highlighted
            has_forum = paper is not None and paper.urls.openreview is not None
            if action == "missing":
                return not has_forum
            if has_forum:
                return True
            # Dimmed, in its place (lighting it then is a repaint, not a rebuild of the
            # footer: see KeyFooter); where the footer is full, not shown.
            return False if self.has_class("narrow") else None
        return True

    def action_submit(self) -> None:
        """Enter in the filter: with no hits and a did-you-mean, search the suggestion;
        otherwise go to the list."""
        outcome = self.outcome
        unmatched = outcome is not None and (
            outcome.rows.total == 0 or (outcome.results is not None and outcome.results.relaxed)
        )
        if outcome is not None and unmatched and outcome.correction:
            self.set_filter(outcome.correction)
            return
        self.set_focus(self.query_one("#results", ResultsList))

    def action_missing(self, kind: str) -> None:
        """A copy key for a link this paper lacks: say so (action_copy does)."""
        self.action_copy(kind)

    def action_read(self) -> None:
        """The highlighted paper full-screen, to read it to the end."""
        from .reading import ReadingScreen

        if (paper := self._paper()) is not None:
            self.app.push_screen(ReadingScreen(paper, self.outcome.terms if self.outcome else ()))

    @on(ResultsList.Selected)
    def selected(self) -> None:
        if self.has_class("narrow") and self.has_class("-hide-detail"):
            self.action_toggle_detail()

    # -- actions ---------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        # set_focus now, not focus() (deferred): keys typed right after `/` go to the filter.
        self.set_focus(self.query_one("#filter", Input))

    def action_leave(self) -> None:
        """Escape: in the list, clear the selection if any; else back to the search."""
        if self.focused is self.query_one("#results") and self.clear_paper_selection():
            return
        if self.outcome is not None and self.outcome.related_to is not None:
            self.search()
        self.set_focus(self.query_one("#results", ResultsList))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Sorted by {self.sort}", timeout=2)
        self.search()

    def _paper(self) -> Paper | None:
        paper = self.query_one("#results", ResultsList).highlighted
        if paper is None:
            self.notify("No paper is selected.", severity="warning", timeout=3)
        return paper

    def action_related(self) -> None:
        paper = self._paper()
        if paper is not None:
            self.run_related(paper)
            self.backend.interrupt()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_related(self, paper) -> None:  # type: ignore[no-untyped-def]
        outcome = self.backend.related(paper, self.sort)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(outcome))

    def action_facets(self) -> None:
        from .facets import FacetScreen

        if self.outcome is None or not any(self.outcome.facets.values()):
            self.notify("No facets for these results.", timeout=3)
            return
        self.app.push_screen(FacetScreen(self.outcome.facets), self.add_facet)

    def add_facet(self, term: str | None) -> None:
        """Narrow the query by a facet's term, unless it already is."""
        if not term:
            return
        current = self.query_text.strip()
        if term.lower() in current.lower().split():
            self.notify(f"The search is narrowed to {term} already.", timeout=3, markup=False)
            return
        self.set_filter(f"{current} {term}".strip())

    def action_fetch_today(self) -> None:
        """`F`: fetch today's Hugging Face list (see `fetching`)."""
        from ..fetching import fetch_today

        fetch_today(self)

    def action_toggle_detail(self) -> None:
        self.toggle_class("-hide-detail")
        self.update_empty_state()

    @on(Button.Pressed, "#open-demo")
    def open_demo(self) -> None:
        self.app.run_action("demo")

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW
        if narrow != self.has_class("narrow"):
            self.set_class(narrow, "narrow")
            self.refresh_bindings()  # the footer keeps a dimmed `o` only where it has room
        self.set_class(event.size.height < SHORT, "short")
        self.call_after_refresh(self.show_facets)
