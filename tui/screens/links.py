"""Provides LinkActions: the copy keys and `w`, each saying in one line what it did."""

from __future__ import annotations

from paperbrowse.index.cite import COPY_KINDS, copy_text
from paperbrowse.index.clean import display_safe
from paperbrowse.index.models import Paper
from textual import work
from textual.screen import Screen

from ..browser import open_in_browser
from ..clipboard import copy


def copied_message(what: str, text: str, via: str, reason: str | None) -> str:
    """`Copied arXiv URL https://… to the clipboard`, or, through OSC 52, the same ending
    `to the terminal (OSC 52); no system clipboard: <why>` — one line, whatever pyperclip said."""
    shown = display_safe(text if "\n" not in text else text.splitlines()[0] + " …")
    message = f"Copied {what} {shown} to {via}"
    if reason:
        message += f"; no system clipboard: {reason}"
    return message


class LinkActions(Screen[None]):
    """The screen's copy and open actions; the highlighted paper comes from `_paper()`."""

    def _paper(self) -> Paper | None:
        """The highlighted paper, or None (having said so); the screen provides it."""
        raise NotImplementedError

    def _selected(self) -> list[Paper]:
        """The selected papers (none here; SelectionActions gives them)."""
        return []

    def action_copy(self, kind: str) -> None:
        """Copy the highlighted paper's link (or Markdown, BibTeX) of this kind; Markdown and
        BibTeX of every selected paper when there is a selection."""
        target = COPY_KINDS[kind]
        selected = self._selected() if target.joined is not None else []
        if selected and target.joined is not None:
            what = f"{len(selected)} {target.plural if len(selected) > 1 else target.what}"
            self.copy_in_background(target.joined(selected), what)
            return
        paper = self._paper()
        if paper is None:
            return
        text, what = copy_text(paper, kind)
        if text is None:
            self.notify(
                f"This paper has no {what}; the clipboard is unchanged.",
                severity="warning",
                timeout=4,
            )
            return
        self.copy_in_background(text, what)

    def _copy(self, text: str) -> tuple[str, str | None]:
        """Copy text from a worker thread: (where it went, why not the system clipboard)."""
        outcome = copy(text, lambda t: self.app.call_from_thread(self.app.copy_to_clipboard, t))
        return outcome.via, outcome.reason

    @work(thread=True, group="clipboard", exit_on_error=False)
    def copy_in_background(self, text: str, what: str) -> None:
        """pyperclip may be slow or hang; it runs here, bounded, never on the UI thread."""
        via, reason = self._copy(text)
        # Titles and URLs are data: never parsed as markup (`[/]` would crash the toast).
        message = copied_message(what, text, via, reason)
        self.app.call_from_thread(self.notify, message, timeout=5, markup=False)

    def action_open_link(self) -> None:
        """Open the primary link in the browser (in a thread: the opener is waited for)."""
        paper = self._paper()
        if paper is not None:
            url, what = copy_text(paper, "primary")
            assert url is not None
            self.open_in_background(url, what)

    @work(thread=True, group="browser", exit_on_error=False)
    def open_in_background(self, url: str, what: str) -> None:
        """Say whether a browser took the URL; when none did, copy the URL instead."""
        outcome = open_in_browser(url)
        shown = display_safe(url)
        if outcome.opened:
            message, severity = f"Opened {what} {shown} in the browser", "information"
        else:
            via, _ = self._copy(url)
            message = (
                f"Could not open a browser ({outcome.reason}); "
                f"copied {what} {shown} to {via} instead"
            )
            severity = "warning"
        self.app.call_from_thread(self.notify, message, severity=severity, timeout=6, markup=False)
