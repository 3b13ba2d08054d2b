"""Provides what the format parsers share: lines with numbers, links, ids and results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The id patterns live in one place (index/ids.py), shared with the query reading.
from ..ids import arxiv_id_from_url as arxiv_id_from_url
from ..ids import openreview_id_from_url as openreview_id_from_url
from ..models import Entry, Problem


@dataclass
class ParseResult:
    """The entries one file yields, and the problems met on the way (each with a line)."""

    path: str
    format: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        """Record that something at `line` was lost."""
        self.problems.append(Problem(self.path, line, message, level="error"))

    def warning(self, line: int, message: str) -> None:
        """Record that something at `line` is odd but nothing was lost."""
        self.problems.append(Problem(self.path, line, message, level="warning"))


def split_lines(text: str) -> list[str]:
    """Split on `\\n` only, as editors and `grep -n` number lines; a trailing CR is dropped."""
    lines = text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in lines]


_MD_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)")


def markdown_links(text: str) -> list[tuple[str, str]]:
    """The `[label](url)` links in a line, in order."""
    return [(m.group(1), m.group(2)) for m in _MD_LINK.finditer(text)]


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def iso_date(text: str) -> str | None:
    """The first plausible `YYYY-MM-DD` date in text (front matter, slug, file name), or None."""
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        if 1900 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def month_day_label(text: str) -> str | None:
    """A `Mar 12` style label (month and day, no year) normalised as `Mar 12`, or None."""
    match = re.fullmatch(r"\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})\s*", text)
    if not match:
        return None
    month = _MONTHS.get(match.group(1).lower())
    day = int(match.group(2))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{match.group(1)[:3].title()} {day}"
