"""Tests `paperbrowse [PATH…]` without a terminal (cron, a pipe, CI): the app does not start;
one line says so and names the command for scripts, and the exit is 2, at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIPS = FIXTURES / "conference/NIPS-2022-list01.md"
BOUND = 10.0
"""Seconds after which a run counts as hung (the app started; it never exits by itself)."""


@pytest.fixture
def a_terminal() -> Iterator[int]:
    """One end of a pseudo-terminal, to give a run a terminal on stdin only."""
    controller, terminal = os.openpty()
    yield terminal
    os.close(terminal)
    os.close(controller)


def run(tmp_path: Path, *args: object, stdin: int = subprocess.DEVNULL) -> tuple[int, str, str]:
    """`paperbrowse ARGS` with stdout to a file: its exit, its stderr and the file's text.
    A run still going after BOUND seconds is killed and fails the test."""
    out = tmp_path / "out.txt"
    env = {**os.environ, "PAPERBROWSE_INDEX": str(tmp_path / "ix"), "PYTHONIOENCODING": "utf-8"}
    started = time.monotonic()
    with out.open("wb") as handle:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "paperbrowse", *map(str, args)],
                stdin=stdin,
                stdout=handle,
                stderr=subprocess.PIPE,
                env=env,
                timeout=BOUND,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running after {BOUND} s: the app started without a terminal")
    assert time.monotonic() - started < BOUND
    return done.returncode, done.stderr.decode("utf-8"), out.read_text(encoding="utf-8")


def test_without_a_terminal_the_app_does_not_start_and_says_what_to_use(tmp_path):
    """stdin from /dev/null, stdout to a file: exit 2, one line on stderr naming
    `paperbrowse search`, and nothing (no escape sequences) in the file."""
    code, err, out = run(tmp_path)
    assert code == 2
    assert err.count("\n") == 1 and "needs a terminal" in err
    assert "paperbrowse search" in err
    assert out == ""


def test_a_terminal_on_stdin_alone_is_not_enough(tmp_path, a_terminal):
    """A terminal on stdin but stdout to a file (`paperbrowse > out`) does not start the
    app either."""
    code, err, out = run(tmp_path, stdin=a_terminal)
    assert code == 2 and "needs a terminal" in err and out == ""


def test_demo_without_a_terminal_does_not_start(tmp_path):
    """`paperbrowse --demo` without a terminal exits 2 with the same line."""
    code, err, _ = run(tmp_path, "--demo")
    assert code == 2 and "needs a terminal" in err


@pytest.mark.parametrize("order", ["before", "after"])
def test_paths_are_added_first_then_the_message(tmp_path, order):
    """`paperbrowse [--index D] LIST [--index D]` without a terminal still adds the list
    into D (options before or after it), prints the add's summary, then the message; exit 2."""
    index = tmp_path / "named"
    options = ["--index", index]
    args = [*options, NIPS] if order == "before" else [NIPS, *options]
    code, err, _ = run(tmp_path, *args)
    assert code == 2
    assert "papers: 3 new" in err and err.rstrip().splitlines()[-1].endswith(
        "see `paperbrowse --help`)"
    )
    stats = subprocess.run(
        [sys.executable, "-m", "paperbrowse", "stats", "--json", "--index", str(index)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(stats.stdout)["papers"] == 3
