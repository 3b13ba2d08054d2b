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


# Reading a dump: the page alternates title, abstract, title, abstract under each date label,
# so the roles of a run of paragraphs come first from that alternation; the shape of each
# paragraph (a title is one short line, rarely ends in a full stop and capitalises its words;
# an abstract is sentences) decides only where the alternation breaks: a title whose abstract
# is missing, or an abstract whose title is. The best roles are found by dynamic programming.
TITLE, ABSTRACT = "title", "abstract"
_MISSING_ABSTRACT = 3.0
"""Cost of a title not followed by its abstract (the page lost it, or the dump ends)."""
_MISSING_TITLE = 12.0
"""Cost of an abstract not preceded by a title: reported as an error, so only taken when
the paragraph cannot be a title or reads far more like an abstract."""
_OPENERS = re.compile(r"^(we|this (paper|work)|in this|our|recent|existing|large|despite)\b", re.I)


def abstract_evidence(text: str) -> float:
    """How much a paragraph reads like an abstract rather than a title (> 0) or like a title
    (< 0), from its shape alone: length, sentences, the full stop at the end, capitalised
    words, the usual first words of an abstract."""
    words = text.split()
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in long_words) / len(long_words) if long_words else 0
    sentences = len(re.findall(r"[A-Za-z0-9)][.!?]\s+[A-Z]", text))
    evidence = 2.0 * min(sentences, 3)
    evidence += 4.0 if len(text) >= 200 else 2.0 if len(words) > 25 else 0.0
    if text.endswith("."):
        evidence += 2.0  # a sentence ending in a full stop is rarely a title
    elif text.endswith(("?", "!")):
        evidence -= 1.0  # titles ask questions; abstracts almost never end on one
    else:
        evidence -= 1.0
    if len(words) >= 2 and capitalised >= 0.6:
        evidence -= 2.0  # Title Case
    elif len(words) >= 4 and capitalised <= 0.3:
        evidence += 1.0  # sentence case
    if _OPENERS.match(text):
        evidence += 2.0
    return evidence


def _link(position: int, before: str, role: str) -> float:
    """The cost of `role` coming after `before` (or first, at position 0)."""
    if role == TITLE:
        return _MISSING_ABSTRACT if position and before == TITLE else 0.0
    return 0.0 if position and before == TITLE else _MISSING_TITLE


def assign_roles(texts: list[str]) -> list[str]:
    """TITLE or ABSTRACT for each paragraph of a run under one date label: the cheapest
    sequence, where breaking the title/abstract alternation costs much and a paragraph's
    role against its shape costs its evidence."""
    if not texts:
        return []
    best = {TITLE: 0.0, ABSTRACT: 0.0}
    back: list[dict[str, str]] = []
    for position, text in enumerate(texts):
        evidence = abstract_evidence(text)
        own = {TITLE: evidence if _is_title(text) else float("inf"), ABSTRACT: -evidence}
        came = {
            role: min(best, key=lambda before, r=role: best[before] + _link(position, before, r))
            for role in (TITLE, ABSTRACT)
        }
        best = {
            role: best[came[role]] + _link(position, came[role], role) + own[role]
            for role in (TITLE, ABSTRACT)
        }
        back.append(came)
    # A run ending on a title leaves that title without its abstract.
    role = min(best, key=lambda r: best[r] + (_MISSING_ABSTRACT if r == TITLE else 0.0))
    roles = [role]
    for came in reversed(back[1:]):
        role = came[role]
        roles.append(role)
    return roles[::-1]


def parse(lines: list[str], path: str) -> ParseResult:
    """Title/abstract pairs under each date label (the label is kept, a year is never
    invented); page chrome and blank lines separate, labels start a new run."""
    result = ParseResult(path=path, format=FORMAT)
    label: str | None = None
    run: list[tuple[int, str]] = []
    for line, text in _blocks(lines):
        stripped = text.strip()
        if found := month_day_label(stripped):
            _read_run(run, label, result)
            run, label = [], found
        elif stripped.lower() in _CHROME:
            continue
        elif not clean_line(stripped):
            result.warning(line, "a block of control characters only; skipped")
        else:
            run.append((line, stripped))
    _read_run(run, label, result)
    return result


def _read_run(run: list[tuple[int, str]], label: str | None, result: ParseResult) -> None:
    """The entries of one run of paragraphs, by the roles `assign_roles` gives them."""
    roles = assign_roles([text for _, text in run])
    for position, ((line, text), role) in enumerate(zip(run, roles, strict=True)):
        if role == ABSTRACT:
            if position == 0 or roles[position - 1] != TITLE:
                result.error(line, "abstract without a title before it; skipped")
            continue
        title = clean_line(text)
        abstract = ""
        if position + 1 < len(run) and roles[position + 1] == ABSTRACT:
            abstract = clean_paragraphs(run[position + 1][1])
        else:
            result.warning(line, f"title {title[:60]!r} has no abstract")
        rank = len(result.entries) + 1
        result.entries.append(
            Entry(
                title=title,
                source=Source(path=result.path, line=line, format=FORMAT, label=label, rank=rank),
                abstract=abstract,
            )
        )
