"""Provides FakeServer: a local HTTP server on 127.0.0.1 in a thread, answering with replies
the tests write (every failure the network can give included), and counting requests; plus
builders for answers in the shapes of Hugging Face, arXiv and OpenReview."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape


@dataclass
class Reply:
    """One answer: status, body (bytes, text or JSON-able), headers, and misbehaviour."""

    body: Any = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay: float = 0.0
    """Seconds to wait before answering."""
    cut_at: int | None = None
    """Send only this many bytes of the body while announcing all of it (a dropped line)."""
    endless: bool = False
    """Stream chunks forever (without Content-Length) until the client hangs up."""

    def data(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Reply]


class FakeServer:
    """Routes by path to handlers; `requests` records every request it got."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                request = Request(parts.path, query, dict(self.headers))
                outer.requests.append(request)
                handler = outer.routes.get(parts.path)
                reply = handler(request) if handler else Reply("no such route", status=404)
                outer._send(self, reply)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def route(self, path: str, handler: Handler | Reply) -> None:
        self.routes[path] = handler if callable(handler) else (lambda _request: handler)

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        data = reply.data()
        try:
            handler.send_response(reply.status)
            kind = reply.content_type or (
                "application/json" if not isinstance(reply.body, (bytes, str)) else "text/plain"
            )
            handler.send_header("Content-Type", kind)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if reply.endless:
                handler.send_header("Connection", "close")
                handler.end_headers()
                chunk = b'[{"title": "' + b"x" * 65536
                while True:
                    handler.wfile.write(chunk)
            handler.send_header("Content-Length", str(len(data)))
            if reply.cut_at is not None:
                handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(data if reply.cut_at is None else data[: reply.cut_at])
            handler.wfile.flush()
            if reply.cut_at is not None:
                handler.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True


# -- the shapes of the sources' answers ------------------------------------------------------


def hf_item(n: int, *, day: str = "2026-11-30", upvotes: int = 3, nested: bool = True) -> dict:
    """One daily-papers item about an invented paper; `nested` puts the fields in `paper`
    (as the API does), else at the top level (as some clients write them)."""
    paper = {
        "id": f"2611.{10000 + n:05d}",
        "title": f"Invented Paper Number {n} on Sparse Routing",
        "summary": f"We study sparse routing, variant {n}, and find it works.",
        "authors": [{"name": f"Ada Example{n}"}, {"name": "Bo Placeholder"}],
        "publishedAt": f"{day}T12:00:00.000Z",
        "upvotes": upvotes,
    }
    if nested:
        return {"paper": paper, "publishedAt": f"{day}T08:00:00.000Z", "numComments": 1,
                "title": paper["title"], "summary": paper["summary"]}  # fmt: skip
    top = {k: v for k, v in paper.items() if k != "id"}
    return {"paper": {"id": paper["id"]}, **top, "numComments": 0}


def hf_pages(items: list[dict]) -> Handler:
    """A daily-papers handler paging `items` by `p` and `limit`."""

    def handle(request: Request) -> Reply:
        page, limit = int(request.query.get("p", 0)), int(request.query.get("limit", 50))
        return Reply(items[page * limit : (page + 1) * limit])

    return handle


def atom_entry(arxiv_id: str, title: str, authors: list[str], category: str = "cs.LG") -> str:
    names = "".join(f"<author><name>{escape(a)}</name></author>" for a in authors)
    return (
        f"<entry><id>http://arxiv.org/abs/{arxiv_id}v1</id>"
        f"<published>2026-11-30T17:00:00Z</published><title>{escape(title)}</title>"
        f"<summary>An invented abstract about {escape(title)}.</summary>{names}"
        f'<link href="http://arxiv.org/abs/{arxiv_id}v1" rel="alternate" type="text/html"/>'
        f'<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="{category}"/>'
        f'<category term="{category}"/><category term="stat.ML"/></entry>'
    )


def atom_feed(entries: list[str], total: int | None = None) -> str:
    total = len(entries) if total is None else total
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
        f"<title>arXiv Query</title><opensearch:totalResults>{total}</opensearch:totalResults>"
        + "".join(entries)
        + "</feed>"
    )


def arxiv_listing(count: int, category: str = "cs.LG") -> Handler:
    """An API handler listing `count` invented papers, paged by start and max_results."""
    entries = [
        atom_entry(
            f"2611.{20000 + n:05d}", f"Listed Paper {n} About Gradient Flows", ["Cy Doe"], category
        )
        for n in range(count)
    ]

    def handle(request: Request) -> Reply:
        start, size = int(request.query["start"]), int(request.query["max_results"])
        return Reply(atom_feed(entries[start : start + size], count),
                     content_type="application/atom+xml")  # fmt: skip

    return handle


def note(n: int, venue: str = "ICLR 2026 poster", venue_id: str = "ICLR.cc/2026/Conference"):
    forum = f"Fo{n:06d}xyz"
    wrap = lambda value: {"value": value}  # noqa: E731
    return {
        "id": forum, "forum": forum, "pdate": 1767225600000,
        "content": {
            "title": wrap(f"Reviewed Paper {n} on Contrastive Maps"),
            "abstract": wrap(f"An invented abstract, number {n}."),
            "authors": wrap([f"Dee Reviewer{n}", "Eli Second"]),
            "venue": wrap(venue), "venueid": wrap(venue_id),
            "pdf": wrap(f"/pdf/{forum}.pdf"),
        },
    }  # fmt: skip


def openreview_pages(notes: list[dict], with_count: bool = True) -> Handler:
    def handle(request: Request) -> Reply:
        offset, limit = int(request.query.get("offset", 0)), int(request.query["limit"])
        body: dict[str, Any] = {"notes": notes[offset : offset + limit]}
        if with_count:
            body["count"] = len(notes)
        return Reply(body)

    return handle
