"""Provides read_changed: the reading half of an add. Each file is hashed; unchanged ones are
skipped, the rest parsed; a file that is not a paper list fails when it was named and is
skipped when it was met while walking a directory."""

from __future__ import annotations

from typing import Any, Protocol

from .formats import NotAPaperList, parse_file
from .models import Entry, Problem
from .records import FileRecord, content_hash
from .walk import Candidate

READING, WRITING, SAVING = "reading", "writing", "saving"
"""An add's stages: files read, papers written to the index, the index saved (the commit)."""


class Progress(Protocol):
    """Called as progress(done, total, path) while files are read (`done` of `total` files),
    progress(done, total, "", stage=WRITING) while papers are written (`done` of `total`
    papers), and once progress(total, total, "", stage=SAVING) when the commit begins (it
    reports nothing until it ends)."""

    def __call__(self, done: int, total: int, path: str, stage: str = READING) -> None: ...


def read_changed(
    candidates: list[Candidate],
    known: dict[str, FileRecord],
    progress: Progress | None,
    report: dict[str, Any],
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
            report["problems"].append(
                Problem(candidate.path, 0, f"cannot read: {error.strerror}", fatal=True)
            )
            report["files_failed"] += 1
            continue
        old = known.get(candidate.path)
        if old is not None and old.sha256 == digest:
            report["files_unchanged"] += 1
            continue
        try:
            result = parse_file(candidate.path)
        except NotAPaperList as error:
            if candidate.named:
                report["problems"].append(error.problem)
                report["files_failed"] += 1
            else:
                report["skipped"].append(error.problem)
                report["files_skipped"] += 1
            continue
        report["files_read"] += 1
        report["problems"].extend(result.problems)
        changed[candidate.path] = result.entries
        report["entries"] += len(result.entries)
        records[candidate.path] = FileRecord(
            path=candidate.path,
            sha256=digest,
            size=size,
            format=result.format,
            entries=len(result.entries),
            problems=[str(p) for p in result.problems],
        )
    return changed, records
