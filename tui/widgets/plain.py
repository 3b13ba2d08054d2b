"""Provides PlainLines: Textual's styling of each line, cut short for widgets whose lines are
already styled (the result list, the detail pane and the footer).

Textual draws every line a widget renders through its styles: the line's background, its
padding and border, then tint, opacity and hatching, each looked up again for each line
(about 0.1 ms a line; a new result list and a new paper redraw some 60 lines). When a widget
has none of tint, opacity, text opacity, hatching, an outline or a scrollbar gutter, a line
inside its border is only its content between two edges that are the same on every line.
PlainLines works the edges out once per draw, with Textual's own code, and puts each content
line between them; any other line (the border's top and bottom, padding rows) and any widget
that is not plain are drawn by Textual as usual. The tests compare both ways cell by cell."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual._styles_cache import StylesCache  # Textual 8.2.8 (pinned): no public hook here
from textual.strip import Strip
from textual.widget import Widget

_KEPT = 4
"""Lines kept per line of the widget's height (`_joined`): its looks, focused and not, with
room to spare; past that all are let go at the next draw."""
_LOOKS = 16
"""Looks kept (`_looks`: a theme or a width each adds one); past that all are let go."""


def is_plain(widget: Widget) -> bool:
    """Whether each content line of `widget` is its content between fixed edges."""
    styles = widget.styles
    outline = styles.outline
    return (
        not any(widget.scrollbar_gutter)
        and not styles.tint.a
        and widget.opacity == 1.0
        and styles.text_opacity == 1.0
        and not (styles.has_rule("hatch") and styles.hatch != "none")
        and not any(edge for edge, _ in outline)
    )


class PlainLines(StylesCache):
    """A widget's styles cache that draws its content lines between edges worked out once per
    draw (see the module's docstring). Install it with `plain_lines`."""

    def __init__(self) -> None:
        super().__init__()
        self._plain = False
        self._edges: tuple[Strip, Strip, Style, int] | None = None
        self._looks: dict[tuple[tuple[Segment, ...], tuple[Segment, ...], Style, int], int] = {}
        """Each look met so far, numbered: the two edges, the inner background, the width."""
        self._joined: dict[tuple[int, int], tuple[Strip, Strip]] = {}
        """By (edges' number, line): the content line last put between those edges, and the
        line made. A content line handed in again (the same object: the list and the detail
        pane keep theirs) gives the same line back, and Textual keeps its filtered copy on
        that line: a change of focus back and forth redraws from what is kept."""

    def render_widget(self, widget: Widget, crop: Any) -> list[Strip]:
        self._plain = is_plain(widget)
        self._edges = None  # the border's colour may have changed (focus) since last time
        if len(self._joined) > _KEPT * max(1, widget.size.height):
            self._joined.clear()  # (Textual's `clear`, at each full refresh, keeps these)
        if len(self._looks) > _LOOKS:
            self._looks.clear()
            self._joined.clear()
        return super().render_widget(widget, crop)

    def render_line(  # type: ignore[override]
        self,
        styles: Any,
        y: int,
        size: Any,
        content_size: Any,
        padding: Any,
        base_background: Any,
        background: Any,
        render_content_line: Any,
        *rest: Any,
    ) -> Strip:
        gutter = styles.gutter
        content_y = y - gutter.top
        if not self._plain or not 0 <= content_y < content_size.height:
            return super().render_line(
                styles, y, size, content_size, padding, base_background, background,
                render_content_line, *rest,
            )  # fmt: skip
        width, content_width = size.width, content_size.width
        edges = self._edges
        if edges is None:
            blank = super().render_line(
                styles, y, size, content_size, padding, base_background, background,
                lambda _: Strip.blank(content_width), *rest,
            )  # fmt: skip
            left, right = blank.crop(0, gutter.left), blank.crop(width - gutter.right, width)
            inner = self.get_inner_outer(base_background, background)[0].rich_style
            key = (tuple(left), tuple(right), inner, content_width)
            look = self._looks.setdefault(key, len(self._looks))
            edges = self._edges = (left, right, inner, look)
        left, right, inner, look = edges
        content = render_content_line(content_y)
        joined = self._joined.get((look, y))
        if joined is not None and joined[0] is content:
            return joined[1]
        line = content.adjust_cell_length(content_width, inner)
        strip = Strip([*left, *line, *right], width)
        self._joined[look, y] = (content, strip)
        return strip


def plain_lines(widget: Widget) -> None:
    """Draw `widget`'s content lines through PlainLines (call in its `__init__`)."""
    widget._styles_cache = PlainLines()
