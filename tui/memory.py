"""Provides MemoryKeeper: keeps Python's cyclic garbage collector from stalling typing.

A large index leaves hundreds of thousands of long-lived objects (whole columns, cached rows,
Whoosh's readers and caches). A full collection walks all of them, 60-160 ms at 100k papers,
and Python starts one whenever enough objects were allocated: on whichever thread, mid-
keystroke, so the UI froze. So once the user pauses (no key and no search for a moment), the
garbage is collected and everything still alive is frozen (`gc.freeze`): later collections
skip it, so they stay short while typing. Frozen objects are still freed by reference
counting when they die; only reference cycles among them wait until the screen closes."""

from __future__ import annotations

import gc
import time

TICK = 0.5
"""Seconds between two looks (the main screen's timer)."""
IDLE = 1.5
"""Seconds without a keystroke or a search after which the collection and freeze run."""


class MemoryKeeper:
    """Settles memory at pauses, from `start` to `stop` (the main screen's mount, unmount)."""

    def __init__(self) -> None:
        self._busy_at = time.monotonic()
        self._settled = False

    def busy(self) -> None:
        """The user typed or a search started: settle again at the next pause."""
        self._busy_at = time.monotonic()
        self._settled = False

    def tick(self) -> None:
        """At a pause, once: collect everything not frozen, then freeze what is left."""
        if not self._settled and time.monotonic() - self._busy_at >= IDLE:
            gc.collect()
            gc.freeze()
            self._settled = True

    def stop(self) -> None:
        """Hand what was frozen back to the collector (another screen or app may follow)."""
        gc.unfreeze()
