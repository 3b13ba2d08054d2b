"""Provides DetailPane: everything known of one paper, with the query's words highlighted."""

from __future__ import annotations

import time
from pathlib import PurePath
from typing import Any

from paperbrowse.index.clean import display_safe
from paperbrowse.index.highlight import highlight_spans
from paperbrowse.index.models import Paper
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.worker import get_current_worker

from .plain import plain_lines
from .sizing import ScrollbarCells, set_virtual_size

PAUSE = 0.1
"""Seconds a paper shown `soon` waits for the next one."""
GAP = 2
"""Cells right of the text: a space, then the scrollbar (drawn in the pane's lines)."""

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
PLACEHOLDER = Text("No paper selected.", style="dim")

Wanted = tuple[Paper, tuple[tuple[str, str], ...]] | None
"""A paper to show and the query's words to highlight in it (None: no paper)."""


class DetailPane(ScrollView, can_focus=True):
    """The selected paper: title, authors, venue, links, abstract and sources. `tab` from
    the list focuses it, so a long abstract can be scrolled to the end from the keyboard
    (its BINDINGS, and ScrollView's arrows, pgup/pgdn, home/end).

    Finding the query's words in a paper and wrapping its abstract into lines are the slowest
    part of showing it, so a worker thread does both and posts the lines (`Wrapped`); a frame
    only copies the lines in view. Until they come, the paper shown before stays (for a few
    milliseconds). Its scrollbar is drawn in its last column, as the list's is (`sizing`):
    a new paper then redraws only the pane's own lines."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Scroll down", show=False, tooltip=SCROLL, id="detail-down"),
        Binding("k", "scroll_up", "Scroll up", show=False, tooltip=SCROLL, id="detail-up"),
        Binding("space", "page_down", "Page down", show=False, tooltip=SCROLL, id="detail-page"),
        Binding("g", "scroll_home", "Top", show=False, tooltip=SCROLL, id="detail-top"),
        Binding("G", "scroll_end", "End", show=False, tooltip=SCROLL, id="detail-end"),
    ]

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 0 0 1;  /* on the right: a space and the scrollbar, see GAP */
        overflow-x: hidden;
        overflow-y: hidden;  /* the scrollbar is drawn in the lines: see `render_line` */
    }
    """

    class Wrapped(Message):
        """A paper's text, wrapped to the pane's width by the worker."""

        def __init__(
            self, wanted: Wanted, text: Text, lines: list[Strip], width: int, home: bool
        ) -> None:
            super().__init__()
            self.wanted = wanted
            self.text = text
            self.lines = lines
            self.width = width
            self.home = home

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        plain_lines(self)  # its lines come styled: see `plain`
        self.text: Text = PLACEHOLDER
        """What the pane shows (once wrapped): tests and the reading screen read it."""
        self._wanted: Wanted = None
        """The paper (and the words to highlight) last asked for, shown once wrapped."""
        self._shown: Wanted = None
        self._lines: list[Strip] = []
        self._wrapped_for = -1
        """The width the lines were wrapped to."""
        self._bar = ScrollbarCells(self)
        self._blank: tuple[int, Style | None, Strip] = (-1, None, Strip([]))
        """The blank line below the text, for its width and style."""

    def on_mount(self) -> None:
        self._wrap(self._wanted, home=True)

    def on_resize(self) -> None:
        if self._wrapped_for != self._width():
            self._wrap(self._wanted, home=self._wanted is not self._shown)

    def show(
        self, paper: Paper | None, terms: tuple[tuple[str, str], ...] = (), soon: bool = False
    ) -> None:
        """Show a paper now, or `soon`: once no other paper came for `PAUSE` s (while the
        user types the next key would replace it anyway)."""
        self._wanted = None if paper is None else (paper, terms)
        self._wrap(self._wanted, home=True, wait=PAUSE if soon else 0.0)

    def _width(self) -> int:
        """The width the text is wrapped to."""
        return self.scrollable_content_region.width - GAP

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrolls when there is more to see (Textual asks its overflow: hidden, for the
        scrollbar is drawn in the lines)."""
        return not self._check_disabled() and self.max_scroll_y > 0

    def notify_style_update(self) -> None:
        self._bar.forget()
        super().notify_style_update()

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _wrap(self, wanted: Wanted, home: bool, wait: float = 0.0) -> None:
        """Lay out the paper's text (its highlights found) and wrap it, off the UI thread."""
        worker = get_current_worker()
        if wait:
            time.sleep(wait)
        if worker.is_cancelled:
            return
        width = self._width()
        if width <= 0:
            return  # hidden: wrapped when it is shown (on_resize)
        text = PLACEHOLDER if wanted is None else paper_text(*wanted)
        visual = visualize(self, text, markup=False)
        lines = Visual.to_strips(self, visual, width, None, self.visual_style)
        if not worker.is_cancelled:
            self.post_message(self.Wrapped(wanted, text, lines, width, home))

    @on(Wrapped)
    def _wrapped(self, message: Wrapped) -> None:
        message.stop()
        self.text = message.text
        self._shown = message.wanted
        self._lines = message.lines
        self._wrapped_for = message.width
        set_virtual_size(self, Size(message.width, len(message.lines)))
        if message.home:
            self.scroll_home(animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        top = self.scroll_offset.y
        size = self.size  # overflow hidden: the scrollable region is the content region
        width = size.width - GAP
        style = self.visual_style.rich_style
        index = y + top
        if index < len(self._lines):
            line = self._lines[index].crop_extend(0, width, style)  # kept by the line
        else:
            if self._blank[:2] != (width, style):
                self._blank = (width, style, Strip.blank(width, style))
            line = self._blank[2]
        bar = self._bar.cell(y, size.height, top, len(self._lines), style)
        return self._bar.beside(y, line, bar, Segment(" " * (GAP - 1), style))
