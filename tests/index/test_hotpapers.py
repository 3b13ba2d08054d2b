"""Tests the Hot Papers parser: every field a daily post gives for its ranked papers."""

from __future__ import annotations

import pytest
from paperbrowse.index.formats import parse_file, parse_text

POST = "hotpapers/2021-03-14---Hot-Papers.md"


@pytest.fixture
def entries(fixture):
    return parse_file(fixture(POST)).entries


def test_post_is_detected_as_hotpapers(fixture):
    """A post with Hot Papers front matter parses as the `hotpapers` format, without problems."""
    result = parse_file(fixture(POST))
    assert result.format == "hotpapers"
    assert [e.format for e in result.entries] == ["hotpapers"] * 3
    assert result.problems == []


def test_titles_come_from_numbered_headings(entries):
    """Each `# N. Title` heading gives one entry with that title, in order."""
    assert [e.title for e in entries] == [
        "Sparse Lattice Transformers for Long Document Retrieval",
        "Calibrated Uncertainty for Graph Neural Networks under Distribution Shift",
        "Rotating Feature Banks for Continual Speech Recognition",
    ]


def test_rank_is_the_heading_number(entries):
    """The number before the title is the entry's rank in the day's list."""
    assert [e.source.rank for e in entries] == [1, 2, 3]


def test_source_line_is_the_heading_line(entries, fixture):
    """The source line is the 1-based line of the heading, as `grep -n` shows it."""
    lines = fixture(POST).read_text(encoding="utf-8").split("\n")
    for entry in entries:
        assert lines[entry.source.line - 1].startswith(f"# {entry.source.rank}. ")
    assert [e.source.line for e in entries] == [17, 34, 51]


def test_authors_line_is_split_into_names(entries):
    """The line under the heading is the author list, split on commas."""
    assert entries[0].authors == ("Maren Okafor", "Tobias Lindqvist", "Priya Raghunathan")
    assert entries[2].authors == ("Hyun-woo Park", "Amara Nwosu")


def test_abstract_is_the_paragraph_before_the_tweets(entries):
    """The abstract is the prose after the metadata; the embedded tweets are not part of it."""
    abstract = entries[0].abstract
    assert abstract.startswith("We introduce sparse lattice transformers, an attention pattern")
    assert abstract.endswith("Code and checkpoints are public.")
    assert "blockquote" not in abstract and "t.co" not in abstract and "@" not in abstract


def test_arxiv_id_and_url_come_from_the_links_line(entries):
    """`- links: [abs](…) | [pdf](…)` gives the arXiv id and the abs page as the url."""
    assert [e.arxiv_id for e in entries] == ["2103.07711", "2103.08020", "2103.08551"]
    assert entries[0].url == "https://arxiv.org/abs/2103.07711"
    assert all(e.openreview_id is None for e in entries)


def test_categories_come_from_the_category_links(entries):
    """The `- [cs.IR](…) | [cs.CL](…)` line gives the categories in order."""
    assert entries[0].categories == ("cs.IR", "cs.CL")
    assert entries[1].categories == ("cs.LG", "stat.ML")


def test_retweets_and_favorites_are_integers(entries):
    """Tweet counts are read as integers, thousands separators included (`1,204`)."""
    assert (entries[0].retweets, entries[0].favorites) == (1204, 87)
    assert (entries[2].retweets, entries[2].favorites) == (12, 3)


def test_hot_papers_have_no_venue_or_year(entries):
    """A daily post is not a proceedings list: venue and year stay unknown."""
    assert {(e.venue, e.year) for e in entries} == {(None, None)}


def test_date_comes_from_the_post_title(entries):
    """The list's date is the day in the title (2021-03-14), not the publish day after it."""
    assert {e.date for e in entries} == {"2021-03-14"}


def _post(front: str) -> str:
    return (
        f"---\n{front}---\n\n# 1. A Paper About Dates\n\nAnn Author\n\n"
        "- retweets: 1, favorites: 2 (01/01/2021 00:00:00)\n\n"
        "- links: [abs](https://arxiv.org/abs/2101.00001) | [pdf](https://arxiv.org/pdf/2101.00001)\n\n"
        "Text.\n"
    )


def test_date_comes_from_the_slug_when_the_title_has_none():
    """Without a date in the title, the slug's date is the list's date."""
    text = _post('title: Hot Papers\ndate: 2021-02-03T01:02:03.Z\nslug: "hot-papers-2021-02-02"\n')
    [entry] = parse_text(text, "post.md").entries
    assert entry.date == "2021-02-02"


def test_date_comes_from_the_file_name_when_front_matter_has_none():
    """Without a dated title or slug, the file name's date is the list's date."""
    text = _post("title: Hot Papers\ndate: 2021-02-03T01:02:03.Z\n")
    [entry] = parse_text(text, "posts/2021-01-31---Hot-Papers.md").entries
    assert entry.date == "2021-01-31"


def test_date_falls_back_to_the_publish_timestamp(fixture):
    """With no other date, the publish timestamp (`2021-04-22T07:52:36.Z`) gives the day."""
    [entry] = parse_file(fixture("mess/hot-publish-date-only.md")).entries
    assert entry.date == "2021-04-22"


def test_date_is_none_when_the_post_names_no_day():
    """A post that names no day anywhere has no date (none is invented)."""
    text = _post("title: Hot Papers\n")
    [entry] = parse_text(text, "post.md").entries
    assert entry.date is None


def test_a_paper_without_an_arxiv_link_is_kept_with_a_warning():
    """A paper whose links line has no arXiv URL is still an entry; a warning names its line."""
    text = (
        "---\ntitle: Hot Papers 2021-01-01\n---\n\n# 1. Offline Paper\n\nAnn Author\n\n"
        "- retweets: 3, favorites: 4 (01/01/2021 00:00:00)\n\nAbstract text.\n"
    )
    result = parse_text(text, "post.md")
    [entry] = result.entries
    assert entry.arxiv_id is None and entry.title == "Offline Paper"
    [problem] = result.problems
    assert (problem.line, problem.level) == (5, "warning")


def test_an_empty_heading_is_reported_and_skipped():
    """`# 2.` with no title is not an entry; an error names its line."""
    text = (
        "---\ntitle: Hot Papers 2021-01-01\n---\n\n# 1. Kept Paper\n\nA. B\n\n"
        "- links: [abs](https://arxiv.org/abs/2101.00002)\n\nText.\n\n# 2.\n\nC. D\n"
    )
    result = parse_text(text, "post.md")
    assert [e.title for e in result.entries] == ["Kept Paper"]
    assert [(p.line, p.level) for p in result.problems] == [(13, "error")]


def _heading(title: str) -> str:
    [entry] = parse_text(_post("title: Hot Papers 2021-01-01\n").replace(
        "# 1. A Paper About Dates", f"# 1. {title}"), "post.md").entries
    return entry.title


def test_hash_at_the_end_of_a_word_is_part_of_the_title():
    """`# 1. Type Inference for C#` keeps the `#`: only a spaced closing run is markup."""
    assert _heading("Type Inference for C#") == "Type Inference for C#"


def test_closing_hashes_are_dropped():
    """`# 1. Title ##` is the title "Title", as Markdown reads a closing sequence."""
    assert _heading("Closing Sequence Title ##") == "Closing Sequence Title"
