"""Provides MemoryKeeper: keeps Python's cyclic garbage collector from stalling typing.

A full collection walks every object the app holds (Textual's widgets and styles, the rows it
has read); Python starts one whenever enough objects were allocated, mid-keystroke. (Before
the index moved to its own process, Whoosh's readers and caches made that 60-160 ms at 100k
papers; the app's own heap still takes 20-40 ms.) So while the main screen is up, Python
starts no full collection of its own (young objects are still collected as usual, a
millisecond or two each). What exists when the screen opens is frozen at once (`gc.freeze`),
and once the user pauses (no key and no search for a moment), what came since is collected
and what is left of it frozen too, so each collection walks only what is new. Frozen objects
are still freed by reference counting when they die; only reference cycles among them wait
until the screen closes. A user who never pauses gets a collection every `LONGEST` seconds."""

from __future__ import annotations

import gc
import time

TICK = 0.5
"""Seconds between two looks (the main screen's timer)."""
IDLE = 1.5
"""Seconds without a keystroke or a search after which the collection and freeze run."""
LONGEST = 30.0
"""Seconds of uninterrupted typing after which the full collection runs anyway."""
_NEVER = 1_000_000
"""A count of young collections Python never reaches: no automatic full collection."""


class MemoryKeeper:
    """Settles memory at pauses, from `start` to `stop` (the main screen's mount, unmount)."""

    def __init__(self) -> None:
        self._busy_at = time.monotonic()
        self._settled_at = self._busy_at
        self._settled = False
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """From now on, full collections run only here; what exists now is frozen (the
        first pause would otherwise walk all of it, the slowest collection)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, _NEVER)
            gc.freeze()

    def busy(self) -> None:
        """The user typed or a search started: settle again at the next pause."""
        self._busy_at = time.monotonic()
        self._settled = False

    def tick(self) -> None:
        """At a pause, once (or after `LONGEST` s of typing): collect everything not frozen,
        then freeze what is left."""
        now = time.monotonic()
        paused = now - self._busy_at >= IDLE
        if not self._settled and (paused or now - self._settled_at >= LONGEST):
            gc.collect()
            gc.freeze()
            self._settled = paused
            self._settled_at = now

    def stop(self) -> None:
        """Hand what was frozen back to the collector, and its own schedule (another screen
        or app may follow)."""
        gc.unfreeze()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
