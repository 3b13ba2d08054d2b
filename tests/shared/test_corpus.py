"""Tests over the real corpus in ../shared/corpus: no entry silently dropped, clean fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from derived_checks import check_index
from paperbrowse.index.formats import parse_file
from paperbrowse.index.merge import merge_entries

pytestmark = pytest.mark.shared

# Counted independently of the parsers: one heading per paper.
CONFERENCE_HEADING = re.compile(r"^\s*## \[\d+\]|^\s*### ")
HOT_HEADING = re.compile(r"^# \d+\. ")


def expected_entries(path: Path) -> int:
    """Headings counted line by line (LF only, as the parsers number lines)."""
    heading = CONFERENCE_HEADING if "conference" in path.parts else HOT_HEADING
    text = path.read_bytes().decode("utf-8", errors="replace")
    return sum(1 for line in text.split("\n") if heading.match(line))


@pytest.fixture(scope="module")
def corpus(shared_dir):
    """Every corpus file (PROVENANCE.txt aside) with its parse result."""
    root = shared_dir / "corpus"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "PROVENANCE.txt")
    return {path: parse_file(path) for path in files}


def test_corpus_has_the_documented_files(corpus, shared_dir):
    """274 posts, 110 conference lists and 4 legacy lists, as PROVENANCE.txt says."""
    parents = [p.parent.relative_to(shared_dir / "corpus").as_posix() for p in corpus]
    assert (parents.count("hotpapers"), parents.count("conference")) == (274, 110)
    assert parents.count("conference/legacy") == 4


def test_every_heading_is_an_entry(corpus):
    """For every corpus file, entries == headings: zero silent drops, zero inventions."""
    wrong = {
        str(path): (expected_entries(path), len(result.entries))
        for path, result in corpus.items()
        if expected_entries(path) != len(result.entries)
    }
    assert wrong == {}


def test_documented_paper_totals(corpus):
    """3119 hot papers and 20668 conference papers, as PROVENANCE.txt says."""
    by_folder: dict[str, int] = {}
    for path, result in corpus.items():
        by_folder[path.parent.name] = by_folder.get(path.parent.name, 0) + len(result.entries)
    assert (by_folder["hotpapers"], by_folder["conference"]) == (3119, 20668)


def test_corpus_formats_follow_folders(corpus):
    """Posts parse as hotpapers, conference and legacy lists as conference."""
    for path, result in corpus.items():
        expected = "hotpapers" if path.parent.name == "hotpapers" else "conference"
        assert result.format == expected, path


def test_no_corpus_problem_is_an_error(corpus):
    """Nothing in the real corpus is lost: no problem at error level."""
    errors = [str(p) for r in corpus.values() for p in r.problems if p.level == "error"]
    assert errors == []


def test_corpus_fields_are_clean(corpus):
    """No title or abstract keeps CR, control bytes, U+2028, MathML tags, doubled spaces,
    tweets or page links."""
    bad = re.compile(r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]|<tex|  |blockquote"
                     r"|Go to the (previous|next) page|twitter-tweet")
    dirty = [
        (str(e.source.path), e.source.line)
        for r in corpus.values() for e in r.entries
        if bad.search(e.title) or bad.search(e.abstract) or "\n" in e.title
    ]
    assert dirty == []


def test_every_conference_entry_has_venue_and_year(corpus):
    """Every conference entry knows its venue (display name) and year."""
    missing = [
        (str(e.source.path), e.source.line)
        for r in corpus.values() if r.format == "conference" for e in r.entries
        if not e.venue or not e.year or e.venue.islower()
    ]
    assert missing == []


def test_every_openreview_url_gives_an_id(corpus):
    """Every entry whose URL is an OpenReview forum has its forum id; no other entry has one."""
    for result in corpus.values():
        for entry in result.entries:
            on_openreview = bool(entry.url) and "openreview.net/forum?id=" in entry.url
            assert bool(entry.openreview_id) == on_openreview, (entry.source, entry.url)


def test_every_hot_paper_has_a_date_and_an_arxiv_id(corpus):
    """Every post entry has the post's date and an arXiv id."""
    for path, result in corpus.items():
        if result.format == "hotpapers":
            assert all(e.date and e.arxiv_id for e in result.entries), path


def test_post_dates_match_file_names(corpus):
    """A post's date is the day its file is named after."""
    for path, result in corpus.items():
        if result.format == "hotpapers" and result.entries:
            assert result.entries[0].date == path.name[:10], path


def test_indexing_the_whole_corpus_keeps_every_paper(corpus, corpus_library):
    """An index of the corpus directory holds exactly the merged papers of its files, and
    finds RoFormer first for `rotary position`."""
    library, report = corpus_library
    entries = [e for r in corpus.values() for e in r.entries]
    assert (report.files_read, report.files_failed) == (len(corpus), 0)
    assert report.entries == len(entries)
    assert library.search("*").total == len(merge_entries(entries))
    [first] = library.hits(library.search("rotary position"), 0, 1)
    assert first.paper.arxiv_id == "2104.09864"
    # The derived facts of issue 9 on the same index (indexing the corpus twice costs a minute).
    check_index(library)
