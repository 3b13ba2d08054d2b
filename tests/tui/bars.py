"""Reads a scrollbar drawn down a widget's last column (the list's, the detail pane's) as
text, against the colours Textual's own ScrollBar would give it."""

from __future__ import annotations

from collections.abc import Callable

from rich.color import Color as RichColor
from textual.strip import Strip
from textual.widget import Widget


def scrollbar_colours(widget: Widget) -> tuple[RichColor, RichColor]:
    """The track's and the thumb's background, as `textual.scrollbar.ScrollBar.render` works
    them out from the widget's styles."""
    styles = widget.styles
    track = styles.scrollbar_background
    if track.a < 1:
        base, _ = widget.background_colors
        track = base + track
    return track.rich_color, (track + styles.scrollbar_color).rich_color


def bar_text(widget: Widget, line: Callable[[int], Strip]) -> str:
    """The bar down `widget`'s lines (`line(y)` draws one): `#` thumb, `|` track, ` ` none."""
    track, thumb = scrollbar_colours(widget)
    cells = []
    for y in range(widget.size.height):
        colour = list(line(y))[-1].style.bgcolor  # type: ignore[union-attr]
        cells.append("#" if colour == thumb else "|" if colour == track else " ")
    return "".join(cells)
