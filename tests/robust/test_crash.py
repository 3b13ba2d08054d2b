"""Tests that `paperbrowse add` killed with SIGKILL loses no paper (a CI-sized trial run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "crash_trials.py"


@pytest.mark.ci_sized
def test_add_killed_at_random_moments_leaves_before_or_after_and_re_add_converges(tmp_path):
    """Four kills at random moments of an add: each time the index opens holding exactly the
    papers before or after the add, and adding again gives exactly a clean build.

    CI-sized (4 trials, 3 lists added). The full run (the issue's count; about five minutes
    with ../shared present):

        .venv/bin/python bench/crash_trials.py --trials 50
    """
    done = subprocess.run(
        [
            sys.executable,
            SCRIPT,
            "--trials",
            "4",
            "--lists",
            "3",
            "--seed",
            "1",
            "--workdir",
            tmp_path / "trials",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "failures: 0" in done.stdout
    assert "converged: 4/4" in done.stdout
