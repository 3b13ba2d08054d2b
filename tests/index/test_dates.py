"""Tests the derived year and sort date of every paper: `year:`, `date:`, `--sort date`, the
year facet and `stats` agree on one rule each (issue 9, items 1 and 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperbrowse.index.dates import arxiv_month, date_number, date_terms, derive_year, sort_date
from paperbrowse.index.library import Library

DATES = Path(__file__).resolve().parents[1] / "fixtures" / "dates"
LISTS = (
    "2020-07-14---Hot-Papers.md",
    "2021-01-02---Hot-Papers.md",
    "NIPS-2023-list01.md",
    "NIPS-2021-list01.md",
)
LANTERN = "Lantern Networks for Low-Light Depth Estimation"
QUASI = "A Second Look at Quasi-Newton Warm Starts"
FORUM = "Forum-Only Notes on Reward Shaping"
OLD = "Old-Style Identifiers in String Compactification"
BRAMBLE = "Bramble Sampling for Discrete Diffusion"
ARBOR = "Arbor Priors for Tabular Diffusion"
ANCHORED = "Anchored Diffusion for Sparse Point Clouds"
COPSE = "Copse Diffusion for Image Synthesis"
NEWEST_FIRST = [ARBOR, ANCHORED, BRAMBLE, FORUM, OLD, COPSE, QUASI, LANTERN]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """One index of the four date fixtures, shared by the module's read-only tests."""
    library = Library(tmp_path_factory.mktemp("dates") / "index")
    report = library.add([DATES / name for name in LISTS])
    assert report.files_failed == 0
    yield library
    library.close()


def papers(lib: Library, query: str, **options):
    return [hit.paper for hit in lib.hits(lib.search(query, **options))]


def titles(lib: Library, query: str, **options) -> list[str]:
    return [paper.title for paper in papers(lib, query, **options)]


@pytest.mark.parametrize(
    ("arxiv_id", "expected"),
    [
        ("2104.09864", (2021, 4)),
        ("0704.0001", (2007, 4)),
        ("1912.01234", (2019, 12)),
        ("hep-th/9901001", (1999, 1)),
        ("math.GT/0309136", (2003, 9)),
        ("cs/0701001", (2007, 1)),
        ("2113.00001", None),
        ("not-an-id", None),
        (None, None),
    ],
)
def test_an_arxiv_id_tells_its_month(arxiv_id, expected):
    """New-style ids are YYMM.NNNNN; old-style ones archive/YYMMNNN (1991 to 2007)."""
    assert arxiv_month(arxiv_id) == expected


def test_the_year_rule_prefers_venue_then_arxiv_then_earliest_list_date():
    """Venue year, else the arXiv id's year, else the earliest list date's year."""
    assert derive_year(2022, "2104.09864", ["2021-06-18"]) == 2022
    assert derive_year(None, "2104.09864", ["2022-01-01"]) == 2021
    assert derive_year(None, None, ["2021-06-18", "2020-07-14"]) == 2020
    assert derive_year(None, None, []) is None


def test_the_sort_date_rule_keeps_the_precision_known():
    """List date, else the arXiv id's month, else the venue year; a month or year alone
    sorts after the days it holds."""
    assert sort_date("2021-06-18", "2104.09864", 2022) == "2021-06-18"
    assert sort_date(None, "2104.09864", 2022) == "2021-04"
    assert sort_date(None, None, 2022) == "2022"
    assert sort_date(None, None, None) is None
    assert date_number("2021-04-21") > date_number("2021-04") > date_number("2021-03-31")
    assert date_number("2021") > date_number("2020-12-31") > date_number(None)
    assert date_terms(["2020-07-14"]) == ["2020", "2020-07", "2020-07-14"]


def test_hot_papers_get_the_year_of_their_arxiv_id(lib):
    """`year:2020` finds the July 2020 post's arXiv-2007 paper; a December 2019 preprint
    listed in 2020 is 2019, as its id says; an old-style id gives 1999."""
    assert set(titles(lib, "year:2020")) == {LANTERN, FORUM}
    assert titles(lib, "year:2019") == [QUASI]
    assert titles(lib, "year:1999") == [OLD]


def test_a_paper_without_arxiv_id_gets_its_earliest_list_year(lib):
    """Listed 2020-07-14 and 2021-01-02 with no arXiv id: its year is 2020, its sort date
    the newest list date."""
    [paper] = papers(lib, "title:forum")
    assert (paper.year, paper.sort_date) == (2020, "2021-01-02")


def test_every_paper_of_the_fixtures_has_a_year(lib):
    """No paper is left without a year where one can be derived."""
    assert all(paper.year for paper in papers(lib, "*"))


def test_the_year_facet_counts_hot_papers_too(lib):
    """The year facet of every paper counts Hot Papers by their derived years."""
    facets = lib.searching.facets(lib.search("*"))
    assert {f.value: f.count for f in facets["year"]} == {
        "2023": 3,
        "2021": 1,
        "2020": 2,
        "2019": 1,
        "1999": 1,
    }


def test_stats_count_derived_years_and_say_the_rules(lib):
    """stats() counts every paper by year, none without, and says how years are derived."""
    stats = lib.stats()
    assert sum(stats["by_year"].values()) == stats["papers"] == 8
    assert stats["without_year"] == 0
    assert stats["year_rule"].startswith("venue year, else the year of the arXiv id")
    assert "arXiv id" in stats["date_rule"]


def test_sort_by_date_puts_every_paper_newest_first(lib):
    """Conference papers sort by their arXiv month or venue year among the dated posts;
    ties (two NeurIPS 2023 papers, two papers of one post) go A→Z by title."""
    assert titles(lib, "*", sort="date") == NEWEST_FIRST


def test_the_empty_filter_is_newest_first(lib):
    """The default order of every paper is the same derived date order."""
    assert titles(lib, "") == NEWEST_FIRST


def test_a_query_sorted_by_date_is_newest_first(lib):
    """`diffusion --sort date`: NeurIPS 2023 before NeurIPS 2021 (the issue's ImageBART)."""
    assert titles(lib, "diffusion", sort="date") == [ARBOR, ANCHORED, BRAMBLE, COPSE]
    assert titles(lib, "diffusion", sort="date", quick=True) == [ARBOR, ANCHORED, BRAMBLE, COPSE]


def test_date_order_does_not_depend_on_the_order_lists_were_added(tmp_path):
    """Added in reverse, one list at a time, the papers come out in the same order."""
    with Library(tmp_path / "index") as library:
        for name in reversed(LISTS):
            library.add([DATES / name])
        assert titles(library, "*", sort="date") == NEWEST_FIRST


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2020-07-14", {LANTERN, QUASI, FORUM}),
        ("date:2020-07", {LANTERN, QUASI, FORUM}),
        ("date:2020", {LANTERN, QUASI, FORUM}),
        ("date:2021-01", {FORUM, OLD}),
        ("date:2021", {FORUM, OLD, COPSE}),
        ("date:2023-05", {ARBOR}),
        ("date:2023", {ARBOR, ANCHORED, BRAMBLE}),
        ("date:2020-08", set()),
    ],
)
def test_date_queries_name_a_day_a_month_or_a_year(lib, query, expected):
    """`date:` matches any list date by day, month or year; a paper without a list date
    by its sort date (arXiv month, else venue year)."""
    assert set(titles(lib, query)) == expected
