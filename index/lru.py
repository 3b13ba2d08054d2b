"""Provides LRU: a small least-recently-used map for the search caches.

Not `functools.lru_cache`: these caches are filled after the fact (a cancelled search leaves
nothing behind, a counted result replaces an uncounted one), which a memoised call cannot do;
and the core never imports textual, whose `LRUCache` the app uses."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRU(OrderedDict, Generic[K, V]):  # type: ignore[type-arg]
    """A map that keeps the `size` most recently used keys."""

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
