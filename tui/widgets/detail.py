"""Provides DetailPane: everything known of one paper, with the query's words highlighted."""

from __future__ import annotations

import asyncio
from pathlib import PurePath

from paperbrowse.index.clean import display_safe
from paperbrowse.index.highlight import highlight_spans
from paperbrowse.index.models import Paper
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

PAUSE = 0.1
"""Seconds a paper shown `soon` waits for the next one."""

FORMAT_NAMES = {
    "hotpapers": "Hot Papers",
    "hfdaily": "HF daily",
    "conference": "conference",
    "arxiv": "arXiv",
    "jsonl": "JSON lines",
}


def _safe(text: str) -> Text:
    """Data as literal text: Rich markup in it stays text, escape sequences are removed."""
    return Text(display_safe(text))


def _highlighted(text: str, terms: tuple[tuple[str, str], ...]) -> Text:
    safe = display_safe(text)
    rendered = Text(safe)
    for start, end in highlight_spans(safe, terms):
        rendered.stylize("bold reverse", start, end)
    return rendered


def paper_text(paper: Paper, terms: tuple[tuple[str, str], ...] = ()) -> Text:
    """The detail pane's content for a paper, as one Rich Text (no markup is parsed)."""
    out = Text()
    out.append_text(_highlighted(" ".join(paper.title.split()), terms))
    out.stylize("bold", 0, len(out))
    out.append("\n")
    if paper.authors:
        out.append_text(_highlighted(", ".join(paper.authors), terms))
        out.append("\n")
    facts = []
    if paper.venue:
        facts.append(f"{paper.venue} {paper.year or ''}".strip())
    if paper.categories:
        facts.append(" ".join(paper.categories))
    if paper.retweets is not None:
        facts.append(f"{paper.retweets} retweets, {paper.favorites or 0} favorites")
    if facts:
        out.append_text(Text(display_safe("  ·  ".join(facts)), style="italic"))
        out.append("\n")
    out.append("\n")
    urls = paper.urls
    links = [("arXiv", urls.abs), ("PDF", urls.pdf), ("OpenReview", urls.openreview)]
    if paper.url and paper.url not in (urls.abs, urls.pdf, urls.openreview):
        links.append(("List", paper.url))
    for label, url in links:
        if url:
            out.append(f"{label:<11}", style="bold")
            out.append_text(_safe(url))
            out.append("\n")
    out.append("\n")
    if paper.abstract:
        out.append_text(_highlighted(paper.abstract, terms))
    else:
        out.append("(no abstract in these lists)", style="dim italic")
    out.append("\n\n")
    out.append("Sources\n", style="bold")
    for source in paper.sources:
        when = source.date or source.label or ""
        rank = f"#{source.rank}" if source.rank is not None else ""
        line = (
            f"  {PurePath(source.path).name}:{source.line}  {FORMAT_NAMES.get(source.format, '')}"
        )
        out.append_text(_safe(f"{line}  {when}  {rank}".rstrip()))
        out.append("\n")
    return out


SCROLL = "In the detail pane (`tab`): scroll the abstract and its sources to the end"


class DetailPane(VerticalScroll, can_focus=True):
    """The selected paper: title, authors, venue, links, abstract and sources. `tab` from
    the list focuses it, so a long abstract can be scrolled to the end from the keyboard
    (its BINDINGS, and VerticalScroll's arrows, pgup/pgdn, home/end)."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Scroll down", show=False, tooltip=SCROLL, id="detail-down"),
        Binding("k", "scroll_up", "Scroll up", show=False, tooltip=SCROLL, id="detail-up"),
        Binding("space", "page_down", "Page down", show=False, tooltip=SCROLL, id="detail-page"),
        Binding("g", "scroll_home", "Top", show=False, tooltip=SCROLL, id="detail-top"),
        Binding("G", "scroll_end", "End", show=False, tooltip=SCROLL, id="detail-end"),
    ]

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
    }
    DetailPane > Static {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(
        self, paper: Paper | None, terms: tuple[tuple[str, str], ...] = (), soon: bool = False
    ) -> None:
        """Show a paper now, or `soon`: once no other paper came for `PAUSE` s (while the
        user types, drawing an abstract is the slowest part of a frame, and the next key
        would replace it anyway)."""
        if soon:
            self._show_soon(paper, terms)
            return
        self.workers.cancel_group(self, "detail")
        self._show(paper, terms)

    @work(exclusive=True, group="detail", exit_on_error=False)
    async def _show_soon(self, paper: Paper | None, terms: tuple[tuple[str, str], ...]) -> None:
        await asyncio.sleep(PAUSE)
        self._show(paper, terms)

    def _show(self, paper: Paper | None, terms: tuple[tuple[str, str], ...]) -> None:
        body = self.query_one("#detail-body", Static)
        if paper is None:
            body.update(Text("No paper selected.", style="dim"))
        else:
            body.update(paper_text(paper, terms))
        self.scroll_home(animate=False)
