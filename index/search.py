"""Provides Searching: queries run on one live searcher, as ranked result sets whose rows are
read lazily; facets, hints and related papers come from `explore`. It is given where the
searcher and the marks come from (a SearchSource), never the storage itself."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from whoosh import collectors
from whoosh import query as wq

from . import explore
from .cancel import SearchCancelled, StopCheck, run_collector
from .columns import Columns
from .errors import DAMAGE_ERRORS, damage_guard
from .lru import LRU
from .markfilter import MarkDocs
from .marks import Marks
from .models import Facet, Hit, Paper
from .query import ParsedQuery, QueryError, compile_reading, make_parser, query_terms
from .reading import Reading, read_query
from .results import SORTS, TOP, ResultSet, _Prepared, _score, sort_facets
from .schema import KIND_PAPER
from .typeahead.first import QUICK_FIELDS, relaxed_matches
from .typeahead.prefixes import MIN_PREFIX, PrefixExpander, rerank_by_title
from .unscored import Unscored
from .words import is_stop_word


class SearchSource(Protocol):
    """Where Searching reads: the index's place (for damage messages), schema and searcher."""

    path: Path

    @property
    def schema(self) -> Any: ...

    def searcher(self) -> Any: ...


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Damaged index files surface as IndexProblem('corrupt'), not as decoder tracebacks."""

    @functools.wraps(method)
    def guarded(self: Searching, *args: Any, **kwargs: Any) -> Any:
        with damage_guard(self.source.path):
            return method(self, *args, **kwargs)

    return guarded


class Searching:
    """The search side of a Library: parsing, running and fetching, on one live searcher."""

    def __init__(
        self, source: SearchSource, marks: Callable[[], Marks | None] = lambda: None
    ) -> None:
        self.source = source
        self.marks = marks
        """The user's marks, when the caller opened them: `is:`, `has:` and `tag:` read them."""
        self._parser: Any = None
        self._snapshots: dict[int, Any] = {}
        self._generation = 0
        self._current: Any = None
        self._expander = PrefixExpander(source.schema)
        self._columns = Columns()
        self._unscored = Unscored(
            source.schema, self._columns, PrefixExpander(source.schema, QUICK_FIELDS)
        )
        self._prepared: LRU[tuple[Any, ...], _Prepared] = LRU(64)
        self._results: LRU[tuple[Any, ...], ResultSet] = LRU(64)
        self._docsets: LRU[tuple[Any, ...], frozenset[int]] = LRU(8)
        self._mark_docs = MarkDocs()

    def forget(self) -> None:
        """Drop cached results and parsed queries (benchmarks time queries from scratch)."""
        self._prepared.clear()
        self._results.clear()
        self._docsets.clear()

    @property
    def parser(self) -> Any:
        if self._parser is None:
            self._parser = make_parser(self.source.schema)
        return self._parser

    def _searcher(self) -> tuple[int, Any]:
        searcher = self.source.searcher()
        if searcher is not self._current:
            self._current = searcher
            self._generation += 1
            self._snapshots[self._generation] = searcher
            for old in [g for g in self._snapshots if g < self._generation - 3]:
                del self._snapshots[old]
        return self._generation, searcher

    def parse(self, text: str, *, as_you_type: bool = False) -> ParsedQuery:
        """Text to a runnable query; QueryError when it uses the query language wrongly.

        As you type, an unfinished last word ranks in two tiers: papers holding it as typed
        (the finished query's answer, in the same order) before those holding only one of
        its bounded prefix expansions; a word of one or two letters constrains nothing yet."""
        generation, searcher = self._searcher()
        reading = read_query(text, as_you_type=as_you_type)
        papers = wq.Term("kind", KIND_PAPER)
        if text.strip() == "*" or reading.every:
            return ParsedQuery(text, papers, every=True, reading=reading)
        exact = self._phrase_bonus(reading, compile_reading(self.parser, reading, reading.query))
        last = reading.unfinished
        if last is None or is_stop_word(last):
            return ParsedQuery(text, exact, every=False, tiers=(exact,), reading=reading)
        head = compile_reading(self.parser, reading, reading.head) if reading.head else None
        if len(last) < MIN_PREFIX and head is not None:
            return ParsedQuery(text, head, every=False, tiers=(exact, head), reading=reading)
        reader = searcher.reader()
        tail = self._expander.query(reader, generation, last)
        terms = tuple(("term", t) for _, t in self._expander.terms(reader, generation, last))
        union = tail if head is None else wq.And([head, tail])
        if not explore.known(reader, self.source.schema, last):
            # Not a word yet (`transfo`): no paper holds it as typed, so one tier does.
            return ParsedQuery(
                text, union, every=False, extra_terms=terms, tiers=(union,), reading=reading
            )
        if reading.ids and head is None:
            union = compile_reading(self.parser, reading, "") if tail is wq.NullQuery else union
        return ParsedQuery(
            text, union, every=False, extra_terms=terms, tiers=(exact, union), reading=reading
        )

    def _phrase_bonus(self, reading: Reading, query: Any) -> Any:
        """Three or more plain words of which an abstract holds a run in order (a pasted
        sentence) score higher there; which papers match stays the same. Shorter queries skip
        it: positions cost a phrase query per keystroke, and titles rank those already."""
        if not reading.plain or reading.constraining < 3 or query is wq.NullQuery:
            return query
        analyzer = self.source.schema["abstract"].analyzer
        stems = [token.text for token in analyzer(" ".join(reading.words))]
        if len(stems) < 2:
            return query
        return wq.AndMaybe(query, wq.Phrase("abstract", stems, slop=1))

    @_guarded
    def search(
        self,
        text: str,
        *,
        sort: str = "relevance",
        limit: int | None = None,
        as_you_type: bool = False,
        count: bool = True,
        quick: bool = False,
        should_stop: StopCheck | None = None,
    ) -> ResultSet:
        """Run a query; raises QueryError for text that is not a valid query.

        Ranks the first `limit` (default TOP) hits; more are ranked when fetched. `count`
        computes the exact total now (else `total` stays None until `count()` is called);
        `as_you_type` reads a plain query's unfinished last word as a bounded prefix;
        `quick` gives a plain query's first answer (see `quick.quick_matches`)."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
        generation, searcher = self._searcher()
        marks_generation = MarkDocs.generation(self.marks(), text)
        key = (generation, text.strip(), sort, as_you_type, quick, limit, marks_generation)
        cached = self._results.get(key)
        if cached is not None and (cached.total is not None or not count):
            return cached
        reading = read_query(text, as_you_type=as_you_type)
        allow = self._allowed(reading, generation, searcher)
        first_letter = as_you_type and len("".join(reading.words)) < 2
        if reading.stop_words_only and not first_letter:
            results = self._unscored.title_scan(reading, sort, generation, searcher, key, allow)
            self._results[key] = results
            return results
        if quick and reading.plain and not reading.every:
            results = self._unscored.first_answer(reading, sort, generation, searcher, key, allow)
            self._results[key] = results
            return results
        if text.strip() in ("", "*") or reading.every or (reading.stop_words_only and first_letter):
            # One letter typed narrows nothing yet: every paper, as for an empty filter.
            results = self._unscored.every(text, sort, generation, searcher, key, limit, allow)
            self._results[key] = results
            return results
        prepared = self._prepared.get(key)
        if prepared is None:
            parsed = self.parse(text, as_you_type=as_you_type)
            if sort != "relevance":  # one order over every match: no tiers
                parsed = replace(parsed, tiers=(parsed.query,))
            rerank = reading.words if sort == "relevance" else None
            prepared = _Prepared(parsed, sort_facets(sort, parsed.every), rerank, allow)
            self._prepared[key] = prepared
        results = ResultSet(
            text=text,
            sort=sort,
            total=None,
            docnums=[],
            scores=[],
            terms=tuple(query_terms(prepared.parsed)),
            generation=generation,
            key=key,
            every=prepared.parsed.every,
        )
        self._rank(results, prepared, searcher, limit or TOP, should_stop)
        if results.complete and not results.docnums and sort == "relevance":
            self._relax(results, prepared, searcher)
        if count:
            self.count(results, should_stop)
        self._results[key] = results
        return results

    def _allowed(self, reading: Reading, generation: int, searcher: Any) -> set[int] | None:
        """The docnums a query's mark filters allow, or None when it has none."""
        if not reading.marks:
            return None
        live = functools.partial(self._columns.live_set, generation, searcher)
        marks = self.marks()
        return self._mark_docs.allowed(
            marks, reading.marks, generation, searcher, live, reading.text
        )

    def _rank(
        self,
        results: ResultSet,
        prepared: _Prepared,
        searcher: Any,
        limit: int,
        should_stop: StopCheck | None = None,
    ) -> None:
        """Rank the first `limit` matches: each tier's hits (re-ranked by title) after the
        previous tier's; complete when the last tier, which holds every match, ran out."""
        ranked: list[tuple[int, float]] = []
        seen: set[int] = set()
        tiers = prepared.parsed.tiers or (prepared.parsed.query,)
        complete = False
        titles = None
        if prepared.rerank:
            titles = self._columns.column(results.generation, searcher, "title_words").__getitem__
        for number, query in enumerate(tiers):
            try:
                collector = searcher.collector(limit=limit, sortedby=prepared.sortedby)
                if prepared.allow is not None:
                    collector = collectors.FilterCollector(collector, allow=prepared.allow)
                hits = run_collector(searcher, query, collector, should_stop)
            except SearchCancelled:
                raise
            except DAMAGE_ERRORS:
                raise  # the index, not the query: damage_guard says so
            except Exception as error:  # e.g. a fuzzy or wildcard term Whoosh cannot expand
                raise QueryError(f"cannot run the query: {error}", None, results.text) from None
            found = [(h.docnum, _score(h.score)) for h in hits if h.docnum not in seen]
            if titles is not None and prepared.rerank:
                found = rerank_by_title(found, titles, prepared.rerank, prefix=number > 0)
            ranked.extend(found[: limit - len(ranked)])
            seen.update(docnum for docnum, _ in found)
            complete = hits.scored_length() < limit
            if len(ranked) >= limit:
                complete = complete and number == len(tiers) - 1
                break
        results.docnums = [docnum for docnum, _ in ranked]
        results.scores = [score for _, score in ranked]
        results.complete = complete
        if complete:
            results.total = len(ranked)

    def _relax(self, results: ResultSet, prepared: _Prepared, searcher: Any) -> None:
        """No paper holds every word: with three or more words (a title with a typo, a
        half-remembered one), the papers whose titles hold all but one of them answer."""
        reading = prepared.parsed.reading
        if reading is None or not reading.plain or reading.constraining < 3:
            return
        titles = self._columns.column(results.generation, searcher, "title_words")
        docnums = relaxed_matches(
            searcher.reader(), self.source.schema, reading, titles.__getitem__
        )
        if prepared.allow is not None:
            docnums = [d for d in docnums if d in prepared.allow]
        if docnums:
            results.docnums, results.scores = docnums, [0.0] * len(docnums)
            results.total, results.complete, results.relaxed = len(docnums), True, True
            self._docsets[results.key] = frozenset(docnums)

    @_guarded
    def count(self, results: ResultSet, should_stop: StopCheck | None = None) -> int:
        """The exact number of matches (also remembered in `results.total`)."""
        if results.total is None:
            results.total = len(self._docset(results, should_stop))
        return results.total

    def _docset(self, results: ResultSet, should_stop: StopCheck | None = None) -> frozenset[int]:
        docs = self._docsets.get(results.key)
        if docs is None:
            searcher = self._snapshots[results.generation]
            if results.complete:
                docs = frozenset(results.docnums)
            else:
                prepared = self._prepared[results.key]
                collector: Any = collectors.UnsortedCollector()
                if prepared.allow is not None:
                    collector = collectors.FilterCollector(collector, allow=prepared.allow)
                found = run_collector(searcher, prepared.parsed.query, collector, should_stop)
                docs = frozenset(found.docs())
            self._docsets[results.key] = docs
        return docs

    @_guarded
    def papers(self, results: ResultSet, start: int, stop: int) -> list[Paper]:
        """The papers at positions [start, stop) of a result set (only these are read)."""
        searcher = self._snapshots.get(results.generation)
        if searcher is None:  # a very old result set: its snapshot was let go
            return []
        if stop > len(results.docnums) and not results.complete:
            prepared = self._prepared.get(results.key)
            if prepared is not None:
                self._rank(results, prepared, searcher, max(stop + TOP, 2 * len(results.docnums)))
        reader = searcher.reader()
        return [
            Paper.from_store(reader.stored_fields(d)["data"]) for d in results.docnums[start:stop]
        ]

    def hits(self, results: ResultSet, start: int = 0, stop: int | None = None) -> list[Hit]:
        stop = len(results.docnums) if stop is None else stop
        papers = self.papers(results, start, stop)
        return [
            Hit(paper, score)
            for paper, score in zip(papers, results.scores[start:stop], strict=False)
        ]

    @_guarded
    def facets(
        self, results: ResultSet, per_field: int = 8, should_stop: StopCheck | None = None
    ) -> dict[str, list[Facet]]:
        """Counts of venue, year and source format among the results, most common first,
        and of the user's tags when any result carries one."""
        searcher = self._snapshots.get(results.generation)
        if searcher is None:
            return {}
        matched = self._docset(results, should_stop)
        years = self._columns.column(results.generation, searcher, "year").__getitem__
        found = explore.facets(searcher.reader(), matched, years, per_field, should_stop)
        tags = self._mark_docs.tag_facets(self.marks(), searcher, results.generation, matched)
        return {**found, "tag": tags[:per_field]} if tags else found

    def correction(self, text: str) -> str | None:
        """Whoosh's "did you mean" for a query, or None when it has nothing better."""
        _, searcher = self._searcher()
        return explore.correction(searcher, self.source.schema, read_query(text))

    @_guarded
    def related(self, paper: Paper, limit: int = 20) -> list[Hit]:
        """Papers like this one (more-like-this over its title and abstract)."""
        _, searcher = self._searcher()
        return explore.related(searcher, paper, limit)

    def paper_count(self) -> int:
        """The live papers in the current searcher."""
        generation, searcher = self._searcher()
        return len(self._columns.live(generation, searcher))

    def column(self, field: str) -> list[Any]:
        """A whole column of the current searcher, in docnum order."""
        generation, searcher = self._searcher()
        return self._columns.column(generation, searcher, field)

    def live(self) -> tuple[Any, list[int]]:
        """The current searcher and its live papers' docnums (for counting by field)."""
        generation, searcher = self._searcher()
        return searcher, self._columns.live(generation, searcher)


__all__ = ["SORTS", "ResultSet", "SearchCancelled", "SearchSource", "Searching"]
