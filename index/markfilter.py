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

from .errors import QueryError
from .lru import LRU
from .marks import Marks, MarksUnavailable
from .models import Facet
from .reading import MarkFilter

MARK_HINT = re.compile(r"(?:^|[\s(-])(?:is|tag|has):", re.IGNORECASE)
"""Text that may hold a mark filter: its results depend on the marks' generation."""


SCAN_RATIO = 3
"""A segment with fewer than this many docs per wanted key has its keys read in one pass
(about 7 µs a term) rather than looked up one by one (about 18 µs a key)."""


class _SegmentKeys:
    """Docnums (segment-local) of paper keys in one immutable Whoosh segment."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, ...]] = {}
        self.complete = False
        """True when every key of the segment is in `found` (a missing key is absent)."""

    def docs(self, leaf: Any, keys: frozenset[str]) -> list[tuple[int, ...]]:
        if not self.complete and leaf.doc_count_all() * SCAN_RATIO < len(keys):
            self.found = {
                (t.decode() if isinstance(t, bytes) else t): self._ids(leaf, t, info)
                for t, info in leaf.iter_field("mkeys")
            }
            self.complete = True
        found = self.found
        if self.complete:
            return [found[k] for k in keys & found.keys()]
        result = []
        for key in keys:
            ids = found.get(key)
            if ids is None:
                try:
                    ids = self._ids(leaf, key, leaf.term_info("mkeys", key))
                except TermNotFound:
                    ids = ()
                found[key] = ids
            if ids:
                result.append(ids)
        return result

    @staticmethod
    def _ids(leaf: Any, key: Any, info: Any) -> tuple[int, ...]:
        # A paper key is nearly always in one document: its term info names it.
        if info.doc_frequency() == 1:
            return (info.min_id(),)
        return tuple(leaf.postings("mkeys", key).all_ids())


class MarkDocs:
    """Allowed docnums for mark filters, cached per (marks generation, searcher generation);
    the docnums of each key are cached per segment, which outlives searchers (segments are
    immutable), so a new searcher after an add looks up keys only in the new segments."""

    def __init__(self) -> None:
        self._segments: dict[str, _SegmentKeys] = {}
        self._sets: LRU[tuple[Any, ...], set[int]] = LRU(16)
        self._tags: LRU[tuple[Any, ...], dict[str, set[int]]] = LRU(4)

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
        live: Callable[[], set[int]],
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
            reader = searcher.reader()
            leaves = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
            self._forget_segments_but(leaves)
            allowed: set[int] | None = None
            for wanted in filters:
                if wanted.what == "new":
                    docs = self._new(marks, leaves, live)
                else:
                    docs = self._docs(leaves, marks.keys_where(wanted.what, wanted.value))
                if wanted.negated:
                    docs = live() - docs  # a new set: the cached one stays whole
                allowed = docs if allowed is None else allowed & docs
        except MarksUnavailable as error:
            raise QueryError(str(error), None, text) from None
        result = allowed if allowed is not None else set(live())
        self._sets[key] = result
        return result

    def tag_facets(
        self, marks: Marks | None, searcher: Any, generation: int, matched: frozenset[int]
    ) -> list[Facet]:
        """How many of the matched documents carry each tag in use, most first (none when
        marks are unavailable: facets never fail a search)."""
        if marks is None:
            return []
        try:
            key = ("tags", marks.generation(), generation)
            by_tag = self._tags.get(key)
            if by_tag is None:
                reader = searcher.reader()
                leaves = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
                by_tag = {t: self._docs(leaves, keys) for t, keys in marks.tag_keys().items()}
                self._tags[key] = by_tag
        except MarksUnavailable:
            return []
        counts = [(tag, len(docs & matched)) for tag, docs in by_tag.items()]
        counts.sort(key=lambda item: (-item[1], item[0].casefold()))
        return [Facet("tag", tag, count) for tag, count in counts if count]

    def _new(
        self, marks: Marks, leaves: list[tuple[Any, int]], live: Callable[[], set[int]]
    ) -> set[int]:
        """Papers none of whose keys is known (taken at the first open, or seen since):
        none before the app has been opened once."""
        if marks.last_open() is None:
            return set()
        known = marks.keys_where("known") | marks.keys_where("seen")
        return live() - self._docs(leaves, known)

    def _forget_segments_but(self, leaves: list[tuple[Any, int]]) -> None:
        current = {_segment_id(leaf) for leaf, _ in leaves}
        for gone in set(self._segments) - current:
            del self._segments[gone]

    def _docs(self, leaves: list[tuple[Any, int]], keys: frozenset[str]) -> set[int]:
        docs: set[int] = set()
        for leaf, offset in leaves:
            cache = self._segments.setdefault(_segment_id(leaf), _SegmentKeys())
            for ids in cache.docs(leaf, keys):
                docs.update(ids if not offset else (offset + d for d in ids))
        return docs


def _segment_id(leaf: Any) -> str:
    segment = leaf.segment()
    return segment.segment_id() if segment is not None else f"reader-{id(leaf)}"


def index_keys(searcher: Any) -> list[str]:
    """Every paper key the index holds (its `mkeys` terms; a deleted paper's may be among
    them until its segment is merged away)."""
    return [t.decode() if isinstance(t, bytes) else t for t in searcher.reader().lexicon("mkeys")]
