"""Provides `paperbrowse` run as a subprocess (`python -m paperbrowse`) for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run_paperbrowse(*args: object, home: Path, env: dict[str, str] | None = None
                    ) -> subprocess.CompletedProcess[str]:
    """Run `python -m paperbrowse ARGS` with every data directory inside `home`."""
    environ = {
        **os.environ,
        "PAPERBROWSE_DATA_DIR": str(home / "data"),
        "PAPERBROWSE_CACHE_DIR": str(home / "cache"),
        "PAPERBROWSE_INDEX": str(home / "default-index"),
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "paperbrowse", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=environ, timeout=120,
    )


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """cli("add", path, "--index", dir) runs paperbrowse with throwaway data directories."""
    return lambda *args, env=None: run_paperbrowse(*args, home=tmp_path, env=env)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index built once per module by `paperbrowse add` over four fixture lists."""
    home = tmp_path_factory.mktemp("cli-home")
    index = home / "index"
    done = run_paperbrowse(
        "add", "--index", index,
        FIXTURES / "hotpapers/2021-03-14---Hot-Papers.md",
        FIXTURES / "hfdaily/daily-papers-mar-12.txt",
        FIXTURES / "conference/NIPS-2022-list01.md",
        FIXTURES / "conference/ICLR-2021-list01.md",
        home=home,
    )
    assert done.returncode == 0, done.stderr
    return index
