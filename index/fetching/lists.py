"""Provides where fetched lists live and how they are written: `lists/<source>/<name>.jsonl`
in the data directory, names made safe (they come from venue ids and dates), files written
whole, and a list added to the index or, when that fails, put back as it was."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import AddReport

MAX_NAME = 80
"""Characters of a list's file name (without `.jsonl`) before it is cut and hashed."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


KEYS = (
    "title", "authors", "abstract", "format", "arxiv_id", "openreview_id", "url", "venue",
    "year", "date", "categories", "retweets", "favorites",
)  # fmt: skip
"""The `parse --json` keys a fetched record carries (its source is the file it is in)."""


def record(**values: Any) -> dict[str, Any]:
    """One JSON-lines record with every key, in the `parse --json` order (absent: null, or
    [] for the lists)."""
    unknown = set(values) - set(KEYS)
    if unknown:
        raise TypeError(f"not list keys: {sorted(unknown)}")
    empty: dict[str, Any] = {"authors": [], "categories": [], "abstract": ""}
    return {key: values.get(key, empty.get(key)) for key in KEYS}


@dataclass
class FetchedList:
    """The records one fetch gave, to save as one list: `lists/<source>/<name>.jsonl`."""

    source: str
    name: str
    records: list[dict[str, Any]] = field(default_factory=list)
    what: str = ""
    """What was fetched, for messages (`Hugging Face daily papers of 2024-03-12`)."""

    def text(self) -> str:
        """The list as paperbrowse JSON lines."""
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records)


def safe_name(raw: str) -> str:
    """A file name from untrusted text (a venue id, a category): letters, digits, `.`, `_`
    and `-` only, no leading dot, never `..`, at most MAX_NAME characters; a name changed on
    the way gets a hash of the original, so two ids never share a file."""
    name = _UNSAFE.sub("_", raw)
    name = re.sub(r"\.{2,}", "_", name).strip("._-")
    if name == raw and 0 < len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{name[: MAX_NAME - 13]}-{digest}" if name else digest


def list_path(lists_dir: Path, source: str, name: str) -> Path:
    """The file of a fetched list, checked to be inside `lists_dir/source`."""
    folder = lists_dir / safe_name(source)
    path = folder / f"{safe_name(name)}.jsonl"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"list name {name!r} leaves {folder}")
    return path


def _write_whole(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def save_and_add(
    fetched: FetchedList, lists_dir: Path, add: Callable[[list[str]], AddReport]
) -> tuple[Path, AddReport]:
    """Write the list (replacing the same day's or venue's earlier fetch) and add it with
    `add` (a Library's add). When adding fails, the file is put back as it was (or removed),
    so nothing is left that the index does not record."""
    path = list_path(lists_dir, fetched.source, fetched.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.read_bytes() if path.exists() else None
    _write_whole(path, fetched.text().encode("utf-8"))
    try:
        report = add([str(path)])
        if report.files_failed:
            raise ValueError("; ".join(str(p) for p in report.problems) or "the list was not read")
    except BaseException:
        if before is None:
            with contextlib.suppress(OSError):
                path.unlink()
        else:
            _write_whole(path, before)
        raise
    return path, report
