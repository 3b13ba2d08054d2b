"""Provides Rows: what the result list shows, without Textual (the backend builds it before
the app is imported, so the search process starts while Textual loads)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from paperbrowse.index.models import Paper

Fetch = Callable[[int, int], list[Paper]]
"""fetch(start, stop): the papers at positions [start, stop) of a result list."""


@dataclass(frozen=True)
class Rows:
    """What the list shows: how many rows there are and how to read a slice of them."""

    total: int
    fetch: Fetch
    prefetched: tuple[Paper, ...] = ()


EMPTY_ROWS = Rows(0, lambda start, stop: [])
