"""Tests what the network can do wrong, through the real command: each failure is one line
naming the source and what happened, exit 1, no list file written or recorded, and the index
as it was. Retries on 429 and 5xx honour Retry-After."""

from __future__ import annotations

import socket
import time

import pytest
from fetch_server import Reply, atom_entry, atom_feed, hf_item

DAY = "2026-11-30"
HF = "/api/daily_papers"


def _one_line_failure(done, source: str) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = [line for line in done.stderr.splitlines() if line.startswith("paperbrowse:")]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"paperbrowse: {source}: "), lines
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture
def seeded(pb, server):
    """An index holding one fetched day already, to show a failure leaves it as it was."""
    server.route(HF, Reply([hf_item(1)]))
    assert pb("fetch", "hf", "--date", "2026-11-01").returncode == 0
    before = (pb.search(), pb.list_files(), pb.files_everywhere())
    server.requests.clear()
    return before


FAILURES = {
    "html error page": (
        Reply("<!DOCTYPE html><html><body>Oops</body></html>", content_type="text/html"),
        "HTML page",
    ),
    "html with a json type": (Reply("<html><p>Maintenance</p></html>"), "HTML page"),
    "malformed json": (Reply('[{"paper": {"id": "2611.1"}, }]'), "malformed JSON"),
    "truncated json": (Reply(b'[{"paper": {"id": "2611.10001", "title": "Cut'), "truncated JSON"),
    "connection dropped mid-body": (Reply([hf_item(1)] * 20, cut_at=300), "broke before"),
    "empty day": (Reply([]), f"no papers listed for {DAY}"),
    "empty body": (Reply(b""), "answered with nothing, not JSON"),
    "404 for the date": (Reply({"error": "Not Found"}, status=404), f"no daily list for {DAY}"),
    "403": (Reply("forbidden", status=403), "HTTP 403 Forbidden"),
    "not a list": (Reply({"papers": []}), "expected a list of papers"),
    "an error object": (Reply({"error": "Invalid date"}), "the server says: Invalid date"),
    "items without titles": (Reply([{"paper": {"id": "x"}}]), "none with a title"),
    "endless answer": (Reply(endless=True), "passed 32 MB and was cut"),
    "always 503": (Reply("busy", status=503, headers={"Retry-After": "0"}), "HTTP 503"),
    "retry after an hour": (Reply("", status=429, headers={"Retry-After": "3600"}), "3600 s"),
}


@pytest.mark.parametrize("name", FAILURES)
def test_a_failed_fetch_changes_nothing(pb, server, seeded, name):
    """Every failure: one line, exit 1, no new list file, the index unchanged."""
    reply, words = FAILURES[name]
    server.route(HF, reply)
    line = _one_line_failure(pb("fetch", "hf", "--date", DAY), "hf")
    assert words in line
    assert (pb.search(), pb.list_files(), pb.files_everywhere()) == seeded


def test_a_refused_connection_is_one_line(pb, server):
    """Nothing listening on the port: `cannot connect … (connection refused)`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = pb("fetch", "hf", "--date", DAY, env={"PAPERBROWSE_HF_URL": f"http://127.0.0.1:{port}"})
    assert "connection refused" in _one_line_failure(done, "hf")
    assert pb.list_files() == []


def test_offline_is_one_line(pb):
    """A host name that cannot resolve (as offline) is one line, no traceback."""
    done = pb("fetch", "hf", "--date", DAY, env={"PAPERBROWSE_HF_URL": "http://nowhere.invalid"})
    assert "cannot connect to nowhere.invalid" in _one_line_failure(done, "hf")


def test_a_silent_server_times_out(pb, server):
    """No answer within the read timeout ($PAPERBROWSE_TIMEOUT): one line, exit 1."""
    server.route(HF, Reply([hf_item(1)], delay=3))
    done = pb("fetch", "hf", "--date", DAY, env={"PAPERBROWSE_TIMEOUT": "0.5"})
    assert "sent nothing for 0.5 s" in _one_line_failure(done, "hf")


def test_429_then_success_waits_as_retry_after_says(pb, server):
    """A 429 with Retry-After: 1, then the day: fetched after about a second, two requests."""
    replies = [Reply("slow down", status=429, headers={"Retry-After": "1"}), Reply([hf_item(1)])]
    server.route(HF, lambda _request: replies.pop(0))
    started = time.monotonic()
    done = pb("fetch", "hf", "--date", DAY)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 1.0
    assert server.count(HF) == 2
    assert len(pb.search()) == 1


def test_5xx_is_retried_with_backoff(pb, server):
    """A 502 then a 500 without Retry-After, then the day: backoff 1 s + 2 s, three requests."""
    replies = [Reply("bad gateway", status=502), Reply("oops", status=500), Reply([hf_item(1)])]
    server.route(HF, lambda _request: replies.pop(0))
    started = time.monotonic()
    done = pb("fetch", "hf", "--date", DAY)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 3.0
    assert server.count(HF) == 3


def test_requests_name_paperbrowse_in_the_user_agent(pb, server):
    """The user agent the server sees starts with paperbrowse/."""
    server.route(HF, Reply([hf_item(1)]))
    assert pb("fetch", "hf", "--date", DAY).returncode == 0
    assert server.requests[0].headers["User-Agent"].startswith("paperbrowse/")


ARXIV_FAILURES = {
    "malformed xml": (Reply("<feed><entry>", content_type="application/atom+xml"), "XML"),
    "truncated xml": (
        Reply(atom_feed([atom_entry("2611.00001", "A Title Long Enough", ["A B"])])[:-40]),
        "XML",
    ),
    "xml bomb": (
        Reply('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><feed>&lol;</feed>'),
        "document type",
    ),
    "an api error entry": (
        Reply(
            atom_feed(
                [
                    "<entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title>"
                    "<summary>incorrect id format</summary></entry>"
                ]
            )
        ),
        "the API says: incorrect id format",
    ),
    "no entries": (Reply(atom_feed([])), "no papers in category cs.LG"),
    "not a feed": (Reply("<rss/>"), "expected an Atom feed"),
}


@pytest.mark.parametrize("name", ARXIV_FAILURES)
def test_a_failed_arxiv_fetch_changes_nothing(pb, server, name):
    """arXiv's failures: one line naming arxiv, exit 1, nothing written."""
    reply, words = ARXIV_FAILURES[name]
    server.route("/api/query", reply)
    assert words in _one_line_failure(pb("fetch", "arxiv", "cs.LG"), "arxiv")
    assert pb.list_files() == []
    assert not (pb.data / "index").exists()  # not even an empty index was created


OPENREVIEW_FAILURES = {
    "no notes": (Reply({"notes": [], "count": 0}), "no papers for venue"),
    "not an object": (Reply([1, 2]), "expected an object with `notes`"),
    "html": (Reply("<!doctype html><title>502</title>", content_type="text/html"), "HTML"),
    "truncated": (
        Reply(b'{"notes": [{"id": "a", "content": {"title": {"value": "x'),
        "truncated JSON",
    ),
}


@pytest.mark.parametrize("name", OPENREVIEW_FAILURES)
def test_a_failed_openreview_fetch_changes_nothing(pb, server, name):
    """OpenReview's failures: one line naming openreview, exit 1, nothing written."""
    reply, words = OPENREVIEW_FAILURES[name]
    server.route("/notes", reply)
    done = pb("fetch", "openreview", "ICLR.cc/2026/Conference")
    assert words in _one_line_failure(done, "openreview")
    assert pb.list_files() == []
