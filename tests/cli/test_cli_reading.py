"""Tests `paperbrowse search` on what people paste: titles with colons and `?`, stop words,
links, a typo (all-but-one answer and did-you-mean), and never a syntax error for text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperbrowse.index.library import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def reading_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("cli-reading") / "index"
    with Library(index) as library:
        assert library.add([FIXTURES / "search/reading-list.md"]).files_failed == 0
    return index


def first_title(done) -> str:
    return json.loads(done.stdout.splitlines()[0])["title"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("For SALE: State-Action Latent Embeddings for Control", "For SALE"),
        ("Is Clustering Enough? Few-Shot Learning", "Is Clustering Enough?"),
        ("the lottery ticket", "The Lottery Ticket"),
        ("https://doi.org/10.1109/CVPR52729.2023.01002", "M$^4$I"),
        ("openreview.net/forum?id=Nv8gBlRp3qQ", "A Naïve Baseline"),
    ],
)
def test_pasted_text_exits_0_with_its_paper_first(cli, reading_index, text, title):
    done = cli("search", text, "--json", "--index", reading_index)
    assert done.returncode == 0, done.stderr
    assert first_title(done).startswith(title)


def test_a_typo_in_a_title_answers_all_but_one_and_suggests_the_word(cli, reading_index):
    done = cli("search", "lottery tiket lives embedding", "--index", reading_index)
    assert done.returncode == 0
    assert "The Lottery Ticket" in done.stdout.splitlines()[0]
    assert "no paper holds every word; these hold all but one" in done.stderr
    assert "did you mean: lottery ticket lives embedding" in done.stderr
