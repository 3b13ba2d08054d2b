"""Provides the end-to-end fixtures: the installed command, an index of the seeds, Xvfb, tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_harness import Tmux, require_tools

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def paperbrowse_command() -> Path:
    """The installed `paperbrowse` entry point (PATH, else beside this Python)."""
    found = shutil.which("paperbrowse") or shutil.which(
        "paperbrowse", path=str(Path(sys.executable).parent)
    )
    if found is None:
        pytest.fail("the paperbrowse command is not installed (pip install -e .)", pytrace=False)
    return Path(found)


@pytest.fixture(scope="session")
def seed_index(paperbrowse_command: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of ../shared/seeds, built with `paperbrowse add` (skipped without the seeds,
    failed when PAPERBROWSE_REQUIRE_SHARED=1)."""
    if not SEEDS.is_dir():
        message = f"{SEEDS} is not present"
        if os.environ.get("PAPERBROWSE_REQUIRE_SHARED") == "1":
            pytest.fail(message + " but PAPERBROWSE_REQUIRE_SHARED=1", pytrace=False)
        pytest.skip(message)
    index = tmp_path_factory.mktemp("e2e") / "index"
    subprocess.run(
        [str(paperbrowse_command), "add", str(SEEDS), "--index", str(index), "--quiet"],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return index



@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, always killed afterwards."""
    require_tools("tmux")
    server = Tmux(tmp_path)
    yield server
    server.kill()
