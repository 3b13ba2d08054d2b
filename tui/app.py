"""Provides PaperBrowseApp: the thin app that owns the backend, the screens and the palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from paperbrowse.index.library import Library
from paperbrowse.index.models import AddReport
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from .backend import Backend
from .keymap import key_rows
from .screens.main import MainScreen
from .widgets.detail import DetailPane
from .widgets.results import ResultsList


class PaperBrowseApp(App[int]):
    """Browse an index of paper lists; `paths` are added once the screen is up."""

    TITLE = "paperbrowse"
    CSS_PATH = "app.tcss"

    BINDINGS: list[BindingType] = [
        Binding("q", "quit", "Quit", tooltip="Quit", id="quit"),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            key_display="?",
            tooltip="This help: every key and the query language",
            id="help",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",  # as Textual names it in the footer
            show=False,
            priority=True,
            tooltip="The command palette: every command here by name",
            id="palette",
        ),
        Binding(
            "D",
            "demo",
            "Open demo papers",
            show=False,
            tooltip="Open the built-in demo papers (their own index)",
            id="demo",
        ),
    ]

    def __init__(
        self,
        backend: Backend | None,
        *,
        paths: list[str] | None = None,
        open_demo: Callable[[], Backend] | None = None,
        repair: tuple[Path, str, list[str]] | None = None,
        index_hint: str | None = None,
        data_dir: str | None = None,
        with_marks: Callable[[Backend], Backend] | None = None,
    ) -> None:
        """`backend` is None when the index could not be opened; `repair` then holds its path,
        the problem and its recorded lists, and the app offers to rebuild it. `index_hint` is
        the index to name in commands the app suggests (None: the default one); `data_dir`
        the `--data-dir` given (None: the default), where fetched lists are saved;
        `with_marks` gives a backend the user's marks (for an index rebuilt in the app)."""
        super().__init__()
        self.data_dir = data_dir
        self.index_hint = index_hint
        self.backend = backend  # type: ignore[assignment]
        self.paths = paths or []
        self._open_demo = open_demo
        self._repair = repair
        self._with_marks = with_marks

    def on_mount(self) -> None:
        if self.backend is None and self._repair is not None:
            from .screens.repair import RepairScreen

            self.push_screen(RepairScreen(*self._repair))
            return
        # The screen starts adding once mounted: its widgets do not exist before that.
        self.push_screen(MainScreen(self.backend, paths=self.paths, index_hint=self.index_hint))

    def repaired(self, library: Library, report: AddReport) -> None:
        """The rebuild finished: browse the fresh index."""
        self.backend = Backend(library)
        if self._with_marks is not None:  # the marks follow papers: the rebuilt index has them
            self.backend = self._with_marks(self.backend)
        self.switch_screen(MainScreen(self.backend, paths=self.paths, index_hint=self.index_hint))
        self.notify(
            f"Rebuilt the index: {library.paper_count()} papers from {report.files_read} lists",
            timeout=6,
        )

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, then one per documented key (see `keymap`)."""
        from .keymap import palette_commands

        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        yield from palette_commands(self, main)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_rows(help_sources())))

    def action_demo(self) -> None:
        """Switch to the built-in sample papers (their own index, never the user's)."""
        if (self.backend is not None and self.backend.demo) or self._open_demo is None:
            self.notify("The demo papers are open already.", timeout=3)
            return
        self.notify("Opening the built-in demo papers…", timeout=3)
        self.backend = self._open_demo()
        screen = MainScreen(self.backend)
        if isinstance(self.screen, MainScreen) or not any(
            isinstance(s, MainScreen) for s in self.screen_stack
        ):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)


def help_sources() -> list[type[Any]]:
    """The classes whose bindings the help screen and the README document, in their order:
    the list, the detail pane, the main screen, the app."""
    return [ResultsList, DetailPane, MainScreen, PaperBrowseApp]
