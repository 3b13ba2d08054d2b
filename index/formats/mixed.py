"""Provides parse_mixed: a file that holds more than one list format (a Hot Papers post with
conference entries appended) read region by region, so no entry is silently dropped."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from types import ModuleType

from . import conference, hfdaily, hotpapers
from .common import ParseResult

NAMES = {
    hotpapers.FORMAT: "a Hot Papers post",
    conference.FORMAT: "a conference list",
    hfdaily.FORMAT: "a Hugging Face daily-papers dump",
}
_DAILY_MARKERS = ("get trending papers in your email inbox", "byak and the research community")


def _is_heading(line: str) -> bool:
    return bool(hotpapers.HEADING.match(line) or conference.HEADING.match(line))


def _section_has(lines: list[str], start: int, test: Callable[[str], bool]) -> bool:
    """True when a line after `start`, before the next heading, passes `test`."""
    for index in range(start + 1, len(lines)):
        if _is_heading(lines[index]):
            return False
        if test(lines[index]):
            return True
    return False


def _hot_fields(line: str) -> bool:
    stripped = line.strip()
    return bool(hotpapers._COUNTS.match(stripped) or hotpapers._LINKS.match(stripped))


def _conference_fields(line: str) -> bool:
    match = conference._FIELD.match(line)
    return match is not None and match.group(1).lower() in conference._KNOWN_FIELDS


def _starts(lines: list[str]) -> list[tuple[int, str]]:
    """Where an entry of each format begins: a heading whose section has that format's fields
    (a bare heading belongs to the region around it), or a daily dump's page header."""
    starts: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if hotpapers.HEADING.match(line):
            if _section_has(lines, index, _hot_fields):
                starts.append((index, hotpapers.FORMAT))
        elif conference.HEADING.match(line):
            if _section_has(lines, index, _conference_fields):
                starts.append((index, conference.FORMAT))
        elif any(marker in line.lower() for marker in _DAILY_MARKERS):
            # The page header opens a block of its own ("new" and blank lines above it),
            # never a line glued to an entry's text.
            first = index
            while first > 0 and lines[first - 1].strip().lower() in ("", "new"):
                first -= 1
            separated = first == 0 or any(not lines[i].strip() for i in range(first, index))
            while not lines[first].strip():
                first += 1
            if separated:
                starts.append((first, hfdaily.FORMAT))
    return starts


def regions(lines: list[str], primary: str) -> list[tuple[int, str]] | None:
    """(first line, format) of each region of a file holding several formats, in order; None
    when the file holds one format only (the common case: parsed as a whole)."""
    starts = _starts(lines)
    if primary == hfdaily.FORMAT:
        # A dump's own page header opens it; only a header after other entries is a new region.
        starts = [s for s in starts if s[1] != hfdaily.FORMAT or any(f != s[1] for _, f in starts)]
    if len({fmt for _, fmt in starts} | {primary}) < 2:
        return None
    found = [(0, primary)]
    for index, fmt in starts:
        if fmt != found[-1][1]:
            found.append((index, fmt))
    if len(found) > 1 and found[1][0] == 0:
        found.pop(0)
    return found


def parse_mixed(
    lines: list[str], path: str, spans: list[tuple[int, str]], parsers: dict[str, ModuleType]
) -> ParseResult:
    """Each format's parser reads its own regions (the others blanked, so line numbers stay);
    the entries come back in file order, with a warning where the format changes."""
    owner: list[str] = []
    bounds = [*spans, (len(lines), "")]
    for (start, fmt), (stop, _) in itertools.pairwise(bounds):
        owner.extend([fmt] * (stop - start))
    result = ParseResult(path=path, format=spans[0][1])
    for fmt in dict.fromkeys(fmt for _, fmt in spans):
        masked = [line if owner[i] == fmt else "" for i, line in enumerate(lines)]
        part = parsers[fmt].parse(masked, path)
        result.entries.extend(part.entries)
        result.problems.extend(part.problems)
    for (_, before), (start, fmt) in itertools.pairwise(spans):
        result.warning(
            start + 1, f"{NAMES[fmt]} starts here inside {NAMES[before]}; read as {fmt} entries"
        )
    result.entries.sort(key=lambda entry: entry.source.line)
    result.problems.sort(key=lambda problem: problem.line)
    return result
