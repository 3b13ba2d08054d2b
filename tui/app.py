"""Provides PaperBrowseApp: the thin app that owns the backend, the screens and the palette."""

from __future__ import annotations

from collections.abc import Callable

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
    ]

    def __init__(
        self,
        backend: Backend,
        *,
        paths: list[str] | None = None,
        open_demo: Callable[[], Backend] | None = None,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.paths = paths or []
        self._open_demo = open_demo

    def on_mount(self) -> None:
        # The screen starts adding once mounted: its widgets do not exist before that.
        self.push_screen(MainScreen(self.backend, paths=self.paths))

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_demo(self) -> None:
        """Switch to the built-in sample papers (their own index, never the user's)."""
        if self.backend.demo or self._open_demo is None:
            self.notify("The demo papers are open already.", timeout=3)
            return
        self.notify("Opening the built-in demo papers…", timeout=3)
        self.backend = self._open_demo()
        old = self.main
        screen = MainScreen(self.backend)
        self.switch_screen(screen) if self.screen is old else self.push_screen(screen)
