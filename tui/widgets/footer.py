"""Provides KeyFooter: Textual's footer, which dims a key in place when only that changed.

Textual's Footer rebuilds itself whenever the screen's bindings change: it mounts a widget per
key, and the screen is re-arranged and redrawn whole (about 25 ms a frame here). Moving from a
paper with an OpenReview forum to one without changes only whether `o` can act, many times a
second while typing, so that case just sets the key's `-disabled` class (a repaint)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not re-exported by Textual 8.2.8 (pinned)

Shown = list[tuple[str, str, str, bool]]
"""The footer's keys in order: key, action, description, and whether it can act."""


def shown_keys(screen: Screen[Any]) -> Shown:
    """The keys a footer shows for `screen` now (as Footer.compose picks them)."""
    return [
        (binding.key, binding.action, binding.description, enabled)
        for _, binding, enabled, _ in screen.active_bindings.values()
        if binding.show
    ]


class KeyFooter(Footer):
    """A Footer that is rebuilt only when which keys it shows changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Shown | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        current = screen.app.app_focus and self.is_attached and screen is self.screen
        shown = shown_keys(screen)
        before = self._shown
        self._shown = shown if current else None  # what the footer shows once this is done
        if not current or before is None or [k[:3] for k in shown] != [k[:3] for k in before]:
            super().bindings_changed(screen)  # a rebuild, as Textual's footer does
            return
        enabled = {(key, action): can for key, action, _, can in shown}
        for widget in self.query(FooterKey):
            can = enabled.get((widget.key, widget.action))
            if can is not None:
                widget.set_class(not can, "-disabled")
