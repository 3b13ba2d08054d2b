"""Provides the Whoosh schema (defined once, versioned) and the paper <-> document mapping."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.support.charset import accent_map

from .clean import normalise_title
from .dates import date_number, date_terms
from .formats.conference import VENUES
from .ids import doi_from_url, normalise_url
from .merge import paper_keys
from .models import Paper
from .words import indexed_text, title_form

SCHEMA_VERSION = 2
"""Bump when a field changes; an index with another version is rebuilt, never misread."""

APP_ID = "paperbrowse"

KIND_PAPER = "paper"
KIND_FILE = "file"

# Fields users may name in a query, and the aliases that lead to them.
QUERY_FIELDS = (
    "title",
    "author",
    "abstract",
    "venue",
    "year",
    "cat",
    "source",
    "date",
    "retweets",
    "favorites",
    "arxiv",
    "openreview",
    "doi",
)
MARK_FIELDS = ("is", "tag", "has")
"""Fields that filter by the user's marks (see `reading.MarkFilter`), not indexed terms."""
FIELD_ALIASES = {
    "author": ["authors", "by"],
    "cat": ["category", "categories"],
    "source": ["format"],
    "venue": ["conference", "conf"],
    "abstract": ["abs"],
}
DEFAULT_FIELDS = {"title": 3.0, "author": 1.5, "abstract": 1.0}


def _name_analyzer():  # type: ignore[no-untyped-def]
    """Names: no stop words ("An", "Will" are surnames), accents folded so `lio` finds Liò."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> fields.Schema:
    """The one schema of the index: paper, file and meta documents share it (kind tells)."""
    text = StemmingAnalyzer() | CharsetFilter(accent_map)
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        kind=fields.ID(),
        title=fields.TEXT(analyzer=text, field_boost=1.0, spelling=True),
        author=fields.TEXT(analyzer=_name_analyzer()),
        abstract=fields.TEXT(analyzer=text),
        venue=fields.KEYWORD(lowercase=True, scorable=False),
        year=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        cat=fields.KEYWORD(lowercase=True, scorable=False),
        source=fields.KEYWORD(lowercase=True, scorable=False),
        date=fields.KEYWORD(scorable=False),
        retweets=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        favorites=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        arxiv=fields.ID(),
        openreview=fields.ID(),
        doi=fields.KEYWORD(),
        link=fields.KEYWORD(),
        title_words=fields.ID(sortable=True),
        sort_date=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        sort_title=fields.ID(sortable=True),
        files=fields.KEYWORD(),
        mkeys=fields.KEYWORD(),
        data=fields.STORED(),
    )


def file_token(path: str) -> str:
    """A single-token stand-in for a path, so papers can be found by the files they came from."""
    return "f" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:20]


def _venue_terms(venue: str | None) -> str:
    if not venue:
        return ""
    terms = {venue.lower().replace(" ", "")}
    terms.update(raw for raw, display in VENUES.items() if display == venue)
    return " ".join(sorted(terms))


def paper_document(paper: Paper) -> dict[str, Any]:
    """The Whoosh document for a paper: searchable fields plus everything the app shows."""
    doc: dict[str, Any] = {
        "key": paper.key,
        "kind": KIND_PAPER,
        "title": indexed_text(paper.title),
        "author": indexed_text(" ; ".join(paper.authors)),
        "abstract": indexed_text(paper.abstract),
        "title_words": title_form(paper.title),
        "source": " ".join(paper.formats),
        "sort_date": date_number(paper.sort_date),
        "sort_title": normalise_title(paper.title),
        "files": " ".join(sorted({file_token(s.path) for s in paper.sources})),
        "mkeys": " ".join(sorted(paper_keys(paper))),
        "data": json.dumps(paper.to_store(), ensure_ascii=False, separators=(",", ":")),
    }
    if paper.venue:
        doc["venue"] = _venue_terms(paper.venue)
    if paper.year is not None:
        doc["year"] = paper.year
    if paper.categories:
        doc["cat"] = " ".join(paper.categories)
    # `date:` names a day, a month or a year: of any list date, else of the sort date.
    dates = {s.date for s in paper.sources if s.date} or {paper.sort_date} - {None}
    if dates:
        doc["date"] = " ".join(date_terms(d for d in dates if d))
    if paper.retweets is not None:
        doc["retweets"] = paper.retweets
    if paper.favorites is not None:
        doc["favorites"] = paper.favorites
    if paper.arxiv_id:
        doc["arxiv"] = paper.arxiv_id
    if paper.openreview_id:
        doc["openreview"] = paper.openreview_id
    urls = {u for u in [paper.url, *(e.url for e in paper.entries)] if u}
    if dois := sorted({d for u in urls if (d := doi_from_url(u))}):
        doc["doi"] = " ".join(dois)
    if urls:
        doc["link"] = " ".join(sorted(normalise_url(u) for u in urls))
    return doc
