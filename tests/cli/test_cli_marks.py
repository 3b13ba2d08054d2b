"""Tests `paperbrowse mark`, marks in `search --json`, mark filters and `export`, each run as a
command in its own process (so marks demonstrably outlive the process that made them)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import marklists as lists
import pytest
from paperbrowse.index.library import Library
from pybtex.database import parse_string

TIDAL, LATTICE, QUIET = lists.PAPERS
ORCHARD = lists.OPENREVIEW_PAPER


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of an invented post (three arXiv papers) and conference list (one OpenReview)."""
    home = tmp_path_factory.mktemp("marks-home")
    folder = home / "lists"
    lists.write(folder, "2024-05-02---Hot-Papers.md", lists.hot_list())
    lists.write(folder, "ICLR-2024-list01.md", lists.conference_list([ORCHARD]))
    with Library(home / "index") as library:
        assert library.add([folder]).files_failed == 0
    return home / "index"


@pytest.fixture
def pb(cli, index):
    """pb("search", "x") runs paperbrowse on the shared index, with this test's data dir."""
    return lambda *args: cli(*args, "--index", index)


def search_json(pb, text: str) -> list[dict]:
    done = pb("search", text, "--json", "--limit", "50")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_mark_by_arxiv_id_openreview_id_and_key_then_filter_in_a_new_process(pb):
    """Each kind of ID marks its paper; a later `search is:starred` finds exactly those."""
    done = pb("mark", f"arXiv:{TIDAL[2]}v2", ORCHARD[2], f"arxiv:{QUIET[2]}", "--star")
    assert done.returncode == 0, done.stderr
    found = {paper["title"] for paper in search_json(pb, "is:starred")}
    assert found == {TIDAL[0], ORCHARD[0], QUIET[0]}


def test_search_json_objects_carry_marks(pb):
    """Every `search --json` object has marks with read, starred, new, tags and note (the
    app never opened here: no paper is new)."""
    pb("mark", TIDAL[2], "--read", "--tag", "floods", "--note", "see fig. 2")
    papers = {p["title"]: p["marks"] for p in search_json(pb, "*")}
    assert papers[TIDAL[0]] == {
        "read": True, "starred": False, "new": False, "tags": ["floods"], "note": "see fig. 2",
    }  # fmt: skip
    assert papers[LATTICE[0]] == {
        "read": False, "starred": False, "new": False, "tags": [], "note": "",
    }  # fmt: skip


def test_search_json_says_new_for_papers_added_after_the_app_first_opened(cli, tmp_path):
    """After the app's first look (recorded in the marks file), a list added by `add` in
    another process is new in `search --json` and `is:new`; the older papers are not."""
    from paperbrowse.index.markfilter import index_keys
    from paperbrowse.index.marks import Marks

    index = tmp_path / "ix"
    folder = tmp_path / "lists"
    lists.write(folder, "2024-05-02---Hot-Papers.md", lists.hot_list([TIDAL]))
    assert cli("add", folder, "--index", index).returncode == 0
    with Library(index) as library, Marks(tmp_path / "data" / "marks.sqlite3") as marks:
        marks.opened(lambda: index_keys(library.searcher()))  # as the app does on opening
    later = tmp_path / "later"
    lists.write(later, "2024-05-02---Hot-Papers.md", lists.hot_list([LATTICE]))
    assert cli("add", later, "--index", index).returncode == 0
    found = {p["title"]: p["marks"]["new"] for p in search_json(
        lambda *a: cli(*a, "--index", index), "*")}
    assert found == {TIDAL[0]: False, LATTICE[0]: True}
    new = search_json(lambda *a: cli(*a, "--index", index), "is:new")
    assert [p["title"] for p in new] == [LATTICE[0]]


def test_an_unknown_id_is_named_exits_1_and_marks_nothing(pb):
    """One unknown ID among good ones: exit 1, the message names it, no paper is marked."""
    done = pb("mark", TIDAL[2], "2405.99999", "--star")
    assert done.returncode == 1
    assert "2405.99999" in done.stderr and "nothing was marked" in done.stderr
    assert search_json(pb, "is:starred") == []


def test_marks_are_undone_by_their_opposites(pb):
    """--unread, --unstar, --untag and an empty --note take marks back."""
    pb("mark", LATTICE[2], "--read", "--star", "--tag", "graphs", "--tag", "kernels", "--note", "x")
    done = pb("mark", LATTICE[2], "--unread", "--unstar", "--untag", "graphs", "--note", "")
    assert done.returncode == 0, done.stderr
    marks = json.loads(done.stdout)["marks"]
    assert (marks["read"], marks["starred"], marks["tags"], marks["note"]) == (
        False, False, ["kernels"], "",
    )  # fmt: skip


def test_filters_combine_with_words_and_fields(pb):
    """is:, tag: and has: narrow a query of words and fields, and each other."""
    pb("mark", TIDAL[2], LATTICE[2], "--tag", "later")
    pb("mark", TIDAL[2], "--note", "n")
    assert [p["title"] for p in search_json(pb, "tag:later diffusion")] == [TIDAL[0]]
    assert [p["title"] for p in search_json(pb, "tag:later -has:note year:2024")] == [LATTICE[0]]
    assert {p["title"] for p in search_json(pb, "is:unread -tag:later")} == {QUIET[0], ORCHARD[0]}


def test_the_marks_file_is_in_the_data_directory(pb, tmp_path, index):
    """Marks go to marks.sqlite3 in the data directory, never into the index."""
    pb("mark", TIDAL[2], "--star")
    assert (tmp_path / "data" / "marks.sqlite3").is_file()
    assert not list(index.glob("marks*"))


def test_a_damaged_marks_file_leaves_search_working_and_is_kept(pb, tmp_path):
    """Search still answers (marks null, a message on stderr), mark and filters fail with
    a clear message, and the file is never rewritten."""
    path = tmp_path / "data" / "marks.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage, not SQLite\x00" * 300)
    before = path.read_bytes()
    done = pb("search", "lattice", "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["marks"] is None
    assert "marks are unavailable" in done.stderr and str(path) in done.stderr
    marked = pb("mark", TIDAL[2], "--star")
    assert marked.returncode == 1 and "marks are unavailable" in marked.stderr
    assert pb("search", "is:starred").returncode == 2
    assert path.read_bytes() == before


def test_two_mark_commands_at_once_both_land(cli, index, tmp_path):
    """Two `paperbrowse mark` processes started together: both tags are on the paper."""
    environ = {
        "PAPERBROWSE_DATA_DIR": str(tmp_path / "data"),
        "PAPERBROWSE_INDEX": str(index),
        "PYTHONIOENCODING": "utf-8",
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "paperbrowse", "mark", TIDAL[2], "--tag", tag],
            env={**os.environ, **environ},
            stdout=subprocess.DEVNULL,
        )
        for tag in ("one", "two")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    done = cli("search", "tag:one tag:two", "--json", "--index", index)
    assert [json.loads(line)["title"] for line in done.stdout.splitlines()] == [TIDAL[0]]


# -- export -----------------------------------------------------------------------------------


def test_export_bibtex_reads_back_with_one_entry_per_paper(pb):
    """The BibTeX export parses with pybtex: one entry per paper, unique keys, eprints."""
    done = pb("export", "--format", "bibtex")
    assert done.returncode == 0, done.stderr
    data = parse_string(done.stdout, "bibtex")
    assert len(data.entries) == 4
    titles = {entry.fields["title"].strip("{}") for entry in data.entries.values()}
    assert titles == {TIDAL[0], LATTICE[0], QUIET[0], ORCHARD[0]}
    eprints = {e.fields.get("eprint") for e in data.entries.values()}
    assert eprints == {TIDAL[2], LATTICE[2], QUIET[2], None}


def test_export_of_a_query_writes_only_its_papers_to_a_file(pb, tmp_path):
    """`export is:starred -o FILE` writes the starred papers' BibTeX there, not to stdout."""
    pb("mark", QUIET[2], "--star")
    out = tmp_path / "starred.bib"
    done = pb("export", "is:starred", "--format", "bibtex", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    entries = parse_string(out.read_text(encoding="utf-8"), "bibtex").entries
    assert [e.fields["eprint"] for e in entries.values()] == [QUIET[2]]


def test_export_csv_has_a_header_and_the_marks(pb):
    """CSV rows read back with the csv module; tags and notes are columns."""
    pb(
        "mark",
        ORCHARD[2],
        "--star",
        "--tag",
        "rl",
        "--tag",
        "offline",
        "--note",
        'a "quoted", note',
    )
    done = pb("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 4
    orchard = next(r for r in rows if r["openreview_id"] == ORCHARD[2])
    assert (orchard["starred"], orchard["tags"], orchard["note"]) == (
        "1", "offline; rl", 'a "quoted", note',
    )  # fmt: skip
    assert orchard["url"] == f"https://openreview.net/forum?id={ORCHARD[2]}"


def test_export_json_carries_the_marks(pb):
    """The JSON export is one array of papers, each with its marks."""
    pb("mark", TIDAL[2], "--read")
    done = pb("export", "diffusion", "--format", "json")
    papers = json.loads(done.stdout)
    assert [p["title"] for p in papers] == [TIDAL[0]]
    assert papers[0]["marks"]["read"] is True


def test_export_markdown_lists_links_and_marks(pb):
    """Markdown: one `- [Title](link)` line per paper, stars and tags after, notes quoted."""
    pb("mark", LATTICE[2], "--star", "--tag", "graphs", "--note", "kernel trick")
    done = pb("export", "lattice", "--format", "markdown")
    assert done.stdout.splitlines() == [
        f"- [{LATTICE[0]}](https://arxiv.org/abs/{LATTICE[2]}) — Oren Vale; 2024-05-02 ★ #graphs",
        "  > kernel trick",
    ]


def test_export_of_a_bad_query_is_a_usage_error(pb):
    """A filter used wrongly stops the export with the query pointed at."""
    done = pb("export", "is:maybe")
    assert done.returncode == 2 and "is:maybe" in done.stderr
