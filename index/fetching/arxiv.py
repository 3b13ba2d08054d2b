"""Provides the arXiv API: the newest submissions of a category, and title searches for
resolving. Atom feeds, read page by page, at most one request every few seconds as arXiv
asks (`$PAPERBROWSE_ARXIV_DELAY`)."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable
from typing import Any

from ..ids import arxiv_id_from_url
from .http import Client
from .lists import FetchedList, record

SOURCE = "arxiv"
PAGE = 100
"""Entries asked for per request (`max_results`)."""
DELAY = 3.0
"""Seconds between two requests to arXiv (its API terms ask for 3)."""
ENV_DELAY = "PAPERBROWSE_ARXIV_DELAY"

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
CATEGORY = re.compile(r"[A-Za-z][A-Za-z\-]{0,15}(?:\.[A-Za-z\-]{1,15})?")
"""An arXiv category (`cs.LG`, `math.GT`, `hep-th`): it goes into a query and a file name."""


class Pacer:
    """Keeps requests at least `delay` seconds apart (the first goes at once)."""

    def __init__(self, delay: float | None = None, sleep: Callable[[float], None] = time.sleep):
        if delay is None:
            try:
                delay = float(os.environ.get(ENV_DELAY, "") or DELAY)
            except ValueError:
                delay = DELAY
        self.delay = max(0.0, delay)
        self._sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        now = time.monotonic()
        if self._last is not None and now - self._last < self.delay:
            self._sleep(self.delay - (now - self._last))
        self._last = time.monotonic()


def _text(element: Any, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def entry_record(entry: Any) -> dict[str, Any] | None:
    """The list record of one Atom entry, or None without a title or an arXiv id."""
    arxiv_id = arxiv_id_from_url(_text(entry, f"{ATOM}id"))
    title = _text(entry, f"{ATOM}title")
    if not arxiv_id or not title:
        return None
    primary = entry.find(f"{ARXIV}primary_category")
    categories = [primary.get("term", "")] if primary is not None else []
    for category in entry.findall(f"{ATOM}category"):
        term = category.get("term", "")
        if term not in categories:
            categories.append(term)
    published = _text(entry, f"{ATOM}published")[:10]
    return record(
        title=title,
        authors=[_text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author")],
        abstract=_text(entry, f"{ATOM}summary"),
        format="arxiv",
        arxiv_id=arxiv_id,
        date=published if re.fullmatch(r"\d{4}-\d\d-\d\d", published) else None,
        categories=[c for c in categories if c],
    )


def query(
    client: Client, base: str, pacer: Pacer, params: dict[str, Any]
) -> tuple[list[dict[str, Any]], int, int]:
    """One API request: the records of its entries, how many entries it held, and the total
    the feed announces (-1 when it does not). An
    error entry (arXiv answers a bad query with one) is a FetchError."""
    pacer.wait()
    feed = client.xml(f"{base}/api/query", params)
    if feed.tag != f"{ATOM}feed":
        raise client.fail(f"expected an Atom feed, got <{feed.tag.rsplit('}', 1)[-1]}>")
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        if "/api/errors" in _text(entry, f"{ATOM}id"):
            raise client.fail(f"the API says: {_text(entry, f'{ATOM}summary')[:200]}")
    total_text = _text(feed, f"{OPENSEARCH}totalResults")
    total = int(total_text) if total_text.isdigit() else -1
    return [r for e in entries if (r := entry_record(e)) is not None], len(entries), total


def fetch_category(
    client: Client,
    base: str,
    category: str,
    limit: int,
    *,
    pacer: Pacer | None = None,
    progress: Callable[[str], None] | None = None,
    today: dt.date | None = None,
) -> FetchedList:
    """The newest `limit` submissions of a category, newest first."""
    if not CATEGORY.fullmatch(category):
        raise client.fail(f"not an arXiv category: {category!r} (e.g. cs.LG, math.GT, hep-th)")
    pacer = pacer or Pacer()
    day = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    fetched = FetchedList(
        SOURCE, f"{category}-{day}", what=f"arXiv {category} submissions of {day}"
    )
    seen: set[str] = set()
    start = 0
    while len(fetched.records) < limit:
        asked = min(PAGE, limit - len(fetched.records))
        params = {
            "search_query": f"cat:{category}",
            "sortBy": "submittedDate",
            "sortOrder": "descending",
            "start": start,
            "max_results": asked,
        }
        records, count, total = query(client, base, pacer, params)
        start += count
        fresh = [r for r in records if r["arxiv_id"] not in seen]
        seen.update(r["arxiv_id"] for r in fresh)
        fetched.records.extend(fresh[: limit - len(fetched.records)])
        if progress is not None:
            progress(f"{category}: {len(fetched.records)} of {min(limit, max(total, 0))} papers")
        if count < asked or not fresh or 0 <= total <= start:
            break
    if not fetched.records:
        raise client.fail(f"no papers in category {category}")
    return fetched
