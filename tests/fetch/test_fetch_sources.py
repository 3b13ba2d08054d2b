"""Tests `fetch arxiv` and `fetch openreview` end to end: paging (start/max_results, offsets),
the records they save, and file names from hostile venue ids that never leave lists/."""

from __future__ import annotations

import json

import pytest
from fetch_server import Reply, arxiv_listing, note, openreview_pages

VENUE = "ICLR.cc/2026/Conference"


def test_fetch_arxiv_pages_by_start_and_max_results(pb, server):
    """--max 250 asks 100, 100, 50 from start 0, 100, 200, newest first for cat:cs.LG."""
    server.route("/api/query", arxiv_listing(400))
    done = pb("fetch", "arxiv", "cs.LG", "--max", "250")
    assert done.returncode == 0, done.stderr
    asked = [(r.query["start"], r.query["max_results"]) for r in server.requests]
    assert asked == [("0", "100"), ("100", "100"), ("200", "50")]
    first = server.requests[0].query
    assert (first["search_query"], first["sortBy"], first["sortOrder"]) == (
        "cat:cs.LG", "submittedDate", "descending",
    )  # fmt: skip
    papers = pb.search()
    assert len(papers) == 250
    paper = next(p for p in papers if p["arxiv_id"] == "2611.20003")
    assert paper["categories"] == ["cs.LG", "stat.ML"]
    assert (paper["format"], paper["date"], paper["authors"]) == ("arxiv", "2026-11-30", ["Cy Doe"])
    [path] = pb.list_files()
    assert path.parent == pb.lists / "arxiv" and path.name.startswith("cs.LG-")


def test_fetch_arxiv_stops_at_the_total(pb, server):
    """A category holding 30 papers is one request, whatever --max says."""
    server.route("/api/query", arxiv_listing(30))
    assert pb("fetch", "arxiv", "cs.LG", "--max", "500").returncode == 0
    assert len(server.requests) == 1
    assert len(pb.search()) == 30


def test_fetch_arxiv_refuses_a_category_that_is_not_one(pb, server):
    """`cs.LG) OR all:x` or `../x` never reach the server."""
    for bad in ("cs.LG) OR all:x", "../etc", "a/b"):
        done = pb("fetch", "arxiv", bad)
        assert done.returncode == 1 and "not an arXiv category" in done.stderr, done.stderr
    assert server.requests == []


def test_fetch_openreview_pages_by_offset(pb, server):
    """2,345 notes come in pages of 1000 at offsets 0, 1000, 2000; venue and year from
    `ICLR 2026 poster`, the forum as the OpenReview id."""
    server.route("/notes", openreview_pages([note(n) for n in range(2345)]))
    done = pb("fetch", "openreview", VENUE)
    assert done.returncode == 0, done.stderr
    assert [r.query["offset"] for r in server.requests] == ["0", "1000", "2000"]
    assert {r.query["content.venueid"] for r in server.requests} == {VENUE}
    [path] = pb.list_files()
    assert path.parent == pb.lists / "openreview"
    assert path.name.startswith("ICLR.cc_2026_Conference-") and path.suffix == ".jsonl"
    papers = pb.search("openreview:Fo000007xyz")
    assert len(papers) == 1
    paper = papers[0]
    assert (paper["venue"], paper["year"], paper["format"]) == ("ICLR", 2026, "conference")
    assert paper["urls"]["openreview"] == "https://openreview.net/forum?id=Fo000007xyz"
    assert paper["authors"] == ["Dee Reviewer7", "Eli Second"]
    assert json.loads(pb("stats", "--json").stdout)["papers"] == 2345


def test_fetch_openreview_without_a_count_pages_while_full(pb, server):
    """Without `count`, pages are read while they come back full (1000, then 5)."""
    server.route("/notes", openreview_pages([note(n) for n in range(1005)], with_count=False))
    assert pb("fetch", "openreview", VENUE).returncode == 0
    assert [r.query["offset"] for r in server.requests] == ["0", "1000"]


HOSTILE = [
    "../../../../outside",
    "/etc/passwd",
    "..",
    ".hidden/../../x",
    "a\tb/../../c",
    "ICLR.cc/" + "x" * 5000,
    "\u202eevil\x1b[31m",
]


@pytest.mark.parametrize("venue", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_venue_id_cannot_write_outside_lists(pb, server, venue):
    """Whatever the venue id holds (`../`, `/`, NUL, 5,000 characters, escapes), the list is
    one file directly in lists/openreview/ with a short, plain name."""
    server.route("/notes", openreview_pages([note(1, venue_id=venue)]))
    done = pb("fetch", "openreview", venue)
    assert done.returncode == 0, done.stderr
    [path] = pb.list_files()
    assert path.parent == pb.lists / "openreview"
    assert len(path.name) <= 90 and not path.name.startswith(".")
    assert all(ch.isalnum() or ch in "._-" for ch in path.name)
    outside = [p for p in pb.files_everywhere() if pb.data not in p.parents]
    assert outside == []
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr


def test_two_venue_ids_differing_only_in_unsafe_characters_get_two_files(pb, server):
    """`A/B` and `A_B` name different venues: the hash in the file name keeps them apart."""
    server.route("/notes", lambda r: Reply({"notes": [note(len(r.query["content.venueid"]))]}))
    assert pb("fetch", "openreview", "Conf.cc/2026/A").returncode == 0
    assert pb("fetch", "openreview", "Conf.cc_2026_A").returncode == 0
    assert len(pb.list_files()) == 2


@pytest.mark.parametrize("name", [*HOSTILE, "a\x00b/../../c", "", "."], ids=range(len(HOSTILE) + 3))
def test_list_paths_stay_in_their_folder(tmp_path, name):
    """The file name of any id (NUL included, which no command line can carry) is a plain
    name directly in lists/SOURCE."""
    from paperbrowse.index.fetching.lists import list_path

    path = list_path(tmp_path / "lists", "openreview", name)
    assert path.parent == tmp_path / "lists" / "openreview"
    assert "\x00" not in path.name and len(path.name) <= 90 and not path.name.startswith(".")
