"""Provides Pacer: while the main screen is up, the GIL changes hands every millisecond.

The app's worker threads (reading the search process's answers and the rows it sends, and
wrapping the detail pane's text) take the interpreter lock (the GIL) in turns with the UI
thread. Python hands it over every 5 ms by default, so a frame that wanted it back waited up to
5 ms each time; at 1 ms the UI thread never waits long. No thread here searches: the index is
searched in a process of its own (`searchproc`), and the thread waiting for its answer sleeps in
a blocking read, without the GIL."""

from __future__ import annotations

import sys

SWITCH = 0.001
"""Seconds a thread holds the GIL while another one wants it."""


class Pacer:
    """Sets the GIL's switch interval from `start` to `stop` (the main screen's mount and
    unmount), and gives the one before back."""

    def __init__(self) -> None:
        self._switch: float | None = None

    def start(self) -> None:
        if self._switch is None:
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH)

    def stop(self) -> None:
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None
