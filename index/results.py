"""Provides what a search hands back and how it is ordered: the result set, and the sorts as
Whoosh facets (from the one map in `sorts`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import sorting

from .query import ParsedQuery
from .sorts import SORTS, sort_columns

__all__ = ["SORTS", "TOP", "ResultSet", "sort_facets"]

TOP = 200
"""Hits ranked per search; more are ranked only when someone scrolls past them."""


@dataclass(slots=True)
class ResultSet:
    """The papers a query matches, in order: the first ranked ones, and the total (None until
    counted). Rows are fetched lazily by position; ranking continues on demand."""

    text: str
    sort: str
    total: int | None
    docnums: list[int]
    scores: list[float]
    terms: tuple[tuple[str, str], ...]
    generation: int
    """Which searcher the docnums belong to; rows are fetched from that same snapshot."""
    key: tuple[Any, ...] = ()
    every: bool = False
    complete: bool = False
    """True when `docnums` holds every match."""
    partial: bool = False
    """True for a first answer (titles and authors only, unscored); the full one follows."""
    relaxed: bool = False
    """True when no paper holds every word and these hold all but one (see `_relax`)."""

    def __len__(self) -> int:
        return self.total if self.total is not None else len(self.docnums)


@dataclass(slots=True)
class _Prepared:
    """A query ready to run again (for counting, facets and ranking further down)."""

    parsed: ParsedQuery
    sortedby: Any
    rerank: Sequence[str] | None
    """The typed words, when results are re-ranked by how their titles hold them."""
    allow: set[int] | None = None
    """Docnums the query's mark filters allow (None: no such filter)."""


def _score(raw: Any) -> float:
    """The relevance score of a hit; sorted searches report their sort key, whose last part is
    the negated score (ScoreFacet is always the last sort key here)."""
    if isinstance(raw, tuple):
        raw = -raw[-1] if raw and isinstance(raw[-1], (int, float)) else 0.0
    return float(raw or 0.0)


def sort_facets(sort: str, every: bool) -> Any:
    """Whoosh's sort keys for a sort (None: by score), the score breaking the last ties."""
    columns = sort_columns(sort, every)
    if not columns:
        return None
    facets = [sorting.FieldFacet(field, reverse=reverse) for field, reverse in columns]
    return [*facets, sorting.ScoreFacet()]
