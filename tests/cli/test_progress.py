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


def test_piped_progress_repeats_a_line_while_a_long_stage_runs() -> None:
    """Piped, a stage that reports nothing for a while (a big commit) still gets a line every
    `every` seconds, each with the time since the add began."""
    out = io.StringIO()
    with PlainLines(AddProgress(), out, every=0.1) as lines:
        lines(3, 3, "/lists/a.md")
        lines(0, 10, "", stage=WRITING)
        lines(10, 10, "", stage=SAVING)
        seen = wait_for_lines(out, 5)
    assert seen[0].startswith("reading 3/3 files: a.md (")
    assert seen[1].startswith("indexing 0/10 papers (")
    assert all(line.startswith("saving the index (10 papers)… ") for line in seen[2:])
    assert all(line.endswith(" s)") for line in seen)
