"""Provides the messages that workers post to the main screen: a search's first rows, its
counts, a change another process made to the index, and an add's progress and end.

Workers never call screen methods; they post these (thread-safe), and the screen handles
them with `@on`, on its own thread, in order."""

from __future__ import annotations

from paperbrowse.index.models import AddReport
from textual.message import Message

from .backend import Outcome


class SearchFinished(Message):
    """A search (or related-papers look-up) has rows to show; the total may follow."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


class CountsReady(Message):
    """The exact total, facet counts and did-you-mean of a search already shown."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


class IndexChanged(Message):
    """Another process committed to the index: the shown results may be out of date."""


class AddProgressed(Message):
    """An add in this app moved on: where it stood when the worker posted this (the worker
    goes on meanwhile, so the screen draws this, not where the tracker is by then)."""

    def __init__(self, fraction: tuple[float | None, float], line: str) -> None:
        super().__init__()
        self.fraction = fraction
        self.line = line


class AddFinished(Message):
    """An add in this app ended: its report, or the error that stopped it."""

    def __init__(self, report: AddReport | None, error: str | None) -> None:
        super().__init__()
        self.report = report
        self.error = error
