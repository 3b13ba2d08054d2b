"""Tests fetching end to end in tmux, as a user does it: `paperbrowse fetch hf --date D`
against a local server, then the app on that index, `F` for today's list, the progress in
the status line and the new papers in the list."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_server import FakeServer, Reply, hf_item
from test_tmux import to_list
from tmux_harness import Tmux, base_env

pytestmark = [pytest.mark.e2e]
TODAY = dt.datetime.now(dt.timezone.utc).date().isoformat()


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    yield fake
    fake.close()


def test_fetch_then_F_in_the_app_shows_both_days(
    tmux: Tmux, paperbrowse_command: Path, tmp_path: Path, server: FakeServer
) -> None:
    """A fetched day is in the app at start; `F` fetches today (the status line says so
    while the slow server answers), then today's papers are listed beside it."""

    def daily(request):
        day = request.query["date"]
        base = 100 if day == TODAY else 0
        items = [hf_item(base + n, day=day) for n in range(3)]
        return Reply(items, delay=1.5 if day == TODAY else 0)

    server.route("/api/daily_papers", daily)
    index = tmp_path / "index"
    env = {
        **base_env(),
        "PAPERBROWSE_DATA_DIR": str(tmp_path / "data"),
        "PAPERBROWSE_HF_URL": server.url,
    }
    done = subprocess.run(
        [str(paperbrowse_command), "fetch", "hf", "--date", "2026-11-02", "--index", str(index)],
        capture_output=True, text=True, timeout=120, env={**os.environ, **env},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    command = f"{shlex.quote(str(paperbrowse_command))} --index {shlex.quote(str(index))}"
    tmux.start(command, (120, 36), env)
    tmux.wait_for_text("3 papers", "Invented Paper Number 2 on", timeout=20)
    to_list(tmux)  # F is a letter in the filter, a key in the list
    tmux.keys("F")
    tmux.wait_for_text(f"Hugging Face: fetching the daily papers of {TODAY}")
    # The toast and the refreshed list come from two messages: wait for both.
    tmux.wait_for_text(
        "6 papers", "Invented Paper Number 102 on", "Fetched 3 Hugging Face papers", timeout=20
    )
    assert sorted(p.name for p in (tmp_path / "data" / "lists" / "hf").iterdir()) == sorted(
        ["2026-11-02.jsonl", f"{TODAY}.jsonl"]
    )
