"""Provides the parser for Hugging Face daily-papers page dumps: title and abstract pairs."""

from __future__ import annotations

import re

from ..clean import clean_line, clean_paragraphs
from ..models import Entry, Source
from .common import ParseResult, month_day_label

FORMAT = "hfdaily"

# Lines of the page chrome that precede (or interleave with) the papers.
_CHROME = {
    "new",
    "subscribe",
    "get trending papers in your email inbox!",
    "byak and the research community",
    "daily papers",
    "trending papers",
    "papers",
    "previous",
    "next",
}
_HEADER_MARKERS = ("get trending papers in your email inbox", "byak and the research community")


def _blocks(lines: list[str]) -> list[tuple[int, str]]:
    """Paragraphs (runs of non-blank lines) with the 1-based line each starts on."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if line.strip():
            if not current:
                start = index + 1
            current.append(line)
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def looks_like(lines: list[str]) -> bool:
    """True for a dump: the page header, or a `Mar 12` label followed by title/abstract pairs."""
    head = [line.strip().lower() for line in lines[:60] if line.strip()]
    if any(marker in line for line in head[:20] for marker in _HEADER_MARKERS):
        return True
    blocks = _blocks(lines[:400])
    for position, (_, text) in enumerate(blocks[:12]):
        if month_day_label(text):
            rest = blocks[position + 1 : position + 5]
            return len(rest) >= 2 and _is_title(rest[0][1]) and _is_abstract(rest[1][1])
        if text.strip().lower() not in _CHROME:
            return False
    return False


def _is_title(text: str) -> bool:
    return "\n" not in text.strip() and 0 < len(text.strip()) <= 400


def _is_abstract(text: str) -> bool:
    """Abstracts are prose: long, or several sentences, or a dozen words ending in a full stop
    (titles almost never end with one)."""
    stripped = text.strip()
    words = len(stripped.split())
    sentences = len(re.findall(r"[A-Za-z0-9)][.!?]\s+[A-Z]", stripped))
    return (
        len(stripped) >= 200
        or (sentences >= 1 and words >= 8)
        or (words >= 12 and stripped.endswith("."))
    )


def parse(lines: list[str], path: str) -> ParseResult:
    """Title/abstract pairs after the date label; the label is kept, a year is never invented."""
    result = ParseResult(path=path, format=FORMAT)
    blocks = _blocks(lines)
    label: str | None = None
    position = 0
    # Skip the page chrome up to the first date label (or the first title/abstract pair).
    while position < len(blocks):
        text = blocks[position][1].strip()
        if found := month_day_label(text):
            label = found
            position += 1
            break
        if text.lower() in _CHROME:
            position += 1
            continue
        break
    rank = 0
    while position < len(blocks):
        line, text = blocks[position]
        stripped = text.strip()
        if found := month_day_label(stripped):
            label = found
            position += 1
            continue
        if stripped.lower() in _CHROME:
            position += 1
            continue
        if not clean_line(stripped):
            result.warning(line, "a block of control characters only; skipped")
            position += 1
            continue
        following = blocks[position + 1][1] if position + 1 < len(blocks) else ""
        if _is_abstract(stripped) and not _is_title(stripped):
            result.error(line, "abstract without a title before it; skipped")
            position += 1
            continue
        title = clean_line(stripped)
        abstract = ""
        if (
            following
            and not month_day_label(following.strip())
            and (_is_abstract(following) or not _is_title(following))
        ):
            abstract = clean_paragraphs(following)
            position += 2
        else:
            result.warning(line, f"title {title[:60]!r} has no abstract")
            position += 1
        rank += 1
        result.entries.append(
            Entry(
                title=title,
                source=Source(path=path, line=line, format=FORMAT, label=label, rank=rank),
                abstract=abstract,
            )
        )
    return result
