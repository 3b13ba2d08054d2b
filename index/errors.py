"""Provides the core's two errors: IndexProblem, the one error an unusable index raises, with
damage_guard, which turns the errors of reading damaged index files into it (one wording of
"damaged" for every path); and QueryError, a query that cannot be run. Both pickle whole (the
app's search process sends them back)."""

from __future__ import annotations

import json
import pickle
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.reading import CorruptIndexError


class IndexProblem(Exception):
    """The index cannot be used as it is; the message says why and what to do."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind
        """One of: missing, foreign, version, corrupt, locked, unwritable, gone, process."""

    def __reduce__(self) -> tuple[type[IndexProblem], tuple[str, str]]:
        """Pickled whole (the app's search process sends it back)."""
        return (type(self), (str(self), self.kind))


class QueryError(ValueError):
    """A query that cannot be run: the message says what, `position` says where (0-based)."""

    def __init__(self, message: str, position: int | None = None, query: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.query = query

    def __reduce__(self) -> tuple[type[QueryError], tuple[str, int | None, str]]:
        """Pickled whole (the app's search process sends it back)."""
        return (type(self), (self.message, self.position, self.query))

    def pointer(self) -> str:
        """The query with a caret under the problem, for a terminal."""
        if self.position is None:
            return self.query
        return f"{self.query}\n{' ' * self.position}^"


def damaged(path: Path, error: BaseException) -> IndexProblem:
    """The problem of an index whose files cannot be read, and what to do about it."""
    return IndexProblem(
        f"the index at {path} is damaged ({type(error).__name__}: {error}); "
        "run `paperbrowse reindex` to rebuild it from the recorded lists",
        "corrupt",
    )


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
        raise damaged(path, error) from error
