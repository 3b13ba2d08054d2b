"""Provides the selection: `space` selects the highlighted paper, `A` every result (again:
none), escape in the list clears it; the copy keys `b` and `m`, the mark keys and export
then act on the selected papers (SelectionActions, a mixin of the main screen).

The selection is kept by paper key with the papers themselves, so it outlives the search
that showed them: search, select, search again, select more, then export them together."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from paperbrowse.index.models import Paper
from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from .backend import Stage

SELECT_ALL_LIMIT = 100_000
"""Results beyond this many are not selected by `A` (it says so)."""


class Selection:
    """Selected papers by key, in the order they were selected."""

    def __init__(self) -> None:
        self._papers: dict[str, Paper] = {}

    def __len__(self) -> int:
        return len(self._papers)

    def __contains__(self, paper: Paper) -> bool:
        return paper.key in self._papers

    def toggle(self, paper: Paper) -> bool:
        """Select or deselect a paper; True when it is selected now."""
        if self._papers.pop(paper.key, None) is None:
            self._papers[paper.key] = paper
            return True
        return False

    def add(self, papers: Iterable[Paper]) -> None:
        for paper in papers:
            self._papers.setdefault(paper.key, paper)

    def holds_all(self, papers: Iterable[Paper]) -> bool:
        return all(paper.key in self._papers for paper in papers)

    def clear(self) -> None:
        self._papers.clear()

    @property
    def papers(self) -> list[Paper]:
        return list(self._papers.values())


def result_papers(screen: Any, limit: int = SELECT_ALL_LIMIT) -> list[Paper]:
    """Every paper of the screen's current results, in order (call from a worker: it may
    count and read the whole result list from the index)."""
    outcome = screen.outcome
    if outcome is None:
        return []
    if outcome.stage is not Stage.COUNTED:
        outcome = screen.backend.complete(outcome) or outcome
    total = min(outcome.rows.total, limit)
    return list(outcome.rows.fetch(0, total)) if total else []


class SelectionActions(Screen[None]):
    """The selection keys of the main screen (its `#results` list draws the selection)."""

    BINDINGS: list[BindingType] = [
        Binding(
            "space",
            "toggle_select",
            "Select",
            show=False,
            tooltip="In the list: select / deselect the highlighted paper (b, m, e, x, *, t "
            "then act on the selection)",
            id="toggle-select",
        ),
        Binding(
            "A",
            "select_all",
            "Select all",
            show=False,
            tooltip="Select every result (again: clear the selection; escape in the list too)",
            id="select-all",
        ),
        Binding(
            "e",
            "export",
            "Export",
            show=False,
            tooltip="Export the selection, else the current results, to a file "
            "(BibTeX, Markdown, CSV or JSON)",
            id="export",
        ),
    ]

    class ResultsFetched(Message):
        """Every paper of the current results, read by a worker for `A`."""

        def __init__(self, papers: list[Paper]) -> None:
            super().__init__()
            self.papers = papers

    class Exported(Message):
        """An export finished: `error` is None when `count` papers were written to `path`."""

        def __init__(self, path: Path, form: str, count: int, error: str | None) -> None:
            super().__init__()
            self.path = path
            self.form = form
            self.count = count
            self.error = error

    @property
    def selection(self) -> Selection:
        return self.query_one("#results").selection  # type: ignore[attr-defined,no-any-return]

    def _selected(self) -> list[Paper]:
        """The selected papers (empty when there is no selection)."""
        return self.selection.papers

    def targets(self) -> list[Paper]:
        """What a mark key acts on: the selection, else the highlighted paper (or nothing,
        having said so)."""
        if self.selection:
            return self.selection.papers
        paper = self._paper()  # type: ignore[attr-defined]
        return [paper] if paper is not None else []

    def selection_changed(self) -> None:
        """Redraw the rows and say how many are selected under the list."""
        results = self.query_one("#results")
        count = len(self.selection)
        results.border_subtitle = f"{count} selected · escape clears" if count else ""
        results.refresh()

    def action_toggle_select(self) -> None:
        paper = self._paper()  # type: ignore[attr-defined]
        if paper is None:
            return
        self.selection.toggle(paper)
        self.selection_changed()

    def action_select_all(self) -> None:
        """Select every result; when every one is selected already, clear the selection."""
        self.fetch_results()

    @work(thread=True, group="select", exclusive=True, exit_on_error=False)
    def fetch_results(self) -> None:
        self.post_message(self.ResultsFetched(result_papers(self)))

    @on(ResultsFetched)
    def results_fetched(self, message: ResultsFetched) -> None:
        papers = message.papers
        if not papers:
            self.notify("No results to select.", timeout=3)
            return
        if self.selection and self.selection.holds_all(papers):
            self.clear_paper_selection()
            return
        self.selection.add(papers)
        self.selection_changed()
        self.notify(f"Selected {len(self.selection)} papers", timeout=3)

    def clear_paper_selection(self) -> bool:
        """Deselect everything; False when nothing was selected."""
        if not self.selection:
            return False
        self.selection.clear()
        self.selection_changed()
        self.notify("Selection cleared", timeout=2)
        return True

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        """`e`: ask for a file, then write the selection (or the results) to it."""
        from .screens.export import ExportScreen

        count = len(self.selection)
        if count:
            what = f"the {count} selected paper" + ("s" if count != 1 else "")
        elif self.outcome is not None and self.outcome.rows.total:  # type: ignore[attr-defined]
            what = "the current results"
        else:
            self.notify("Nothing to export: no paper is selected and no paper matches.")
            return

        def chosen(answer: tuple[Path, str] | None) -> None:
            if answer is not None:
                self.notify(f"Exporting {what} to {answer[0]}…", timeout=3, markup=False)
                self.write_export(*answer, self.selection.papers)

        self.app.push_screen(ExportScreen(what), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def write_export(self, path: Path, form: str, selected: list[Paper]) -> None:
        """Read the papers and their marks and write the file, off the UI thread."""
        from paperbrowse.index.export import export_file
        from paperbrowse.index.marks import MarksUnavailable
        from paperbrowse.index.merge import paper_keys

        papers = selected or result_papers(self)
        marks = self.app.backend.library.marks  # type: ignore[attr-defined]
        try:
            found = marks.get_many([paper_keys(p) for p in papers]) if marks else None
        except MarksUnavailable:
            found = None  # the papers are exported all the same, without marks
        try:
            export_file(path, form, papers, found)
        except OSError as error:
            reason = error.strerror or str(error)
            self.post_message(self.Exported(path, form, len(papers), reason))
            return
        self.post_message(self.Exported(path, form, len(papers), None))

    @on(Exported)
    def exported(self, message: Exported) -> None:
        if message.error is not None:
            self.notify(
                f"Could not write {message.path}: {message.error}; nothing was exported.",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        noun = "paper" if message.count == 1 else "papers"
        self.notify(
            f"Exported {message.count} {noun} to {message.path} ({message.form})",
            timeout=6,
            markup=False,
        )
