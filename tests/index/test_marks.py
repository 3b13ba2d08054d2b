"""Tests Marks: marks follow their paper through reindex, remove + add, other lists, a new
arXiv id and merges; two processes marking at once; kill -9 mid-write; damaged files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import marklists as lists
import pytest
from paperbrowse.index.library import Library
from paperbrowse.index.marks import Mark, Marks, MarksUnavailable
from paperbrowse.index.merge import paper_keys
from paperbrowse.index.query import QueryError

TIDAL, LATTICE, QUIET = lists.PAPERS
HOT = "2024-05-02---Hot-Papers.md"
CONF = "ICLR-2024-list01.md"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "lists"


@pytest.fixture
def marks(tmp_path: Path):
    with Marks(tmp_path / "data" / "marks.sqlite3") as opened:
        yield opened


def open_library(path: Path, marks: Marks) -> Library:
    library = Library(path)
    library.marks = marks
    return library


def find(library: Library, text: str):
    """The one paper a query finds."""
    hits = library.hits(library.search(text))
    assert len(hits) == 1, [h.paper.title for h in hits]
    return hits[0].paper


def titles(library: Library, text: str) -> list[str]:
    return sorted(h.paper.title for h in library.hits(library.search(text)))


def test_a_mark_is_found_by_any_key_of_its_paper(marks):
    """Marking by a paper's keys finds the mark from any one of them."""
    marks.update([{"a2405.00001", "tabc"}], starred=True, add_tags=["rl"])
    assert marks.get({"tabc"}) == Mark(starred=True, tags=("rl",))
    assert marks.get({"a2405.00001", "other"}).starred
    assert marks.get({"nothing"}) == Mark()


def test_reading_marks_creates_no_file(tmp_path):
    """Looking marks up before anything was marked finds none and leaves no file behind."""
    path = tmp_path / "data" / "marks.sqlite3"
    marks = Marks(path)
    assert marks.get({"tabc"}) == Mark() and marks.keys_where("starred") == frozenset()
    assert marks.generation() == 0 and not path.parent.exists()
    marks.update([{"tabc"}], read=True)
    assert path.is_file() and marks.generation() == 1


def test_marks_survive_reindex(tmp_path, folder, marks):
    """A rebuilt index shows the same marks and filters by them."""
    hot = lists.write(folder, HOT, lists.hot_list())
    library = open_library(tmp_path / "ix", marks)
    library.add([hot])
    marks.update([paper_keys(find(library, "tidal"))], starred=True, read=True)
    library.close()
    rebuilt, _ = Library.rebuild(tmp_path / "ix")
    rebuilt.marks = marks
    assert titles(rebuilt, "is:starred") == [TIDAL[0]]
    assert marks.get(paper_keys(find(rebuilt, "tidal"))).read
    rebuilt.close()


def test_marks_survive_remove_and_add(tmp_path, folder, marks):
    """Removing a list and adding it again keeps its papers' marks."""
    hot = lists.write(folder, HOT, lists.hot_list())
    with open_library(tmp_path / "ix", marks) as library:
        library.add([hot])
        marks.update([paper_keys(find(library, "lattice"))], add_tags=["graphs"])
        library.remove([hot])
        assert titles(library, "tag:graphs") == []
        library.add([hot])
        assert titles(library, "tag:graphs") == [LATTICE[0]]


def test_a_mark_made_via_one_list_shows_when_another_list_names_the_paper(tmp_path, folder, marks):
    """A paper marked from a conference list keeps the mark when only a post names it."""
    conf = lists.write(folder, CONF, lists.conference_list([QUIET]))
    hot = lists.write(folder, HOT, lists.hot_list([QUIET]))
    with open_library(tmp_path / "ix", marks) as library:
        library.add([conf])
        marks.update([paper_keys(find(library, "quiet"))], note="read section 3")
        library.add([hot])
        library.remove([conf])
        paper = find(library, "has:note")
        assert paper.arxiv_id == QUIET[2]
        assert marks.get(paper_keys(paper)).note == "read section 3"


def test_marks_survive_a_paper_gaining_an_arxiv_id(tmp_path, folder, marks):
    """A title-only paper that later gains an arXiv id (a new key) keeps its marks."""
    conf = lists.write(folder, CONF, lists.conference_list([TIDAL]))
    with open_library(tmp_path / "ix", marks) as library:
        library.add([conf])
        before = find(library, "tidal")
        assert before.key.startswith("title:")
        marks.update([paper_keys(before)], starred=True)
        library.add([lists.write(folder, HOT, lists.hot_list([TIDAL]))])
        after = find(library, "is:starred")
        assert after.key == f"arxiv:{TIDAL[2]}"
        assert marks.get(paper_keys(after)).starred


def test_marks_of_two_records_merge_when_the_records_do(tmp_path, folder, marks):
    """Two papers marked apart, then merged by a list naming both identities: tags united,
    read and star kept, notes joined; marking the paper again stores one mark."""
    preprint = ("Tide Gauges Meet Diffusion Models", "Ines Marlow", "2405.01001", "Floods.")
    published = (TIDAL[0], TIDAL[1], "TidalFlood01", TIDAL[3])
    hot = lists.write(folder, HOT, lists.hot_list([preprint]))
    conf = lists.write(folder, CONF, lists.conference_list([published]))
    with open_library(tmp_path / "ix", marks) as library:
        library.add([hot, conf])
        marks.update(
            [paper_keys(find(library, "title:gauges"))], starred=True, add_tags=["a"], note="one"
        )
        marks.update([paper_keys(find(library, "tidal"))], read=True, add_tags=["b"], note="two")
        # A later post gives the preprint its published title: one paper now.
        bridge = (published[0], published[1], preprint[2], published[3])
        library.add([lists.write(folder / "more", HOT, lists.hot_list([bridge]))])
        merged = find(library, "is:starred is:read tag:a tag:b")
        mark = marks.get(paper_keys(merged))
        assert (mark.read, mark.starred, mark.tags, mark.note) == (
            True,
            True,
            ("a", "b"),
            "one\n\ntwo",
        )
        marks.update([paper_keys(merged)], seen=True)
    rows = sqlite3.connect(marks.path).execute("SELECT COUNT(*) FROM marks").fetchone()[0]
    assert rows == 1


def test_seen_papers_are_not_new(tmp_path, folder, marks):
    """is:new lists the papers added since the app first looked, not yet shown."""
    with open_library(tmp_path / "ix", marks) as library:
        marks.opened(list)  # the app opened on the empty index
        library.add([lists.write(folder, HOT, lists.hot_list())])
        marks.update([paper_keys(find(library, "tidal"))], seen=True)
        assert titles(library, "is:new") == sorted([LATTICE[0], QUIET[0]])


def test_a_damaged_marks_file_is_reported_and_left_alone(tmp_path, folder):
    """Garbage in the marks file: a clear error naming it, searches without filters work,
    filters say marks are unavailable, and the file's bytes are untouched."""
    path = tmp_path / "data" / "marks.sqlite3"
    path.parent.mkdir()
    garbage = b"this is not a database\x00" * 400
    path.write_bytes(garbage)
    damaged = Marks(path)
    with pytest.raises(MarksUnavailable, match=r"marks\.sqlite3"):
        damaged.get({"tabc"})
    with open_library(tmp_path / "ix", damaged) as library:
        library.add([lists.write(folder, HOT, lists.hot_list())])
        assert titles(library, "lattice") == [LATTICE[0]]
        with pytest.raises(QueryError, match="marks are unavailable"):
            library.search("is:starred")
    assert path.read_bytes() == garbage


def test_an_unopenable_marks_file_is_reported(tmp_path):
    """A path SQLite cannot open (here a directory) gives MarksUnavailable, not a crash."""
    path = tmp_path / "marks.sqlite3"
    path.mkdir()
    with pytest.raises(MarksUnavailable, match="search still works"):
        Marks(path).update([{"tabc"}], read=True)
    assert path.is_dir()


# -- processes -------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from paperbrowse.index.marks import Marks
    path, name, rounds, width = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    marks = Marks(path)
    for n in range(rounds):
        papers = [{f"a{name}.{n}.{i}"} for i in range(width)] + [{"tshared"}]
        marks.update(papers, add_tags=[f"{name}{n}"], starred=True)
    """
)


def run_writer(path: Path, name: str, rounds: int, width: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(rounds), str(width)]
    )


def test_two_processes_marking_at_once_both_land(tmp_path):
    """Two processes writing marks at the same time, on the same paper too: every write lands."""
    path = tmp_path / "marks.sqlite3"
    writers = [run_writer(path, name, 40, 5) for name in ("x", "y")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with Marks(path) as marks:
        shared = marks.get({"tshared"}).tags
        assert set(shared) == {f"{name}{n}" for name in "xy" for n in range(40)}
        assert len(marks.keys_where("starred")) == 2 * 40 * 5 + 1


def test_kill_9_mid_write_leaves_the_old_or_the_new_state(tmp_path):
    """A writer killed with SIGKILL while committing: the file opens, passes SQLite's
    integrity check, and every transaction is there whole or not at all."""
    path = tmp_path / "marks.sqlite3"
    width = 300
    for round_ in range(3):
        writer = run_writer(path, f"k{round_}", 10_000, width)
        with Marks(path) as watcher:
            deadline = time.monotonic() + 60
            while watcher.generation() < 3 * (round_ + 1) and time.monotonic() < deadline:
                assert writer.poll() is None, "the writer stopped by itself"
            assert watcher.generation() >= 3 * (round_ + 1)
        writer.kill()
        writer.wait(timeout=30)
        assert writer.returncode == -9
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = db.execute("SELECT tag, COUNT(*) FROM tags GROUP BY tag").fetchall()
    assert counts
    # Each transaction tags `width` papers and the shared one: whole, or absent.
    assert {count for _, count in counts} == {width + 1}
    with Marks(path) as marks:
        marks.update([{"tafter"}], read=True)
        assert marks.get({"tafter"}).read
    assert os.path.exists(path)


def test_tags_are_a_facet_counted_among_the_results(tmp_path, folder, marks):
    """Facets gain `tag` with how many of the matched papers carry each tag (none when no
    result carries one)."""
    with open_library(tmp_path / "ix", marks) as library:
        library.add([lists.write(folder, HOT, lists.hot_list())])
        every = [paper_keys(h.paper) for h in library.hits(library.search("*"))]
        marks.update(every, add_tags=["ml"])
        marks.update([paper_keys(find(library, "tidal"))], add_tags=["floods"])
        facets = library.searching.facets(library.search("*", count=True))
        assert [(f.value, f.count) for f in facets["tag"]] == [("ml", 3), ("floods", 1)]
        narrowed = library.searching.facets(library.search("lattice", count=True))
        assert [(f.value, f.count) for f in narrowed["tag"]] == [("ml", 1)]
        marks.update(every, remove_tags=["ml", "floods"])
        assert "tag" not in library.searching.facets(library.search("*", count=True))
