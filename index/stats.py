"""Provides library_stats: what `paperbrowse stats` reports of an index."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whoosh.query import Term

from .columns import column_values
from .dates import DATE_RULE, YEAR_RULE
from .explore import facet_value
from .schema import KIND_FILE, KIND_PAPER, SCHEMA_VERSION

if TYPE_CHECKING:
    from .store import Library


def library_stats(library: Library) -> dict[str, Any]:
    """Live papers (deleted documents never counted) by format, venue and year (with how years
    and sort dates are derived), the number of lists, and the index's path and size."""
    searcher = library.searcher()
    reader = searcher.reader()
    live = set(searcher.document_numbers(kind=KIND_PAPER))

    def count(field: str, term: bytes) -> int:
        return sum(1 for d in reader.postings(field, term).all_ids() if d in live)

    by_format = {t.decode(): count("source", t) for t in reader.lexicon("source")}
    by_venue: dict[str, int] = {}
    for term in reader.lexicon("venue"):
        display = facet_value("venue", term.decode())
        if display and (n := count("venue", term)):
            by_venue[display] = n
    by_year: dict[str, int] = {}
    year_of = column_values(reader, "year")
    without_year = 0
    for docnum in live:
        year = year_of(docnum)
        if 0 < year < 10000:
            by_year[str(year)] = by_year.get(str(year), 0) + 1
        else:
            without_year += 1
    return {
        "papers": len(live),
        "files": sum(1 for _ in searcher.docs_for_query(Term("kind", KIND_FILE))),
        "by_format": {k: v for k, v in sorted(by_format.items()) if v},
        "by_venue": dict(sorted(by_venue.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_year": dict(sorted(by_year.items())),
        "without_year": without_year,
        "year_rule": YEAR_RULE,
        "date_rule": DATE_RULE,
        "index": str(library.path.resolve()),
        "size_bytes": library.size_on_disk(),
        "schema_version": SCHEMA_VERSION,
    }
