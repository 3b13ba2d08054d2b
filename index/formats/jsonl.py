"""Provides the parser for paperbrowse JSON lines: one object per line with the keys
`parse --json` prints. Fetched lists are saved in it, and users may write it by hand."""

from __future__ import annotations

import json
import re
from typing import Any

from ..clean import clean_line, clean_paragraphs
from ..ids import find_id
from ..models import FORMATS, Entry, Source
from .common import ParseResult, iso_date

FORMAT = "jsonl"

_OPENREVIEW_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_CATEGORY = re.compile(r"[A-Za-z][A-Za-z\-]*(?:\.[A-Za-z\-]+)?")
_MAX_LINE = 1_000_000
"""Characters in one line beyond which it is reported, not read (no paper is that long)."""


def _first_object(lines: list[str]) -> dict[str, Any] | None:
    for line in lines[:50]:
        text = line.strip()
        if not text:
            continue
        if not text.startswith("{"):
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None
    return None


def looks_like(lines: list[str]) -> bool:
    """True when the first non-blank line is a JSON object with a title."""
    first = _first_object(lines)
    return first is not None and isinstance(first.get("title"), str)


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _int(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value < 10**12 else None


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def _arxiv_id(value: str | None) -> str | None:
    found = find_id(value) if value else None
    return found.value if found is not None and found.field == "arxiv" else None


def _url(value: str | None) -> str | None:
    if not value:
        return None
    value = clean_line(value)
    return value if re.match(r"https?://\S+$", value) else None


def entry_from_json(data: dict[str, Any], path: str, line: int) -> Entry | None:
    """An entry from one object, every field checked and cleaned as the other formats clean
    theirs; None when it has no title."""
    title = clean_line(_text(data, "title") or "")
    if not title:
        return None
    fmt = _text(data, "format")
    openreview = _text(data, "openreview_id")
    year = _int(data, "year")
    return Entry(
        title=title,
        source=Source(
            path=path,
            line=line,
            format=fmt if fmt in FORMATS else FORMAT,
            date=iso_date(_text(data, "date") or ""),
        ),
        authors=tuple(a for raw in _strings(data, "authors") if (a := clean_line(raw))),
        abstract=clean_paragraphs(_text(data, "abstract") or ""),
        arxiv_id=_arxiv_id(_text(data, "arxiv_id")),
        openreview_id=openreview if openreview and _OPENREVIEW_ID.fullmatch(openreview) else None,
        url=_url(_text(data, "url")),
        venue=clean_line(_text(data, "venue") or "") or None,
        year=year if year and 1000 <= year <= 3000 else None,
        categories=tuple(c for c in _strings(data, "categories") if _CATEGORY.fullmatch(c)),
        retweets=_int(data, "retweets"),
        favorites=_int(data, "favorites"),
    )


def parse(lines: list[str], path: str) -> ParseResult:
    """Every line holding an object with a title is an entry; other lines are reported."""
    result = ParseResult(path=path, format=FORMAT)
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        if len(text) > _MAX_LINE:
            result.error(number, f"line longer than {_MAX_LINE:,} characters; skipped")
            continue
        try:
            data = json.loads(text)
        except ValueError as error:
            result.error(number, f"not JSON ({error.msg}); skipped")
            continue
        if not isinstance(data, dict):
            result.error(number, "not a JSON object; skipped")
            continue
        entry = entry_from_json(data, path, number)
        if entry is None:
            result.error(number, "no title; skipped")
            continue
        result.entries.append(entry)
    return result
