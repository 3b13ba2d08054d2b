"""The UI thread's share of the CPU: the pacer's GIL switch interval, the memory keeper that
keeps full collections for pauses, and the list rows built without rich Text."""

from __future__ import annotations

import gc
import sys

import pytest
from paperbrowse.tui import memory, pacing
from paperbrowse.tui.memory import MemoryKeeper
from paperbrowse.tui.pacing import Pacer
from paperbrowse.tui.widgets.results import fit
from rich.cells import cell_len

# -- the pacer ---------------------------------------------------------------------------------


def test_the_pacer_shortens_the_gil_switch_interval_and_gives_it_back() -> None:
    before = sys.getswitchinterval()
    pacer = Pacer()
    pacer.start()
    try:
        assert sys.getswitchinterval() == pytest.approx(pacing.SWITCH)
    finally:
        pacer.stop()
    assert sys.getswitchinterval() == pytest.approx(before)


# -- the memory keeper -------------------------------------------------------------------------


def test_no_automatic_full_collection_while_the_keeper_runs_and_the_schedule_comes_back() -> None:
    before = gc.get_threshold()
    keeper = MemoryKeeper()
    keeper.start()
    try:
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2]
        assert full > 10_000
        assert gc.get_freeze_count() > 0  # what existed at the start is never walked again
    finally:
        keeper.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_keeper_collects_at_a_pause_once_and_then_after_longest_of_typing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: clock[0])
    full_collections = []
    monkeypatch.setattr(memory.gc, "collect", lambda *a: full_collections.append(clock[0]))
    monkeypatch.setattr(memory.gc, "freeze", lambda: None)
    keeper = MemoryKeeper()
    keeper.busy()
    clock[0] += memory.IDLE / 2
    keeper.tick()
    assert full_collections == []  # still typing
    clock[0] += memory.IDLE
    keeper.tick()
    keeper.tick()
    assert full_collections == [clock[0]]  # the pause: once
    for _ in range(int(memory.LONGEST / memory.TICK) + 2):  # typing without a pause
        clock[0] += memory.TICK
        keeper.busy()
        keeper.tick()
    assert len(full_collections) == 2


# -- rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("Attention", 12, "Attention   "),
        ("Attention Is All You Need", 12, "Attention I…"),
        ("  spaced\n  out\ttitle ", 16, "spaced out title"),
        ("ab\x1b[31mc", 5, "ab[3…"),  # an escape sequence cannot reach the terminal
    ],
)
def test_fit_pads_or_cuts_with_an_ellipsis_on_one_line(text: str, width: int, shown: str) -> None:
    assert fit(text, width) == shown


@pytest.mark.parametrize("width", [1, 2, 5, 9, 10])
def test_fit_counts_wide_characters_in_cells(width: int) -> None:
    fitted = fit("视觉语言模型的对齐", width)
    assert cell_len(fitted) == width
