"""Provides HelpScreen: every key and the query language on one page."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from ..keymap import KeyRow

QUERIES = """\
## Queries
Words match titles, authors and abstracts (the last word also as a prefix while typing).
`title:` `author:` `abstract:` `venue:` `year:` `cat:` `source:` `date:` narrow to a field;
`AND` `OR` `NOT` and parentheses combine; `"a phrase"`, `transf*`, `difusion~`,
`year:[2021 TO 2023]`, `retweets:>100`; `*` alone matches every paper.
`is:read` `is:unread` `is:starred` `is:new` `tag:NAME` `has:note` filter by your marks.
"""


def key_table(rows: Sequence[KeyRow]) -> Table:
    """Every key, one compact row each, from the bindings (`keymap.key_rows`)."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Action", ratio=1)
    for row in rows:
        table.add_row(Text(" ".join(row.keys)), Text(row.tooltip.replace("`", "")))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and query syntax; any of escape, q or ? closes it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-keys { margin-top: 1; }
    """

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        """`rows`: the key table (`keydocs.key_rows()`: the app's and its widgets' keys)."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll() as page:
            page.border_title = "paperbrowse: keys"
            yield Static(key_table(self.rows), id="help-keys")
            yield Markdown(QUERIES)
