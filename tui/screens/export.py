"""Provides ExportScreen: ask for the file (and format) to export papers to."""

from __future__ import annotations

from pathlib import Path

from paperbrowse.index.export import EXPORT_FORMATS, format_of
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from ..widgets.filter import FilterInput
from .ahead import into_field

AUTO = "auto"


def default_path() -> str:
    """Where an export goes unless told otherwise: a BibTeX file in the current directory."""
    return str(Path.cwd() / "paperbrowse-export.bib")


class ExportScreen(ModalScreen[tuple[Path, str] | None]):
    """A path and a format (from the extension, or chosen); enter exports, escape cancels.
    A file that exists is replaced only after a second enter."""

    BINDINGS: list[BindingType] = [Binding("escape", "dismiss(None)", "Cancel")]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 90; height: auto; border: round $primary; background: $surface; padding: 0 1;
    }
    ExportScreen #export-problem { color: $warning; }
    """

    def __init__(self, what: str, path: str | None = None) -> None:
        super().__init__()
        self.what = what
        self.path = path or default_path()
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Export {self.what} to", style="bold"))
            yield FilterInput(  # its editing keys act in the order they are typed
                self.path, id="export-path"
            )
            yield Select(
                [("format from the extension (.bib .md .csv .json)", AUTO)]
                + [(form, form) for form in EXPORT_FORMATS],
                value=AUTO,
                allow_blank=False,
                id="export-format",
            )
            yield Static(id="export-problem")
            yield Static(Text("enter exports · tab: the format · escape cancels", style="dim"))

    def on_key(self, event: events.Key) -> None:
        """Keys typed behind the one that opened this screen go into the field."""
        into_field(self.query_one(Input), event)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    def problem(self, text: str) -> None:
        self.query_one("#export-problem", Static).update(Text(text))

    @on(Input.Submitted)
    def submitted(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.problem("Give a file name.")
            return
        path = Path(text).expanduser()
        chosen = self.query_one(Select).value
        form = format_of(path) if chosen == AUTO else str(chosen)
        if form is None:
            self.problem("Choose a format, or end the name in .bib, .md, .csv or .json.")
            return
        if path.is_dir():
            self.problem(f"{path} is a directory: give a file name in it.")
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self.problem(f"{path} exists: enter again to replace it.")
            return
        self.dismiss((path, form))
