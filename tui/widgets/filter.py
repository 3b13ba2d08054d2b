"""Provides FilterInput: the search filter, whose editing keys act in the order they come."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from .sizing import LayoutFreeSize


class FilterInput(LayoutFreeSize, Input):
    """An Input that runs its own key bindings (ctrl+u, backspace, ctrl+w, arrows…) the
    moment a key reaches it.

    Textual inserts a printable key at once but runs a widget's bindings only once the key
    has bubbled up to the app, a queue at a time; keys typed right behind `ctrl+u` were
    inserted first and then deleted with the rest (`ctrl+u` then `graph` in one burst left
    an empty filter)."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                # Handled here: not again by the app, nor by Input's own key handler.
                event.stop()
                event.prevent_default()
                return
