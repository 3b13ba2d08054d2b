"""Provides the first creation of an index directory, safe when several processes start at once.

Whoosh's `create_in` deletes every table of contents and segment file in the directory, so two
processes creating at the same moment (two first `add`s, or the app and an `add`) could delete
each other's commit. Creation therefore happens under Whoosh's own writer lock, and only after
checking again, with the lock held, that no other process has created the index meanwhile."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME, TOC

from .errors import IndexProblem
from .schema import make_schema
from .stamp import MANIFEST_NAME, STAMP_NAME, read_stamp, write_manifest, write_stamp

WRITELOCK_NAME = f"{_DEF_INDEX_NAME}_WRITELOCK"
"""The lock file every Whoosh writer of the index takes (`Index.lock("WRITELOCK")`)."""

_FIRST_TOC = TOC._filename(_DEF_INDEX_NAME, 0)
_CREATION_NAMES = frozenset({WRITELOCK_NAME, _FIRST_TOC, MANIFEST_NAME})
_CREATION_TEMPORARIES = (f"{_FIRST_TOC}.", f"{STAMP_NAME}.", f"{MANIFEST_NAME}.")
"""Whoosh writes the table of contents to `NAME.<time>` and renames it; we write `NAME.tmp`."""
POLL = 0.02
"""Seconds between two looks while another process holds the lock."""
WAIT_NOTICE = 0.5
"""Seconds of waiting after which the caller is told (on_wait)."""


def latest_generation(path: Path) -> int:
    """The newest committed generation on disk (-1 when there is none)."""
    return TOC._latest_generation(FileStorage(str(path)), _DEF_INDEX_NAME)


def is_unfinished(path: Path) -> bool:
    """True when `path` holds no index yet: absent, empty, or holding only what a creation
    writes before its stamp (the lock file, the empty first table of contents, the manifest
    and temporary files), as another process creating it right now, or one killed doing
    so, leaves. The stamp is written last, so its absence means creation never finished."""
    if not path.exists():
        return True
    if not path.is_dir():
        return False
    return all(
        name in _CREATION_NAMES or name.startswith(_CREATION_TEMPORARIES)
        for name in (entry.name for entry in path.iterdir())
    )


def create_index(
    path: Path, *, on_wait: Callable[[], None] | None = None, timeout: float = 120.0
) -> None:
    """Make sure a complete, empty-or-not index exists at `path`: create it under the writer
    lock, or return as soon as another process's creation is complete (its stamp written).
    IndexProblem: 'foreign' when the directory filled with other files meanwhile, 'locked'
    after `timeout` seconds, 'unwritable' when the directory cannot be made. `on_wait` is
    called once if the wait lasts (a creation takes milliseconds; a long one is news)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        lock = FileStorage(str(path)).lock(WRITELOCK_NAME)
        started = time.monotonic()
        while not lock.acquire():
            if read_stamp(path) is not None:
                return  # another process created it; its writer may hold the lock a while
            waited = time.monotonic() - started
            if on_wait is not None and waited > WAIT_NOTICE:
                on_wait()
                on_wait = None
            if waited > timeout:
                raise IndexProblem(
                    f"another paperbrowse is still creating the index at {path} after "
                    f"{timeout:.0f} s; try again when it has finished",
                    "locked",
                )
            time.sleep(POLL)
        try:
            if read_stamp(path) is not None:
                return
            if not is_unfinished(path):
                raise IndexProblem(
                    f"{path} is not a paperbrowse index (it exists and holds other files); "
                    "choose another --index directory",
                    "foreign",
                )
            index = whoosh_index.create_in(str(path), make_schema())
            write_manifest(path, index.latest_generation(), [])
            write_stamp(path)  # last: to other processes, the sign the index is complete
        finally:
            lock.release()
    except OSError as error:
        raise IndexProblem(
            f"cannot create the index at {path}: {error.strerror or error}", "unwritable"
        ) from error
