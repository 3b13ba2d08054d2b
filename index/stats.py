"""Provides library_stats: what `paperbrowse stats` reports of an index."""

from __future__ import annotations

from typing import Any

from .dates import DATE_RULE, YEAR_RULE
from .explore import facets
from .schema import SCHEMA_VERSION
from .search import Searching
from .store import Storage


def library_stats(storage: Storage, searching: Searching) -> dict[str, Any]:
    """Live papers (deleted documents never counted) by format, venue and year (counted as
    the facets are, with how years and sort dates are derived), the number of lists, and the
    index's path and size."""
    searcher, live = searching.live()
    years = searching.column("year")
    found = facets(searcher.reader(), set(live), years.__getitem__, per_field=None)
    by_year = {f.value: f.count for f in sorted(found["year"], key=lambda f: int(f.value))}
    return {
        "papers": len(live),
        "files": len(storage.files()),
        "by_format": {f.value: f.count for f in sorted(found["source"], key=lambda f: f.value)},
        "by_venue": {f.value: f.count for f in found["venue"]},
        "by_year": by_year,
        "without_year": len(live) - sum(by_year.values()),
        "year_rule": YEAR_RULE,
        "date_rule": DATE_RULE,
        "index": str(storage.path.resolve()),
        "size_bytes": storage.size_on_disk(),
        "schema_version": SCHEMA_VERSION,
    }
