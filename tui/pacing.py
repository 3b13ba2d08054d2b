"""Provides Pacer: worker threads give the UI thread the CPU whenever it has work to do.

Python runs one thread at a time (the GIL). A search thread that wants the CPU gets it back
every 5 ms or so, whatever the UI thread is doing, so a screen update that needs 15 ms of CPU
took 40-150 ms while a search or a count ran beside it at 100k papers. The UI thread beats
(`beat`, on a short timer): it beats on time whenever it is idle and stops while it is busy
(or waiting for the GIL). A search asks `give_way` at each of its stop checks (every few
hundred matches); while the beat is late it sleeps a millisecond at a time, which hands the
GIL to the UI thread, and carries on as soon as the UI is idle again. Between two checks the
GIL changes hands every millisecond (Python's default is 5), so the UI thread never waits
long for it either.

Since the index is searched in a process of its own (`searchproc`), the thread that asks is
the one waiting for the child's answer (its stop checks), and what still shares the GIL with
the UI is reading answers and wrapping the detail pane's text."""

from __future__ import annotations

import sys
import time

BEAT = 0.004
"""Seconds between two beats of an idle UI thread."""
LATE = 0.008
"""A beat older than this: the UI thread is busy, so workers wait."""
SWITCH = 0.001
"""Seconds a thread holds the GIL while another one wants it."""
LONGEST = 0.1
"""Seconds a worker waits at one check at most (a UI that stays busy still gets answers)."""


class Pacer:
    """The UI thread's beat, and the workers' way of giving way to it."""

    def __init__(self) -> None:
        self._beat = time.perf_counter()
        self._running = False
        self._switch: float | None = None

    def start(self) -> None:
        """The UI thread beats from now on (before this, and after `stop`, nobody waits)."""
        self._beat = time.perf_counter()
        self._running = True
        if self._switch is None:
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH)

    def stop(self) -> None:
        self._running = False
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None

    def beat(self) -> None:
        """On the UI thread: it is idle now."""
        self._beat = time.perf_counter()

    def give_way(self) -> None:
        """In a worker: wait while the UI thread is busy, `LONGEST` seconds at most."""
        if not self._running or time.perf_counter() - self._beat < LATE:
            return
        deadline = time.perf_counter() + LONGEST
        while self._running and time.perf_counter() - self._beat >= LATE:
            if time.perf_counter() >= deadline:
                return
            time.sleep(0.001)
