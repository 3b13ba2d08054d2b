"""Tests format detection and decoding: what is a paper list, and in which encoding."""

from __future__ import annotations

import pytest
from paperbrowse.index.formats import NotAPaperList, detect, parse_file, parse_text, read_text
from paperbrowse.index.formats.common import split_lines


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hotpapers/2021-03-14---Hot-Papers.md", "hotpapers"),
        ("hfdaily/daily-papers-mar-12.txt", "hfdaily"),
        ("conference/NIPS-2022-list01.md", "conference"),
        ("legacy/git-a46084e_heading-title-period.md", "conference"),
        ("mess/hot-no-papers.md", "hotpapers"),
    ],
)
def test_each_format_is_detected_from_content(fixture, name, expected):
    """The format is judged from the text, not from the file name."""
    text = fixture(name).read_text(encoding="utf-8")
    assert detect(split_lines(text)) == expected
    assert parse_text(text, "renamed.txt").format == expected


def test_hot_papers_without_front_matter_are_detected_from_their_papers():
    """Numbered headings with tweet counts are a Hot Papers post even without front matter."""
    text = "# 1. A Paper\n\nA. Author\n\n- retweets: 3, favorites: 1 (x)\n\nWords.\n"
    assert parse_text(text, "x.md").format == "hotpapers"


def test_readme_is_not_a_paper_list(fixture):
    """A README with headings, lists and a bold note raises NotAPaperList naming the file."""
    path = fixture("notalist/README.md")
    with pytest.raises(NotAPaperList) as raised:
        parse_file(path)
    problem = raised.value.problem
    assert problem.path == str(path) and problem.fatal
    assert str(path) in str(raised.value)
    assert "not a paper list" in problem.message


@pytest.mark.parametrize("name", ["notalist/empty.md", "notalist/blank.md"])
def test_empty_file_is_not_a_paper_list(fixture, name):
    """An empty or whitespace-only file raises NotAPaperList saying it is empty."""
    path = fixture(name)
    with pytest.raises(NotAPaperList) as raised:
        parse_file(path)
    assert raised.value.problem.path == str(path)
    assert "empty" in raised.value.problem.message


def test_missing_file_is_not_a_paper_list(tmp_path):
    """A path that cannot be read raises NotAPaperList naming it, not OSError."""
    path = tmp_path / "gone.md"
    with pytest.raises(NotAPaperList) as raised:
        parse_file(path)
    assert raised.value.problem.path == str(path)


def test_prose_with_a_few_headings_is_not_a_paper_list():
    """Markdown with `##` headings but no paper fields is not a conference list."""
    text = "## Install\n\nRun pip.\n\n## Usage\n\n**Authors**: see AUTHORS.\n"
    with pytest.raises(NotAPaperList):
        parse_text(text, "notes.md")


# -- encodings -----------------------------------------------------------------------------------

EXPECTED_TITLE = "Encoding-Agnostic Readers for Schrödinger Bridges"


@pytest.mark.parametrize(
    "name", ["utf8-bom.md", "utf16-le-bom.md", "utf16-be-bom.md", "utf16-le.md", "utf16-be.md"]
)
def test_unicode_encodings_are_read(generated, name):
    """UTF-8 with a BOM and UTF-16 (LE/BE, with or without a BOM) read the same, silently."""
    result = parse_file(generated[name])
    assert result.format == "conference"
    assert result.problems == []
    [entry] = result.entries
    assert entry.title == EXPECTED_TITLE
    assert entry.authors == ("Åsa Berg", "李雷")
    assert entry.source.line == 1


def test_utf8_bom_is_not_part_of_the_text(generated):
    """The BOM is stripped, so the first heading is still on line 1 and has no U+FEFF."""
    text, problems = read_text(generated["utf8-bom.md"])
    assert not text.startswith("\ufeff") and problems == []


def test_latin1_falls_back_with_a_warning(generated):
    """Invalid UTF-8 is read as Latin-1 (cp1252) and a warning names the first bad line."""
    result = parse_file(generated["latin1.md"])
    [entry] = result.entries
    assert entry.title == "Café Recommendations with Naïve Priors"
    assert entry.authors == ("Jürgen Schröder", "Zoé Lefèvre")
    [problem] = result.problems
    assert (problem.level, problem.line, problem.fatal) == ("warning", 1, False)
    assert "Latin-1" in problem.message
    assert str(problem).startswith(f"{generated['latin1.md']}:1: warning:")


def test_binary_data_is_rejected(generated):
    """Bytes that are not text raise NotAPaperList saying so, naming the file."""
    with pytest.raises(NotAPaperList) as raised:
        parse_file(generated["binary.md"])
    problem = raised.value.problem
    assert problem.path == str(generated["binary.md"]) and problem.fatal
    assert "binary" in problem.message


def test_image_header_is_rejected(tmp_path):
    """A PNG renamed to .md is binary, not a list."""
    path = tmp_path / "figure.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(32)) * 50)
    with pytest.raises(NotAPaperList):
        parse_file(path)
