"""Provides TagScreen: edit a paper's (or a selection's) tags in one line, the tags in use
completed as they are typed."""

from __future__ import annotations

import re

from paperbrowse.index.clean import display_safe
from paperbrowse.index.marks import clean_tag
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from ..widgets.filter import FilterInput
from .ahead import into_field

SEPARATORS = re.compile(r"[,\s]+")


def parse_tags(text: str) -> list[str]:
    """Tags as typed, comma- or space-separated, each once (case-insensitively), in order."""
    seen: dict[str, str] = {}
    for word in SEPARATORS.split(text):
        if tag := clean_tag(word.lstrip("#")):
            seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


class SuggestTag(Suggester):
    """Completes the last word typed from the tags in use (case-insensitively, keeping what
    was typed before it as it is)."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        last = SEPARATORS.split(value)[-1]
        if not last:
            return None
        typed = {t.casefold() for t in parse_tags(value[: len(value) - len(last)])}
        for tag in self.tags:
            folded = tag.casefold()
            prefix = folded.startswith(last.casefold()) and folded != last.casefold()
            if prefix and folded not in typed:
                return value[: len(value) - len(last)] + tag
        return None


class TagScreen(ModalScreen[list[str] | None]):
    """One line of tags; enter saves them (an empty line removes every tag), escape cancels."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("tab", "complete", "Complete", show=False),
    ]

    DEFAULT_CSS = """
    TagScreen { align: center middle; }
    TagScreen > Vertical {
        width: 80; height: auto; border: round $primary; background: $surface; padding: 0 1;
    }
    TagScreen #tags-known { color: $text-muted; }
    """

    def __init__(self, title: str, tags: list[str], known: list[str]) -> None:
        super().__init__()
        self.paper_title = title
        self.tags = tags
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Tags of {display_safe(self.paper_title)}"[:76], style="bold"))
            yield FilterInput(  # its editing keys act in the order they are typed
                " ".join(self.tags) + (" " if self.tags else ""),
                placeholder="tags, separated by spaces or commas",
                suggester=SuggestTag(self.known),
                id="tags-input",
            )
            known = ", ".join(self.known[:12]) + (" …" if len(self.known) > 12 else "")
            yield Static(
                Text(f"In use: {known}" if self.known else "No tags in use yet."), id="tags-known"
            )
            yield Static(
                Text(
                    "enter saves · tab or → completes · delete a tag to remove it · escape cancels",
                    style="dim",
                )
            )

    def on_key(self, event: events.Key) -> None:
        """Keys typed behind the one that opened this screen go into the field."""
        into_field(self.query_one(Input), event)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    def action_complete(self) -> None:
        """Take the suggested completion (as → at the end does)."""
        field = self.query_one(Input)
        if field._suggestion:  # Input keeps no public name for its suggestion
            field.value = field._suggestion + " "
            field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(parse_tags(event.value))
