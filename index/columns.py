"""Provides low-level reading helpers: per-segment column values, interruptible collectors
and a small LRU map."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from whoosh import collectors

K = TypeVar("K")
V = TypeVar("V")


class LRU(OrderedDict, Generic[K, V]):  # type: ignore[type-arg]
    """A small least-recently-used map."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


FACET_FIELDS = ("venue", "year", "source")


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


class SearchCancelled(Exception):
    """Raised inside a search whose `should_stop` said yes: a newer keystroke wants the CPU."""


StopCheck = Callable[[], bool]


class _Interruptible(collectors.WrappingCollector):
    """Raises SearchCancelled, checked every 256 matches, once `should_stop()` says so."""

    def __init__(self, child: Any, should_stop: StopCheck) -> None:
        super().__init__(child)
        self.should_stop = should_stop

    def collect_matches(self) -> None:
        child = self.child
        for count, sub_docnum in enumerate(child.matches()):
            if count & 255 == 255 and self.should_stop():
                raise SearchCancelled
            child.collect(sub_docnum)


def run_collector(
    searcher: Any, query: Any, collector: Any, should_stop: StopCheck | None = None
) -> Any:
    """Run a collector, interruptibly when given `should_stop`; returns its results."""
    if should_stop is not None:
        if should_stop():
            raise SearchCancelled
        collector = _Interruptible(collector, should_stop)
    searcher.search_with_collector(query, collector)
    return collector.results()
