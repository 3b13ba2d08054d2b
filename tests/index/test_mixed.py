"""Tests files that mix list formats: every entry of every format is read, in file order,
with a warning where the format changes; nothing is dropped silently (issue 9, item 5)."""

from __future__ import annotations

from pathlib import Path

from paperbrowse.index.formats import parse_file, parse_text
from paperbrowse.index.library import Library

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "mixed"
POST = MIXED / "2022-03-03---Hot-Papers.md"
THREE_WAY = MIXED / "ICML-2022-list09.md"


def test_conference_entries_appended_to_a_post_are_read():
    """A post of four papers with three conference entries after it gives seven entries,
    each with its own format, and the post's last abstract stays its own."""
    result = parse_file(POST)
    assert result.format == "hotpapers"
    assert [(e.source.line, e.format) for e in result.entries] == [
        (7, "hotpapers"),
        (18, "hotpapers"),
        (28, "hotpapers"),
        (38, "hotpapers"),
        (48, "conference"),
        (62, "conference"),
        (76, "conference"),
    ]
    tarn = result.entries[3]
    assert tarn.abstract == "Tarn segmentation finds mountain lakes."
    serac = result.entries[4]
    assert (serac.venue, serac.year, serac.openreview_id) == ("ICLR", 2022, "SeRaC00001")
    assert serac.abstract == "Serac collapse forecast with ice transformers."


def test_the_change_of_format_is_reported_where_it_happens():
    """One warning, at the first conference heading, says what was found and how it was read;
    nothing is an error, because nothing was lost."""
    problems = [str(p) for p in parse_file(POST).problems]
    assert problems == [
        f"{POST}:48: warning: a conference list starts here inside a Hot Papers post; "
        "read as conference entries"
    ]


def test_a_conference_list_with_a_post_and_a_dump_appended_reads_all_three():
    """Conference, then a Hot Papers entry, then a daily dump with its page header."""
    result = parse_file(THREE_WAY)
    assert [(e.format, e.title) for e in result.entries] == [
        ("conference", "Moulin Flow Estimation"),
        ("hotpapers", "Crevasse Maps from Drone Video"),
        ("hfdaily", "Ablation Zones Seen by Thermal Cameras"),
    ]
    assert result.entries[0].abstract == "Meltwater flow down moulins."
    assert result.entries[1].abstract == "Crevasse maps drawn from drone video."
    assert [p.line for p in result.problems] == [15, 25]


def test_adding_a_mixed_file_indexes_every_entry(library: Library):
    """`add` of the post indexes 7 papers (4 + 3), not 4, and finds the appended ones."""
    report = library.add([POST])
    assert (report.entries, report.papers_new, report.files_failed) == (7, 7, 0)
    assert library.search("venue:iclr").total == 3
    assert library.search("source:hotpapers").total == 4


def test_a_heading_without_its_formats_fields_does_not_start_a_region():
    """A `## Notes` heading with no bold fields inside a post is not a conference list."""
    text = (
        "---\ntitle: Hot Papers 2022-01-01\n---\n\n# 1. Only Paper\n\nA. Author\n\n"
        "- links: [abs](https://arxiv.org/abs/2201.00001)\n\nAn abstract.\n\n## Notes\n\nText.\n"
    )
    result = parse_text(text, "post.md")
    assert [e.format for e in result.entries] == ["hotpapers"]
    assert result.problems == []
