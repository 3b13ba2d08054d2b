"""Provides the plain records the core hands out: entries, merged papers, hits and problems."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .dates import sort_date

FORMATS = ("hotpapers", "hfdaily", "conference", "arxiv", "jsonl")
"""What `format` names: the three list layouts, an arXiv record (fetched or resolved), and a
JSON-lines entry that names none of these."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where one entry came from: a file, the line of its heading, and what the list says of it."""

    path: str
    line: int
    format: str
    date: str | None = None
    """The list's date as `YYYY-MM-DD`, when the list says which day it is."""
    label: str | None = None
    """A date label without a year (Hugging Face dumps say `Mar 12`); never turned into a date."""
    rank: int | None = None
    """The entry's number in its list (hot-paper rank, conference `[N]`)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "format": self.format,
            "date": self.date,
            "label": self.label,
            "rank": self.rank,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        return cls(
            path=data["path"],
            line=data["line"],
            format=data["format"],
            date=data.get("date"),
            label=data.get("label"),
            rank=data.get("rank"),
        )

    def sort_key(self) -> tuple[str, int]:
        return (self.path, self.line)


_SCALARS = ("title", "abstract", "arxiv_id", "openreview_id", "url", "venue", "year")
_COUNTS = ("retweets", "favorites")


def _stored_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The fields an entry and a paper both store, read back (tuples where they hold many)."""
    fields = {name: data[name] for name in (*_SCALARS, *_COUNTS)}
    fields["authors"] = tuple(data["authors"])
    fields["categories"] = tuple(data["categories"])
    return fields


@dataclass(frozen=True, slots=True)
class Entry:
    """One paper exactly as one list gives it, cleaned but not merged."""

    title: str
    source: Source
    authors: tuple[str, ...] = ()
    abstract: str = ""
    arxiv_id: str | None = None
    openreview_id: str | None = None
    url: str | None = None
    venue: str | None = None
    year: int | None = None
    categories: tuple[str, ...] = ()
    retweets: int | None = None
    favorites: int | None = None

    @property
    def format(self) -> str:
        return self.source.format

    @property
    def date(self) -> str | None:
        return self.source.date

    def to_json(self) -> dict[str, Any]:
        """The `parse --json` record: a contract other tools rely on."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "abstract": self.abstract,
            "format": self.format,
            "arxiv_id": self.arxiv_id,
            "openreview_id": self.openreview_id,
            "url": self.url,
            "venue": self.venue,
            "year": self.year,
            "date": self.date,
            "categories": list(self.categories),
            "retweets": self.retweets,
            "favorites": self.favorites,
            "source": {"path": self.source.path, "line": self.source.line},
        }

    def to_store(self) -> dict[str, Any]:
        """A lossless form for the index (the full source, not just path and line)."""
        data = self.to_json()
        data["source"] = self.source.to_json()
        return data

    @classmethod
    def from_store(cls, data: dict[str, Any]) -> Entry:
        return cls(source=Source.from_json(data["source"]), **_stored_fields(data))


@dataclass(frozen=True, slots=True)
class Urls:
    """The links a paper has; None where unknown."""

    abs: str | None
    pdf: str | None
    openreview: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"abs": self.abs, "pdf": self.pdf, "openreview": self.openreview}


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper after merging every list that names it: the union of their facts."""

    key: str
    title: str
    authors: tuple[str, ...]
    abstract: str
    arxiv_id: str | None
    openreview_id: str | None
    url: str | None
    venue: str | None
    year: int | None
    date: str | None
    """The newest list date among the sources."""
    categories: tuple[str, ...]
    retweets: int | None
    favorites: int | None
    formats: tuple[str, ...]
    """Every format among the sources, each once, in the order of the sources."""
    sources: tuple[Source, ...]
    """Every list that names the paper, ordered by path, then line."""
    entries: tuple[Entry, ...] = field(default=(), compare=False, repr=False)

    @property
    def format(self) -> str:
        """The format of the first source (the one `source` in `search --json` names)."""
        return self.sources[0].format if self.sources else ""

    @property
    def sort_date(self) -> str | None:
        """The date the paper sorts by (`dates.DATE_RULE`): `2021-04-21`, `2021-04` or `2021`."""
        # Without a list date or an arXiv month, the derived year is the venue year.
        return sort_date(self.date, self.arxiv_id, self.year)

    @property
    def urls(self) -> Urls:
        abs_url = pdf_url = openreview = None
        if self.arxiv_id:
            abs_url = f"https://arxiv.org/abs/{self.arxiv_id}"
            pdf_url = f"https://arxiv.org/pdf/{self.arxiv_id}"
        if self.openreview_id:
            openreview = f"https://openreview.net/forum?id={self.openreview_id}"
        return Urls(abs=abs_url, pdf=pdf_url, openreview=openreview)

    def to_json(self) -> dict[str, Any]:
        """The `search --json` record: the `parse` keys plus sources and urls."""
        first = self.sources[0] if self.sources else None
        return {
            "key": self.key,
            "title": self.title,
            "authors": list(self.authors),
            "abstract": self.abstract,
            "format": self.format,
            "formats": list(self.formats),
            "arxiv_id": self.arxiv_id,
            "openreview_id": self.openreview_id,
            "url": self.url,
            "venue": self.venue,
            "year": self.year,
            "date": self.date,
            "sort_date": self.sort_date,
            "categories": list(self.categories),
            "retweets": self.retweets,
            "favorites": self.favorites,
            "source": {"path": first.path, "line": first.line} if first else None,
            "sources": [source.to_json() for source in self.sources],
            "urls": self.urls.to_json(),
        }

    def to_store(self) -> dict[str, Any]:
        """What the index stores of a paper: its JSON record and its entries."""
        data = self.to_json()
        data["entries"] = [entry.to_store() for entry in self.entries]
        return data

    @classmethod
    def from_store(cls, raw: str | dict[str, Any]) -> Paper:
        """A Paper back from what the index stores (`to_store`, as JSON text or a dict)."""
        data = json.loads(raw) if isinstance(raw, str) else raw
        return cls(
            key=data["key"],
            date=data["date"],
            **_stored_fields(data),
            formats=tuple(data["formats"]),
            sources=tuple(Source.from_json(s) for s in data["sources"]),
            entries=tuple(Entry.from_store(e) for e in data.get("entries", ())),
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input, located as `path:line` (line 0 when it is the whole file)."""

    path: str
    line: int
    message: str
    level: str = "error"
    """`error` when something was lost (a file unread, an entry dropped), else `warning`."""
    fatal: bool = False
    """True when the file could not be read as a paper list at all."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.level == "warning" else ""
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class Hit:
    """A paper in a result list with its relevance score."""

    paper: Paper
    score: float | None


@dataclass(frozen=True, slots=True)
class Facet:
    """A value of a field among the current results and how many results have it."""

    field: str
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class AddReport:
    """What an `add` did: files read, unchanged, failed or skipped, and paper counts."""

    files_read: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    entries: int = 0
    papers_new: int = 0
    papers_updated: int = 0
    papers_merged: int = 0
    papers_removed: int = 0
    problems: tuple[Problem, ...] = ()
    skipped: tuple[Problem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "files_read": self.files_read,
            "files_unchanged": self.files_unchanged,
            "files_failed": self.files_failed,
            "files_skipped": self.files_skipped,
            "entries": self.entries,
            "papers_new": self.papers_new,
            "papers_updated": self.papers_updated,
            "papers_merged": self.papers_merged,
            "papers_removed": self.papers_removed,
            "problems": [str(p) for p in self.problems],
            "skipped": [str(p) for p in self.skipped],
        }
