"""Provides fetching a day of the Hugging Face daily papers (`/api/daily_papers?date=D`),
page by page while pages come back full."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..ids import find_id
from .http import Client, FetchError
from .lists import FetchedList, record

SOURCE = "hf"
PAGE = 100
"""Papers asked for per page (`limit`)."""
MAX_PAGES = 30
"""Pages read at most for one day (a server ignoring `p` would otherwise never end)."""


def parse_day(text: str) -> dt.date:
    """A `YYYY-MM-DD` date, strictly (it names a file); ValueError otherwise."""
    day = dt.date.fromisoformat(text)
    if text != day.isoformat():
        raise ValueError(text)
    return day


def _field(item: dict[str, Any], paper: dict[str, Any], key: str) -> Any:
    """A field from `paper`, else from the item itself: clients put them in either place."""
    value = paper.get(key)
    return value if value not in (None, "", []) else item.get(key)


def _authors(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    names = []
    for author in value:
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str) and name.strip():
            names.append(name)
    return names


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def item_record(item: Any, day: str) -> dict[str, Any] | None:
    """The list record of one daily-papers item, or None when it holds no title."""
    if not isinstance(item, dict):
        return None
    paper = item.get("paper") if isinstance(item.get("paper"), dict) else {}
    title = _field(item, paper, "title")
    if not isinstance(title, str) or not title.strip():
        return None
    raw_id = paper.get("id") or item.get("id")
    found = find_id(raw_id) if isinstance(raw_id, str) else None
    arxiv_id = found.value if found is not None and found.field == "arxiv" else None
    summary = _field(item, paper, "summary")
    return record(
        title=title,
        authors=_authors(_field(item, paper, "authors")),
        abstract=summary if isinstance(summary, str) else "",
        format="hfdaily",
        arxiv_id=arxiv_id,
        url=f"https://huggingface.co/papers/{arxiv_id}" if arxiv_id else None,
        date=day,
        retweets=_count(_field(item, paper, "upvotes")),  # upvotes are its popularity
    )


def fetch_day(
    client: Client, base: str, day: dt.date, progress: Callable[[str], None] | None = None
) -> FetchedList:
    """Every paper on the daily page of `day`; FetchError when there is none or the answer
    is not a list of papers."""
    date = day.isoformat()
    fetched = FetchedList(SOURCE, date, what=f"Hugging Face daily papers of {date}")
    seen: set[str] = set()
    answered = 0
    for page in range(MAX_PAGES):
        try:
            items = client.json(
                f"{base}/api/daily_papers", {"date": date, "p": page, "limit": PAGE}
            )
        except FetchError as error:
            if error.status == 404:
                raise client.fail(f"no daily list for {date} (HTTP 404)", 404) from None
            raise
        if isinstance(items, dict) and "error" in items:
            raise client.fail(f"the server says: {str(items['error'])[:200]}")
        if not isinstance(items, list):
            raise client.fail(f"expected a list of papers, got a JSON {type(items).__name__}")
        added = 0
        answered += len(items)
        for item in items:
            rec = item_record(item, date)
            key = rec and (rec["arxiv_id"] or rec["title"].casefold())
            if rec is not None and key not in seen:
                seen.add(key)
                fetched.records.append(rec)
                added += 1
        if progress is not None:
            progress(f"{date}: page {page + 1}, {len(fetched.records)} papers")
        if len(items) < PAGE or not added:  # the last page, or a server repeating itself
            break
    if not fetched.records and answered:
        raise client.fail(f"{answered} items for {date}, none with a title (unexpected shape)")
    if not fetched.records:
        raise client.fail(f"no papers listed for {date}")
    return fetched


def days(date: str | None, count: int | None, today: dt.date | None = None) -> list[dt.date]:
    """The days to fetch: `date`, else the last `count` days up to today (UTC), else today."""
    if date is not None:
        return [parse_day(date)]
    today = today or dt.datetime.now(dt.timezone.utc).date()
    return [today - dt.timedelta(days=n) for n in range(count or 1)][::-1]
