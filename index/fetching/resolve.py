"""Provides resolving: arXiv ids for papers whose lists gave none, asked of the arXiv API by
title and kept only on an exact match of the normalised titles (and of a surname, where
both sides name authors); never a guess. The answers go to the resolve cache, and the found
ones into a list of their own (`lists/resolved/arxiv-ids.jsonl`) that merges with the papers
by title, so `reindex` keeps them without the network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..clean import normalise_title
from ..merge import MIN_TITLE_KEY
from ..models import Paper
from ..walk import absolute
from .arxiv import Pacer, query
from .cache import ResolveCache
from .http import Client, FetchError
from .lists import KEYS, FetchedList, list_path, record

SOURCE = "resolved"
LIST_NAME = "arxiv-ids"
ASKED = 10
"""Entries asked for per title: the match is among the best few or it is not there."""


@dataclass
class ResolveReport:
    """What a resolve run did."""

    candidates: int = 0
    found: int = 0
    not_found: int = 0
    ambiguous: int = 0
    cached: int = 0
    interrupted: bool = False
    failure: str | None = None
    """The one-line failure that ended the run early (the answers before it are kept)."""
    titles: set[str] = field(default_factory=set)
    """Normalised titles of the candidates (the papers still needing an id)."""

    @property
    def asked(self) -> int:
        return self.found + self.not_found + self.ambiguous


def surnames(authors: list[str] | tuple[str, ...]) -> set[str]:
    """The last word of each normalised name (`Schröder, J.` gives `schroder`)."""
    names = set()
    for author in authors:
        family = author.split(",")[0] if "," in author else author
        words = normalise_title(family).split()
        if words:
            names.add(words[-1])
    return names


def share_a_surname(ours: list[str] | tuple[str, ...], theirs: list[str]) -> bool:
    """True when a surname on one side is a name word on the other (either order of given
    and family names: `Li Wei` and `Wei Li` are one person to a list)."""
    words = lambda names: {w for n in names for w in normalise_title(n).split()}  # noqa: E731
    return bool(surnames(ours) & words(theirs) or surnames(theirs) & words(ours))


def candidates(library: Any, text: str | None) -> list[Paper]:
    """Papers without an arXiv id whose titles are long enough to look up, among those a
    query finds (every paper without one)."""
    results = library.search((text or "").strip() or "*", sort="title", count=True)
    papers = [hit.paper for hit in library.hits(results, 0, results.total)]
    return [p for p in papers if not p.arxiv_id and len(normalise_title(p.title)) >= MIN_TITLE_KEY]


def answer_for(paper: Paper, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The cache answer for a paper from arXiv's records for its title: the one record
    whose normalised title is the paper's (sharing a surname, where both name authors)."""
    title = normalise_title(paper.title)
    matches = {}
    for rec in records:
        if normalise_title(rec["title"]) != title:
            continue
        if paper.authors and rec["authors"] and not share_a_surname(paper.authors, rec["authors"]):
            continue
        matches.setdefault(rec["arxiv_id"], rec)
    if len(matches) == 1:
        rec = next(iter(matches.values()))
        keep = ("title", "authors", "abstract", "arxiv_id", "categories")
        return {key: rec[key] for key in keep}
    why = "ambiguous" if matches else "not found"
    return {"arxiv_id": None, "why": why, "title": paper.title}


def resolve(
    library: Any,
    cache: ResolveCache,
    client: Client,
    base: str,
    text: str | None = None,
    *,
    pacer: Pacer | None = None,
    progress: Callable[[int, int, Paper, dict[str, Any]], None] | None = None,
) -> ResolveReport:
    """Ask arXiv about every candidate the cache has no answer for, saving each answer as
    it comes. Ctrl-C ends the run with what was answered (`interrupted` set), and so does
    a failed request (`failure` set)."""
    pacer = pacer or Pacer()
    papers = candidates(library, text)
    report = ResolveReport(
        candidates=len(papers), titles={normalise_title(p.title) for p in papers}
    )
    todo = []
    for paper in papers:
        if cache.get(normalise_title(paper.title)) is not None:
            report.cached += 1
        else:
            todo.append(paper)
    try:
        for done, paper in enumerate(todo, start=1):
            phrase = normalise_title(paper.title)
            params = {"search_query": f'ti:"{phrase}"', "start": 0, "max_results": ASKED}
            records, _, _ = query(client, base, pacer, params)
            answer = answer_for(paper, records)
            cache.put(phrase, answer)
            if answer["arxiv_id"]:
                report.found += 1
            elif answer["why"] == "ambiguous":
                report.ambiguous += 1
            else:
                report.not_found += 1
            if progress is not None:
                progress(done, len(todo), paper, answer)
    except KeyboardInterrupt:
        report.interrupted = True
    except FetchError as error:
        report.failure = str(error)
    return report


def still_listed(library: Any, lists_dir: Any) -> set[str]:
    """Normalised titles of papers the resolved list gave an id to that other lists still
    name (a title whose own list was removed drops out of the resolved list)."""
    path = absolute(list_path(lists_dir, SOURCE, LIST_NAME))
    titles = set()
    for paper in library.papers_of(path):
        if any(source.path != path for source in paper.sources):
            titles.update(normalise_title(e.title) for e in paper.entries if e.source.path != path)
    return titles


def resolved_list(cache: ResolveCache, titles: set[str]) -> FetchedList:
    """The list of found answers for `titles`, as arXiv records."""
    fetched = FetchedList(SOURCE, LIST_NAME, what="arXiv ids resolved by title")
    for key, answer in sorted(cache.found().items()):
        if key in titles:
            known = {k: v for k, v in answer.items() if k in KEYS and k != "format"}
            fetched.records.append(record(format="arxiv", **known))
    return fetched
