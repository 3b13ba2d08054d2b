"""Provides KeyFooter: the keys that act here, drawn on one line by one widget.

Textual's Footer mounts a widget per key and rebuilds itself whenever the screen's bindings
change; the screen is then re-arranged and redrawn whole, 24-33 ms a frame at 100k papers, each
time the focus moves between the filter and the list. This footer shows the same keys in the
same theme colours, drawn as one line of text: new keys, or a key that can no longer act
(dimmed), are a repaint of that line, drawn as segments (not laid out as rich Text, 3 ms a
change of focus). A click on a key presses it; hovering shows its tooltip."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.keys import key_to_character
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from .plain import plain_lines

DIM = Style(dim=True)
NONE = Style()


@dataclass(frozen=True)
class FooterEntry:
    """One key on the footer: what it presses, how it reads, and whether it can act now."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


def _types(screen: Screen[Any], key: str) -> bool:
    """Whether `key` types a character into the focused field instead of acting."""
    character = key_to_character(key)
    return isinstance(screen.focused, Input) and character is not None and character.isprintable()


def _display(screen: Screen[Any], binding: Binding) -> str:
    """How a key reads. A binding of several keys shares one `key_display` ("?" for `?` and
    F1): a key that is not that character shows its own name."""
    shown = binding.key_display
    if shown is not None and len(shown) == 1 and key_to_character(binding.key) != shown:
        binding = replace(binding, key_display=None)
    return screen.app.get_key_display(binding)


def footer_entries(screen: Screen[Any]) -> tuple[list[FooterEntry], FooterEntry | None]:
    """The keys a footer shows for `screen` now, as Textual's Footer picks them: those with
    `show`, one per action (its first key), in binding order; and the command palette's key,
    drawn apart on the right (None when the palette is off). A key that would type into the
    focused field (`?` in the filter) gives way to the action's next key (F1)."""
    app = screen.app
    palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
    entries: dict[str, FooterEntry] = {}
    palette: FooterEntry | None = None
    for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
        if _types(screen, key):
            continue
        entry = FooterEntry(
            binding.key,
            _display(screen, binding),
            binding.description,
            enabled,
            tooltip or binding.tooltip or binding.description,
        )
        if key == palette_key:
            palette = entry
        elif binding.show and binding.action not in entries:
            entries[binding.action] = entry
    return list(entries.values()), palette


class KeyFooter(Widget, can_focus=False):
    """The footer line. `shown` holds what it drew last: each key with its columns."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--separator",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 100%;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyFooter > .key-footer--separator {
        color: $foreground 20%;
    }
    KeyFooter > .key-footer--hover {
        background: $block-hover-background;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        plain_lines(self)  # its line comes styled: see `plain`
        self.shown: list[tuple[int, int, FooterEntry]] = []
        """The keys drawn, left to right, with the columns each spans (end excluded)."""
        self._hover: FooterEntry | None = None
        self._styles: tuple[Style, Style, Style, Style, Style] | None = None
        self._entries: tuple[list[FooterEntry], FooterEntry | None] | None = None
        """The keys as last drawn (`footer_entries`), kept until the screen's bindings change:
        working them out checks every key (about 1 ms)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's keys may have changed (Textual signals it after each change of focus,
        often twice, and the app after a key comes to act or stops): redraw only if they did."""
        if screen is self.screen:
            entries = footer_entries(screen)
            if entries != self._entries:
                self._entries = entries
                self.refresh()

    def notify_style_update(self) -> None:
        self._styles = None
        super().notify_style_update()

    def _piece_styles(self) -> tuple[Style, Style, Style, Style, Style]:
        """The line's, a key's, a description's, the hover's and the separator's styles (kept
        until the CSS, the theme or a pseudo-class changes: working them out walks every
        ancestor)."""
        if self._styles is None:
            component = self.get_component_rich_style
            self._styles = (
                self.rich_style,
                component("key-footer--key"),
                component("key-footer--description"),
                component("key-footer--hover", partial=True),
                component("key-footer--separator"),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        """The keys that fit, left to right, and the palette's key on the right; drawn as
        segments (the footer redraws with each change of focus)."""
        base, key_style, description_style, hover_style, separator = self._piece_styles()
        width = self.size.width
        if y:
            return Strip.blank(width, base)
        if self._entries is None:
            self._entries = footer_entries(self.screen)
        entries, palette = self._entries

        def piece(entry: FooterEntry, lead: str = " ") -> list[Segment]:
            extra = (DIM if not entry.enabled else NONE) + (
                hover_style if entry == self._hover else NONE
            )
            segments = [Segment(f"{lead}{entry.display} ", key_style + extra)]
            if entry.description:
                segments.append(Segment(f"{entry.description} ", description_style + extra))
            return segments

        right = [Segment("▏", separator), *piece(palette, "")] if palette is not None else []
        right_width = Segment.get_line_length(right)
        line: list[Segment] = []
        used = 0
        shown: list[tuple[int, int, FooterEntry]] = []
        for entry in entries:
            segments = piece(entry)
            cells = Segment.get_line_length(segments)
            if used + cells > width - right_width:
                break  # a key is drawn whole or not at all
            shown.append((used, used + cells, entry))
            line += segments
            used += cells
        if palette is not None and right_width <= width - used:
            line.append(Segment(" " * (width - used - right_width), base))
            shown.append((width - right_width + 1, width, palette))
            line += right
        self.shown = shown
        return Strip(line).crop_extend(0, width, base)

    def entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for start, end, entry in self.shown if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self.entry_at(event.x)
        if entry != self._hover:
            self._hover = entry
            self.tooltip = entry.tooltip if entry is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
