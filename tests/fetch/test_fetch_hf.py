"""Tests `paperbrowse fetch hf` end to end against a local server: paging, fields from either
place, the saved list, re-fetching a day, and every failure leaving nothing behind."""

from __future__ import annotations

import json
import signal
import time

from fetch_server import Reply, hf_item, hf_pages

DAY = "2026-11-30"
PATH = "/api/daily_papers"


def test_fetch_hf_saves_the_day_and_indexes_it(pb, server):
    """A day's papers land in lists/hf/DAY.jsonl and in the index, with arXiv ids, the day
    as their date and upvotes as popularity."""
    server.route(PATH, hf_pages([hf_item(n, upvotes=n) for n in range(3)]))
    done = pb("fetch", "hf", "--date", DAY)
    assert done.returncode == 0, done.stderr
    assert pb.list_files() == [pb.lists / "hf" / f"{DAY}.jsonl"]
    papers = {p["arxiv_id"]: p for p in pb.search()}
    assert set(papers) == {"2611.10000", "2611.10001", "2611.10002"}
    paper = papers["2611.10002"]
    assert (paper["date"], paper["retweets"], paper["format"]) == (DAY, 2, "hfdaily")
    assert paper["authors"] == ["Ada Example2", "Bo Placeholder"]
    assert paper["urls"]["abs"] == "https://arxiv.org/abs/2611.10002"
    assert server.requests[0].query == {"date": DAY, "p": "0", "limit": "100"}


def test_fetch_hf_pages_while_pages_are_full(pb, server):
    """250 papers come in three pages of 100 (p=0,1,2); the third, short, is the last."""
    server.route(PATH, hf_pages([hf_item(n) for n in range(250)]))
    done = pb("fetch", "hf", "--date", DAY)
    assert done.returncode == 0, done.stderr
    assert [r.query["p"] for r in server.requests] == ["0", "1", "2"]
    assert len(pb.search()) == 250


def test_fetch_hf_reads_fields_from_the_top_level_too(pb, server):
    """Items with title, summary, authors and upvotes beside `paper` (not in it) read the same."""
    server.route(PATH, Reply([hf_item(7, nested=False, upvotes=11)]))
    assert pb("fetch", "hf", "--date", DAY).returncode == 0
    [paper] = pb.search()
    assert paper["title"] == "Invented Paper Number 7 on Sparse Routing"
    assert paper["abstract"].startswith("We study sparse routing, variant 7")
    assert (paper["arxiv_id"], paper["retweets"]) == ("2611.10007", 11)


def test_refetching_a_day_updates_its_list_instead_of_adding_a_copy(pb, server):
    """A second fetch of the same day rewrites its file: new upvotes, one list, no duplicates."""
    server.route(PATH, Reply([hf_item(1, upvotes=2)]))
    assert pb("fetch", "hf", "--date", DAY).returncode == 0
    server.route(PATH, Reply([hf_item(1, upvotes=40), hf_item(2)]))
    assert pb("fetch", "hf", "--date", DAY).returncode == 0
    assert len(pb.list_files()) == 1
    papers = {p["arxiv_id"]: p for p in pb.search()}
    assert papers["2611.10001"]["retweets"] == 40
    assert len(papers) == 2
    stats = json.loads(pb("stats", "--json").stdout)
    assert stats["files"] == 1


def test_fetched_lists_survive_reindex_with_no_network(pb, server):
    """`reindex` rebuilds fetched papers from the saved list, the server gone."""
    server.route(PATH, Reply([hf_item(n) for n in range(4)]))
    assert pb("fetch", "hf", "--date", DAY).returncode == 0
    before = pb.search()
    server.close()
    done = pb("reindex")
    assert done.returncode == 0, done.stderr
    assert pb.search() == before


def test_days_fetches_each_day_into_its_own_list(pb, server):
    """--days 3 asks for three dates, one file each, up to today."""
    server.route(PATH, lambda r: Reply([hf_item(int(r.query["date"][-2:]), day=r.query["date"])]))
    done = pb("fetch", "hf", "--days", "3")
    assert done.returncode == 0, done.stderr
    dates = [r.query["date"] for r in server.requests]
    assert len(dates) == 3 and dates == sorted(dates)
    assert [p.name for p in pb.list_files()] == [f"{d}.jsonl" for d in dates]


def test_a_bad_date_is_a_usage_error(pb, server):
    """--date 2026-13-01 (or ../x) is refused before any request, exit 2."""
    for bad in ("2026-13-01", "../../x", "2026-1-5"):
        done = pb("fetch", "hf", "--date", bad)
        assert done.returncode == 2, (bad, done.stderr)
        assert "YYYY-MM-DD" in done.stderr
    assert server.requests == []
    assert pb.list_files() == []


def test_days_keeps_the_good_days_when_one_fails(pb, server):
    """--days 3 with an empty middle day: that day is one line, exit 1, the others saved."""
    asked: list[str] = []

    def handle(request):
        asked.append(request.query["date"])
        items = [] if len(asked) == 2 else [hf_item(len(asked), day=request.query["date"])]
        return Reply(items)

    server.route(PATH, handle)
    done = pb("fetch", "hf", "--days", "3")
    assert done.returncode == 1
    assert f"paperbrowse: hf: no papers listed for {asked[1]}" in done.stderr
    assert [p.name for p in pb.list_files()] == [f"{asked[0]}.jsonl", f"{asked[2]}.jsonl"]
    assert len(pb.search()) == 2


def test_ctrl_c_during_days_keeps_the_days_done(pb, server):
    """SIGINT while the second of three days is on its way: exit 130, the first day saved
    and indexed, nothing of the others."""
    asked: list[str] = []

    def handle(request):
        asked.append(request.query["date"])
        delay = 0 if len(asked) == 1 else 10
        return Reply([hf_item(len(asked), day=request.query["date"])], delay=delay)

    server.route(PATH, handle)
    process = pb.popen("fetch", "hf", "--days", "3")
    deadline = time.monotonic() + 60
    while len(asked) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert [p.name for p in pb.list_files()] == [f"{asked[0]}.jsonl"]
    assert [p["date"] for p in pb.search()] == [asked[0]]
