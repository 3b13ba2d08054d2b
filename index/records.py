"""Provides what an index keeps besides papers: its version stamp, file records, the problems
an index can have, and the add report's assembly."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import struct
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.reading import CorruptIndexError

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


MANIFEST_NAME = "paperbrowse-manifest.json"


def _generation_files(path: Path, generation: int) -> list[str] | None:
    """The files of one committed generation: its table of contents and its segments' files,
    never those of a writer still at work (another process may hold the lock by now). None
    when that generation is gone (a newer commit replaced it and records its own)."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import _DEF_INDEX_NAME, TOC

    storage = FileStorage(str(path))
    try:
        toc = TOC.read(storage, _DEF_INDEX_NAME, gen=generation)
    except Exception:  # removed or unreadable: nothing to vouch for
        return None
    prefixes = tuple(f"{segment.segment_id()}." for segment in toc.segments)
    toc_name = TOC._filename(_DEF_INDEX_NAME, generation)
    return [name for name in storage.list() if name == toc_name or name.startswith(prefixes)]


def write_manifest(path: Path, generation: int, lists: list[str]) -> None:
    """After a commit: the index files of this generation with their sizes (so truncation or
    deletion is caught on open), and the recorded lists (so `reindex` works even when Whoosh
    can no longer read the index)."""
    names = _generation_files(path, generation)
    if names is None:
        return
    files = {name: (path / name).stat().st_size for name in names}
    data = {"generation": generation, "files": files, "lists": sorted(lists)}
    tmp = path / (MANIFEST_NAME + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path / MANIFEST_NAME)


def read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def damaged_files(path: Path, generation: int) -> list[str]:
    """Index files the manifest of this generation lists that are now missing or shorter or
    longer than written. A manifest of another generation (a crash between a commit and its
    manifest, or another writer just committed) proves nothing, so nothing is reported."""
    manifest = read_manifest(path)
    if manifest is None or manifest.get("generation") != generation:
        return []
    problems = []
    for name, size in manifest.get("files", {}).items():
        try:
            actual = (path / name).stat().st_size
        except FileNotFoundError:
            problems.append(f"{name} is missing")
            continue
        if actual != size:
            problems.append(f"{name} has {actual} bytes, {size} were written")
    return problems


# What reading a damaged segment raises, from Whoosh's decoders and ours.
DAMAGE_ERRORS: tuple[type[BaseException], ...] = (
    struct.error,
    zlib.error,
    EOFError,
    pickle.UnpicklingError,
    json.JSONDecodeError,
    UnicodeDecodeError,
    CorruptIndexError,
)


@contextmanager
def damage_guard(path: Path) -> Iterator[None]:
    """Turn the errors of reading damaged index files into IndexProblem('corrupt')."""
    try:
        yield
    except DAMAGE_ERRORS as error:
        raise IndexProblem(
            f"the index at {path} is damaged ({type(error).__name__}: {error}); "
            "run `paperbrowse reindex` to rebuild it from the recorded lists",
            "corrupt",
        ) from error
