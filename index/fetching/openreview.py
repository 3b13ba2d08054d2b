"""Provides fetching a venue's papers from the OpenReview API v2
(`/notes?content.venueid=V&limit=1000&offset=K`), page by page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..formats.conference import venue_year
from .http import Client
from .lists import FetchedList, record

SOURCE = "openreview"
PAGE = 1000
"""Notes asked for per request (the API's largest page)."""
MAX_PAGES = 100
_FORUM = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _value(content: dict[str, Any], key: str) -> Any:
    """A content field: API v2 wraps each as `{"value": …}`; v1 gave it bare."""
    field = content.get(key)
    return field.get("value") if isinstance(field, dict) else field


def note_record(note: Any, venue_id: str) -> dict[str, Any] | None:
    """The list record of one note, or None without a title."""
    if not isinstance(note, dict) or not isinstance(note.get("content"), dict):
        return None
    content = note["content"]
    title = _value(content, "title")
    if not isinstance(title, str) or not title.strip():
        return None
    forum = note.get("forum") or note.get("id")
    forum = forum if isinstance(forum, str) and _FORUM.fullmatch(forum) else None
    authors = _value(content, "authors")
    abstract = _value(content, "abstract")
    shown = _value(content, "venue")
    venue, year = venue_year(shown) if isinstance(shown, str) and shown.strip() else (None, None)
    if venue is None or year is None:  # from the id: ICLR.cc/2024/Conference
        found = _YEAR.search(venue_id)
        name = venue_id.split("/")[0].split(".")[0]
        fallback, fallback_year = venue_year(f"{name} {found.group(0) if found else ''}")
        venue, year = venue or fallback, year or fallback_year
    return record(
        title=title,
        authors=[a for a in authors if isinstance(a, str)] if isinstance(authors, list) else [],
        abstract=abstract if isinstance(abstract, str) else "",
        format="conference",
        openreview_id=forum,
        url=f"https://openreview.net/forum?id={forum}" if forum else None,
        venue=venue,
        year=year,
    )


def fetch_venue(
    client: Client, base: str, venue_id: str, progress: Callable[[str], None] | None = None
) -> FetchedList:
    """Every note of a venue (its accepted papers: `ICLR.cc/2024/Conference`)."""
    fetched = FetchedList(SOURCE, venue_id, what=f"OpenReview venue {venue_id}")
    seen: set[str] = set()
    offset = 0
    for _ in range(MAX_PAGES):
        answer = client.json(
            f"{base}/notes", {"content.venueid": venue_id, "limit": PAGE, "offset": offset}
        )
        if not isinstance(answer, dict) or not isinstance(answer.get("notes"), list):
            raise client.fail("expected an object with `notes`, got something else")
        notes = answer["notes"]
        offset += len(notes)
        added = 0
        for note in notes:
            rec = note_record(note, venue_id)
            key = rec and (rec["openreview_id"] or rec["title"].casefold())
            if rec is not None and key not in seen:
                seen.add(key)
                fetched.records.append(rec)
                added += 1
        count = answer.get("count")
        if progress is not None:
            of = f" of {count}" if isinstance(count, int) else ""
            progress(f"{venue_id}: {len(fetched.records)}{of} papers")
        if len(notes) < PAGE or not added or (isinstance(count, int) and offset >= count):
            break
    if not fetched.records:
        raise client.fail(
            f"no papers for venue {venue_id!r} (is the id right? e.g. ICLR.cc/2024/Conference)"
        )
    return fetched
