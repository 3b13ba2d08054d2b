"""Tests the mark filters of the query language: read apart from the words, applied to
every kind of search (every paper, words, fields, sorts, as you type), never stale."""

from __future__ import annotations

from pathlib import Path

import marklists as lists
import pytest
from paperbrowse.index.library import Library
from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.index.query import QueryError
from paperbrowse.index.reading import MarkFilter, read_query

TIDAL, LATTICE, QUIET = lists.PAPERS


@pytest.fixture
def library(tmp_path: Path):
    """The three invented arXiv papers; TIDAL starred and tagged `floods`, QUIET read."""
    folder = tmp_path / "lists"
    with Library(tmp_path / "ix") as opened:
        opened.add([lists.write(folder, "2024-05-02---Hot-Papers.md", lists.hot_list())])
        opened.marks = Marks(tmp_path / "marks.sqlite3")
        mark(opened, "tidal", starred=True, add_tags=["floods"])
        mark(opened, "quiet", read=True)
        yield opened


def mark(library: Library, text: str, **change) -> None:
    (hit,) = library.hits(library.search(text))
    library.marks.update([paper_keys(hit.paper)], **change)


def titles(library: Library, text: str, **options) -> list[str]:
    results = library.search(text, **options)
    return [hit.paper.title for hit in library.hits(results)]


@pytest.mark.parametrize(
    ("text", "filters", "query"),
    [
        ("is:starred", (MarkFilter("starred"),), ""),
        ("is:unread diffusion", (MarkFilter("read", negated=True),), "diffusion"),
        ("is:new", (MarkFilter("new"),), ""),
        ("-is:read", (MarkFilter("read", negated=True),), ""),
        ("tag:rl has:note", (MarkFilter("tag", "rl"), MarkFilter("note")), ""),
        ("-tag:rl year:2024", (MarkFilter("tag", "rl", negated=True),), "year:2024"),
        ("IS:Starred", (MarkFilter("starred"),), ""),
    ],
)
def test_mark_filters_are_read_apart_from_the_query(text, filters, query):
    """Filters come back in `marks`, never in the Whoosh query text."""
    reading = read_query(text)
    assert (reading.marks, reading.query) == (filters, query)


def test_an_unknown_filter_value_is_an_error_pointing_at_it():
    """`is:maybe` says which values `is:` takes, and where the problem is."""
    with pytest.raises(QueryError, match="is:read") as error:
        read_query("diffusion is:maybe")
    assert error.value.position == len("diffusion ")


def test_a_filter_name_with_nothing_after_it_is_a_word():
    """A pasted `Tag: …` is text, as a known field followed by a space is."""
    assert read_query("Tag: graphs").marks == ()


def test_a_filter_alone_lists_the_marked_papers(library):
    """`is:starred` is every starred paper; `is:unread` every other."""
    assert titles(library, "is:starred") == [TIDAL[0]]
    assert sorted(titles(library, "is:unread")) == sorted([TIDAL[0], LATTICE[0]])
    assert titles(library, "tag:FLOODS") == [TIDAL[0]]


def test_a_filter_narrows_words_fields_and_links(library):
    """Combined with words, fields and ids, a filter only ever narrows."""
    assert titles(library, "is:starred diffusion") == [TIDAL[0]]
    assert titles(library, "is:starred lattice") == []
    assert titles(library, "is:read author:sato") == [QUIET[0]]
    assert titles(library, f"is:unread arxiv:{LATTICE[2]} OR arxiv:{QUIET[2]}") == [LATTICE[0]]


@pytest.mark.parametrize("sort", ["relevance", "date", "popularity", "title"])
def test_filters_hold_in_every_sort_and_count(library, sort):
    """Sorted searches and the exact count see the filter too."""
    results = library.search("is:unread", sort=sort, count=True)
    assert results.total == 2
    results = library.search("is:unread transformers OR graph", sort=sort, count=True)
    assert results.total == 1


def test_filters_apply_as_you_type_and_to_the_first_quick_answer(library):
    """An unfinished word and the titles-first answer respect the filter."""
    assert titles(library, "is:unread quie", as_you_type=True) == []
    assert titles(library, "is:read quie", as_you_type=True, quick=True) == [QUIET[0]]
    assert titles(library, "is:read the", as_you_type=True) == []


def test_results_follow_marks_changed_since_the_last_search(library):
    """The same query after a mark changed (here, from another connection) shows the change."""
    assert titles(library, "is:starred") == [TIDAL[0]]
    with Marks(library.marks.path) as other:
        other.update([paper_keys(library.paper(f"arxiv:{LATTICE[2]}"))], starred=True)
    assert sorted(titles(library, "is:starred")) == sorted([TIDAL[0], LATTICE[0]])
    assert library.search("is:starred graph", count=True).total == 1


def test_facets_count_only_filtered_papers(library):
    """The facet counts of a filtered query count the papers it shows."""
    results = library.search("is:unread", count=True)
    facets = library.searching.facets(results)
    assert sum(f.count for f in facets["year"]) == 2


def test_a_typo_with_a_filter_relaxes_within_the_filter(library):
    """Three words, one mistyped: the all-but-one answer is narrowed by the filter too."""
    results = library.search("is:starred coastal flood forecsting", count=True)
    assert results.relaxed
    assert [h.paper.title for h in library.hits(results)] == [TIDAL[0]]
    assert library.search("is:read coastal flood forecsting", count=True).total == 0
