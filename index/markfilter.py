"""Provides MarkDocs: the documents that `is:`, `has:` and `tag:` filters allow, fast.

Marks name papers by their keys (see `marks`); the index holds every paper's keys in its
`mkeys` field. A filter becomes the set of docnums of the marked keys' postings. The docnums
of each key are remembered per searcher, so after a mark changes only the keys not seen yet
are looked up, and each filter's set is remembered per (marks generation, searcher)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.reading import TermNotFound

from .columns import LRU
from .marks import Marks, MarksUnavailable
from .reading import MarkFilter, QueryError

MARK_HINT = re.compile(r"(?:^|[\s(-])(?:is|tag|has):", re.IGNORECASE)
"""Text that may hold a mark filter: its results depend on the marks' generation."""


class MarkDocs:
    """Allowed docnums for mark filters, cached per (marks generation, searcher generation)."""

    def __init__(self) -> None:
        self._generation: int | None = None
        self._key_docs: dict[str, tuple[int, ...]] = {}
        self._sets: LRU[tuple[Any, ...], set[int]] = LRU(16)

    @staticmethod
    def generation(marks: Marks | None, text: str) -> int | None:
        """The marks' generation when `text` may filter by marks (None otherwise): part of
        the key under which a search's results are cached."""
        if marks is None or not MARK_HINT.search(text):
            return None
        try:
            return marks.generation()
        except MarksUnavailable:
            return -1

    def allowed(
        self,
        marks: Marks | None,
        filters: Sequence[MarkFilter],
        generation: int,
        searcher: Any,
        live: Callable[[], list[int]],
        text: str = "",
    ) -> set[int]:
        """Docnums every filter allows (deleted documents may be among them: collectors skip
        those). QueryError when the marks cannot be read: the query needs them."""
        if marks is None:
            raise QueryError("marks are unavailable (no marks file is open)", None, text)
        try:
            key = (marks.generation(), generation, tuple(filters))
            cached = self._sets.get(key)
            if cached is not None:
                return cached
            if self._generation != generation:
                self._generation, self._key_docs = generation, {}
            reader = searcher.reader()
            allowed: set[int] | None = None
            for wanted in filters:
                docs = self._docs(reader, marks.keys_where(wanted.what, wanted.value))
                if wanted.negated:
                    docs = set(live()).difference(docs)
                allowed = docs if allowed is None else allowed & docs
        except MarksUnavailable as error:
            raise QueryError(str(error), None, text) from None
        result = allowed if allowed is not None else set(live())
        self._sets[key] = result
        return result

    def _docs(self, reader: Any, keys: frozenset[str]) -> set[int]:
        docs: set[int] = set()
        for key in keys:
            found = self._key_docs.get(key)
            if found is None:
                try:
                    found = tuple(reader.postings("mkeys", key).all_ids())
                except TermNotFound:
                    found = ()
                self._key_docs[key] = found
            docs.update(found)
        return docs
