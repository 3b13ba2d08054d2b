"""The selection: `space` selects the highlighted paper (✓ in its row), `A` every result (again:
none), escape in the list clears; `b` and `m` copy every selected paper, `x` and `*` mark
them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.marking import SELECTED
from paperbrowse.tui.widgets.results import ResultsList
from pybtex.database import parse_string

if TYPE_CHECKING:
    from conftest import Tui


def results_of(app) -> ResultsList:
    return app.screen.query_one("#results", ResultsList)


def row_text(results: ResultsList, y: int) -> str:
    return "".join(segment.text for segment in results.render_line(y))


async def test_space_selects_the_highlighted_paper_and_again_deselects_it(
    tui: Tui, marked_app
) -> None:
    """space in the list ticks the row and says `1 selected` under the list; again, neither."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "space")
        results = results_of(app)
        assert row_text(results, 0).startswith(" " + SELECTED)
        assert results.border_subtitle.startswith("1 selected")
        assert [p.key for p in app.screen.selection.papers] == [results.highlighted.key]
        await tui.press(pilot, "space")
        assert not row_text(results, 0).startswith(" " + SELECTED)
        assert len(app.screen.selection) == 0 and not results.border_subtitle


async def test_space_in_the_filter_is_text_not_a_selection(tui: Tui, marked_app) -> None:
    """In the filter, space types a space: nothing is selected."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.type_text(pilot, "tidal gradient")
        assert app.screen.query_one("#filter").value == "tidal gradient"
        assert len(app.screen.selection) == 0


async def test_select_all_selects_every_result_and_again_clears(tui: Tui, marked_app) -> None:
    """`A` selects all the results (every one of them, not just those on screen); a second `A`
    clears the selection."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        results = results_of(app)
        assert results.rows.total == 2
        await tui.press(pilot, "A")
        assert len(app.screen.selection) == 2
        assert all(row_text(results, y).startswith(" " + SELECTED) for y in (0, 1))
        assert "Selected 2 papers" in app.notified
        await tui.press(pilot, "A")
        assert len(app.screen.selection) == 0


async def test_escape_in_the_list_clears_the_selection(tui: Tui, marked_app) -> None:
    """With a selection, escape in the list clears it (and a second escape does what escape
    always did)."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "A")
        assert len(app.screen.selection) == tui.papers
        await tui.press(pilot, "escape")
        assert len(app.screen.selection) == 0
        assert results_of(app).has_focus


async def test_the_selection_outlives_a_new_search(tui: Tui, marked_app) -> None:
    """Select in one search, search again, select more: both stay selected."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "space")
        await tui.select(pilot, "mirage")
        await tui.press(pilot, "space")
        titles = sorted(p.title for p in app.screen.selection.papers)
        assert titles == [
            "Contrastive Mirage: When Augmentations Lie",
            "Tidal Gradient Clipping Stabilises Diffusion Training",
        ]


async def test_b_copies_every_selected_papers_bibtex_with_unique_keys(
    tui: Tui, marked_app, no_system_clipboard: str
) -> None:
    """With two papers selected, `b` copies both entries; pybtex reads them back."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        await tui.press(pilot, "A", "b")
        await tui.until(pilot, lambda: app.clipboard != "")
        entries = parse_string(app.clipboard, "bibtex").entries
        assert sorted(e.fields["title"] for e in entries.values()) == [
            "{Rotary Lattice Embeddings for Sparse Graph Transformers}",
            "{Sparse Lattice Priors for Graph Generation}",
        ]
        assert any(n.startswith("Copied 2 BibTeX entries") for n in app.notified)


async def test_m_copies_a_markdown_line_per_selected_paper(
    tui: Tui, marked_app, no_system_clipboard: str
) -> None:
    """With two papers selected, `m` copies two `[Title](link)` lines."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        await tui.press(pilot, "A", "m")
        await tui.until(pilot, lambda: app.clipboard != "")
        lines = app.clipboard.splitlines()
        assert len(lines) == 2 and all(line.startswith("[") for line in lines)
        assert (
            "[Rotary Lattice Embeddings for Sparse Graph Transformers](https://arxiv.org/abs/2205.01111)"
            in lines
        )


async def test_c_still_copies_the_highlighted_papers_link_with_a_selection(
    tui: Tui, marked_app, no_system_clipboard: str
) -> None:
    """Links are one paper's: `a` with a selection copies the highlighted paper's URL."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "A", "a")
        await tui.until(pilot, lambda: app.clipboard != "")
        assert app.clipboard == "https://arxiv.org/abs/2205.02222"


async def test_x_and_star_mark_every_selected_paper(tui: Tui, marked_app, marks_path) -> None:
    """With a selection, `x` marks all read and `*` stars all; `x` again unmarks all."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        await tui.press(pilot, "A", "x", "asterisk")
        papers = app.screen.selection.papers
        marks = Marks(marks_path).get_many([paper_keys(p) for p in papers])
        assert all(m.read and m.starred for m in marks)
        assert "Marked read: 2 papers" in app.notified
        await tui.press(pilot, "x")
        assert not any(m.read for m in Marks(marks_path).get_many([paper_keys(p) for p in papers]))
