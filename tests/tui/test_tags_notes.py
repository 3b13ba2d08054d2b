"""`t` edits tags (one line, the tags in use completed) and `n` a note (a text area, ctrl+s
saves, escape cancels), on the highlighted paper or, for tags, the selection."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.screens.note import NoteScreen
from paperbrowse.tui.screens.tags import SuggestTag, TagScreen, parse_tags
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from conftest import Tui


def mark_of(marks_path, paper):
    return Marks(marks_path).get(paper_keys(paper))


def highlighted(app):
    return app.screen.query_one("#results").highlighted


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("rope, graphs", ["rope", "graphs"]),
        ("  rope   graphs,,rope ", ["rope", "graphs"]),
        ("#rope Rope", ["rope"]),
        ("", []),
    ],
)
def test_tags_are_split_on_commas_and_spaces_each_once(typed: str, tags: list[str]) -> None:
    """Commas or spaces separate tags; a `#` in front is dropped; repeats (any case) go."""
    assert parse_tags(typed) == tags


async def test_the_suggester_completes_the_last_word_from_the_tags_in_use() -> None:
    """`graphs dif` suggests `graphs diffusion`; a tag already typed is not suggested again."""
    suggester = SuggestTag(["diffusion", "Graphs"])
    assert await suggester.get_suggestion("graphs dif") == "graphs diffusion"
    assert await suggester.get_suggestion("graphs, Gr") is None
    assert await suggester.get_suggestion("gr") == "Graphs"
    assert await suggester.get_suggestion("x ") is None


async def test_t_sets_the_tags_typed_and_again_shows_them(tui: Tui, marked_app, marks_path) -> None:
    """`t` opens the tag line; `rope, graphs` + enter tags the paper; `t` again starts from
    its tags, and emptying the line removes them."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "t")
        assert isinstance(app.screen, TagScreen)
        await tui.type_text(pilot, "rope, graphs")
        await tui.press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        paper = highlighted(app)
        assert mark_of(marks_path, paper).tags == ("graphs", "rope")
        await tui.press(pilot, "t")
        field = app.screen.query_one(Input)
        assert parse_tags(field.value) == ["graphs", "rope"]
        field.value = "graphs"
        await tui.press(pilot, "enter")
        assert mark_of(marks_path, paper).tags == ("graphs",)
        await tui.press(pilot, "t")
        app.screen.query_one(Input).value = ""
        await tui.press(pilot, "enter")
        assert mark_of(marks_path, paper).tags == ()


async def test_tab_completes_a_tag_in_use(tui: Tui, marked_app, marks_path) -> None:
    """With `diffusion` in use, typing `dif` then tab gives `diffusion `."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "mirage")
        Marks(marks_path).update([paper_keys(highlighted(app))], add_tags=["diffusion"])
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "t")
        await tui.type_text(pilot, "dif")
        await tui.until(pilot, lambda: app.screen.query_one(Input)._suggestion != "")
        await tui.press(pilot, "tab")
        assert app.screen.query_one(Input).value == "diffusion "
        await tui.press(pilot, "enter")
        assert mark_of(marks_path, highlighted(app)).tags == ("diffusion",)


async def test_escape_in_the_tag_line_changes_nothing(tui: Tui, marked_app, marks_path) -> None:
    """escape closes the tag line; the paper's tags stay as they were (none: no file)."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "t")
        await tui.type_text(pilot, "rope")
        await tui.press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert mark_of(marks_path, highlighted(app)).tags == ()


async def test_t_on_a_selection_tags_every_paper_and_keeps_their_other_tags(
    tui: Tui, marked_app, marks_path
) -> None:
    """On two selected papers, the line starts from the tags both have; removing one of those
    removes it from both, adding one adds it to both, and a tag only one had stays."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        results = app.screen.query_one("#results")
        first, second = results.paper_at(0), results.paper_at(1)
        marks = Marks(marks_path)
        marks.update([paper_keys(first), paper_keys(second)], add_tags=["graphs"])
        marks.update([paper_keys(first)], add_tags=["only-first"])
        await tui.press(pilot, "A", "t")
        field = app.screen.query_one(Input)
        assert parse_tags(field.value) == ["graphs"]
        field.value = "kernels"
        await tui.press(pilot, "enter")
        assert mark_of(marks_path, first).tags == ("kernels", "only-first")
        assert mark_of(marks_path, second).tags == ("kernels",)
        assert "Tags #kernels: 2 papers" in app.notified


async def test_n_edits_the_note_and_ctrl_s_saves_it(tui: Tui, marked_app, marks_path) -> None:
    """`n` opens a text area (saying ctrl+s saves, escape cancels) with the note; ctrl+s
    saves what was typed, over several lines."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "n")
        assert isinstance(app.screen, NoteScreen)
        text = tui.screen_text(app)
        assert "ctrl+s saves" in text and "escape cancels" in text
        await tui.type_text(pilot, "check eq. 13")
        await tui.press(pilot, "enter")
        await tui.type_text(pilot, "and fig 2")
        await tui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert mark_of(marks_path, highlighted(app)).note == "check eq. 13\nand fig 2"
        await tui.press(pilot, "n")
        assert app.screen.query_one(TextArea).text == "check eq. 13\nand fig 2"


async def test_escape_in_the_note_keeps_the_old_note(tui: Tui, marked_app, marks_path) -> None:
    """Typing then escape leaves the note as it was."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        Marks(marks_path).update([paper_keys(highlighted(app))], note="keep me")
        await tui.press(pilot, "n")
        await tui.type_text(pilot, " and more")
        await tui.press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert mark_of(marks_path, highlighted(app)).note == "keep me"


async def test_a_note_found_by_has_note(tui: Tui, marked_app) -> None:
    """A note saved in the app makes `has:note` find the paper."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "mirage")
        await tui.press(pilot, "n")
        await tui.type_text(pilot, "augmentations")
        await tui.press(pilot, "ctrl+s")
        await tui.search(pilot, "has:note")
        results = app.screen.query_one("#results")
        assert results.rows.total == 1
        assert results.paper_at(0).title.startswith("Contrastive Mirage")


async def test_tags_show_in_the_facet_line_and_narrow_from_the_facet_screen(
    tui: Tui, marked_app, marks_path
) -> None:
    """A tag in use is a facet with its count (facet line and `f`); choosing it narrows the
    search to `tag:NAME`."""
    from paperbrowse.tui.screens.facets import FacetScreen
    from textual.widgets import OptionList

    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        results = app.screen.query_one("#results")
        Marks(marks_path).update(
            [paper_keys(results.paper_at(0)), paper_keys(results.paper_at(1))], add_tags=["graphs"]
        )
        await tui.search(pilot, "")
        assert "tag graphs 2" in tui.text_of(app, "#facets")
        await tui.press(pilot, "escape", "f")
        assert isinstance(app.screen, FacetScreen)
        options = app.screen.query_one(OptionList)
        index = next(
            i
            for i in range(options.option_count)
            if "graphs" in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = index
        await tui.press(pilot, "enter")
        assert app.screen.query_one("#filter").value == "tag:graphs"
        await tui.settle(pilot)
        assert app.screen.query_one("#results").rows.total == 2
