"""Tests marks end to end in tmux: star a paper in the app, quit, and find it with
`paperbrowse search 'is:starred'` in a new process; select papers, tag them and export them
from the app, then read the file and the tags from outside."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

import marklists as lists
import pytest
from test_tmux import search, to_list
from tmux_harness import Tmux, base_env

pytestmark = [pytest.mark.e2e]
TIDAL = lists.PAPERS[0]


def test_a_star_made_in_the_app_is_found_by_search_in_a_new_process(
    tmux: Tmux, paperbrowse_command: Path, tmp_path: Path
) -> None:
    """Find a paper, `*` to star it (the app says so), `q` to quit; `search is:starred` in a
    new process lists exactly that paper."""
    index = tmp_path / "index"
    folder = lists.write(tmp_path / "lists", "2024-05-02---Hot-Papers.md", lists.hot_list())
    env = {**base_env(), "PAPERBROWSE_DATA_DIR": str(tmp_path / "data")}
    add = [str(paperbrowse_command), "add", str(folder), "--index", str(index), "--quiet"]
    subprocess.run(add, check=True, timeout=120, env={**os.environ, **env})
    command = f"{shlex.quote(str(paperbrowse_command))} --index {shlex.quote(str(index))}"
    tmux.start(command, (120, 36), env)
    tmux.wait_for_text("newest first", timeout=20)  # the first start may be slow under load
    search(tmux, "tidal", "Tidal")
    to_list(tmux)
    tmux.keys("*")
    tmux.wait_for_text("Marked starred")
    tmux.keys("q")
    tmux.wait(lambda: tmux.run("has-session", "-t", "app", check=False).returncode != 0, "quit")
    done = subprocess.run(
        [str(paperbrowse_command), "search", "is:starred", "--json", "--index", str(index)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(p["title"], p["marks"]["starred"]) for p in found] == [(TIDAL[0], True)]


def test_papers_selected_tagged_and_exported_in_the_app_are_seen_outside(
    tmux: Tmux, paperbrowse_command: Path, tmp_path: Path
) -> None:
    """`A` selects every result, `t` tags them `floods` (typed, enter), `e` exports them to a
    .bib file (typed, enter); after `q`, the file holds one entry per paper (pybtex reads it)
    and `search tag:floods` in a new process finds them."""
    from pybtex.database import parse_file

    index = tmp_path / "index"
    folder = lists.write(tmp_path / "lists", "2024-05-02---Hot-Papers.md", lists.hot_list())
    env = {**base_env(), "PAPERBROWSE_DATA_DIR": str(tmp_path / "data")}
    add = [str(paperbrowse_command), "add", str(folder), "--index", str(index), "--quiet"]
    subprocess.run(add, check=True, timeout=120, env={**os.environ, **env})
    out = tmp_path / "picked.bib"
    command = f"{shlex.quote(str(paperbrowse_command))} --index {shlex.quote(str(index))}"
    tmux.start(command, (120, 36), env)
    tmux.wait_for_text("newest first", timeout=20)
    to_list(tmux)
    tmux.keys("A")
    tmux.wait_for_text("3 selected")
    tmux.keys("t")
    tmux.wait_for_text("Tags of 3 selected papers")
    tmux.type("floods")
    tmux.keys("Enter")
    tmux.wait_for_text("Tags #floods: 3 papers")
    tmux.keys("e")
    tmux.wait_for_text("Export the 3 selected papers to")
    tmux.keys("C-u")
    tmux.type(str(out))
    tmux.keys("Enter")
    tmux.wait_for_text("Exported 3 papers")
    tmux.keys("q")
    tmux.wait(lambda: tmux.run("has-session", "-t", "app", check=False).returncode != 0, "quit")
    assert len(parse_file(str(out), "bibtex").entries) == 3
    done = subprocess.run(
        [str(paperbrowse_command), "search", "tag:floods", "--json", "--index", str(index)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
