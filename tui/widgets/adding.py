"""Provides AddingRow: the line under the filter that shows an add as it goes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class AddingRow(Horizontal):
    """`reading 3/12 files: list.md`, then `indexing 3,000/7,468 papers · 470 papers/s ·
    0:09 left`, then `saving the index (7,468 papers)… 0:12`, with a bar (pulsing while the
    index is saved, which reports no steps)."""

    DEFAULT_CSS = """
    AddingRow { height: 1; padding: 0 2; }
    AddingRow > #adding-label { width: auto; margin-right: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Adding lists…", id="adding-label")
        yield ProgressBar(id="adding-bar", show_eta=False)

    def show(self, fraction: tuple[float | None, float], line: str) -> None:
        """Draw a step of the progress: (total, completed) for the bar, and its line."""
        total, completed = fraction
        self.query_one("#adding-bar", ProgressBar).update(total=total, progress=completed)
        self.query_one("#adding-label", Static).update(Text(line[:1].upper() + line[1:]))
