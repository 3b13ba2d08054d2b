"""Provides column reading: per-segment column values, the live papers, and Columns, which
keeps whole columns per searcher generation and orders docnums by a sort's columns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .lru import LRU
from .schema import KIND_FILE
from .sorts import sort_columns


def column_list(reader: Any, field: str) -> list[Any]:
    """Every document's value of a column, in docnum order (segments concatenated)."""
    leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
    default = reader.schema[field].column_type.default_value()
    values: list[Any] = []
    for leaf, _offset in leaves:
        if leaf.has_column(field):
            values.extend(leaf.column_reader(field))
        else:
            values.extend([default] * leaf.doc_count_all())
    return values


def column_values(reader: Any, field: str) -> Callable[[int], Any]:
    """docnum -> a column's value, per segment. whoosh3's multi-segment column reader skips
    segments that lack the column and then answers for the wrong documents."""
    leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
    spans = []
    for leaf, offset in leaves:
        column = leaf.column_reader(field) if leaf.has_column(field) else None
        spans.append((offset, offset + leaf.doc_count_all(), column))
    default = reader.schema[field].column_type.default_value() if field in reader.schema else None

    def value(docnum: int) -> Any:
        for start, stop, column in spans:
            if start <= docnum < stop:
                return column[docnum - start] if column is not None else default
        return default

    return value


def live_papers(reader: Any) -> list[int]:
    """Docnums of the papers not deleted (file records and replaced papers left out): the one
    way papers are counted (doc_frequency would still count papers a later add replaced)."""
    others = set()
    if ("kind", KIND_FILE) in reader:
        others.update(reader.postings("kind", KIND_FILE).all_ids())
    if reader.has_deletions():
        others.update(d for d in range(reader.doc_count_all()) if reader.is_deleted(d))
    return [d for d in range(reader.doc_count_all()) if d not in others]


class Columns:
    """Whole columns and the live papers, read once per searcher generation."""

    def __init__(self) -> None:
        self._cache: LRU[tuple[int, str], Any] = LRU(12)

    def _get(self, generation: int, name: str, read: Callable[[], Any]) -> Any:
        key = (generation, name)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = read()
        return value

    def column(self, generation: int, searcher: Any, field: str) -> list[Any]:
        return self._get(generation, "list:" + field, lambda: column_list(searcher.reader(), field))

    def live(self, generation: int, searcher: Any) -> list[int]:
        """The live papers' docnums (callers copy before changing the list)."""
        return self._get(generation, "live", lambda: live_papers(searcher.reader()))

    def live_set(self, generation: int, searcher: Any) -> set[int]:
        return self._get(generation, "live-set", lambda: set(self.live(generation, searcher)))

    def ordered_live(self, generation: int, searcher: Any, sort: str) -> list[int]:
        """Every live paper in a sort's order, sorted once per generation: a sort of 100k
        docnums holds the interpreter for tens of milliseconds, which the UI must not wait
        for each time the filter is cleared (callers copy before changing the list)."""

        def ordered() -> list[int]:
            docnums = list(self.live(generation, searcher))
            self.order(docnums, sort, generation, searcher)
            return docnums

        return self._get(generation, "ordered:" + sort, ordered)

    def order(self, docnums: list[int], sort: str, generation: int, searcher: Any) -> None:
        """Sort docnums in place by a sort's columns: one stable sort per column, least
        significant first (cheaper than tuple keys at 100k papers)."""
        for field, reverse in reversed(sort_columns(sort, every=True)):
            docnums.sort(key=self.column(generation, searcher, field).__getitem__, reverse=reverse)
