"""Provides ReadingScreen: one paper on the whole terminal, scrolled from the keyboard."""

from __future__ import annotations

from paperbrowse.index.models import Paper
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..widgets.detail import DetailPane
from ..widgets.footer import KeyFooter


class ReadingScreen(Screen[None]):
    """The highlighted paper full-screen, to read a long abstract and its sources to the end.

    | Key | Action |
    | :- | :- |
    | `j` `k` `↑` `↓` `space` `pgup` `pgdn` `g` `G` | Scroll. |
    | `escape` `v` `q` | Back to the list. |
    """

    BINDINGS: list[BindingType] = [
        Binding("escape,v,q", "app.pop_screen", "Back"),
    ]

    DEFAULT_CSS = """
    ReadingScreen > DetailPane {
        height: 1fr;
        border: round $secondary;
        padding: 0 1 0 2;  /* right of the text: GAP, then 1 */
    }
    """

    def __init__(self, paper: Paper, terms: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__()
        self.paper = paper
        self.terms = terms

    def compose(self) -> ComposeResult:
        yield DetailPane(id="reading")
        yield KeyFooter()

    def on_mount(self) -> None:
        pane = self.query_one("#reading", DetailPane)
        pane.show(self.paper, self.terms)
        pane.focus()
