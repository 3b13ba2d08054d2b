"""Tests that the built-in demo lists parse cleanly, merge to ~30 papers and carry sane facts."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest
from paperbrowse.index.formats import ParseResult, parse_file
from paperbrowse.index.merge import merge_entries
from paperbrowse.index.models import Entry, Paper

DEMO_DIR = Path(str(files("paperbrowse.tui.demo")))
EXPECTED_FORMATS = {
    "hot-papers.md": "hotpapers",
    "conference-list.md": "conference",
    "daily-papers.txt": "hfdaily",
}
ARXIV_ID = re.compile(r"^\d{4}\.\d{4,5}$")


@cache
def _parsed(name: str) -> ParseResult:
    return parse_file(DEMO_DIR / name)


def _entries() -> list[Entry]:
    return [entry for name in EXPECTED_FORMATS for entry in _parsed(name).entries]


def _papers() -> list[Paper]:
    return merge_entries(_entries())


def _paper(title_start: str) -> Paper:
    matches = [p for p in _papers() if p.title.startswith(title_start)]
    assert len(matches) == 1, [p.title for p in matches]
    return matches[0]


def test_demo_dir_holds_exactly_the_three_lists() -> None:
    """The loader's view of the demo (*.md and *.txt but README.txt) is the three lists."""
    lists = {
        path.name
        for path in DEMO_DIR.iterdir()
        if path.suffix in (".md", ".txt") and path.name != "README.txt"
    }
    assert lists == set(EXPECTED_FORMATS)
    assert (DEMO_DIR / "README.txt").is_file()


@pytest.mark.parametrize(("name", "fmt"), sorted(EXPECTED_FORMATS.items()))
def test_each_demo_file_parses_in_its_format_without_problems(name: str, fmt: str) -> None:
    """Each demo file is detected as its own format and parses with no problems at all."""
    result = _parsed(name)
    assert result.format == fmt
    assert result.problems == []
    assert result.entries


def test_merging_gives_between_25_and_40_unique_papers() -> None:
    """The demo files merge to 25-40 papers, fewer than their entries (some papers overlap)."""
    papers = _papers()
    assert 25 <= len(papers) <= 40
    assert len(papers) < len(_entries())


def test_roformer_has_its_arxiv_id() -> None:
    """RoFormer carries arXiv id 2104.09864."""
    assert _paper("RoFormer").arxiv_id == "2104.09864"


def test_deberta_has_its_openreview_id() -> None:
    """DeBERTa carries its ICLR 2021 OpenReview forum id XPZIaotutsD."""
    deberta = _paper("DeBERTa")
    assert deberta.openreview_id == "XPZIaotutsD"
    assert (deberta.venue, deberta.year) == ("ICLR", 2021)


def test_every_arxiv_id_is_a_new_style_id() -> None:
    """Every arXiv id in the demo, per entry and per paper, looks like `2104.09864`."""
    ids = [e.arxiv_id for e in _entries() if e.arxiv_id]
    ids += [p.arxiv_id for p in _papers() if p.arxiv_id]
    assert ids
    assert [i for i in ids if not ARXIV_ID.match(i)] == []


def test_no_summary_is_longer_than_400_characters() -> None:
    """Every summary is a short paragraph of our own, at most 400 characters and never empty."""
    too_long = [(e.title, len(e.abstract)) for e in _entries() if len(e.abstract) > 400]
    assert too_long == []
    assert all(e.abstract for e in _entries())
