"""Provides the fetch tests' fixtures: a local server and the installed `paperbrowse` command
pointed at it, with its data directory in a throwaway folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_server import FakeServer

COMMAND = Path(sys.executable).parent / "paperbrowse"
"""The console script pip installed: the real command, as a user runs it."""


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    yield fake
    fake.close()


class Runner:
    """Runs the installed command with every source's base URL at the local server."""

    def __init__(self, home: Path, server: FakeServer) -> None:
        self.home = home
        self.data = home / "data"
        self.lists = self.data / "lists"
        self.env = {
            **os.environ,
            "PAPERBROWSE_DATA_DIR": str(self.data),
            "PAPERBROWSE_CACHE_DIR": str(home / "cache"),
            "PAPERBROWSE_HF_URL": server.url,
            "PAPERBROWSE_ARXIV_URL": server.url,
            "PAPERBROWSE_OPENREVIEW_URL": server.url,
            "PAPERBROWSE_ARXIV_DELAY": "0",
            "PAPERBROWSE_TIMEOUT": "5",
            "PYTHONIOENCODING": "utf-8",
        }
        self.env.pop("PAPERBROWSE_INDEX", None)  # the index in the data directory

    def __call__(self, *args: object, env: dict[str, str] | None = None, timeout: float = 120):
        return subprocess.run(
            [str(COMMAND), *map(str, args)],
            capture_output=True, text=True, encoding="utf-8", timeout=timeout,
            env={**self.env, **(env or {})},
        )  # fmt: skip

    def popen(self, *args: object) -> subprocess.Popen[str]:
        """The command running, for tests that interrupt it: SIGINT acts as at a terminal
        even when this test process inherited it ignored (a child inherits SIG_IGN, and
        Python then installs no KeyboardInterrupt handler)."""
        return subprocess.Popen(
            [str(COMMAND), *map(str, args)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env=self.env, preexec_fn=_default_sigint,
        )  # fmt: skip

    def search(self, *query: str) -> list[dict]:
        done = self("search", *(query or ("*",)), "--json", "--limit", "5000")
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    def list_files(self) -> list[Path]:
        if not self.lists.exists():
            return []
        return sorted(p for p in self.lists.rglob("*") if p.is_file())

    def files_everywhere(self) -> list[Path]:
        """Every file under the home folder (to prove nothing was written outside lists/)."""
        return sorted(p for p in self.home.rglob("*") if p.is_file())


@pytest.fixture
def pb(tmp_path: Path, server: FakeServer) -> Runner:
    return Runner(tmp_path / "home", server)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
