"""Provides the two small files that vouch for an index directory: the stamp (this is a
paperbrowse index of this schema version) and the manifest (the files and sizes of the last
commit, and the recorded lists, readable even when Whoosh can no longer read the index)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME, TOC

from .schema import APP_ID, SCHEMA_VERSION

STAMP_NAME = "paperbrowse-index.json"
MANIFEST_NAME = "paperbrowse-manifest.json"


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a small JSON file atomically (a reader sees the old file or the new one)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_stamp(path: Path) -> dict[str, Any] | None:
    return _read_json(path / STAMP_NAME)


def write_stamp(path: Path) -> None:
    """Mark a directory as a paperbrowse index of this schema version (atomically)."""
    _write_json(
        path / STAMP_NAME,
        {"app": APP_ID, "schema_version": SCHEMA_VERSION, "created": time.time()},
    )


def generation_files(path: Path, generation: int) -> list[str] | None:
    """The files of one committed generation: its table of contents and its segments' files,
    never those of a writer still at work (another process may hold the lock by now). None
    when that generation is gone (a newer commit replaced it and records its own)."""
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
    names = generation_files(path, generation)
    if names is None:
        return
    files = {name: (path / name).stat().st_size for name in names}
    _write_json(
        path / MANIFEST_NAME, {"generation": generation, "files": files, "lists": sorted(lists)}
    )


def read_manifest(path: Path) -> dict[str, Any] | None:
    return _read_json(path / MANIFEST_NAME)


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
