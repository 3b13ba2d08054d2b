"""Provides MainScreen: the filter bar, the result list and the detail pane."""

from __future__ import annotations

from paperbrowse.index.clean import display_safe
from paperbrowse.index.search import SORTS
from paperbrowse.index.typed import is_plain
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, ProgressBar, Static
from textual.worker import get_current_worker

from ..backend import Backend, Outcome, copy_target
from ..clipboard import copy
from ..marking import MarkedResultsList
from ..probe import PROBE, write_probe
from ..status import EMPTY_STATE, error_text, facet_line, status_text
from ..widgets.detail import DetailPane
from ..widgets.results import ResultsList

NARROW = 100
"""Below this many columns the panes stack and the detail pane can be toggled."""

COPY_KINDS = {
    "primary": "the primary link",
    "arxiv": "the arXiv URL",
    "pdf": "the arXiv PDF URL",
    "openreview": "the OpenReview URL",
    "markdown": "a Markdown link",
    "bibtex": "a BibTeX entry",
}


class MainScreen(Screen[None]):
    """Search as you type; read the highlighted paper; copy its links.

    | Key | Action |
    | :- | :- |
    | `/` | Focus the filter. |
    | `escape` | Leave the filter (or go back from related papers). |
    | `c` `a` `p` `o` | Copy the primary / arXiv / PDF / OpenReview link. |
    | `m` `b` | Copy a Markdown link / a BibTeX entry. |
    | `w` | Open the primary link in the browser. |
    | `s` | Cycle the sort. |
    | `r` | Papers related to the highlighted one. |
    | `f` | Narrow by a facet. |
    | `d` | Show or hide the detail pane. |
    """

    BINDINGS: list[BindingType] = [
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("escape", "leave", "Back", show=False),
        Binding("c", "copy('primary')", "Copy link"),
        Binding("a", "copy('arxiv')", "arXiv", show=False),
        Binding("p", "copy('pdf')", "PDF", show=False),
        Binding("o", "copy('openreview')", "OpenReview"),
        Binding("m", "copy('markdown')", "Markdown", show=False),
        Binding("b", "copy('bibtex')", "BibTeX", show=False),
        Binding("w", "open_link", "Open", show=False),
        Binding("s", "cycle_sort", "Sort"),
        Binding("r", "related", "Related"),
        Binding("f", "facets", "Facets", show=False),
        Binding("d", "toggle_detail", "Detail", show=False),
    ]

    def __init__(self, backend: Backend, paths: list[str] | None = None) -> None:
        super().__init__()
        self.backend = backend
        self.paths = paths or []
        """Lists to add once the screen is up (`paperbrowse PATH…`)."""
        self.sort = "relevance"
        self.outcome: Outcome | None = None
        self.adding = False
        self._probed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="top"):
            yield Input(
                placeholder="Search titles, authors, abstracts…  (title: author: "
                "venue: year:[2021 TO 2023] cat: source:)   F1 help",
                id="filter",
            )
            yield Static(id="status")
            yield Static(id="facets")
        with Horizontal(id="adding"):
            yield Static("Adding lists…", id="adding-label")
            yield ProgressBar(id="adding-bar", show_eta=False)
        with Container(id="body"):
            yield MarkedResultsList(id="results")
            yield DetailPane(id="detail")
            with Vertical(id="empty"):
                yield Static(id="empty-text")
                yield Button("Open the built-in demo", id="open-demo", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#adding").display = False
        self.query_one("#filter", Input).focus()
        self.set_interval(2.0, self.check_index)
        if self.paths:
            self.add_paths(self.paths)
        self.search()

    # -- searching -------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#filter", Input).value

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.search()

    def search(self) -> None:
        self.run_search(self.query_text, self.sort)

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
            self.app.call_from_thread(self.show_outcome, outcome)
            if outcome.error is not None:
                return
        counted = self.backend.complete(outcome, should_stop=stale)
        if counted is not None and not stale():
            self.app.call_from_thread(self.show_counts, counted)

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
        self.query_one("#facets", Static).update(facet_line(outcome))
        self.update_status()
        self.update_empty_state()
        if PROBE and not self._probed:
            self._probed = True
            self.call_after_refresh(self._startup_probe)

    def _startup_probe(self) -> None:
        write_probe(self.outcome.rows.total if self.outcome else 0)
        self.app.exit()

    def show_counts(self, outcome: Outcome) -> None:
        """The second half of a search: exact total, facets, did-you-mean."""
        if self.outcome is None or self.outcome.results is not outcome.results:
            return
        self.outcome = outcome
        self.query_one("#results", ResultsList).update_total(outcome.rows.total)
        self.query_one("#facets", Static).update(facet_line(outcome))
        self.update_status()

    def update_status(self) -> None:
        if self.outcome is not None:
            self.set_status(status_text(self.outcome, self.sort, self.backend.demo))

    def set_status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text)

    def update_empty_state(self) -> None:
        empty = self.outcome is not None and self.outcome.library_size == 0 and not self.adding
        self.query_one("#empty").display = empty
        self.query_one("#results").display = not empty
        self.query_one("#detail").display = not empty and not self.has_class("-hide-detail")
        if empty:
            self.query_one("#empty-text", Static).update(EMPTY_STATE)

    @work(thread=True, group="watch", exclusive=True, exit_on_error=False)
    def check_index(self) -> None:
        """Pick up papers another `paperbrowse add` committed, without a restart (in a
        thread: looking takes the index lock, which a running search may hold)."""
        if not self.adding and self.backend.changed_on_disk():
            self.app.call_from_thread(self.search)

    @on(ResultsList.Highlighted)
    def highlighted(self, event: ResultsList.Highlighted) -> None:
        terms = self.outcome.terms if self.outcome else ()
        self.query_one("#detail", DetailPane).show(event.paper, terms)

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        outcome = self.outcome
        unmatched = outcome is not None and (
            outcome.rows.total == 0 or (outcome.results is not None and outcome.results.relaxed)
        )
        if outcome is not None and unmatched and outcome.correction:
            self.query_one("#filter", Input).value = outcome.correction
            return
        self.set_focus(self.query_one("#results", ResultsList))

    @on(ResultsList.Selected)
    def selected(self) -> None:
        if self.has_class("narrow") and self.has_class("-hide-detail"):
            self.action_toggle_detail()

    # -- actions ---------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        # set_focus now, not focus() (deferred): keys typed right after `/` go to the filter.
        self.set_focus(self.query_one("#filter", Input))

    def action_leave(self) -> None:
        if self.outcome is not None and self.outcome.related_to is not None:
            self.search()
        self.set_focus(self.query_one("#results", ResultsList))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Sorted by {self.sort}", timeout=2)
        self.search()

    def _paper(self):  # type: ignore[no-untyped-def]
        paper = self.query_one("#results", ResultsList).highlighted
        if paper is None:
            self.notify("No paper is selected.", severity="warning", timeout=3)
        return paper

    def action_copy(self, kind: str) -> None:
        paper = self._paper()
        if paper is None:
            return
        text, what = copy_target(paper, kind)
        if text is None:
            self.notify(
                f"This paper has no {what}; the clipboard is unchanged.",
                severity="warning",
                timeout=4,
            )
            return
        self.copy_in_background(text, what)

    @work(thread=True, group="clipboard", exit_on_error=False)
    def copy_in_background(self, text: str, what: str) -> None:
        """pyperclip may be slow or hang; it runs here, bounded, never on the UI thread."""
        outcome = copy(text, lambda t: self.app.call_from_thread(self.app.copy_to_clipboard, t))
        shown = display_safe(text if "\n" not in text else text.splitlines()[0] + " …")
        message = f"Copied {what} {shown} to {outcome.via}"
        if outcome.reason:
            message += f" (system clipboard unavailable: {outcome.reason})"
        # Titles and URLs are data: never parsed as markup (`[/]` would crash the toast).
        self.app.call_from_thread(self.notify, message, timeout=5, markup=False)

    def action_open_link(self) -> None:
        paper = self._paper()
        if paper is not None:
            url, what = copy_target(paper, "primary")
            assert url is not None
            self.app.open_url(url)
            self.notify(f"Opened {what} {url}", timeout=4, markup=False)

    def action_related(self) -> None:
        paper = self._paper()
        if paper is not None:
            self.run_related(paper)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_related(self, paper) -> None:  # type: ignore[no-untyped-def]
        outcome = self.backend.related(paper, self.sort)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_outcome, outcome)

    def action_facets(self) -> None:
        from .facets import FacetScreen

        if self.outcome is None or not any(self.outcome.facets.values()):
            self.notify("No facets for these results.", timeout=3)
            return
        self.app.push_screen(FacetScreen(self.outcome.facets), self.add_facet)

    def add_facet(self, term: str | None) -> None:
        if term:
            current = self.query_text.strip()
            self.query_one("#filter", Input).value = f"{current} {term}".strip()

    def action_toggle_detail(self) -> None:
        self.toggle_class("-hide-detail")
        self.update_empty_state()

    @on(Button.Pressed, "#open-demo")
    def open_demo(self) -> None:
        self.app.run_action("demo")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    # -- adding ----------------------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        self.adding = True
        self.query_one("#adding").display = True
        self.run_add(paths)

    @work(thread=True, group="add", exit_on_error=False)
    def run_add(self, paths: list[str]) -> None:
        def progress(done: int, total: int, path: str) -> None:
            self.app.call_from_thread(self.show_progress, done, total, path)

        try:
            report = self.backend.add(paths, progress)
        except Exception as error:
            self.app.call_from_thread(self.finish_add, None, str(error))
            return
        self.app.call_from_thread(self.finish_add, report, None)

    def show_progress(self, done: int, total: int, path: str) -> None:
        self.query_one("#adding-bar", ProgressBar).update(total=total, progress=done)
        name = path.rsplit("/", 1)[-1]
        self.query_one("#adding-label", Static).update(Text(f"Adding {done}/{total}: {name}"))

    def finish_add(self, report, error: str | None) -> None:  # type: ignore[no-untyped-def]
        self.adding = False
        self.query_one("#adding").display = False
        if error is not None:
            self.notify(f"Adding failed: {error}", severity="error", timeout=10, markup=False)
        else:
            summary = (
                f"Added {report.papers_new} new papers ({report.files_read} lists read, "
                f"{report.files_unchanged} unchanged, {report.files_failed} failed)"
            )
            self.notify(summary, timeout=6)
            for problem in report.problems[:5]:
                self.notify(str(problem), severity="warning", timeout=10, markup=False)
        self.search()
