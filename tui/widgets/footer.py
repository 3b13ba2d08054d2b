"""Provides KeyFooter: the keys that act here, drawn on one line by one widget.

Textual's Footer mounts a widget per key and rebuilds itself whenever the screen's bindings
change; the screen is then re-arranged and redrawn whole, 24-33 ms a frame at 100k papers, each
time the focus moves between the filter and the list. This footer shows the same keys in the
same theme colours, drawn as one line of text: new keys, or a key that can no longer act
(dimmed), are a repaint of that line. A click on a key presses it; hovering shows its tooltip."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)


@dataclass(frozen=True)
class FooterEntry:
    """One key on the footer: what it presses, how it reads, and whether it can act now."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


def footer_entries(screen: Screen[Any]) -> tuple[list[FooterEntry], FooterEntry | None]:
    """The keys a footer shows for `screen` now, as Textual's Footer picks them: those with
    `show`, one per action (its first key), in binding order; and the command palette's key,
    drawn apart on the right (None when the palette is off)."""
    app = screen.app
    palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
    entries: dict[str, FooterEntry] = {}
    palette: FooterEntry | None = None
    for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
        entry = FooterEntry(
            binding.key,
            app.get_key_display(binding),
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
        self.shown: list[tuple[int, int, FooterEntry]] = []
        """The keys drawn, left to right, with the columns each spans (end excluded)."""
        self._hover: FooterEntry | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        entries, palette = footer_entries(self.screen)
        width = self.size.width
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        hover_style = self.get_component_rich_style("key-footer--hover", partial=True)

        def piece(entry: FooterEntry, lead: str = " ") -> Text:
            extra = (DIM if not entry.enabled else Style()) + (
                hover_style if entry == self._hover else Style()
            )
            return Text.assemble(
                (f"{lead}{entry.display} ", key_style + extra),
                (f"{entry.description} " if entry.description else "", description_style + extra),
            )

        right = Text()
        if palette is not None:
            right = Text.assemble(
                ("▏", self.get_component_rich_style("key-footer--separator")), piece(palette, "")
            )
        line = Text(no_wrap=True, overflow="crop")
        shown: list[tuple[int, int, FooterEntry]] = []
        room = width - right.cell_len
        for entry in entries:
            text = piece(entry)
            if line.cell_len + text.cell_len > room:
                break  # a key is drawn whole or not at all
            shown.append((line.cell_len, line.cell_len + text.cell_len, entry))
            line.append_text(text)
        if palette is not None and right.cell_len <= width - line.cell_len:
            line.pad_right(width - line.cell_len - right.cell_len)
            shown.append((line.cell_len + 1, width, palette))
            line.append_text(right)
        self.shown = shown
        return line

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
