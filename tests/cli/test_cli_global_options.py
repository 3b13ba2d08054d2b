"""Tests that the global options (--index, --data-dir, --cache-dir) work before or after every
command with the same effect, as with git, pip and docker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIPS = FIXTURES / "conference/NIPS-2022-list01.md"
HOT = FIXTURES / "hotpapers/2021-03-14---Hot-Papers.md"
NO_INDEX_ENV = {"PAPERBROWSE_INDEX": ""}
"""So that --data-dir decides where the index is (the variable would win over it)."""


@pytest.fixture(params=["--index", "--data-dir"])
def place(request, tmp_path) -> tuple[list[str], Path]:
    """A global option naming where the index is, and the index directory it means."""
    if request.param == "--index":
        return ["--index", str(tmp_path / "ix")], tmp_path / "ix"
    return ["--data-dir", str(tmp_path / "data-elsewhere")], tmp_path / "data-elsewhere" / "index"


@pytest.fixture(params=["before", "after"])
def order(request):
    """Builds a command line with the options before the command or after its arguments."""

    def line(options: list[str], command: str, *rest: object) -> list[object]:
        if request.param == "before":
            return [*options, command, *rest]
        return [command, *rest, *options]

    return line


def papers_in(cli, index: Path) -> int:
    """How many papers the index at `index` holds (asked with the options after `stats`)."""
    done = cli("stats", "--json", "--index", index)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["papers"]


def test_add_puts_the_papers_in_the_named_index(cli, place, order, tmp_path):
    """`add` with the index named before or after it indexes into that index, not the
    default one."""
    options, index = place
    done = cli(*order(options, "add", NIPS), env=NO_INDEX_ENV)
    assert done.returncode == 0, done.stderr
    assert papers_in(cli, index) == 3
    assert not (tmp_path / "default-index").exists()
    assert not (tmp_path / "data").exists()


def test_search_reads_the_named_index(cli, place, order):
    """`search` with the options before or after it answers from the named index."""
    options, index = place
    assert cli("add", NIPS, "--index", index).returncode == 0
    done = cli(*order(options, "search", "*", "--json"), env=NO_INDEX_ENV)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3


def test_stats_reports_the_named_index(cli, place, order):
    """`stats` with the options before or after it counts the named index's papers and
    names it."""
    options, index = place
    assert cli("add", NIPS, "--index", index).returncode == 0
    done = cli(*order(options, "stats", "--json"), env=NO_INDEX_ENV)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert (stats["papers"], stats["index"]) == (3, str(index))


def test_remove_drops_papers_from_the_named_index(cli, place, order):
    """`remove` with the options before or after it removes from the named index."""
    options, index = place
    assert cli("add", NIPS, HOT, "--index", index).returncode == 0
    done = cli(*order(options, "remove", NIPS), env=NO_INDEX_ENV)
    assert done.returncode == 0, done.stderr
    assert papers_in(cli, index) == 3  # HOT's three remain


def test_reindex_rebuilds_the_named_index(cli, place, order):
    """`reindex` with the options before or after it rebuilds the named index."""
    options, index = place
    assert cli("add", NIPS, "--index", index).returncode == 0
    done = cli(*order(options, "reindex"), env=NO_INDEX_ENV)
    assert done.returncode == 0, done.stderr
    assert "papers: 3 new" in done.stderr
    assert papers_in(cli, index) == 3


def test_parse_accepts_the_global_options_in_either_place(cli, place, order):
    """`parse` uses no index, yet takes the global options anywhere (a script passing them
    to every command works) and prints the same entries."""
    options, _ = place
    plain = cli("parse", "--json", NIPS)
    done = cli(*order(options, "parse", "--json", NIPS))
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain.stdout


@pytest.mark.parametrize("command", ["stats", "search"])
def test_cache_dir_is_accepted_before_or_after_a_command(cli, order, tmp_path, command):
    """--cache-dir (only the demo uses it) is accepted before or after a command too."""
    index = tmp_path / "ix"
    assert cli("add", NIPS, "--index", index).returncode == 0
    rest = ["*"] if command == "search" else []
    options = ["--cache-dir", str(tmp_path / "c"), "--index", str(index)]
    done = cli(*order(options, command, *rest))
    assert done.returncode == 0, done.stderr


def test_a_command_name_that_is_an_existing_file_is_a_path(tmp_path):
    """In a directory holding a list named `stats`, `paperbrowse --index D stats` opens the
    app adding that file (here without a terminal: it adds, then says it needs one)."""
    index = tmp_path / "ix"
    (tmp_path / "stats").write_bytes(NIPS.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "paperbrowse", "--index", str(index), "stats"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "needs a terminal" in done.stderr
    assert "papers: 3 new" in done.stderr
