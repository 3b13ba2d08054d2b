"""Provides format detection and `parse_file`: one call from a path to cleaned entries."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..models import Problem
from . import conference, hfdaily, hotpapers, jsonl
from .common import ParseResult, split_lines
from .mixed import parse_mixed, regions

__all__ = ["ParseResult", "detect", "parse_file", "parse_text", "read_text"]

PARSERS = {
    hotpapers.FORMAT: hotpapers,
    conference.FORMAT: conference,
    hfdaily.FORMAT: hfdaily,
    jsonl.FORMAT: jsonl,
}

# Larger files are still read; this only bounds how much a binary sniff looks at.
_SNIFF_BYTES = 64 * 1024


class NotAPaperList(Exception):
    """Raised for a file that is not a paper list (or not text): carries a located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Bytes to text: BOMs honoured, UTF-8 first, UTF-16 sniffed, Latin-1 as a reported fallback."""
    problems: list[Problem] = []
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), problems
            except UnicodeDecodeError as error:
                raise NotAPaperList(
                    Problem(path, 1, f"cannot decode as {encoding}: {error.reason}", fatal=True)
                ) from None
    sniff = data[:_SNIFF_BYTES]
    if sniff and sniff.count(0) > len(sniff) // 4:
        # Many NULs: UTF-16 without a BOM (every other byte of ASCII text is zero) or binary.
        even_zeros = sniff[0::2].count(0)
        odd_zeros = sniff[1::2].count(0)
        encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        try:
            return data.decode(encoding), problems
        except UnicodeDecodeError:
            raise NotAPaperList(
                Problem(path, 1, "binary data, not a text paper list", fatal=True)
            ) from None
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        controls = sum(1 for byte in sniff if byte < 9 or 13 < byte < 32)
        if controls > len(sniff) // 20:
            raise NotAPaperList(
                Problem(path, 1, "binary data, not a text paper list", fatal=True)
            ) from None
        problems.append(
            Problem(path, line, "not valid UTF-8; read as Latin-1 (cp1252)", level="warning")
        )
        return data.decode("cp1252", errors="replace"), problems


def read_text(path: str | Path) -> tuple[str, list[Problem]]:
    """A file's text and any decoding warnings; NotAPaperList if it is not text at all."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise NotAPaperList(
            Problem(name, 0, f"cannot read: {error.strerror or error}", fatal=True)
        ) from None
    return _decode(data, name)


def detect(lines: list[str]) -> str | None:
    """The format the text is in, judged from its content, or None when it is none of them."""
    if jsonl.looks_like(lines):  # first: its first line alone decides, and no list is JSON
        return jsonl.FORMAT
    if hotpapers.looks_like(lines):
        return hotpapers.FORMAT
    if conference.looks_like(lines):
        return conference.FORMAT
    if hfdaily.looks_like(lines):
        return hfdaily.FORMAT
    return None


def parse_text(text: str, path: str) -> ParseResult:
    """Parse text from `path` in whichever format it is, every format of a file that mixes
    them; NotAPaperList when it is none."""
    lines = split_lines(text)
    fmt = detect(lines)
    if fmt is None:
        if not text.strip():
            message = "empty file, not a paper list"
        else:
            message = (
                "not a paper list: expected a Hot Papers post (`# 1. Title`), a conference list "
                "(`## [1] Title` with **Authors**/**Abstract**), a Hugging Face daily-papers dump "
                "or paperbrowse JSON lines (`{\"title\": …}`)"
            )
        raise NotAPaperList(Problem(path, 1, message, fatal=True))
    spans = regions(lines, fmt) if fmt != jsonl.FORMAT else None
    if spans is not None:  # e.g. conference entries appended to a post: read them all
        return parse_mixed(lines, path, spans, PARSERS)
    return PARSERS[fmt].parse(lines, path)


def parse_file(path: str | Path) -> ParseResult:
    """Read, decode, detect and parse one file."""
    text, problems = read_text(path)
    result = parse_text(text, str(path))
    result.problems[:0] = problems
    return result
