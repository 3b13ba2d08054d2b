"""Provides the keys typed ahead of a screen: those typed in the same burst as the key that
opened it (`tmux send-keys "trope" Enter`, a paste, a fast typist).

Textual runs a key's binding once the key has bubbled up to the app, by which time the keys
typed behind it were handed to the widget that had the focus then. So the main screen passes
on the keys that reach it while another screen is in front (`pass_on`), and an editor takes
the printable ones that reach it before its field had the focus (`into_field`)."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Input, TextArea


def pass_on(screen: Screen[object], event: events.Key) -> bool:
    """On a screen that is no longer in front: send the key to the app again, which hands it
    to the screen in front, in the order typed. True when it was passed on."""
    if screen.app.screen is screen:
        return False
    event.stop()
    event.prevent_default()
    screen.app.post_message(events.Key(event.key, event.character))
    return True


def into_field(field: Input | TextArea, event: events.Key) -> bool:
    """A key that reached an editor's screen rather than its field: a character (or, in a
    text area, enter) goes into the field at its cursor. True when it was taken. (A focused
    field takes its characters itself, so one that reaches the screen was typed before the
    field had the focus; with another widget focused, the key is left to it.)"""
    if field.screen.focused not in (None, field):
        return False
    if isinstance(field, TextArea) and event.key == "enter":
        text = "\n"
    elif event.is_printable and event.character:
        text = event.character
    else:
        return False
    event.stop()
    event.prevent_default()
    if isinstance(field, TextArea):
        field.insert(text)
    else:
        field.insert_text_at_cursor(text)
    return True
