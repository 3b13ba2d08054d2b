"""Tests `new`: papers added since the app first looked at the index are new until shown
(`Marks.opened`, `Marks.know`), in `is:new`, in a paper's marks, and across processes."""

from __future__ import annotations

from pathlib import Path

import marklists as lists
import pytest
from paperbrowse.index.library import Library
from paperbrowse.index.markfilter import index_keys
from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys

HOT = "2024-05-02---Hot-Papers.md"
TIDAL, LATTICE, QUIET = lists.PAPERS
LATER = (
    "Harbour Echo Models for Ship Tracking",
    "Pia Lund",
    "2405.02001",
    "Ship tracks from harbour radar echoes.",
)


@pytest.fixture
def library(tmp_path: Path):
    folder = tmp_path / "lists"
    folder.mkdir()
    library = Library(tmp_path / "ix")
    library.marks = Marks(tmp_path / "marks.sqlite3")
    library.add([lists.write(folder, HOT, lists.hot_list())])
    yield library
    library.close()


def titles(library: Library, text: str) -> list[str]:
    return sorted(hit.paper.title for hit in library.hits(library.search(text)))


def first_open(library: Library) -> int | None:
    marks = library.marks
    assert marks is not None
    return marks.opened(lambda: index_keys(library.searcher()))


def add_later(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "later"
    folder.mkdir(exist_ok=True)
    library.add([lists.write(folder, HOT, lists.hot_list([LATER]))])


def test_before_the_app_ever_opened_nothing_is_new(library: Library) -> None:
    """No open recorded: `is:new` finds nothing and no paper's marks say new."""
    assert titles(library, "is:new") == []
    assert library.marks.last_open() is None
    hit = library.hits(library.search("tidal"))[0]
    assert not library.marks.get(paper_keys(hit.paper)).new


def test_papers_present_at_the_first_open_are_not_new_and_later_ones_are(
    library: Library, tmp_path: Path
) -> None:
    """The first open takes the index's papers as known; a list added afterwards is new
    (in `is:new`, `-is:new` and the paper's marks)."""
    assert first_open(library) is None
    assert titles(library, "is:new") == []
    add_later(library, tmp_path)
    assert titles(library, "is:new") == [LATER[0]]
    assert titles(library, "-is:new") == sorted([TIDAL[0], LATTICE[0], QUIET[0]])
    later = library.hits(library.search("harbour"))[0].paper
    assert library.marks.get(paper_keys(later)).to_json()["new"] is True


def test_a_new_paper_stays_new_across_opens_until_it_is_shown(
    library: Library, tmp_path: Path
) -> None:
    """Opening again does not make a new paper old; being shown (`know`) does."""
    first_open(library)
    add_later(library, tmp_path)
    assert first_open(library) is not None  # a second open: the time of the first
    assert titles(library, "is:new") == [LATER[0]]
    later = library.hits(library.search("harbour"))[0].paper
    library.marks.know(paper_keys(later))
    assert titles(library, "is:new") == []
    assert not library.marks.get(paper_keys(later)).new
    assert titles(library, "is:seen") == [LATER[0]]


def test_a_new_paper_seen_in_another_process_is_not_new_here(
    library: Library, tmp_path: Path
) -> None:
    """`new` is read from the marks file: a second Marks (another process) sees the change."""
    first_open(library)
    add_later(library, tmp_path)
    later = library.hits(library.search("harbour"))[0].paper
    Marks(library.marks.path).know(paper_keys(later))
    assert titles(library, "is:new") == []


def test_new_combines_with_words_and_other_marks(library: Library, tmp_path: Path) -> None:
    """`is:new` narrows like any filter: with words, and with `is:starred`."""
    first_open(library)
    add_later(library, tmp_path)
    later = library.hits(library.search("harbour"))[0].paper
    assert titles(library, "is:new radar") == [LATER[0]]
    assert titles(library, "is:new tidal") == []
    library.marks.update([paper_keys(later)], starred=True)
    assert titles(library, "is:new is:starred") == [LATER[0]]
