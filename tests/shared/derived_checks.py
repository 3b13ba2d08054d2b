"""Provides check_index: issue 9's checks on an index of the whole corpus (years, stats,
`--sort date` monotone over every paper), run by the corpus index test of test_corpus.py so
that the corpus is indexed once per worker."""

from __future__ import annotations

from typing import Any

from paperbrowse.index.clean import normalise_title
from paperbrowse.index.dates import date_number


def check_index(library: Any) -> None:
    """The derived year and date of the indexed corpus: called from the corpus index test."""
    stats = library.stats()
    assert stats["without_year"] == 0
    assert sum(stats["by_year"].values()) == stats["papers"]
    # `year:` counts the posts (they had no year before): 2020-06-29 .. 2022-01-13.
    assert library.search("year:2020 source:hotpapers").total > 500
    assert library.search("year:2021 source:hotpapers").total > 1000
    assert library.search("date:2021-04 source:hotpapers").total > 100
    results = library.search("*", sort="date")
    ordered = [hit.paper for hit in library.hits(results, 0, results.total)]
    assert len(ordered) == stats["papers"]
    # Newest first; ties A→Z by the normalised title, so the order is the same in any index.
    keys = [(-date_number(p.sort_date), normalise_title(p.title)) for p in ordered]
    assert keys == sorted(keys), "sort by date is not newest first"
    assert all(p.sort_date for p in ordered)
    assert [hit.paper.key for hit in library.hits(library.search(""), 0, 50)] == [
        p.key for p in ordered[:50]
    ]
    # NeurIPS 2023 before NeurIPS 2021 (the ImageBART case), whatever their ids.
    diffusion = library.hits(library.search("diffusion venue:neurips", sort="date"), 0, 400)
    years = [hit.paper.year for hit in diffusion if hit.paper.sort_date == str(hit.paper.year)]
    assert years == sorted(years, reverse=True)
