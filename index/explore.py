"""Provides what helps a reader look around a result list: facet counts, "did you mean" and
papers related to one paper."""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any

from whoosh.qparser import QueryParser

from .formats.conference import VENUES
from .models import Facet, Hit, Paper
from .schema import paper_from_data


def facet_value(field: str, term: str) -> str | None:
    """The label of an indexed facet term; None for an alias counted under another name."""
    if field == "venue":
        display = VENUES.get(term)
        if display is not None and display.lower() != term:
            return None  # an alias (nips) of a name that is counted already (neurips)
        return display or term.upper()
    return term


def facets(
    reader: Any, matched: Set[int], year_of: Callable[[int], Any], per_field: int = 8
) -> dict[str, list[Facet]]:
    """Counts of year, venue and source format among `matched`, most common first."""
    years: dict[int, int] = {}
    for docnum in matched:
        year = year_of(docnum)
        if 0 < year < 10000:
            years[year] = years.get(year, 0) + 1
    found = {
        "year": sorted(
            (Facet("year", str(y), c) for y, c in years.items()), key=lambda f: (-f.count, f.value)
        )[:per_field]
    }
    for field in ("venue", "source"):
        counted = []
        for raw in reader.lexicon(field):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            value = facet_value(field, term)
            if value is None:
                continue
            count = sum(1 for d in reader.postings(field, raw).all_ids() if d in matched)
            if count:
                counted.append(Facet(field, value, count))
        counted.sort(key=lambda f: (-f.count, f.value))
        found[field] = counted[:per_field]
    return found


def correction(searcher: Any, schema: Any, text: str) -> str | None:
    """Whoosh's "did you mean" for a query, or None when it has nothing better.

    Titles keep a spelling dictionary of unstemmed words; the stemmed fields would suggest
    stems ("attent") that nobody types."""
    try:
        parsed = QueryParser("title", schema).parse(text)
        corrected = searcher.correct_query(parsed, text)
    except Exception:  # a correction is a hint: never let it break a search
        return None
    if corrected.string and corrected.string != text:
        return corrected.string
    return None


def related(searcher: Any, paper: Paper, limit: int = 20) -> list[Hit]:
    """Papers like this one: more-like-this over its title (twice) and abstract."""
    docnum = searcher.document_number(key=paper.key)
    text = f"{paper.title}\n{paper.title}\n{paper.abstract}"
    results = searcher.more_like(docnum, "abstract", text=text, top=limit, numterms=12)
    hits = []
    for hit in results:
        stored = searcher.reader().stored_fields(hit.docnum)
        if stored.get("key") != paper.key and "data" in stored:
            hits.append(Hit(paper_from_data(stored["data"]), float(hit.score or 0.0)))
    return hits
