"""Provides AddActions: adding paper lists from the main screen (`paperbrowse PATH…`, or
a drop of files), in a worker, with a progress row under the filter."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen

from ..messages import AddFinished, AddProgressed
from ..progress import AddProgress
from ..widgets.adding import AddingRow

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..backend import Backend

PROGRESS_EVERY = 0.1
"""Seconds between two progress updates sent from the adding thread to the screen."""


class AddActions(Screen[None]):
    """The main screen's adding: `add_paths` starts it; when it ends, the screen searches
    again (`search`, the main screen's)."""

    if TYPE_CHECKING:  # the main screen's
        backend: Backend
        adding: bool
        adding_progress: AddProgress
        _adding_timer: Timer | None

        def search(self) -> None: ...

    def add_paths(self, paths: list[str]) -> None:
        self.adding = True
        self.query_one("#adding").display = True
        self.adding_progress = AddProgress()
        # The save reports no steps: a timer keeps its elapsed time moving on screen.
        self._adding_timer = self.set_interval(0.5, self.show_progress)
        self.run_add(paths)

    @work(thread=True, group="add", exit_on_error=False)
    def run_add(self, paths: list[str]) -> None:
        tracker = self.adding_progress
        shown = {"at": 0.0, "stage": None}

        def progress(done: int, total: int, path: str, stage: str = "reading") -> None:
            tracker(done, total, path, stage)
            now = time.monotonic()
            if stage != shown["stage"] or done == total or now - shown["at"] >= PROGRESS_EVERY:
                shown.update(at=now, stage=stage)
                self.post_message(AddProgressed(tracker.fraction(), tracker.line()))

        try:
            report = self.backend.add(paths, progress)
        except Exception as error:
            self.post_message(AddFinished(None, str(error)))
            return
        self.post_message(AddFinished(report, None))

    @on(AddProgressed)
    def add_progressed(self, message: AddProgressed) -> None:
        self.show_progress(message)

    def show_progress(self, step: AddProgressed | None = None) -> None:
        """Reading files, indexing papers (with rate and time left), saving the index: as a
        worker's step said, or (on the timer) as the add stands now."""
        if self.adding:
            tracker = self.adding_progress
            fraction, line = (
                (step.fraction, step.line) if step else (tracker.fraction(), tracker.line())
            )
            self.query_one("#adding", AddingRow).show(fraction, line)

    @on(AddFinished)
    def finish_add(self, message: AddFinished) -> None:
        report, error = message.report, message.error
        self.adding = False
        if self._adding_timer is not None:
            self._adding_timer.stop()
        self.query_one("#adding").display = False
        if error is not None:
            self.notify(f"Adding failed: {error}", severity="error", timeout=10, markup=False)
        else:
            summary = (
                f"Added {report.papers_new} new papers ({report.files_read} lists read, "
                f"{report.files_unchanged} unchanged, {report.files_failed} failed)"
            )
            self.notify(summary, timeout=6)
            for problem in report.problems[:5]:
                self.notify(str(problem), severity="warning", timeout=10, markup=False)
        self.search()
