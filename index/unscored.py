"""Provides the answers that need no scoring collector: every paper straight from a sort
column, titles scanned for text of stop words only, and the first answer to a keystroke."""

from __future__ import annotations

from typing import Any

from .columns import Columns
from .reading import Reading
from .results import TOP, ResultSet
from .typeahead.first import quick_matches, relaxed_matches
from .typeahead.prefixes import PrefixExpander, title_tier


class Unscored:
    """Answers read from columns and posting lists, on one Columns cache."""

    def __init__(self, schema: Any, columns: Columns, expander: PrefixExpander) -> None:
        self.schema = schema
        self.columns = columns
        self.expander = expander

    def title_scan(
        self,
        reading: Reading,
        sort: str,
        generation: int,
        searcher: Any,
        key: tuple[Any, ...],
        allow: set[int] | None = None,
    ) -> ResultSet:
        """Text of stop words only (`to be or not to be`, `it`): titles holding those words
        in order, exact ones first, then shorter ones; the index keeps no such terms."""
        phrase = " ".join(reading.words)
        titles = self.columns.column(generation, searcher, "title_words")
        prefix = reading.unfinished is not None
        tiers = {}
        for docnum in self.columns.live(generation, searcher):
            if allow is not None and docnum not in allow:
                continue
            tier = title_tier(titles[docnum] or "", phrase, prefix)
            if tier < 3:
                tiers[docnum] = tier
        docnums = sorted(tiers, key=lambda d: (tiers[d], len(titles[d] or ""), d))
        if sort != "relevance":
            self.columns.order(docnums, sort, generation, searcher)
        return ResultSet(
            text=reading.text,
            sort=sort,
            total=len(docnums),
            docnums=docnums,
            scores=[1.0] * len(docnums),
            terms=tuple(("term", w) for w in reading.words),
            generation=generation,
            key=key,
            complete=True,
        )

    def every(
        self,
        text: str,
        sort: str,
        generation: int,
        searcher: Any,
        key: tuple[Any, ...],
        limit: int | None,
        allow: set[int] | None = None,
    ) -> ResultSet:
        """Every paper, ordered straight from the sort column: what the app shows first, so
        it must not pay a collector's per-document cost (≈ 0.3 s per 100k papers)."""
        ordered = self.columns.ordered_live(generation, searcher, sort)
        docnums = list(ordered) if allow is None else [d for d in ordered if d in allow]
        total = len(docnums)
        if limit is not None:
            del docnums[limit:]
        return ResultSet(
            text=text,
            sort=sort,
            total=total,
            docnums=docnums,
            scores=[1.0] * len(docnums),
            terms=(),
            generation=generation,
            key=key,
            every=True,
            complete=True,
        )

    def first_answer(
        self,
        reading: Reading,
        sort: str,
        generation: int,
        searcher: Any,
        key: tuple[Any, ...],
        allow: set[int] | None = None,
    ) -> ResultSet:
        """Titles and authors only, without scoring: see `typeahead.first.quick_matches`."""
        order = None
        if sort != "relevance":

            def order(docnums: list[int]) -> list[int]:
                ordered = list(docnums)
                self.columns.order(ordered, sort, generation, searcher)
                return ordered

        titles = self.columns.column(generation, searcher, "title_words")
        reader = searcher.reader()
        found = quick_matches(
            reader, self.schema, self.expander, generation, reading, titles.__getitem__, order, TOP
        )
        docnums, _, terms = found if found is not None else ([], 0, [])
        relaxed = False
        if not docnums and reading.constraining >= 3:
            docnums = relaxed_matches(reader, self.schema, reading, titles.__getitem__, TOP)
            relaxed = bool(docnums)
        if allow is not None:  # a first answer: the full one ranks under the filter
            docnums = [d for d in docnums if d in allow]
        return ResultSet(
            text=reading.text,
            sort=sort,
            total=None,
            docnums=docnums,
            scores=[0.0] * len(docnums),
            terms=tuple(("term", t) for t in terms),
            generation=generation,
            key=key,
            complete=True,
            partial=True,
            relaxed=relaxed,
        )
