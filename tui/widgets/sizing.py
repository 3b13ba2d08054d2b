"""Provides set_virtual_size and LayoutFreeSize: a widget's content size changed without
re-arranging the whole screen; and ScrollbarCells, for scrollbars drawn in a widget's own lines.

Textual (8.2.8, pinned in pyproject) declares `virtual_size` a layout reactive: each change
re-arranges and redraws the whole screen (15-30 ms a frame here, the slowest frames while
typing), though only the widget's own scrollbars depend on it. The list's length, the detail
pane's lines and the filter's text width change with every keystroke."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size, *, repaint: bool = True) -> None:
    """Set a scrolling widget's virtual size and update its scrollbars, as a layout would
    for it (`_scroll_update`: which scrollbars show, their thumbs, the scroll clamped). A
    scrollbar that comes or goes still asks for a layout itself: the widget's width changes.
    `repaint=False`: the widget redraws what changed itself."""
    if widget.virtual_size == size:
        return
    widget.set_reactive(Widget.virtual_size, size)
    if widget.is_scrollable and widget.container_size:
        widget._scroll_update(size)  # what a layout runs for this widget (Textual 8.2.8)
    if repaint:
        widget.refresh()


class LayoutFreeSize:
    """For a widget whose virtual size never moves anything else (an Input: no scrollbars,
    one line): its `virtual_size` repaints it, without a layout."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


def thumb_at(y: int, height: int, top: int, total: int) -> bool | None:
    """Whether line `y` of a scrollbar `height` lines tall shows its thumb, for `total` lines
    scrolled to `top` (None: they all fit, and no scrollbar is drawn). The list and the
    detail pane draw their scrollbar in their last column with this, not with a ScrollBar
    widget: that redraws whole when the length changes (2-4 ms), and coming or going it
    re-arranges the screen."""
    if total <= height:
        return None
    size = max(1, round(height * height / total))
    start = round(top / (total - height) * (height - size))
    return start <= y < start + size


class ScrollbarCells:
    """The cells of a scrollbar drawn down a widget's last column (`thumb_at`), in the colours
    Textual's own scrollbar takes from the widget's styles (`scrollbar-background` for the
    track, `scrollbar-color` for the thumb, as CSS or a theme set them). The colours are kept
    until the widget's styles change: its `notify_style_update` calls `forget`. (Not
    component classes: each is restyled at every change of focus, 0.2-0.3 ms.)"""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: tuple[Style, Style] | None = None
        self._joined: dict[int, tuple[Strip, Segment, Strip]] = {}
        """Each line's content and cell, with the line joined from them (see `beside`)."""

    def forget(self) -> None:
        self._styles = None

    def _colours(self, blank: Style) -> tuple[Style, Style]:
        """The track's and the thumb's style, blended as Textual's ScrollBar blends them."""
        widget = self._widget
        styles = widget.styles
        track = styles.scrollbar_background
        if track.a < 1:
            track = widget.background_colors[0] + track
        thumb = track + styles.scrollbar_color
        colour = blank.color
        return Style(color=colour, bgcolor=track.rich_color), Style(
            color=colour, bgcolor=thumb.rich_color
        )

    def cell(self, y: int, height: int, top: int, total: int, blank: Style) -> Segment:
        """Line `y`'s cell: the thumb, the track, or `blank` when all `total` lines fit."""
        thumb = thumb_at(y, height, top, total)
        if thumb is None:
            return Segment(" ", blank)
        if self._styles is None:
            self._styles = self._colours(blank)
        return Segment(" ", self._styles[1] if thumb else self._styles[0])

    def beside(self, y: int, line: Strip, cell: Segment, gap: Segment | None = None) -> Strip:
        """Line `y`: `line`, then `gap` (if any), then the scrollbar's `cell`. The same line
        object is handed back while `line` (the same object) and `cell` are unchanged: Textual
        keeps what it works out per line object (its filtered copy, see `plain`)."""
        joined = self._joined.get(y)
        if joined is not None and joined[0] is line and joined[1] == cell:
            return joined[2]
        pieces = [*line, cell] if gap is None else [*line, gap, cell]
        strip = Strip(pieces, line.cell_length + (0 if gap is None else len(gap.text)) + 1)
        self._joined[y] = (line, cell, strip)
        return strip
