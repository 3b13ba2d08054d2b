"""Provides merging: one record per paper from every entry that names it, in any order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .clean import normalise_title
from .dates import derive_year
from .models import Entry, Paper

# Which list's wording wins for the title and authors: arXiv-based lists carry the authors'
# own title; proceedings lists sometimes re-case it ("Deberta: decoding-Enhanced Bert").
_FORMAT_ORDER = {"hotpapers": 0, "arxiv": 0, "hfdaily": 1, "conference": 2}
# Titles shorter than this after normalising ("Introduction") are too weak to merge on.
_MIN_TITLE_KEY = 12
MIN_TITLE_KEY = _MIN_TITLE_KEY
"""Public for resolving: a title too short to merge on is too short to look up by."""


def _title_token(normalised: str) -> str:
    return "t" + hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:20]


def entry_keys(entry: Entry) -> tuple[str, ...]:
    """The identities an entry shares with others: arXiv id, OpenReview id, normalised title."""
    keys = []
    if entry.arxiv_id:
        keys.append("a" + entry.arxiv_id.lower().replace("/", "_"))
    if entry.openreview_id:
        keys.append("o" + entry.openreview_id)
    normalised = normalise_title(entry.title)
    if len(normalised) >= _MIN_TITLE_KEY:
        keys.append(_title_token(normalised))
    elif normalised:
        # A short title still merges with its exact twin from the same kind of id-less list.
        keys.append(
            _title_token(
                normalised + "\x00" + (entry.arxiv_id or entry.openreview_id or entry.source.path)
            )
        )
    return tuple(keys)


def _priority(entry: Entry) -> tuple[int, str, int]:
    return (_FORMAT_ORDER.get(entry.format, 9), entry.source.path, entry.source.line)


def _group(entries: list[Entry]) -> list[list[Entry]]:
    """Connected components of entries that share any key (union-find)."""
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, entry in enumerate(entries):
        for key in entry_keys(entry):
            if key in owner:
                a, b = find(owner[key]), find(index)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[key] = index
    groups: dict[int, list[Entry]] = {}
    for index, entry in enumerate(entries):
        groups.setdefault(find(index), []).append(entry)
    return list(groups.values())


def _first(values: Iterable[object]) -> object | None:
    return next((value for value in values if value), None)


def _first_year(entries: list[Entry]) -> int | None:
    """A year some list states for the paper (only conference lists state one)."""
    return next((e.year for e in entries if e.year), None)


def paper_from_entries(entries: Iterable[Entry]) -> Paper:
    """The merged record of entries already known to be one paper; order never matters."""
    ranked = sorted(entries, key=_priority)
    arxiv_ids = sorted({e.arxiv_id for e in ranked if e.arxiv_id})
    openreview_ids = sorted({e.openreview_id for e in ranked if e.openreview_id})
    if arxiv_ids:
        key = "arxiv:" + arxiv_ids[0]
    elif openreview_ids:
        key = "openreview:" + openreview_ids[0]
    else:
        # The title token the entries were grouped by. A short title's token includes its
        # list, so two unrelated "Overview" papers from different lists get different keys.
        tokens = [k for e in ranked for k in entry_keys(e) if k.startswith("t")]
        if not tokens:  # a title without letters or digits: only its place identifies it
            tokens = [_title_token(f"\x00{e.source.path}\x00{e.source.line}") for e in ranked]
        key = "title:" + min(tokens)[1:]
    # The proceedings URL is the most specific "list URL"; arXiv links are derived anyway.
    by_url = sorted(ranked, key=lambda e: (e.format != "conference", _priority(e)))
    categories: list[str] = []
    for entry in ranked:
        categories.extend(c for c in entry.categories if c not in categories)
    dates = [e.date for e in ranked if e.date]
    retweets = [e.retweets for e in ranked if e.retweets is not None]
    favorites = [e.favorites for e in ranked if e.favorites is not None]
    abstract = max((e.abstract for e in ranked), key=len, default="")
    venue_entry = next((e for e in ranked if e.venue), None)
    sources = tuple(sorted((e.source for e in ranked), key=lambda s: s.sort_key()))
    return Paper(
        key=key,
        title=ranked[0].title,
        authors=next((e.authors for e in ranked if e.authors), ()),
        abstract=abstract,
        arxiv_id=arxiv_ids[0] if arxiv_ids else None,
        openreview_id=openreview_ids[0] if openreview_ids else None,
        url=_first(e.url for e in by_url),  # type: ignore[arg-type]
        venue=venue_entry.venue if venue_entry else None,
        year=derive_year(
            venue_entry.year if venue_entry and venue_entry.year else _first_year(ranked),
            arxiv_ids[0] if arxiv_ids else None,
            dates,
        ),
        date=max(dates) if dates else None,
        categories=tuple(categories),
        retweets=max(retweets) if retweets else None,
        favorites=max(favorites) if favorites else None,
        # In source order, so `format` (the first's) is the format of the first source.
        formats=tuple(dict.fromkeys(s.format for s in sources)),
        sources=sources,
        entries=tuple(sorted(ranked, key=lambda e: e.source.sort_key())),
    )


def merge_entries(entries: Iterable[Entry]) -> list[Paper]:
    """One paper per group of entries sharing an arXiv id, OpenReview id or normalised title."""
    papers = [paper_from_entries(group) for group in _group(list(entries))]
    papers.sort(key=lambda paper: paper.key)
    return papers


def paper_keys(paper: Paper) -> set[str]:
    """Every merge key of every entry of a paper."""
    return {key for entry in paper.entries for key in entry_keys(entry)}
