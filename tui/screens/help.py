"""Provides HelpScreen: every key and the query language on one page."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# paperbrowse

| Key | Action |
| :-- | :-- |
| `/` | focus the filter (type to search) |
| `enter` | in the filter: go to the list |
| `escape` | leave the filter; back from related papers |
| `j` `k` `↑` `↓` | move in the list |
| `g` `G` `pgup` `pgdn` | first, last, page up, page down |
| `tab` / `shift+tab` | next / previous pane: filter, list, detail |
| `j` `k` `space` `g` `G` | in the detail pane: scroll the abstract to its end |
| `v` | read the paper full-screen (`escape` back) |
| `c` | copy the primary link (arXiv, else OpenReview, else the list's URL) |
| `a` / `p` / `o` | copy the arXiv / PDF / OpenReview URL |
| `m` / `b` | copy a Markdown link / a BibTeX entry |
| `w` | open the primary link in the web browser |
| `s` | cycle the sort: relevance, date, popularity, title |
| `r` | papers related to the selected one |
| `f` | narrow by venue, year or list format |
| `d` | show or hide the detail pane |
| `x` / `*` | mark the highlighted paper read / starred (again: undo); read is dim, ★ starred |
| `D` | open the built-in demo papers |
| `ctrl+p` | command palette |
| `?` | this help; `q` quits |

## Queries
Words match titles, authors and abstracts (the last word also as a prefix while typing).
`title:` `author:` `abstract:` `venue:` `year:` `cat:` `source:` `date:` narrow to a field;
`AND` `OR` `NOT` and parentheses combine; `"a phrase"`, `transf*`, `difusion~`,
`year:[2021 TO 2023]`, `retweets:>100`; `*` alone matches every paper.
`is:read` `is:unread` `is:starred` `is:new` `tag:NAME` `has:note` filter by your marks.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and query syntax; any of escape, q or ? closes it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
