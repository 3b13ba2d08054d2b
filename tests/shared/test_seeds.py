"""Tests over the five real seed lists in ../shared/seeds: counts, merging and search."""

from __future__ import annotations

import pytest
from paperbrowse.index.formats import parse_file
from paperbrowse.index.merge import merge_entries

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def parsed(seed_files):
    return [parse_file(path) for path in seed_files]


def test_seeds_are_detected_as_their_formats(parsed):
    """Seed 000 is a Hot Papers post, 001-003 daily dumps, 004 a conference list."""
    assert [r.format for r in parsed] == [
        "hotpapers", "hfdaily", "hfdaily", "hfdaily", "conference",
    ]


def test_seeds_parse_without_problems(parsed):
    """No seed produces a warning or an error."""
    assert [str(p) for r in parsed for p in r.problems] == []


def test_seeds_parse_to_370_entries(parsed):
    """The seeds hold 370 entries: 11 + 56 + 43 + 60 + 200."""
    assert [len(r.entries) for r in parsed] == [11, 56, 43, 60, 200]
    assert sum(len(r.entries) for r in parsed) == 370


def test_seeds_merge_to_348_papers(parsed):
    """Merging the 370 seed entries gives 348 unique papers."""
    assert len(merge_entries([e for r in parsed for e in r.entries])) == 348


def test_seed_index_holds_348_papers(seed_library):
    """An index of the seeds holds the 348 merged papers."""
    assert seed_library.search("*").total == 348
    assert seed_library.paper_count() == 348


def test_rotary_position_finds_roformer_first(seed_library):
    """Searching `rotary position` ranks arXiv 2104.09864 (RoFormer) first."""
    [first] = seed_library.hits(seed_library.search("rotary position"), 0, 1)
    assert first.paper.arxiv_id == "2104.09864"


def test_disentangled_attention_finds_deberta_first(seed_library):
    """Searching `disentangled attention` ranks OpenReview XPZIaotutsD (DeBERTa) first."""
    [first] = seed_library.hits(seed_library.search("disentangled attention"), 0, 1)
    assert first.paper.openreview_id == "XPZIaotutsD"
    assert (first.paper.venue, first.paper.year) == ("ICLR", 2021)


def test_hot_papers_seed_date_comes_from_its_title(parsed):
    """The real post's date is 2021-04-21 although its publish stamp is 2021-04-22T….Z."""
    assert {e.date for e in parsed[0].entries} == {"2021-04-21"}


def test_daily_dump_seeds_keep_their_labels_without_dates(parsed):
    """The daily dumps' entries carry a month-day label and no date."""
    for result in parsed[1:4]:
        assert all(e.source.label and e.date is None for e in result.entries)
