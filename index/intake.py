"""Provides the reading half of an add: each file is hashed; unchanged ones are skipped, the
rest parsed; a file that is not a paper list fails when it was named and is skipped when it was
met while walking a directory. What was read is counted in a Tally, the add report's source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from .formats import NotAPaperList, parse_file
from .models import AddReport, Entry, Problem
from .walk import Candidate


class Stage(str, Enum):
    """An add's stages: files read, papers written to the index, the index saved (the commit)."""

    READING = "reading"
    WRITING = "writing"
    SAVING = "saving"


READING, WRITING, SAVING = Stage.READING, Stage.WRITING, Stage.SAVING


class Progress(Protocol):
    """Called as progress(done, total, path) while files are read (`done` of `total` files),
    progress(done, total, "", stage=WRITING) while papers are written (`done` of `total`
    papers), and once progress(total, total, "", stage=SAVING) when the commit begins (it
    reports nothing until it ends)."""

    def __call__(self, done: int, total: int, path: str, stage: Stage = READING) -> None: ...


@dataclass
class FileRecord:
    """What the index remembers of a source file."""

    path: str
    sha256: str
    size: int
    format: str
    entries: int
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class Tally:
    """What an add or remove read and found, before any paper is written."""

    files_read: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    entries: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)

    def failed(self, problem: Problem) -> None:
        self.problems.append(problem)
        self.files_failed += 1

    def report(self, written: PaperCounts | None = None) -> AddReport:
        """The add report: this tally and what writing the papers counted."""
        counts = written or PaperCounts()
        return AddReport(
            files_read=self.files_read,
            files_unchanged=self.files_unchanged,
            files_failed=self.files_failed,
            files_skipped=self.files_skipped,
            entries=self.entries,
            papers_new=counts.new,
            papers_updated=counts.updated,
            papers_merged=counts.merged,
            papers_removed=counts.removed,
            problems=tuple(self.problems),
            skipped=tuple(self.skipped),
        )


@dataclass
class PaperCounts:
    """What writing the papers of changed lists did."""

    new: int = 0
    updated: int = 0
    merged: int = 0
    removed: int = 0
    written: int = 0


def content_hash(path: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def read_changed(
    candidates: list[Candidate],
    known: dict[str, FileRecord],
    progress: Progress | None,
    tally: Tally,
) -> tuple[dict[str, list[Entry]], dict[str, FileRecord]]:
    """Hash and parse the candidates; returns the changed files' entries and records."""
    changed: dict[str, list[Entry]] = {}
    records: dict[str, FileRecord] = {}
    for done, candidate in enumerate(candidates, start=1):
        if progress is not None:
            progress(done, len(candidates), candidate.path)
        try:
            digest, size = content_hash(candidate.path)
        except OSError as error:
            tally.failed(Problem(candidate.path, 0, f"cannot read: {error.strerror}", fatal=True))
            continue
        old = known.get(candidate.path)
        if old is not None and old.sha256 == digest:
            tally.files_unchanged += 1
            continue
        try:
            result = parse_file(candidate.path)
        except NotAPaperList as error:
            if candidate.named:
                tally.failed(error.problem)
            else:
                tally.skipped.append(error.problem)
                tally.files_skipped += 1
            continue
        tally.files_read += 1
        tally.problems.extend(result.problems)
        changed[candidate.path] = result.entries
        tally.entries += len(result.entries)
        records[candidate.path] = FileRecord(
            path=candidate.path,
            sha256=digest,
            size=size,
            format=result.format,
            entries=len(result.entries),
            problems=[str(p) for p in result.problems],
        )
    return changed, records
