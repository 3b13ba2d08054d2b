"""Tests the small things a new user meets: lines that fit, words that agree, keys offered
only where they work, and the paper kept in view on a tiny terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from paperbrowse.index.models import Facet
from paperbrowse.tui.app import PaperBrowseApp
from paperbrowse.tui.backend import Backend, Outcome, Stage
from paperbrowse.tui.launch import index_hint
from paperbrowse.tui.locations import index_dir
from paperbrowse.tui.screens.facets import FacetScreen
from paperbrowse.tui.status import facet_line, status_text
from paperbrowse.tui.widgets.footer import KeyFooter
from paperbrowse.tui.widgets.results import ResultsList, Rows, row_columns
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

if TYPE_CHECKING:
    from conftest import Tui

# -- the facet line ----------------------------------------------------------------------------


def outcome_with_facets() -> Outcome:
    """Results with long venue names, five years and three list formats: wider than 116."""
    venues = ["NeurIPS", "ICLR", "ICML", "CVPR", "IJCAI"]
    facets = {
        "venue": [Facet("venue", v + " Workshop Track", 100 - i) for i, v in enumerate(venues)],
        "year": [Facet("year", str(2019 + i), 50 - i) for i in range(5)],
        "source": [Facet("source", s, 30) for s in ("hotpapers", "hfdaily", "conference")],
    }
    return Outcome("", "relevance", Rows(0, lambda a, b: []), facets=facets)


def test_the_facet_line_fits_its_width_and_never_shows_a_field_without_values() -> None:
    """At 120 columns (116 for the line) values are dropped to fit, each field shown keeps at
    least one value, and the line is never cut (no bare `│ source`, no ellipsis)."""
    line = facet_line(outcome_with_facets(), 116).plain
    assert len(line) <= 116
    assert "…" not in line
    parts = [part.strip() for part in line.split("│")]
    assert [part.split(" ", 1)[0] for part in parts] == ["venue", "year", "source"]
    assert all(" " in part for part in parts), parts
    assert "hotpapers 30" in line


async def test_picking_a_facet_already_applied_does_not_append_it_again(tui: Tui) -> None:
    """With `venue:iclr` in the query, choosing ICLR again leaves the query as it is and
    says so."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "learning venue:iclr")
        await tui.press(pilot, "f")
        picker = app.screen
        assert isinstance(picker, FacetScreen)
        iclr = [(f.field, f.value) for f in picker.facets].index(("venue", "ICLR"))
        picker.query_one(OptionList).highlighted = iclr
        await tui.press(pilot, "enter")
        assert app.screen.query_one("#filter", Input).value == "learning venue:iclr"
        assert "The search is narrowed to venue:iclr already." in app.notified


# -- words -------------------------------------------------------------------------------------


def test_one_paper_is_one_paper_while_still_counting() -> None:
    """A first answer of one paper reads `1 paper`, not `1 papers`."""
    outcome = Outcome("x", "relevance", Rows(1, lambda a, b: []), stage=Stage.RANKED)
    assert status_text(outcome, "relevance", demo=False).plain.startswith("1+ paper ")


async def test_the_palette_shows_the_markdown_entry_with_its_brackets(tui: Tui) -> None:
    """The palette's Markdown entry reads `… [Title](link) … (m)`: the brackets are not taken
    for markup."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"markdown")
        commands = app.screen.query_one(CommandList)
        await tui.until(pilot, lambda: commands.option_count > 0)
        prompt = str(commands.get_option_at_index(0).prompt)
        assert "Copy a Markdown link [Title](link)" in prompt and prompt.endswith("(m)")


async def test_retweets_are_counted_without_a_heart(tui: Tui) -> None:
    """The list and the detail pane give retweets a neutral label: `930 RT`, `930 retweets,
    2100 favorites`; no ♥ anywhere."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")
        paper = app.screen.query_one("#results", ResultsList).highlighted
        assert row_columns(paper)[2] == "930 RT"
        assert f"930 retweets, {paper.favorites} favorites" in tui.detail_text(app)
        assert "♥" not in tui.screen_text(app)


# -- keys offered where they work --------------------------------------------------------------


def footer_shown(app: PaperBrowseApp) -> list[str]:
    """What the footer drew last: each key's description."""
    return [entry.description for _, _, entry in app.screen.query_one(KeyFooter).shown]


def footer_keys(app: PaperBrowseApp) -> str:
    """The footer's keys that can act now (a dimmed key is shown but says it cannot)."""
    footer = app.screen.query_one(KeyFooter)
    return " ".join(entry.description for _, _, entry in footer.shown if entry.enabled)


async def test_the_footer_lights_openreview_only_on_papers_that_have_it(tui: Tui) -> None:
    """On a paper without an OpenReview forum the footer shows `o` dimmed (and `o` says
    there is none); on one with a forum it lights it, in the same place: the footer is not
    rebuilt for it (a rebuild re-arranges the whole screen)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")  # a Hot Papers entry: arXiv only
        assert "OpenReview" in footer_shown(app)
        assert "OpenReview" not in footer_keys(app)
        await tui.press(pilot, "o")
        assert "This paper has no OpenReview URL; the clipboard is unchanged." in app.notified
        await tui.press(pilot, "slash")
        await tui.select(pilot, "Contrastive Mirage")
        await tui.until(pilot, lambda: "OpenReview" in footer_keys(app))


async def test_a_narrow_footer_leaves_out_o_where_it_cannot_act(tui: Tui) -> None:
    """At 80 columns the footer is full: `o` is shown only on a paper with a forum."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.select(pilot, "rotary lattice")
        assert "OpenReview" not in footer_shown(app)
        assert "Help" in footer_keys(app)
        await tui.press(pilot, "slash")
        await tui.select(pilot, "Contrastive Mirage")
        await tui.until(pilot, lambda: "OpenReview" in footer_keys(app))


async def test_moving_through_the_list_dims_and_lights_o_without_rebuilding_the_footer(
    tui: Tui,
) -> None:
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "")  # every paper, the list focused
        results = app.screen.query_one("#results", ResultsList)
        keys = footer_shown(app)
        seen = set()
        for _ in range(tui.papers):
            paper = results.highlighted
            assert paper is not None
            has_forum = paper.urls.openreview is not None
            seen.add(has_forum)
            await tui.until(pilot, lambda: ("OpenReview" in footer_keys(app)) == has_forum)  # noqa: B023
            assert footer_shown(app) == keys  # `o` stays in its place, lit or dimmed
            await tui.press(pilot, "j")
        assert seen == {True, False}


# -- the empty index ---------------------------------------------------------------------------


async def test_the_empty_index_screen_names_the_index_the_app_was_started_with(
    tui: Tui, tmp_path: Path
) -> None:
    """Started with `--index DIR` on an empty index, the app suggests commands that fill
    that index: `paperbrowse add --index DIR ~/papers/`."""
    from paperbrowse.index.library import Library

    library = Library(tmp_path / "my index")
    tui.libraries.append(library)
    app = PaperBrowseApp(Backend(library), index_hint=str(tmp_path / "my index"))
    async with tui.run(app):
        text = tui.text_of(app, "#empty-text")
        assert f"paperbrowse add --index '{tmp_path}/my index' ~/papers/" in text
        assert f"paperbrowse --index '{tmp_path}/my index' ~/papers/" in text


def test_the_default_index_needs_no_index_flag(tmp_path: Path) -> None:
    """The index a bare `paperbrowse add` uses is not named; any other one is."""
    assert index_hint(index_dir()) is None
    assert index_hint(tmp_path / "elsewhere") == str(tmp_path / "elsewhere")


# -- a tiny terminal ---------------------------------------------------------------------------


async def test_at_50x14_the_selected_paper_stays_in_view_with_its_neighbours(tui: Tui) -> None:
    """At 50x14 the list keeps three rows: moving down keeps the selected paper on screen
    with the rows around it."""
    app = tui.app()
    async with tui.run(app, (50, 14)) as pilot:
        await tui.press(pilot, "enter", "j", "j", "j")
        results = app.screen.query_one("#results", ResultsList)
        assert results.size.height >= 3
        assert results.scroll_offset.y <= results.cursor < results.scroll_offset.y + 3
        screen = tui.screen_text(app)
        title = " ".join(results.highlighted.title.split())[:20]
        assert title in screen
