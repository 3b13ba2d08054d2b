"""Tests the ../shared guard: tests over missing shared data skip, or fail when CI requires it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROBE = '''
def test_needs_shared(shared_dir):
    assert shared_dir.is_dir()
'''


def _run_probe(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    """Run a one-test suite with this suite's conftest in a repository without ../shared."""
    tests = tmp_path / "repo" / "tests"
    tests.mkdir(parents=True)
    shutil.copy(Path(__file__).with_name("conftest.py"), tests / "conftest.py")
    (tests / "test_probe.py").write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PAPERBROWSE_REQUIRE_SHARED"}
    if require is not None:
        env["PAPERBROWSE_REQUIRE_SHARED"] = require
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-p", "no:xdist",
         str(tests)],
        capture_output=True, text=True, env=env, cwd=tmp_path / "repo", timeout=120,
    )


def test_missing_shared_data_skips(tmp_path):
    """Without ../shared, a test that needs it is skipped, saying what is missing."""
    done = _run_probe(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout and "is not present" in done.stdout


def test_missing_shared_data_fails_when_required(tmp_path):
    """With PAPERBROWSE_REQUIRE_SHARED=1, missing ../shared is a failure, not a skip."""
    done = _run_probe(tmp_path, "1")
    assert done.returncode == 1, done.stdout
    assert "1 error" in done.stdout or "1 failed" in done.stdout
    assert "PAPERBROWSE_REQUIRE_SHARED=1" in done.stdout
