"""Provides the app's marks: `x` and `*` toggle read and star, `t` edits tags and `n` a note
(MarkActions, a mixin of the main screen, with their bindings), and MarkedResultsList draws
read papers dimmed, starred ones with a star, new ones with a dot and selected ones ticked.

Kept apart from the main screen and the list widget (a subclass, and a mixin), so they stay
small; marks are read from SQLite when a row is drawn, once per paper per
result list (a few microseconds, and WAL readers never wait for a writer)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from paperbrowse.index.marks import Mark, Marks, MarksUnavailable
from paperbrowse.index.merge import paper_keys
from paperbrowse.index.models import Paper
from rich.style import Style
from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip

from .rows import Rows
from .selection import Selection
from .widgets.results import ResultsList

STAR = "★ "
NEW = "• "
SELECTED = "✓ "
FLAG_WORDS = {"read": ("read", "unread"), "starred": ("starred", "unstarred")}


def app_marks(app: Any) -> Marks | None:
    """The marks of the app's index (None when no marks file was opened)."""
    backend = getattr(app, "backend", None)
    return getattr(getattr(backend, "library", None), "marks", None)


class MarkedResultsList(ResultsList):
    """The result list, with read papers dimmed, starred ones marked ★, new ones •, and
    selected ones ✓."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._marks: dict[str, Mark | None] = {}
        self.marks_problem: str | None = None
        """Why marks are not shown, when the marks file cannot be read."""
        self.selection = Selection()

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

    def forget_marks(self, papers: Iterable[Paper] | None = None) -> None:
        """Read these papers' marks again when their rows are drawn (None: every paper's)."""
        if papers is None:
            self._marks.clear()
        for paper in papers or ():
            self._marks.pop(paper.key, None)
        self.refresh()

    def _row_state(self, paper: Paper) -> object:
        return self.mark_of(paper), paper in self.selection

    def _row_strip(self, paper: Paper, width: int, style: Style, meta_style: Style) -> Strip:
        mark = self.mark_of(paper)
        prefix = SELECTED if paper in self.selection else ""
        if mark is not None:
            prefix += (NEW if mark.new else "") + (STAR if mark.starred else "")
        if prefix:
            paper = replace(paper, title=prefix + paper.title)
        if mark is not None and mark.read:
            style, meta_style = style + Style(dim=True), meta_style + Style(dim=True)
        return super()._row_strip(paper, width, style, meta_style)


class MarkActions(Screen[None]):
    """The mark keys of a screen showing the result list (`#results`); they act on the
    selection when there is one (`targets`, from SelectionActions), else the highlighted
    paper."""

    BINDINGS: list[BindingType] = [
        Binding(
            "x",
            "toggle_mark('read')",
            "Mark read",
            show=False,
            tooltip="Mark the highlighted (or selected) papers read / unread (read rows are dim)",
            id="toggle-read",
        ),
        Binding(
            "asterisk",
            "toggle_mark('starred')",
            "Star",
            key_display="*",
            show=False,
            tooltip="Star / unstar the highlighted (or selected) papers (starred rows show ★)",
            id="toggle-star",
        ),
        Binding(
            "t",
            "edit_tags",
            "Tags",
            show=False,
            tooltip="Edit the tags of the highlighted (or selected) papers",
            id="edit-tags",
        ),
        Binding(
            "n",
            "edit_note",
            "Note",
            show=False,
            tooltip="Edit the highlighted paper's note (ctrl+s saves, escape cancels)",
            id="edit-note",
        ),
    ]

    class MarksChanged(Message):
        """Marks changed off the UI thread: redraw these papers' rows (None: every row)."""

        def __init__(self, papers: list[Paper] | None = None) -> None:
            super().__init__()
            self.papers = papers

    def on_mount(self) -> None:
        self.note_opened()

    @work(thread=True, group="marks-open", exit_on_error=False)
    def note_opened(self) -> None:
        """Record that the app opened (the first time, every paper here is taken as known:
        only papers added later are new). The demo's papers are never new."""
        marks = app_marks(self.app)
        backend = getattr(self.app, "backend", None)
        if marks is None or backend is None:
            return

        def keys() -> list[str]:
            return backend.paper_keys()  # type: ignore[no-any-return]

        # The index's keys are read before marks are written, never while the marks file's
        # lock is held: a search holds the backend's lock and then reads marks (the other
        # order would deadlock with it).
        try:
            first = marks.last_open() is None
            if not backend.demo:
                known = keys() if first else []
                marks.opened(lambda: known)
            elif not first:
                marks.know(keys(), "baseline")
        except MarksUnavailable:
            return  # the list says marks are unavailable when it draws them
        self.post_message(self.MarksChanged())

    @on(ResultsList.Highlighted)
    def show_as_seen(self, event: ResultsList.Highlighted) -> None:
        """A new paper shown in the detail pane is new no more."""
        results = self.query_one("#results")
        detail = self.query_one("#detail")
        if event.paper is None or not detail.display or not isinstance(results, MarkedResultsList):
            return
        mark = results.mark_of(event.paper)
        if mark is not None and mark.new:
            self.record_seen(event.paper)

    @work(thread=True, group="seen", exit_on_error=False)
    def record_seen(self, paper: Paper) -> None:
        marks = app_marks(self.app)
        if marks is None:
            return
        try:
            marks.know(paper_keys(paper), "seen")
        except MarksUnavailable:
            return
        self.post_message(self.MarksChanged([paper]))

    @on(MarksChanged)
    def marks_changed(self, message: MarksChanged) -> None:
        results = self.query_one("#results")
        if isinstance(results, MarkedResultsList):
            results.forget_marks(message.papers)

    def targets(self) -> list[Paper]:
        """The papers a mark key acts on (SelectionActions gives the selection)."""
        paper = self._paper()  # type: ignore[attr-defined]
        return [paper] if paper is not None else []

    def _marks_or_say(self) -> Marks | None:
        marks = app_marks(self.app)
        if marks is None:
            self.notify("Marks are unavailable: no marks file is open.", severity="warning")
        return marks

    def _changed(self, papers: list[Paper], what: str) -> None:
        """Redraw the changed rows and say what changed."""
        results = self.query_one("#results")
        if isinstance(results, MarkedResultsList):
            results.forget_marks(papers)
        about = papers[0].title if len(papers) == 1 else f"{len(papers)} papers"
        self.notify(f"{what}: {about}", timeout=3, markup=False)

    def action_toggle_mark(self, flag: str) -> None:
        """`x` / `*`: flip read or star (on a selection: set it on all, unless all have it)."""
        papers = self.targets()
        marks = self._marks_or_say() if papers else None
        if marks is None:
            return
        keys = [paper_keys(p) for p in papers]
        try:
            value = not all(getattr(m, flag) for m in marks.get_many(keys))
            marks.update(keys, **{flag: value})
        except MarksUnavailable as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self._changed(papers, "Marked " + FLAG_WORDS[flag][0 if value else 1])

    def action_edit_tags(self) -> None:
        """`t`: a tag editor for the targets, completing the tags in use."""
        from .screens.tags import TagScreen

        papers = self.targets()
        marks = self._marks_or_say() if papers else None
        if marks is None:
            return
        try:
            current = marks.get_many([paper_keys(p) for p in papers])
            known = sorted(marks.tag_counts(), key=str.casefold)
        except MarksUnavailable as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        # On a selection the editor starts from the tags every selected paper has.
        common = set.intersection(*({t.casefold() for t in m.tags} for m in current))
        start = [t for t in current[0].tags if t.casefold() in common]
        title = papers[0].title if len(papers) == 1 else f"{len(papers)} selected papers"

        def save(tags: list[str] | None) -> None:
            if tags is None:
                return
            wanted = {t.casefold() for t in tags}
            removed = [t for t in start if t.casefold() not in wanted]  # others are kept
            try:
                marks.update([paper_keys(p) for p in papers], add_tags=tags, remove_tags=removed)
            except MarksUnavailable as error:
                self.notify(str(error), severity="error", timeout=8)
                return
            self._changed(papers, "Tags " + (" ".join(f"#{t}" for t in tags) or "cleared"))

        self.app.push_screen(TagScreen(title, start, known), save)

    def action_edit_note(self) -> None:
        """`n`: the highlighted paper's note in a text area."""
        from .screens.note import NoteScreen

        paper = self._paper()  # type: ignore[attr-defined]
        marks = self._marks_or_say() if paper is not None else None
        if marks is None or paper is None:
            return
        keys = paper_keys(paper)
        try:
            note = marks.get(keys).note
        except MarksUnavailable as error:
            self.notify(str(error), severity="error", timeout=8)
            return

        def save(text: str | None) -> None:
            if text is None or text == note:
                return
            try:
                marks.update([keys], note=text)
            except MarksUnavailable as error:
                self.notify(str(error), severity="error", timeout=8)
                return
            self._changed([paper], "Note saved" if text.strip() else "Note cleared")

        self.app.push_screen(NoteScreen(paper.title, note), save)
