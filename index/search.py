"""Provides searching a Library: ranked result sets, lazy rows, facets, related papers, hints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import StemmingAnalyzer

from .formats.conference import VENUES
from .models import Facet, Hit, Paper
from .query import ParsedQuery, QueryError, make_parser, parse_query, query_terms
from .schema import KIND_PAPER, paper_from_data

if TYPE_CHECKING:
    from .store import Library

SORTS = ("relevance", "date", "popularity", "title")
FACET_FIELDS = ("venue", "year", "source")


@dataclass(frozen=True, slots=True)
class ResultSet:
    """Every paper a query matches, in order, as positions to fetch rows for lazily."""

    text: str
    sort: str
    total: int
    docnums: tuple[int, ...]
    scores: tuple[float, ...]
    terms: tuple[tuple[str, str], ...]
    generation: int
    """Which searcher the docnums belong to; rows are fetched from that same snapshot."""
    every: bool = False

    def __len__(self) -> int:
        return self.total


class Searching:
    """The search side of a Library: parsing, running and fetching, on one live searcher."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._parser: Any = None
        self._snapshots: dict[int, Any] = {}
        self._generation = 0
        self._current: Any = None

    @property
    def parser(self) -> Any:
        if self._parser is None:
            self._parser = make_parser(self.library.schema)
        return self._parser

    def _searcher(self) -> tuple[int, Any]:
        searcher = self.library.searcher()
        if searcher is not self._current:
            self._current = searcher
            self._generation += 1
            self._snapshots[self._generation] = searcher
            for old in [g for g in self._snapshots if g < self._generation - 3]:
                del self._snapshots[old]
        return self._generation, searcher

    def parse(self, text: str, *, as_you_type: bool = False) -> ParsedQuery:
        text = _rewrite_links(text)
        plain = text.strip()
        if as_you_type:
            text = _prefix_last_word(text)
        parsed = parse_query(self.parser, text)
        if _PLAIN.match(plain) and len(plain.split()) > 1:
            # Words typed in the order a title has them rank that title first.
            words = [t.text for t in self.library.schema["title"].analyzer(plain)]
            if len(words) > 1:
                phrase = wq.Or(
                    [wq.Phrase("title", words, boost=4.0), wq.Phrase("abstract", words, boost=1.0)]
                )
                parsed = ParsedQuery(parsed.text, wq.AndMaybe(parsed.query, phrase), False)
        return parsed

    def search(
        self,
        text: str,
        *,
        sort: str = "relevance",
        limit: int | None = None,
        as_you_type: bool = False,
    ) -> ResultSet:
        """Run a query; raises QueryError for text that is not a valid query.

        `as_you_type` treats a plain query's unfinished last word as a prefix too."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
        parsed = self.parse(text, as_you_type=as_you_type)
        generation, searcher = self._searcher()
        sortedby = _sort_facets(sort, parsed.every)
        try:
            results = searcher.search(parsed.query, limit=limit, sortedby=sortedby)
        except Exception as error:  # e.g. a fuzzy or wildcard term Whoosh cannot expand
            raise QueryError(f"cannot run the query: {error}", None, text) from None
        docnums = tuple(hit.docnum for hit in results)
        scores = tuple(_score(hit.score) for hit in results)
        total = len(results) if limit is not None else len(docnums)
        return ResultSet(
            text=text,
            sort=sort,
            total=total,
            docnums=docnums,
            scores=scores,
            terms=tuple(query_terms(parsed)),
            generation=generation,
            every=parsed.every,
        )

    def papers(self, results: ResultSet, start: int, stop: int) -> list[Paper]:
        """The papers at positions [start, stop) of a result set (only these are read)."""
        searcher = self._snapshots.get(results.generation)
        if searcher is None:  # a very old result set: its snapshot was let go
            return []
        reader = searcher.reader()
        return [
            paper_from_data(reader.stored_fields(d)["data"]) for d in results.docnums[start:stop]
        ]

    def hits(self, results: ResultSet, start: int = 0, stop: int | None = None) -> list[Hit]:
        stop = results.total if stop is None else stop
        papers = self.papers(results, start, stop)
        return [
            Hit(paper, score)
            for paper, score in zip(papers, results.scores[start:stop], strict=False)
        ]

    def facets(self, results: ResultSet, per_field: int = 8) -> dict[str, list[Facet]]:
        """Counts of venue, year and source format among the results, most common first."""
        searcher = self._snapshots.get(results.generation)
        if searcher is None:
            return {}
        reader = searcher.reader()
        matched = set(results.docnums)
        found: dict[str, list[Facet]] = {}
        years: dict[int, int] = {}
        column = reader.column_reader("year")
        for docnum in results.docnums:
            year = column[docnum]
            if 0 < year < 10000:
                years[year] = years.get(year, 0) + 1
        found["year"] = sorted(
            (Facet("year", str(y), c) for y, c in years.items()), key=lambda f: (-f.count, f.value)
        )[:per_field]
        for field in ("venue", "source"):
            facets = []
            for raw in reader.lexicon(field):
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                value = _facet_value(field, term)
                if value is None:
                    continue
                ids = reader.postings(field, raw).all_ids()
                count = sum(1 for d in ids if d in matched)
                if count:
                    facets.append(Facet(field, value, count))
            facets.sort(key=lambda f: (-f.count, f.value))
            found[field] = facets[:per_field]
        return found

    def correction(self, text: str) -> str | None:
        """Whoosh's "did you mean" for a query, or None when it has nothing better."""
        try:
            # Titles have a spelling dictionary of unstemmed words; stemmed fields would
            # suggest stems ("attent") that nobody types.
            from whoosh.qparser import QueryParser

            parsed = QueryParser("title", self.library.schema).parse(text)
            _, searcher = self._searcher()
            corrected = searcher.correct_query(parsed, text)
        except Exception:
            return None
        if corrected.string and corrected.string != text:
            return corrected.string
        return None

    def related(self, paper: Paper, limit: int = 20) -> list[Hit]:
        """Papers like this one (more-like-this over its title and abstract)."""
        _, searcher = self._searcher()
        docnum = searcher.document_number(key=paper.key)
        text = f"{paper.title}\n{paper.title}\n{paper.abstract}"
        results = searcher.more_like(
            docnum, "abstract", text=text, top=limit, numterms=12, filter=None
        )
        hits = []
        for hit in results:
            stored = searcher.reader().stored_fields(hit.docnum)
            if stored.get("key") != paper.key and "data" in stored:
                hits.append(Hit(paper_from_data(stored["data"]), float(hit.score or 0.0)))
        return hits


def _facet_value(field: str, term: str) -> str | None:
    if field == "venue":
        display = VENUES.get(term)
        if display is not None and display.lower() != term:
            return None  # an alias (nips) of a name that is counted already (neurips)
        return display or term.upper()
    return term


def _score(raw: Any) -> float:
    """The relevance score of a hit; sorted searches report their sort key, whose last part is
    the negated score (ScoreFacet is always the last sort key here)."""
    if isinstance(raw, tuple):
        raw = -raw[-1] if raw and isinstance(raw[-1], (int, float)) else 0.0
    return float(raw or 0.0)


def _sort_facets(sort: str, every: bool) -> Any:
    score = sorting.ScoreFacet()
    newest = sorting.FieldFacet("sort_date", reverse=True)
    if sort == "date" or (sort == "relevance" and every):
        return [newest, score]
    if sort == "popularity":
        return [sorting.FieldFacet("retweets", reverse=True), score]
    if sort == "title":
        return [sorting.FieldFacet("sort_title"), score]
    return None


_ARXIV_LINK = re.compile(
    r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?$"
)
_OPENREVIEW_LINK = re.compile(r"^https?://openreview\.net/(?:forum|pdf)\?id=([\w\-]+)")
_BARE_ARXIV = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)


def _rewrite_links(text: str) -> str:
    """A pasted arXiv/OpenReview link or a bare arXiv id searches for that paper."""
    stripped = text.strip()
    if match := _ARXIV_LINK.match(stripped):
        return f'arxiv:"{match.group(1)}"'
    if match := _OPENREVIEW_LINK.match(stripped):
        return f'openreview:"{match.group(1)}"'
    if match := _BARE_ARXIV.match(stripped):
        return f'arxiv:"{match.group(1)}"'
    return text


_PLAIN = re.compile(r"^[^\W_][\w\s'-]*$")
_OPERATORS = {"AND", "OR", "NOT", "TO"}


def _prefix_last_word(text: str) -> str:
    """`rotary pos` -> `rotary (pos OR pos*)`, for plain words only, from 3 characters on."""
    if not _PLAIN.match(text) or text.endswith((" ", "-", "'")):
        return text
    words = text.split()
    last = words[-1]
    if len(last) < 3 or last in _OPERATORS or not last.isalnum():
        return text
    return " ".join([*words[:-1], f"({last} OR {last}*)"])


_HIGHLIGHT_ANALYZER = StemmingAnalyzer(stoplist=None, minsize=1)


def highlight_spans(text: str, terms: tuple[tuple[str, str], ...]) -> list[tuple[int, int]]:
    """Character spans of `text` that a query's terms match (stemmed words, prefixes)."""
    if not terms or not text:
        return []
    exact = {t for kind, t in terms if kind == "term"}
    prefixes = tuple(t for kind, t in terms if kind == "prefix")
    spans = []
    for token in _HIGHLIGHT_ANALYZER(text, chars=True, mode="index"):
        word = text[token.startchar : token.endchar].lower()
        if token.text in exact or word in exact or (prefixes and word.startswith(prefixes)):
            spans.append((token.startchar, token.endchar))
    return spans


__all__ = ["KIND_PAPER", "SORTS", "ResultSet", "Searching", "highlight_spans"]
