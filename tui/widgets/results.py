"""Provides ResultsList: a virtual list that draws only the rows on screen, however many match.

Drawing never waits on the index: a row not fetched yet is drawn as a placeholder while a
worker fetches its chunk (behind any running search), and the list redraws when it arrives."""

from __future__ import annotations

from paperbrowse.index.clean import display_safe
from paperbrowse.index.models import Paper
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import on, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click, MouseScrollDown, MouseScrollUp
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..rows import EMPTY_ROWS, Rows
from .plain import plain_lines
from .sizing import ScrollbarCells, set_virtual_size

_CHUNK = 64
WHEEL = 3
"""Rows a turn of the mouse wheel scrolls."""


def row_columns(paper: Paper) -> tuple[str, str, str]:
    """The right-hand columns of a row: first author (+ et al.), venue/year or list date,
    and the retweet count when known (`1498 RT`: a count, not a like); as stored (`fit`
    makes them safe for the terminal)."""
    author = ""
    if paper.authors:
        author = paper.authors[0] + (" et al." if len(paper.authors) > 1 else "")
    if paper.venue:
        when = f"{paper.venue} {paper.year or ''}".strip()
    else:
        when = paper.date or next((s.label for s in paper.sources if s.label), "") or ""
    tweets = f"{paper.retweets} RT" if paper.retweets is not None else ""
    return author, when, tweets


def fit(text: str, width: int) -> str:
    """`text` on one line in exactly `width` cells: padded, or cut with an ellipsis."""
    text = display_safe(" ".join(text.split()))
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


MOVE = "Move in the list"
ENDS = "First / last paper"
PAGE = "A page down / up"


class ResultsList(ScrollView, can_focus=True):
    """The ranked result rows; fetches paper data lazily, a chunk at a time, for visible rows.
    Its keys are its BINDINGS (their tooltips say what each does)."""

    BINDINGS: list[BindingType] = [
        Binding("down,j", "cursor_down", "Down", show=False, tooltip=MOVE, id="cursor-down"),
        Binding("up,k", "cursor_up", "Up", show=False, tooltip=MOVE, id="cursor-up"),
        Binding("home,g", "first", "First", show=False, tooltip=ENDS, id="first"),
        Binding("end,G", "last", "Last", show=False, tooltip=ENDS, id="last"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip=PAGE, id="page-down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip=PAGE, id="page-up"),
        Binding(
            "enter",
            "select",
            "Select",
            show=False,
            tooltip="In the list: choose the paper (shows the detail pane when it is hidden)",
            id="select",
        ),
    ]

    COMPONENT_CLASSES = {
        "results--cursor",
        "results--meta",
        "results--cursor-meta",
    }

    DEFAULT_CSS = """
    ResultsList {
        background: $surface;
        overflow-x: hidden;
        overflow-y: hidden;  /* the scrollbar is drawn in the rows: see `_thumb` */
    }
    ResultsList > .results--cursor {
        background: $primary 40%;
        text-style: bold;
    }
    ResultsList:focus > .results--cursor {
        background: $primary;
        color: $text;
    }
    ResultsList > .results--meta {
        color: $text-muted;
    }
    ResultsList > .results--cursor-meta {
        color: $text;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        """The cursor moved to a paper (None when the list is empty)."""

        def __init__(self, paper: Paper | None, index: int) -> None:
            super().__init__()
            self.paper = paper
            self.index = index

    class Selected(Message):
        """The user chose a paper (enter or a click)."""

        def __init__(self, paper: Paper) -> None:
            super().__init__()
            self.paper = paper

    class Fetched(Message):
        """A chunk of rows arrived from the fetch worker (for the list shown as `shown`)."""

        def __init__(self, shown: int, start: int, papers: list[Paper]) -> None:
            super().__init__()
            self.shown = shown
            self.start = start
            self.papers = papers

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        plain_lines(self)  # its rows come styled: see `plain`
        self.rows = EMPTY_ROWS
        self._cache: LRUCache[int, Paper] = LRUCache(4096)
        self._shown = 0
        """Counts the result lists shown: a chunk fetched for an earlier one is dropped."""
        self._asked: set[int] = set()
        """Chunk starts being fetched, or fetched and found empty (not asked again)."""
        self._styles: dict[bool, tuple[Style, Style]] = {}
        self._bar = ScrollbarCells(self)
        self._drawn: dict[int, Strip] = {}
        """Each line on screen as `render_line` made it last (see `_repaint`)."""
        self._built: LRUCache[str, tuple[tuple[object, ...], Strip]] = LRUCache(512)
        """The row last built for each paper (by key), with all it was built from (`_line`):
        the frame reuses the rows `_repaint` built to compare, a new list the rows it shares
        with the list before (wherever they are in it), and scrolling back the rows passed."""

    # -- data ------------------------------------------------------------------------------

    def show(self, rows: Rows) -> None:
        """Show a new result list: cursor and scroll back to the top."""
        self.rows = rows
        self._shown += 1
        self._cache.clear()
        self._asked.clear()
        for index, paper in enumerate(rows.prefetched):
            self._cache[index] = paper
        set_virtual_size(self, Size(self.size.width, rows.total), repaint=False)
        self._scroll_y(0)
        self.cursor = 0
        self._repaint()

    def update_total(self, total: int) -> None:
        """The same results, now known to be `total` long (cursor and scroll kept)."""
        self.rows = Rows(total, self.rows.fetch, self.rows.prefetched)
        set_virtual_size(self, Size(self.size.width, total), repaint=False)
        self._repaint()

    def _repaint(self) -> None:
        """Redraw only the lines on screen whose text or style changed. Textual redraws a
        line through its styles at about 0.15 ms; a keystroke's list often shares most rows
        with the one before (the same papers lead), and a count's update shares them all."""
        size = self.size
        start: int | None = None  # of a run of changed lines: one refresh each run
        for y in range(size.height + 1):
            changed = y < size.height and self._line(y, size) != self._drawn.get(y)
            if changed and start is None:
                start = y
            elif not changed and start is not None:
                self.refresh(Region(0, start, size.width, y - start))
                start = None

    def paper_at(self, index: int) -> Paper | None:
        """The paper at a position if it has been fetched; otherwise None, and its chunk is
        asked for (the list redraws, and says what is highlighted, when it arrives)."""
        if not 0 <= index < self.rows.total:
            return None
        paper = self._cache.get(index)
        if paper is None:
            start = index - index % _CHUNK
            if start not in self._asked:
                self._asked.add(start)
                self._fetch(self._shown, self.rows, start, min(self.rows.total, start + _CHUNK))
        return paper

    @work(thread=True, group="rows", exit_on_error=False)
    def _fetch(self, shown: int, rows: Rows, start: int, stop: int) -> None:
        """Read a chunk of rows off the UI thread (it may wait for a running search)."""
        if shown == self._shown:  # not replaced meanwhile by a newer result list
            self.post_message(self.Fetched(shown, start, rows.fetch(start, stop)))

    @on(Fetched)
    def _fetched(self, message: Fetched) -> None:
        message.stop()
        if message.shown != self._shown:
            return
        for offset, paper in enumerate(message.papers):
            self._cache[message.start + offset] = paper
        if message.papers:  # an empty chunk (a damaged index) stays asked: drawn blank
            self._asked.discard(message.start)
        self._repaint()
        if message.start <= self.cursor < message.start + len(message.papers):
            self.post_message(self.Highlighted(self.paper_at(self.cursor), self.cursor))

    @property
    def highlighted(self) -> Paper | None:
        """The paper under the cursor (None while its row is still being fetched)."""
        return self.paper_at(self.cursor)

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._bar.forget()
        super().notify_style_update()

    def _row_state(self, paper: Paper) -> object:
        """What a row shows beyond the paper's facts (a subclass's marks): a row is built
        again when this changes."""
        return None

    def _row_styles(self, is_cursor: bool) -> tuple[Style, Style]:
        """A row's style and its columns' style, the cursor's or not (kept until the CSS, the
        theme or the focus changes, which Textual tells through `notify_style_update`:
        working them out walks every ancestor)."""
        styles = self._styles.get(is_cursor)
        if styles is None:
            base = self.rich_style
            row = base + self.get_component_rich_style("results--cursor") if is_cursor else base
            meta = self.get_component_rich_style(
                "results--cursor-meta" if is_cursor else "results--meta", partial=True
            )
            styles = self._styles[is_cursor] = (row, row + meta)
        return styles

    def render_line(self, y: int) -> Strip:
        self._drawn[y] = strip = self._line(y, self.size)
        return strip

    def _line(self, y: int, size: Size) -> Strip:
        """Line `y` on screen (of `size`): its row, then the scrollbar's cell."""
        index = self.scroll_offset.y + y
        width = size.width - 1
        if index >= self.rows.total:
            row = Strip.blank(width, self._row_styles(False)[0])
        else:
            paper = self.paper_at(index)
            is_cursor = index == self.cursor
            if paper is None:  # being fetched: a placeholder now, the row when it arrives
                style, meta_style = self._row_styles(is_cursor)
                row = Strip([Segment(" …", meta_style)]).crop_extend(0, width, style)
            else:
                # Equal papers draw equal rows (a paper compares by identity, else by value);
                # the styles are compared too, as a change of focus restyles only the cursor.
                styles = self._row_styles(is_cursor)
                state = (paper, styles, width, self._row_state(paper))
                built = self._built.get(paper.key)
                if built is not None and built[0] == state:
                    row = built[1]
                else:
                    row = self._row_strip(paper, width, *styles)
                    self._built.discard(paper.key)  # (Textual's LRUCache keeps a key's first value)
                    self._built[paper.key] = (state, row)
        return self._bar.beside(y, row, self._thumb(y, size.height))

    def _thumb(self, y: int, height: int) -> Segment:
        """The scrollbar's cell on line `y`."""
        blank = self._row_styles(False)[0]
        return self._bar.cell(y, height, self.scroll_offset.y, self.rows.total, blank)

    def _row_strip(self, paper: Paper, width: int, style: Style, meta_style: Style) -> Strip:
        """One row, built straight from segments: it is built for every row on screen after
        each answer (to see which lines changed), so it avoids laying out rich Text."""
        author, when, tweets = row_columns(paper)
        # Fixed columns on the right; the title takes the rest. Narrow lists drop the author.
        columns = [(when, 12), (tweets, 7)]
        if width >= 110:
            columns.insert(0, (author, 24))
        elif width >= 80:
            columns.insert(0, (author, 16))
        # One leading space, and one before the scrollbar (drawn after the row).
        title_width = max(8, width - sum(w + 1 for _, w in columns) - 2)
        # Two segments: each one costs Textual's filters and compositor a step per frame, and
        # a space shows only its background, the same in both styles.
        meta = " ".join(fit(value, column_width) for value, column_width in columns)
        segments = [Segment(f" {fit(paper.title, title_width)} ", style), Segment(meta, meta_style)]
        return Strip(segments).crop_extend(0, width, style)

    def on_resize(self) -> None:
        set_virtual_size(self, Size(self.size.width, self.rows.total))

    def _scroll_y(self, y: int) -> None:
        """Scroll to row `y` now (`force`: the list has no scrollbar widget, see `_thumb`)."""
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def on_mouse_scroll_down(self, event: MouseScrollDown) -> None:
        event.stop()
        self._scroll_y(self.scroll_offset.y + WHEEL)

    def on_mouse_scroll_up(self, event: MouseScrollUp) -> None:
        event.stop()
        self._scroll_y(self.scroll_offset.y - WHEEL)

    # -- cursor ----------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.rows.total - 1)) if self.rows.total else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.paper_at(new), new))

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        height = max(1, self.size.height)
        if self.cursor < top:
            self._scroll_y(self.cursor)
        elif self.cursor >= top + height:
            self._scroll_y(self.cursor - height + 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.rows.total - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height - 1)

    def action_select(self) -> None:
        if (paper := self.highlighted) is not None:
            self.post_message(self.Selected(paper))

    def on_click(self, event: Click) -> None:
        total, height = self.rows.total, self.size.height
        if event.x == self.size.width - 1 and total > height:  # on the scrollbar: jump there
            self.cursor = round(event.y / max(1, height - 1) * (total - 1))
            return
        index = self.scroll_offset.y + event.y
        if 0 <= index < self.rows.total:
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self.cursor = index
