"""Provides AddProgress: an add's progress in words (stage, count, rate, time left), kept in
`rich.progress` tasks so Rich works out the rate and draws the live bars on a terminal."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import PurePath
from typing import TextIO

from paperbrowse.index.clean import display_safe
from paperbrowse.index.library import Stage
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

READING, WRITING, SAVING = Stage.READING, Stage.WRITING, Stage.SAVING

UNITS = {READING: "files", WRITING: "papers", SAVING: "papers"}
LABELS = {READING: "reading", WRITING: "indexing", SAVING: "saving the index"}


def clock(seconds: float | None) -> str:
    """`0:42`, `12:05`, `1:02:03`: a duration as people read it."""
    if seconds is None:
        return "?"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class CountColumn(ProgressColumn):
    """`450/2272` (blank for the open-ended save)."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")


class RateColumn(ProgressColumn):
    """`470 papers/s` (blank until Rich has two samples)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None or task.fields.get("stage") == SAVING:
            return Text("")
        return Text(f"{speed:,.0f} {task.fields.get('unit', '')}/s", style="progress.data.speed")


class AddProgress:
    """Called as the index's progress(done, total, path, stage); one Rich task per stage.

    `live` draws Rich's bars (a terminal); otherwise nothing is drawn and `line()` gives the
    same facts as one plain line, for the app and for piped output."""

    def __init__(
        self,
        console: Console | None = None,
        *,
        live: bool = False,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """`clock` is Rich's time source (tests pass their own)."""
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            CountColumn(),
            RateColumn(),
            TimeRemainingColumn(compact=True),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            disable=not live,
            transient=True,
            get_time=clock,
        )
        self.tasks: dict[str, TaskID] = {}
        self.stage: str | None = None
        self.path = ""

    def _task(self, stage: str) -> Task:
        """The Rich task of a stage that has begun."""
        return next(t for t in self.progress.tasks if t.id == self.tasks[stage])

    def __call__(self, done: int, total: int, path: str, stage: str = READING) -> None:
        """Record a step; a new stage closes the one before (its bar shown full)."""
        task = self.tasks.get(stage)
        if task is None:
            if self.stage is not None:  # the earlier stage is over
                previous = self.tasks[self.stage]
                self.progress.update(previous, completed=self._task(self.stage).total)
                self.progress.stop_task(previous)
            label = LABELS.get(stage, stage)
            if stage == SAVING:
                label += f" ({total:,} papers)"
            task = self.progress.add_task(
                label,
                # The commit reports no steps: an open-ended task, its elapsed time moving.
                total=None if stage == SAVING else total,
                unit=UNITS.get(stage, ""),
                stage=stage,
            )
            self.tasks[stage] = task
            self.stage = stage
        self.progress.update(task, completed=0 if stage == SAVING else done)
        if stage == READING:
            self.path = path

    def line(self) -> str:
        """The current stage as one line: `indexing 3,000/7,468 papers · 470 papers/s · 0:09
        left`, `reading 12/389 files: list.md`, `saving the index (7,468 papers)… 0:12`."""
        if self.stage is None:
            return "adding lists…"
        # A Task's speed and time left take the Progress lock: safe from another thread.
        task = self._task(self.stage)
        done, total = int(task.completed), int(task.total or 0)
        speed, left, elapsed = task.speed, task.time_remaining, task.elapsed
        if self.stage == READING:
            return display_safe(f"reading {done}/{total} files: {PurePath(self.path).name}")
        if self.stage == WRITING:
            rate = f" · {speed:,.0f} papers/s · {clock(left)} left" if speed else ""
            return f"indexing {done:,}/{total:,} papers{rate}"
        written = int(self._task(WRITING).total or 0) if WRITING in self.tasks else 0
        return f"saving the index ({written:,} papers)… {clock(elapsed)}"

    def fraction(self) -> tuple[float | None, float]:
        """(total, completed) of the current stage for a progress bar; total None while the
        index is saved (a bar that pulses)."""
        if self.stage is None:
            return None, 0.0
        task = self._task(self.stage)
        return task.total, task.completed

    def __enter__(self) -> AddProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


class PlainLines:
    """For piped stderr: the current stage as a plain line every `every` seconds, from a
    daemon thread, so a long indexing or save still shows signs of life while a quick add
    prints nothing but its summary. Called like AddProgress, which it feeds."""

    def __init__(self, progress: AddProgress, out: TextIO, every: float = 5.0) -> None:
        self.progress = progress
        self.out = out
        self.every = every
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True, name="add-progress")
        self._started = self._last = time.monotonic()

    def __call__(self, done: int, total: int, path: str, stage: str = READING) -> None:
        self.progress(done, total, path, stage)

    def _write(self) -> None:
        """One line: the current stage and the seconds since the add began."""
        with self._lock:
            self._last = now = time.monotonic()
            self.out.write(f"{self.progress.line()} ({now - self._started:.0f} s)\n")
            self.out.flush()

    def _tick(self) -> None:
        """The thread: a line whenever `every` seconds passed since the last one."""
        while not self._stop.wait(min(0.5, self.every / 2)):
            if time.monotonic() - self._last >= self.every:
                self._write()

    def __enter__(self) -> PlainLines:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
