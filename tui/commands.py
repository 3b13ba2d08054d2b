"""Provides PaperCommands: the app's actions in the command palette (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS = [
    ("Copy primary link", "copy('primary')", "arXiv, else OpenReview, else the list URL (c)"),
    ("Copy arXiv URL", "copy('arxiv')", "https://arxiv.org/abs/ID (a)"),
    ("Copy arXiv PDF URL", "copy('pdf')", "https://arxiv.org/pdf/ID (p)"),
    ("Copy OpenReview URL", "copy('openreview')", "https://openreview.net/forum?id=ID (o)"),
    ("Copy Markdown link", "copy('markdown')", "[Title](link) (m)"),
    ("Copy BibTeX entry", "copy('bibtex')", "a BibTeX entry for the paper (b)"),
    ("Open in browser", "open_link", "open the primary link (w)"),
    ("Cycle sort", "cycle_sort", "relevance, date, popularity, title (s)"),
    ("Related papers", "related", "more like the selected paper (r)"),
    ("Narrow by facet", "facets", "venue, year or list format (f)"),
    ("Toggle detail pane", "toggle_detail", "show or hide the abstract (d)"),
    ("Read full-screen", "read", "the whole paper on the whole terminal (v)"),
    ("Focus filter", "focus_filter", "type a query (/)"),
    ("Fetch today's Hugging Face list", "fetch_today", "the daily papers, saved and added (F)"),
]
APP_ACTIONS = [
    ("Help", "help", "keys and query syntax (?)"),
    ("Open demo papers", "demo", "the built-in sample of landmark papers (D)"),
]


def literal(text: str) -> str:
    """Help text as the palette shows it: it reads help as markup, so `[Title](link)` lost
    `[Title]`; a backslash before each `[` keeps the brackets."""
    return text.replace("[", "\\[")


class PaperCommands(Provider):
    """Every paperbrowse key as a palette command."""

    def _commands(self) -> list[tuple[str, object, str]]:
        from .screens.main import MainScreen

        app = self.app
        found: list[tuple[str, object, str]] = []
        main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            found += [
                (name, partial(main.run_action, action), literal(help_text))
                for name, action, help_text in ACTIONS
            ]
        found += [
            (name, partial(app.run_action, action), literal(help_text))
            for name, action, help_text in APP_ACTIONS
        ]
        return found

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    callback,  # type: ignore[arg-type]
                    help=help_text,
                )
