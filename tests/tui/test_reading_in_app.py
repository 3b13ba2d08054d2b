"""Tests that the filter bar reads what people type: stop words, pasted titles with colons
and `?`, links, and a finished word before its prefix expansions, key by key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from paperbrowse.tui.widgets.results import ResultsList
from textual.widgets import Input

if TYPE_CHECKING:
    from conftest import Tui

READING_LIST = Path(__file__).resolve().parents[1] / "fixtures" / "search" / "reading-list.md"


async def type_keys(tui: Tui, pilot, text: str) -> None:
    """Type `text` one key at a time into the focused filter, as a person does."""
    pilot.app.screen.query_one("#filter", Input).focus()
    await pilot.press(*["space" if c == " " else c for c in text])
    await tui.settle(pilot)


def first_title(app) -> str:
    results = app.screen.query_one("#results", ResultsList)
    return results.paper_at(0).title if results.rows.total else ""


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("routing is all you need", "Routing Is All You Need"),
        ("the lottery ticket", "The Lottery Ticket Lives in the Embedding"),
        ("For SALE: State-Action", "For SALE: State-Action Latent Embeddings for Control"),
        ("Is Clustering Enough?", "Is Clustering Enough? Few-Shot Learning Without Meta-Training"),
    ],
)
async def test_typed_text_with_stop_words_and_punctuation_finds_its_paper(
    tui: Tui, typed: str, title: str
) -> None:
    """Typed key by key, the paper is first, and the filter is not marked as a bad query."""
    app = tui.app(lists=[READING_LIST])
    async with tui.run(app) as pilot:
        await type_keys(tui, pilot, typed)
        assert app.screen.query_one("#filter", Input).value == typed
        assert first_title(app) == title
        assert not app.screen.query_one("#filter", Input).has_class("-bad-query")
        assert "paper" in tui.status(app)


async def test_a_pasted_title_with_a_colon_ranks_its_paper_first(tui: Tui) -> None:
    app = tui.app(lists=[READING_LIST])
    async with tui.run(app) as pilot:
        await tui.search(pilot, "QUILT: Pre-training Quilted Encoders for Tabular Data")
        assert first_title(app) == "QUILT: Pre-training Quilted Encoders for Tabular Data"


async def test_a_pasted_doi_link_finds_its_paper(tui: Tui) -> None:
    app = tui.app(lists=[READING_LIST])
    async with tui.run(app) as pilot:
        await tui.search(pilot, "https://doi.org/10.1109/CVPR52729.2023.00417")
        assert first_title(app) == "Routing Is All You Need"
        assert "1 paper" in tui.status(app)


async def test_a_misspelt_title_shows_papers_with_all_but_one_word_and_a_correction(
    tui: Tui,
) -> None:
    """No paper holds `tiket`: the status says the list holds all but one word and offers
    the real word; enter in the filter searches it."""
    app = tui.app(lists=[READING_LIST])
    async with tui.run(app) as pilot:
        await tui.search(pilot, "lottery tiket lives embedding")
        assert first_title(app) == "The Lottery Ticket Lives in the Embedding"
        status = tui.status(app)
        assert "all but one" in status
        assert "lottery ticket lives embedding" in status
        await pilot.press("enter")
        await tui.settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "lottery ticket lives embedding"
