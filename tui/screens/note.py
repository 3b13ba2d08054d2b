"""Provides NoteScreen: a paper's note in a text area; ctrl+s saves, escape cancels."""

from __future__ import annotations

from paperbrowse.index.clean import display_safe
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from .ahead import into_field


class NoteScreen(ModalScreen[str | None]):
    """Edit a note: returns the new text (ctrl+s), or None (escape: unchanged)."""

    BINDINGS: list[BindingType] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel", priority=True),
    ]

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 90%; max-width: 100; height: 70%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoteScreen TextArea { height: 1fr; }
    """

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.paper_title = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Note on {display_safe(self.paper_title)}"[:96], style="bold"))
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Static(
                Text(
                    "ctrl+s saves · escape cancels (the note stays as it was) · "
                    "an empty note removes it",
                    style="dim",
                )
            )

    def on_key(self, event: events.Key) -> None:
        """Keys typed behind the one that opened this screen go into the field."""
        into_field(self.query_one(TextArea), event)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)
