"""Tests the four older conference-list layouts that the conference parser must also read."""

from __future__ import annotations

from paperbrowse.index.formats import parse_file
from paperbrowse.index.merge import merge_entries

PERIOD = "legacy/git-a46084e_heading-title-period.md"
CHECKBOX = "legacy/git-8b53c57_numbered-viewed-checkbox.md"
ZEROS = "legacy/git-687fcef_all-zero-headings.md"
INDENTED = "legacy/git-93cb413_indented-8.md"


def test_every_legacy_layout_is_a_conference_list(fixture):
    """All four layouts are detected as conference lists and parse without problems."""
    for name in (PERIOD, CHECKBOX, ZEROS, INDENTED):
        result = parse_file(fixture(name))
        assert (result.format, result.problems) == ("conference", []), name


def test_title_period_headings_drop_the_trailing_period(fixture):
    """`### Title.` gives the title without the period the paper does not have."""
    entries = parse_file(fixture(PERIOD)).entries
    assert entries[0].title == "Neural Fields with Hash Grids for Tomography"


def test_title_period_headings_keep_other_final_punctuation(fixture):
    """A question mark or an ellipsis ending a legacy title is part of the title."""
    entries = parse_file(fixture(PERIOD)).entries
    assert entries[1].title == "Does Pretraining Help Offline Reinforcement Learning?"
    assert entries[2].title == "Scaling Laws for Sparse Mixtures, Revisited..."


def test_title_period_headings_have_no_rank(fixture):
    """Un-numbered `###` headings give entries without a rank, at their heading lines."""
    entries = parse_file(fixture(PERIOD)).entries
    assert [(e.source.rank, e.source.line) for e in entries] == [(None, 1), (None, 13), (None, 25)]


def test_un_italicised_fields_are_read(fixture):
    """`**Authors**: A, B` and `**Conference**: nips 2023` without italics are read the same."""
    entry = parse_file(fixture(PERIOD)).entries[0]
    assert entry.authors == ("Pilar Domínguez", "Quentin Laurent")
    assert (entry.venue, entry.year) == ("NeurIPS", 2023)
    assert entry.abstract == (
        "Hash-grid neural fields reconstruct tomographic volumes from few projections."
    )


def test_viewed_checkbox_is_ignored(fixture):
    """The `- [ ] viewed` / `- [x] viewed` line is neither author, field nor abstract text."""
    entries = parse_file(fixture(CHECKBOX)).entries
    assert [e.source.rank for e in entries] == [1, 2]
    assert entries[0].authors == ("Ulla Berg", "Victor Nguyen")
    assert all("viewed" not in e.abstract and "[" not in e.abstract for e in entries)


def test_all_zero_headings_are_all_papers(fixture):
    """Every heading numbered `[0]` is still its own paper: none is dropped or merged."""
    entries = parse_file(fixture(ZEROS)).entries
    assert [e.source.rank for e in entries] == [0, 0, 0]
    assert len(merge_entries(entries)) == 3


def test_indented_layout_reads_every_field(fixture):
    """A list indented by 8 spaces after its first heading reads like an unindented one."""
    entries = parse_file(fixture(INDENTED)).entries
    assert [(e.source.rank, e.source.line) for e in entries] == [(200, 1), (201, 16)]
    second = entries[1]
    assert second.title == "Token-Level Watermarks for Code Models"
    assert second.authors == ("Emeka Obi",)
    assert (second.venue, second.year) == ("NeurIPS", 2023)
    assert second.url.endswith("-Abstract-Conference.html")


def test_indented_abstract_lines_are_joined_without_indentation(fixture):
    """Indented abstract lines join into one paragraph with single spaces."""
    entry = parse_file(fixture(INDENTED)).entries[0]
    assert entry.abstract == (
        "We benchmark thirty anomaly detectors on fifty tabular datasets and find that simple "
        "nearest-neighbour methods remain competitive."
    )
