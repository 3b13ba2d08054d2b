"""Tests the HTTP client on its own (in-process, against the local server): Retry-After as
seconds or a date, the size cap, and the request count retries add to."""

from __future__ import annotations

import email.utils
import time

import pytest
from fetch_server import Reply
from paperbrowse.index.fetching.http import Client, FetchError, _retry_after


def test_retry_after_reads_seconds_and_http_dates():
    """`Retry-After: 5` is 5 s; an HTTP date 30 s ahead is about 30 s; junk is None."""
    assert _retry_after("5") == 5.0
    ahead = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= _retry_after(ahead) <= 31
    assert _retry_after("soon") is None and _retry_after(None) is None


def test_a_429_waits_what_retry_after_says(server):
    """The client sleeps Retry-After's seconds before the second try (no real waiting here)."""
    replies = [Reply("", status=429, headers={"Retry-After": "7"}), Reply({"ok": 1})]
    server.route("/x", lambda _request: replies.pop(0))
    slept: list[float] = []
    with Client("test", sleep=slept.append) as client:
        assert client.json(f"{server.url}/x") == {"ok": 1}
        assert (client.requests, slept) == (2, [7.0])


def test_backoff_doubles_without_retry_after(server):
    """Four 503s without Retry-After: waits 1, 2, 4 s, then one line saying so."""
    server.route("/x", Reply("busy", status=503))
    slept: list[float] = []
    with Client("test", sleep=slept.append) as client, pytest.raises(FetchError) as caught:
        client.json(f"{server.url}/x")
    assert slept == [1.0, 2.0, 4.0]
    assert str(caught.value) == "test: HTTP 503 Service Unavailable after 4 tries"


def test_an_answer_over_the_cap_is_cut(server):
    """A body past max_bytes stops the read with a message, whatever Content-Length says."""
    server.route("/x", Reply(b"[" + b"1," * 5000 + b"1]"))
    with Client("test", max_bytes=4096) as client, pytest.raises(FetchError) as caught:
        client.json(f"{server.url}/x")
    assert "passed 4,096 bytes and was cut" in str(caught.value)
