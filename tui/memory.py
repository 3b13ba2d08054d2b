"""Provides settle_memory: keeps Python's cyclic garbage collector from stalling the UI.

A large index leaves hundreds of thousands of long-lived objects (whole columns, cached rows,
Whoosh's readers and caches). A full collection walks all of them: 60-160 ms at 100k papers,
on whichever thread allocates, so the UI froze mid-keystroke. Every few seconds the young
garbage is collected and what survives is moved to the permanent generation (`gc.freeze`),
which collections skip: both take about a millisecond. What becomes garbage later is still
freed by reference counting; only reference cycles that die after being frozen are kept."""

from __future__ import annotations

import gc

SETTLE_EVERY = 2.0
"""Seconds between two settlings (the main screen's timer)."""


def settle_memory() -> None:
    """Collect the young generations, then freeze everything still alive."""
    gc.collect(1)
    gc.freeze()
