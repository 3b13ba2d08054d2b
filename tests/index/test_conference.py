"""Tests the conference-list parser: `## [N] Title` sections with bold fields."""

from __future__ import annotations

import pytest
from paperbrowse.index.formats import parse_file, parse_text
from paperbrowse.index.formats.conference import venue_display

NIPS = "conference/NIPS-2022-list01.md"
ICLR = "conference/ICLR-2021-list01.md"


@pytest.fixture
def nips(fixture):
    return parse_file(fixture(NIPS)).entries


@pytest.fixture
def iclr(fixture):
    return parse_file(fixture(ICLR)).entries


def test_list_is_detected_as_conference(fixture):
    """A list of `## [N]` headings with **Authors**/**Abstract** fields parses as `conference`."""
    result = parse_file(fixture(NIPS))
    assert result.format == "conference"
    assert result.problems == []


def test_titles_and_ranks_come_from_headings(nips):
    """`## [N] Title` gives the title and N as the rank."""
    assert [(e.source.rank, e.title) for e in nips] == [
        (0, "Monotone Operator Networks for Stable Video Prediction"),
        (1, "Counterfactual Data Augmentation for Fair Ranking"),
        (2, "Calibrated Uncertainty for Graph Neural Networks Under Distribution Shift"),
    ]


def test_source_line_is_the_heading_line(nips):
    """The source line is the 1-based line of each heading."""
    assert [e.source.line for e in nips] == [1, 15, 29]


def test_authors_are_unwrapped_from_italics_and_split(nips, iclr):
    """`**Authors**: *A, B, C*` gives the names without the emphasis marks."""
    assert nips[0].authors == ("Clara Hoffmann", "Rui Zhang", "Yoshua Bengio")
    assert iclr[0].authors == ("Tomás Ibáñez", "Keiko Watanabe")


def test_abstract_is_the_text_after_the_abstract_field(nips):
    """The abstract runs from `**Abstract**:` to the `----` rule."""
    assert nips[0].abstract.startswith("Video prediction models drift and blur")
    assert nips[0].abstract.endswith("predicts two hundred frames without collapse.")
    assert "----" not in nips[0].abstract


def test_venue_display_name_and_year_come_from_the_conference_field(nips, iclr, fixture):
    """`*nips 2022*` is NeurIPS 2022, `*iclr 2021*` ICLR 2021, `*icml 2023*` ICML 2023."""
    icml = parse_file(fixture("conference/ICML-2023-list01.md")).entries
    assert {(e.venue, e.year) for e in nips} == {("NeurIPS", 2022)}
    assert {(e.venue, e.year) for e in iclr} == {("ICLR", 2021)}
    assert {(e.venue, e.year) for e in icml} == {("ICML", 2023)}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("nips", "NeurIPS"), ("NeurIPS", "NeurIPS"), ("cvpr", "CVPR"), ("ijcai", "IJCAI"),
     ("corl", "CoRL"), ("foo", "FOO"), ("Some Workshop", "Some Workshop")],
)
def test_venue_display_names(raw, shown):
    """Venue keys map to the names readers know; unknown short lowercase keys are upper-cased."""
    assert venue_display(raw) == shown


def test_openreview_forum_url_gives_the_openreview_id(iclr):
    """An OpenReview forum URL gives the forum id and is kept as the url."""
    assert [e.openreview_id for e in iclr] == ["Hk3xQ9aLp2V", "Zq7_Lm-04kB"]
    assert iclr[0].url == "https://openreview.net/forum?id=Hk3xQ9aLp2V"
    assert {e.arxiv_id for e in iclr} == {None}


def test_proceedings_url_is_kept_without_ids(nips):
    """A proceedings page URL is the entry's url and gives neither an arXiv nor OpenReview id."""
    assert nips[0].url.startswith("http://papers.nips.cc/paper_files/paper/2022/hash/")
    assert (nips[0].arxiv_id, nips[0].openreview_id) == (None, None)


def test_arxiv_url_gives_the_arxiv_id_without_version(nips):
    """An arXiv abs URL with `v3` gives the bare id."""
    assert nips[2].arxiv_id == "2103.08020"
    assert nips[2].url == "https://arxiv.org/abs/2103.08020v3"


def test_conference_entries_have_no_date_counts_or_categories(nips):
    """Proceedings lists carry no list date, tweet counts or arXiv categories."""
    for entry in nips:
        assert (entry.date, entry.retweets, entry.favorites) == (None, None, None)
        assert entry.categories == ()


def test_page_links_at_the_end_are_not_papers(nips):
    """Trailing `[Go to the previous/next page](…)` links add no entry and no abstract text."""
    assert len(nips) == 3
    assert "Go to the" not in nips[-1].abstract


def test_venue_and_year_fall_back_to_the_file_name():
    """Without a **Conference** field, `ICML-2022-list02.md` gives ICML 2022."""
    text = "## [3] A Paper\n\n**Authors**: *Ann Author*\n\n**Abstract**:\n\nWords.\n\n----\n"
    [entry] = parse_text(text, "lists/ICML-2022-list02.md").entries
    assert (entry.venue, entry.year) == ("ICML", 2022)


def test_a_heading_without_fields_is_not_a_paper():
    """A heading followed by no paper fields is reported as a warning and skipped."""
    text = (
        "## [1] Real Paper\n\n**Authors**: *A. B*\n\n**Conference**: *cvpr 2022*\n\n"
        "**Abstract**:\n\nWords.\n\n----\n\n## Catalogue\n\nSee the other pages.\n"
    )
    result = parse_text(text, "CVPR-2022-list09.md")
    assert [e.title for e in result.entries] == ["Real Paper"]
    assert [(p.line, p.level) for p in result.problems] == [(13, "warning")]


def test_authors_joined_by_and_are_split():
    """A final ` and ` separates the last author like a comma does."""
    text = (
        "## [1] A Paper With Three Authors\n\n**Authors**: *Ann Lee, Bo Chen and Cy Diaz*\n\n"
        "**Conference**: *icml 2021*\n\n**Abstract**:\n\nWords.\n"
    )
    [entry] = parse_text(text, "x.md").entries
    assert entry.authors == ("Ann Lee", "Bo Chen", "Cy Diaz")
