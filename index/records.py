"""Provides what an index keeps besides papers: its version stamp, file records, the problems
an index can have, and the add report's assembly."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import AddReport
from .schema import APP_ID, SCHEMA_VERSION

STAMP_NAME = "paperbrowse-index.json"


class IndexProblem(Exception):
    """The index cannot be used as it is; the message says why and what to do."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind
        """One of: foreign, version, corrupt, locked, unwritable."""


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


def content_hash(path: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def read_stamp(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads((path / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_stamp(path: Path) -> None:
    """Mark a directory as a paperbrowse index of this schema version (atomically)."""
    stamp = {"app": APP_ID, "schema_version": SCHEMA_VERSION, "created": time.time()}
    tmp = path / (STAMP_NAME + ".tmp")
    tmp.write_text(json.dumps(stamp), encoding="utf-8")
    os.replace(tmp, path / STAMP_NAME)


def make_report(report: dict[str, Any], counts: dict[str, int]) -> AddReport:
    return AddReport(
        files_read=report["files_read"],
        files_unchanged=report["files_unchanged"],
        files_failed=report["files_failed"],
        files_skipped=report["files_skipped"],
        entries=report["entries"],
        papers_new=counts.get("papers_new", 0),
        papers_updated=counts.get("papers_updated", 0),
        papers_merged=counts.get("papers_merged", 0),
        papers_removed=counts.get("papers_removed", 0),
        problems=tuple(report["problems"]),
        skipped=tuple(report["skipped"]),
    )
