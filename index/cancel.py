"""Provides interruptible searches: a collector that stops once a newer keystroke wants the
CPU, checked every 64 matches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import collectors


class SearchCancelled(Exception):
    """Raised inside a search whose `should_stop` said yes: a newer keystroke wants the CPU."""


StopCheck = Callable[[], bool]


class _Interruptible(collectors.WrappingCollector):
    """Raises SearchCancelled, checked every 64 matches, once `should_stop()` says so."""

    def __init__(self, child: Any, should_stop: StopCheck) -> None:
        super().__init__(child)
        self.should_stop = should_stop

    def collect_matches(self) -> None:
        child = self.child
        for count, sub_docnum in enumerate(child.matches()):
            if count & 63 == 63 and self.should_stop():
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
