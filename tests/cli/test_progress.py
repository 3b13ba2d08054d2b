"""Tests add progress as it is printed: the words of each stage, and piped lines that keep
coming while a long stage runs."""

from __future__ import annotations

import io
import time

from paperbrowse.index.intake import SAVING, WRITING
from paperbrowse.tui.progress import AddProgress, PlainLines


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_indexing_reads_papers_written_of_total_with_rate_and_time_left() -> None:
    """Half of 1,000 papers in one second: `indexing 500/1,000 papers · 500 papers/s · 0:01
    left`."""
    clock = Clock()
    progress = AddProgress(clock=clock)
    progress(1, 1, "/lists/a.md")
    assert progress.line() == "reading 1/1 files: a.md"
    progress(0, 1000, "", stage=WRITING)
    for done in (250, 500):
        clock.now += 0.5
        progress(done, 1000, "", stage=WRITING)
    assert progress.line() == "indexing 500/1,000 papers · 500 papers/s · 0:01 left"
    clock.now += 1
    progress(1000, 1000, "", stage=SAVING)
    clock.now += 12
    assert progress.line() == "saving the index (1,000 papers)… 0:12"


def wait_for_lines(out: io.StringIO, count: int, timeout: float = 10.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while len(lines := out.getvalue().splitlines()) < count:
        assert time.monotonic() < deadline, out.getvalue()
        time.sleep(0.02)
    return lines


def test_piped_progress_prints_the_current_stage_every_few_seconds() -> None:
    """Piped, the stage under way is printed every `every` seconds, with the time since the
    add began: a long indexing, then a save that reports nothing for a while, still show."""
    out = io.StringIO()
    with PlainLines(AddProgress(), out, every=0.1) as lines:
        lines(3, 3, "/lists/a.md")
        lines(0, 10, "", stage=WRITING)
        assert wait_for_lines(out, 1)[0].startswith("indexing 0/10 papers (")
        lines(10, 10, "", stage=SAVING)
        seen = wait_for_lines(out, 4)
    stages = [line.split(" ", 1)[0] for line in seen]
    assert stages == sorted(stages, key=["indexing", "saving"].index)
    assert seen[-1].startswith("saving the index (10 papers)… ")
    assert all(line.endswith(" s)") for line in seen)


def test_piped_progress_says_nothing_when_the_add_is_quick() -> None:
    """An add shorter than `every` prints no progress at all: a script's stderr holds just
    the summary (and problems)."""
    out = io.StringIO()
    with PlainLines(AddProgress(), out, every=60) as lines:
        lines(1, 1, "/lists/a.md")
        lines(5, 5, "", stage=WRITING)
        lines(5, 5, "", stage=SAVING)
    assert out.getvalue() == ""
