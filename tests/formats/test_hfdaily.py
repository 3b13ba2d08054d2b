"""Tests the Hugging Face daily-papers parser: title/abstract pairs under a date label."""

from __future__ import annotations

import pytest
from paperbrowse.index.formats import parse_file, parse_text

DUMP = "hfdaily/daily-papers-mar-12.txt"
HEADER = (
    "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n"
    "byAK and the research community\n\n"
)
LONG = (
    "We study a problem at length and report results on several benchmarks, with ablations "
    "that isolate each component and an analysis of when the method fails and why it does so."
)


@pytest.fixture
def entries(fixture):
    return parse_file(fixture(DUMP)).entries


def test_dump_is_detected_as_hfdaily(fixture):
    """A page dump with the daily-papers header parses as `hfdaily`, without problems."""
    result = parse_file(fixture(DUMP))
    assert result.format == "hfdaily"
    assert result.problems == []


def test_titles_and_abstracts_pair_up(entries):
    """Each title paragraph is followed by its abstract paragraph; the page chrome is skipped."""
    assert [e.title for e in entries] == [
        "Schrödinger Bridges for Unpaired Image Translation",
        "Token Merging Schedules for Efficient Vision Transformers",
        "Sparse Lattice Transformers for Long Document Retrieval",
    ]
    assert entries[1].abstract.startswith("Vision transformers spend most of their compute")
    assert entries[1].abstract.endswith("the schedule transfers across model sizes.")


def test_date_label_is_kept_and_never_turned_into_a_date(entries):
    """`Mar 12` has no year: it is kept as the label and the date stays None."""
    assert {e.source.label for e in entries} == {"Mar 12"}
    assert {e.date for e in entries} == {None}


def test_rank_counts_papers_from_one(entries):
    """Entries are ranked in page order starting at 1."""
    assert [e.source.rank for e in entries] == [1, 2, 3]


def test_source_line_is_the_title_line(entries, fixture):
    """The source line is the 1-based line of the title paragraph."""
    lines = fixture(DUMP).read_text(encoding="utf-8").split("\n")
    assert [e.source.line for e in entries] == [11, 15, 19]
    assert all(lines[e.source.line - 1] == e.title for e in entries)


def test_dump_entries_have_no_ids_authors_or_counts(entries):
    """The dump gives only titles and abstracts: no ids, authors, venue, counts or categories."""
    for entry in entries:
        assert entry.authors == () and entry.categories == ()
        assert (entry.arxiv_id, entry.openreview_id, entry.url) == (None, None, None)
        assert (entry.venue, entry.year, entry.retweets, entry.favorites) == (None,) * 4


def test_a_later_label_applies_to_the_papers_after_it():
    """A second `Mar 11` label relabels the papers that follow it."""
    text = HEADER + f"Mar 12\n\nFirst Paper\n\n{LONG}\n\nMar 11\n\nSecond Paper\n\n{LONG}\n"
    entries = parse_text(text, "dump.txt").entries
    assert [(e.title, e.source.label) for e in entries] == [
        ("First Paper", "Mar 12"),
        ("Second Paper", "Mar 11"),
    ]


def test_dump_without_header_is_detected_from_its_label():
    """Without the page header, a date label followed by a title and an abstract suffices."""
    text = f"Mar 3\n\nA Headerless Paper\n\n{LONG}\n"
    result = parse_text(text, "dump.txt")
    assert result.format == "hfdaily"
    assert [e.title for e in result.entries] == ["A Headerless Paper"]


def test_title_without_abstract_is_kept_with_a_warning():
    """A final title with nothing after it is an entry with an empty abstract and a warning."""
    text = HEADER + f"Mar 12\n\nFirst Paper\n\n{LONG}\n\nDangling Title\n"
    result = parse_text(text, "dump.txt")
    assert [(e.title, e.abstract) for e in result.entries][-1] == ("Dangling Title", "")
    assert [(p.line, p.level) for p in result.problems] == [(15, "warning")]


def test_abstract_without_title_is_reported():
    """Two abstracts in a row: the second has no title, so it is reported and skipped."""
    text = HEADER + f"Mar 12\n\nFirst Paper\n\n{LONG}\n\n{LONG}\n{LONG}\n"
    result = parse_text(text, "dump.txt")
    assert [e.title for e in result.entries] == ["First Paper"]
    assert [(p.line, p.level) for p in result.problems] == [(15, "error")]


def test_no_final_newline_keeps_the_last_abstract(fixture):
    """A dump cut off without a final newline still ends its last abstract with its last word."""
    text = fixture(DUMP).read_text(encoding="utf-8").rstrip("\n")
    entries = parse_text(text, "dump.txt").entries
    assert entries[-1].abstract.endswith("Code and checkpoints are public.")


# -- short abstracts are abstracts: the page's alternation first, the text's shape second --


def pairs(name: str, fixture) -> list[tuple[str, str]]:
    result = parse_file(fixture(name))
    assert result.format == "hfdaily" and result.problems == []
    return [(e.title, e.abstract) for e in result.entries]


def test_one_sentence_abstracts_pair_with_their_titles(fixture):
    """Abstracts of one short sentence (`Driftless` / `A one-line abstract.`) are read as
    the abstracts of the titles before them, not as titles of their own."""
    assert pairs("hfdaily/daily-papers-one-sentence-abstracts.txt", fixture) == [
        ("Driftless", "A one-line abstract."),
        (
            "Quiet Gradients for Federated Fine-Tuning",
            "Clients send gradients only when they change enough to matter.",
        ),
        (
            "Kelp: Knowledge-Enhanced Lexical Parsing",
            "We parse with a lexicon learned from dictionaries.",
        ),
        (
            "Tiny Recurrent Tokenizers",
            "Recurrent tokenizers beat byte-pair encoding on morphologically rich languages.",
        ),
    ]


def test_abstracts_without_a_full_stop_pair_with_their_titles(fixture):
    """Abstracts that end without a full stop are still abstracts."""
    found = pairs("hfdaily/daily-papers-no-full-stop.txt", fixture)
    assert [title for title, _ in found] == [
        "Harbor Maps from Sonar Sweeps",
        "Wavelet Priors for Audio Inpainting",
        "Counting Seabirds from Drone Video",
    ]
    assert (
        found[1][1]
        == "Gaps of up to half a second in music recordings are filled with wavelet priors"
    )


def test_titles_ending_in_a_question_mark_or_a_full_stop_stay_titles(fixture):
    """`Scaling Is Not Enough.` and `Can Small Models Plan?` are titles (the alternation says
    so), and `Yes, with search.` is an abstract, across a second date label."""
    found = pairs("hfdaily/daily-papers-title-punctuation.txt", fixture)
    assert [title for title, _ in found] == [
        "Do Vision Models Dream of Counting?",
        "Scaling Is Not Enough.",
        "Why Do Optimizers Stall on Plateaus?",
        "Attention, Briefly.",
        "Can Small Models Plan?",
    ]
    assert found[1][1] == "Bigger models forget rare facts at the same rate."
    assert found[-1][1] == "Yes, with search."
    labels = [
        e.source.label
        for e in parse_file(fixture("hfdaily/daily-papers-title-punctuation.txt")).entries
    ]
    assert labels == ["Sep 19"] * 3 + ["Sep 18"] * 2


def test_a_title_missing_its_abstract_midway_is_found_by_shape():
    """When the alternation breaks (a title lost its abstract), the text's shape says where:
    the title-like paragraph followed by another title keeps an empty abstract and a
    warning; the pairs around it are unchanged."""
    text = (
        HEADER + "Mar 12\n\nFirst Paper\n\nA short first abstract.\n\n"
        "An Orphaned Title With No Abstract\n\nThird Paper on Sparse Codes\n\n"
        "Sparse codes are learned from data.\n"
    )
    result = parse_text(text, "dump.txt")
    assert [(e.title, e.abstract) for e in result.entries] == [
        ("First Paper", "A short first abstract."),
        ("An Orphaned Title With No Abstract", ""),
        ("Third Paper on Sparse Codes", "Sparse codes are learned from data."),
    ]
    assert [(p.line, p.level) for p in result.problems] == [(15, "warning")]
