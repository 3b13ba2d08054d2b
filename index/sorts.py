"""Provides the sort orders: the one map of a sort to the columns it orders by. Plain data,
so the command line can offer the choices without loading the index."""

from __future__ import annotations

SORT_COLUMNS: dict[str, tuple[tuple[str, bool], ...]] = {
    "relevance": (),
    "date": (("sort_date", True), ("sort_title", False)),
    "popularity": (("retweets", True),),
    "title": (("sort_title", False),),
}
"""The one map of a sort to its columns, most significant first, each (column, descending).
Newest first breaks ties A→Z by title, so the order never depends on the order lists were
added in. Relevance ranks by score; with nothing to score (every paper), it is by date."""
SORTS = tuple(SORT_COLUMNS)


def sort_columns(sort: str, every: bool = False) -> tuple[tuple[str, bool], ...]:
    """The columns a sort orders by (relevance over every paper: by date)."""
    return SORT_COLUMNS["date" if sort == "relevance" and every else sort]
