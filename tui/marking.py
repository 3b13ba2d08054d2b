"""Provides the app's marks: `x` and `*` toggle read and star on the highlighted paper
(MarkActions, a mixin of the main screen, with their bindings), and MarkedResultsList draws
read papers dimmed and starred ones with a star.

Kept apart from the main screen and the list widget (a subclass, and a mixin), so they stay
small; marks are read from SQLite when a row is drawn, once per paper per
result list (a few microseconds, and WAL readers never wait for a writer)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from paperbrowse.index.marks import Mark, Marks, MarksUnavailable
from paperbrowse.index.merge import paper_keys
from paperbrowse.index.models import Paper
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.strip import Strip

from .widgets.results import ResultsList, Rows

if TYPE_CHECKING:
    from .app import PaperBrowseApp

STAR = "★ "
FLAG_WORDS = {"read": ("read", "unread"), "starred": ("starred", "unstarred")}


def app_marks(app: Any) -> Marks | None:
    """The marks of the app's index (None when no marks file was opened)."""
    backend = getattr(app, "backend", None)
    return getattr(getattr(backend, "library", None), "marks", None)


class MarkedResultsList(ResultsList):
    """The result list, with read papers dimmed and starred ones marked ★."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._marks: dict[str, Mark | None] = {}
        self.marks_problem: str | None = None
        """Why marks are not shown, when the marks file cannot be read."""

    def show(self, rows: Rows) -> None:
        self._marks.clear()  # a new search: marks may have changed in another process
        super().show(rows)

    def mark_of(self, paper: Paper) -> Mark | None:
        """A paper's marks (cached for this result list); None when they are unavailable."""
        if paper.key in self._marks:
            return self._marks[paper.key]
        marks = app_marks(self.app)
        mark = None
        if marks is not None and self.marks_problem is None:
            try:
                mark = marks.get(paper_keys(paper))
            except MarksUnavailable as error:
                self.marks_problem = str(error)
                self.app.notify(str(error), severity="warning", timeout=8)
        self._marks[paper.key] = mark
        return mark

    def forget_mark(self, paper: Paper) -> None:
        self._marks.pop(paper.key, None)
        self.refresh()

    def _row_strip(self, paper: Paper, width: int, style: Style, meta_style: Style) -> Strip:
        mark = self.mark_of(paper)
        if mark is not None and mark.starred:
            paper = replace(paper, title=STAR + paper.title)
        if mark is not None and mark.read:
            style, meta_style = style + Style(dim=True), meta_style + Style(dim=True)
        return super()._row_strip(paper, width, style, meta_style)


class MarkActions(Screen[None]):
    """The mark keys of a screen showing the result list (`#results`)."""

    BINDINGS: list[BindingType] = [
        Binding(
            "x",
            "toggle_mark('read')",
            "Mark read",
            show=False,
            tooltip="Mark the highlighted paper read / unread (read rows are dim)",
            id="toggle-read",
        ),
        Binding(
            "asterisk",
            "toggle_mark('starred')",
            "Star",
            key_display="*",
            show=False,
            tooltip="Star / unstar the highlighted paper (starred rows show ★)",
            id="toggle-star",
        ),
    ]

    def action_toggle_mark(self, flag: str) -> None:
        """`x` / `*`: flip read or star on the highlighted paper."""
        toggle_mark(self.app, flag)  # type: ignore[arg-type]


def toggle_mark(app: PaperBrowseApp, flag: str) -> None:
    """Flip `read` or `starred` on the highlighted paper and say what it is now."""
    from .screens.main import MainScreen

    screen = app.screen
    if not isinstance(screen, MainScreen):
        return
    results = screen.query_one("#results", ResultsList)
    paper = results.highlighted
    if paper is None:
        app.notify("No paper is highlighted.", timeout=3)
        return
    marks = app_marks(app)
    if marks is None:
        app.notify("Marks are unavailable: no marks file is open.", severity="warning")
        return
    keys = paper_keys(paper)
    try:
        value = not getattr(marks.get(keys), flag)
        marks.update([keys], **{flag: value})
    except MarksUnavailable as error:
        app.notify(str(error), severity="error", timeout=8)
        return
    if isinstance(results, MarkedResultsList):
        results.forget_mark(paper)
    word = FLAG_WORDS[flag][0 if value else 1]
    app.notify(f"Marked {word}: {paper.title}", timeout=3)
