"""Provides reindexing: the recorded source files of an index (even a damaged or outdated one)
and a rebuild from them that replaces the old index only once the new one is complete."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from .intake import Progress
from .models import AddReport, Problem
from .stamp import read_manifest
from .store import Storage


def recorded_files(path: str | Path) -> list[str]:
    """The source files an index at `path` records: from the index itself, else from its
    manifest (written after every commit); [] when neither can be read."""
    try:
        index = FileStorage(str(path)).open_index()
        with index.reader() as reader:
            return sorted(
                json.loads(stored["data"])["path"]
                for stored in reader.all_stored_fields()
                if stored.get("key", "").startswith("file:") and "data" in stored
            )
    except Exception:  # a damaged index may fail in any Whoosh layer: ask the manifest
        manifest = read_manifest(Path(path))
        return sorted(manifest.get("lists", [])) if manifest else []


def rebuild(
    path: str | Path, files: list[str] | None = None, progress: Progress | None = None
) -> AddReport:
    """Build a fresh index from the files (default: the recorded ones still present) in a
    staging directory, then swap it in whole; the old index stays until the swap."""
    target = Path(path)
    sources = files if files is not None else recorded_files(target)
    present = [f for f in sources if os.path.isfile(f)]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rebuild-", dir=target.parent))
    try:
        with Storage(staging / "index") as fresh:
            report = fresh.add(present, progress=progress)
        backup = None
        if target.exists():
            backup = target.with_name(target.name + ".old")
            shutil.rmtree(backup, ignore_errors=True)
            os.replace(target, backup)
        os.replace(staging / "index", target)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    missing = [
        Problem(f, 0, "recorded list no longer exists; its papers are dropped", level="warning")
        for f in sources
        if f not in present
    ]
    return replace(report, problems=report.problems + tuple(missing))
