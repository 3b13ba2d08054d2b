"""Provides RepairScreen: what is wrong with the index, and a rebuild from its recorded lists."""

from __future__ import annotations

from pathlib import Path

from paperbrowse.index.clean import display_safe
from paperbrowse.index.library import Library
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from ..widgets.footer import KeyFooter


class RepairScreen(Screen[None]):
    """Shown instead of the list when the index cannot be opened (damaged, or written by
    another schema version): says why, and offers to rebuild it from the lists it recorded."""

    BINDINGS: list[BindingType] = [
        Binding("r", "rebuild", "Rebuild"),
        Binding("q,escape", "app.quit", "Quit"),
    ]

    DEFAULT_CSS = """
    RepairScreen { align: center middle; }
    RepairScreen > Vertical {
        width: 90%; max-width: 100; height: auto; padding: 1 2;
        border: round $error; background: $surface;
    }
    RepairScreen #repair-buttons { height: auto; margin-top: 1; }
    RepairScreen Button { margin-right: 2; }
    """

    def __init__(self, path: Path, problem: str, files: list[str]) -> None:
        super().__init__()
        self.path = path
        self.problem = problem
        self.files = files

    def compose(self) -> ComposeResult:
        present = sum(1 for f in self.files if Path(f).is_file())
        with Vertical():
            yield Static(
                Text.assemble(
                    ("The index cannot be opened.\n\n", "bold"),
                    display_safe(self.problem),
                    "\n\n",
                    f"It records {len(self.files)} lists ({present} still present). ",
                    "Rebuilding reads them again into a fresh index; the old one is replaced only "
                    "when the new one is complete."
                    if self.files
                    else "No recorded lists were found: add lists again with `paperbrowse add`.",
                ),
                id="repair-text",
            )
            with Horizontal(id="repair-buttons"):
                yield Button(
                    "Rebuild (r)", id="rebuild", variant="primary", disabled=not self.files
                )
                yield Button("Quit (q)", id="quit")
        yield KeyFooter()

    @on(Button.Pressed, "#rebuild")
    def action_rebuild(self) -> None:
        if not self.files:
            return
        self.query_one("#rebuild", Button).disabled = True
        self.query_one("#repair-text", Static).update(Text("Rebuilding the index…", "bold"))
        self.run_rebuild()

    @on(Button.Pressed, "#quit")
    def quit_pressed(self) -> None:
        self.app.exit(1)

    @work(thread=True, exit_on_error=False)
    def run_rebuild(self) -> None:
        try:
            library, report = Library.rebuild(self.path, self.files)
        except Exception as error:
            self.app.call_from_thread(self.failed, str(error))
            return
        self.app.call_from_thread(self.app.repaired, library, report)  # type: ignore[attr-defined]

    def failed(self, message: str) -> None:
        self.query_one("#repair-text", Static).update(
            Text(f"Rebuilding failed: {display_safe(message)}", "bold red")
        )
        self.query_one("#rebuild", Button).disabled = False
