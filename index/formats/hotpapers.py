"""Provides the parser for daily "Hot Papers" posts: front matter, ranked papers, tweet counts."""

from __future__ import annotations

import re
from pathlib import PurePath

from ..clean import clean_line, clean_paragraphs, split_authors
from ..models import Entry, Source
from .common import (
    ParseResult,
    arxiv_id_from_url,
    iso_date,
    markdown_links,
    openreview_id_from_url,
)

FORMAT = "hotpapers"

# A closing run of `#` needs a space before it (CommonMark), so `C#` keeps its `#`.
HEADING = re.compile(r"^#\s+(\d+)\.(?:\s+(.*?))?(?:\s+#+)?\s*$")
_COUNTS = re.compile(r"^-\s*retweets:\s*([\d,]+)\s*,\s*favorites:\s*([\d,]+)", re.IGNORECASE)
_LINKS = re.compile(r"^-\s*links:", re.IGNORECASE)
_META = re.compile(r"^-\s*[a-z_ ]+:", re.IGNORECASE)
_CATEGORY_LINE = re.compile(r"^-\s*\[[^\]]+\]\([^)]*\)(\s*\|\s*\[[^\]]+\]\([^)]*\))*\s*$")
# Embedded tweets and scripts follow the abstract; they are never part of it.
_HTML_BLOCK = re.compile(
    r"^\s*<(blockquote|script|div|iframe|p|img|figure|video|center|table|hr|br|a)\b",
    re.IGNORECASE,
)


def looks_like(lines: list[str]) -> bool:
    """True when the text is a Hot Papers post: its front matter says so, or its papers do."""
    head = "\n".join(lines[:40])
    if lines and lines[0].strip() == "---" and re.search(r"(?im)^title:.*hot papers", head):
        return True
    headings = counts = links = 0
    for line in lines[:2000]:
        if HEADING.match(line):
            headings += 1
        elif _COUNTS.match(line):
            counts += 1
        elif _LINKS.match(line) and "arxiv.org" in line:
            links += 1
    return headings > 0 and (counts > 0 or links > 0)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Simple `key: value` pairs of a YAML front matter block, and the index after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    values: dict[str, str] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() == "---":
            return values, index + 1
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if match:
            values[match.group(1).lower()] = match.group(2).strip().strip("'\"")
    return values, 0


def list_date(front: dict[str, str], path: str) -> str | None:
    """The day the post covers: its title, its slug, its file name, then its publish date."""
    for text in (front.get("title", ""), front.get("slug", ""), PurePath(path).name):
        if date := iso_date(text):
            return date
    # The publish timestamp (`2021-04-22T07:52:36.Z`, which fromisoformat rejects) is the
    # day after the list's day, so it is only a last resort.
    return iso_date(front.get("date", ""))


def parse(lines: list[str], path: str) -> ParseResult:
    """Every `# N. Title` section of a post as an entry."""
    result = ParseResult(path=path, format=FORMAT)
    front, start = _front_matter(lines)
    date = list_date(front, path)
    starts = [i for i in range(start, len(lines)) if HEADING.match(lines[i])]
    for position, first in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        entry = _parse_section(lines, first, end, path, date, result)
        if entry is not None:
            result.entries.append(entry)
    return result


def _parse_section(
    lines: list[str], first: int, end: int, path: str, date: str | None, result: ParseResult
) -> Entry | None:
    match = HEADING.match(lines[first])
    assert match is not None
    rank = int(match.group(1))
    title = clean_line(match.group(2) or "")
    if not title:
        result.error(first + 1, f"paper #{rank} has an empty title; skipped")
        return None
    authors: tuple[str, ...] = ()
    retweets = favorites = None
    arxiv_id = openreview_id = url = None
    categories: list[str] = []
    abstract_lines: list[str] = []
    seen_meta = in_html = False
    for index in range(first + 1, end):
        line = lines[index]
        stripped = line.strip()
        if in_html or not stripped:
            if abstract_lines and abstract_lines[-1] != "":
                abstract_lines.append("")
            continue
        if _HTML_BLOCK.match(line):
            in_html = True
            continue
        if counts := _COUNTS.match(stripped):
            retweets = int(counts.group(1).replace(",", ""))
            favorites = int(counts.group(2).replace(",", ""))
            seen_meta = True
        elif _LINKS.match(stripped):
            for label, link in markdown_links(stripped):
                arxiv_id = arxiv_id or arxiv_id_from_url(link)
                openreview_id = openreview_id or openreview_id_from_url(link)
                if label.strip().lower() == "abs" or url is None:
                    url = link
            seen_meta = True
        elif _CATEGORY_LINE.match(stripped) and not abstract_lines:
            categories.extend(clean_line(label) for label, _ in markdown_links(stripped))
            seen_meta = True
        elif _META.match(stripped) and not abstract_lines:
            seen_meta = True
        elif not seen_meta and not authors:
            authors = split_authors(stripped)
        else:
            abstract_lines.append(line)
    if arxiv_id is None:
        result.warning(first + 1, f"paper #{rank} has no arXiv link")
    return Entry(
        title=title,
        source=Source(path=path, line=first + 1, format=FORMAT, date=date, rank=rank),
        authors=authors,
        abstract=clean_paragraphs("\n".join(abstract_lines)),
        arxiv_id=arxiv_id,
        openreview_id=openreview_id,
        url=url,
        categories=tuple(c for c in categories if c),
        retweets=retweets,
        favorites=favorites,
    )
