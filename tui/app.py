"""Provides PaperBrowseApp: the thin app that owns the backend, the screens and the palette."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from paperbrowse.index.library import Library
from paperbrowse.index.models import AddReport
from textual.app import App
from textual.binding import Binding, BindingType

from .backend import Backend
from .commands import PaperCommands
from .screens.main import MainScreen


class PaperBrowseApp(App[int]):
    """Browse an index of paper lists; `paths` are added once the screen is up."""

    TITLE = "paperbrowse"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PaperCommands}

    BINDINGS: list[BindingType] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("D", "demo", "Demo", show=False),
        Binding(
            "x",
            "toggle_mark('read')",
            "Read",
            show=False,  # the footer (and its snapshots) unchanged while issue 12 reworks it
            tooltip="Mark the highlighted paper read / unread",
        ),
        Binding(
            "asterisk",
            "toggle_mark('starred')",
            "Star",
            key_display="*",
            show=False,
            tooltip="Star / unstar the highlighted paper",
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
    ) -> None:
        """`backend` is None when the index could not be opened; `repair` then holds its path,
        the problem and its recorded lists, and the app offers to rebuild it. `index_hint` is
        the index to name in commands the app suggests (None: the default one); `data_dir`
        the `--data-dir` given (None: the default), where fetched lists are saved."""
        super().__init__()
        self.data_dir = data_dir
        self.index_hint = index_hint
        self.backend = backend  # type: ignore[assignment]
        self.paths = paths or []
        self._open_demo = open_demo
        self._repair = repair

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
        self.switch_screen(MainScreen(self.backend, paths=self.paths, index_hint=self.index_hint))
        self.notify(
            f"Rebuilt the index: {library.paper_count()} papers from {report.files_read} lists",
            timeout=6,
        )

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def action_toggle_mark(self, flag: str) -> None:
        """`x` / `*`: flip read or star on the highlighted paper (see `marking`)."""
        from .marking import toggle_mark

        toggle_mark(self, flag)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

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
