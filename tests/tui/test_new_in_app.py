"""New papers in the app: papers added since it first opened show • until the detail pane
shows them; the first open takes every paper as known; the new keys are in the help and the
palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.keydocs import markdown_table
from paperbrowse.tui.marking import NEW
from textual.command import CommandList, CommandPalette

if TYPE_CHECKING:
    from conftest import Tui


def row_text(app, y: int) -> str:
    results = app.screen.query_one("#results")
    return "".join(segment.text for segment in results.render_line(y))


async def test_the_first_open_takes_every_paper_as_known(tui: Tui, marked_app, marks_path) -> None:
    """Never opened before: no row is new, and the open is recorded in the marks file."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        assert not any(NEW in row_text(app, y) for y in range(tui.papers))
        await tui.search(pilot, "is:new")
        assert app.screen.query_one("#results").rows.total == 0
    assert Marks(marks_path).last_open() is not None


async def test_papers_added_since_show_new_until_the_detail_pane_shows_them(
    tui: Tui, marked_app, marks_path
) -> None:
    """The app opened once on an empty index; now its papers are new (•) but the highlighted
    one, which the detail pane shows; moving down shows the next, which is new no more, and
    `is:new` counts the rest."""
    Marks(marks_path).opened(list, now=1)  # an earlier session, on an empty index
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter")
        assert NEW not in row_text(app, 0)
        assert NEW in row_text(app, 1)
        await tui.press(pilot, "j")
        await tui.until(pilot, lambda: NEW not in row_text(app, 1))
        second = app.screen.query_one("#results").highlighted
        assert not Marks(marks_path).get(paper_keys(second)).new
        await tui.search(pilot, "is:new")
        assert app.screen.query_one("#results").rows.total == tui.papers - 2


async def test_a_hidden_detail_pane_shows_nothing_so_papers_stay_new(
    tui: Tui, marked_app, marks_path
) -> None:
    """Narrow, with the detail pane hidden (`d`), moving over new papers leaves them new."""
    Marks(marks_path).opened(list, now=1)
    app = marked_app()
    async with tui.run(app, tui.narrow) as pilot:
        await tui.press(pilot, "enter", "d", "j")
        assert NEW in row_text(app, 1)


def test_the_help_table_has_every_reading_key() -> None:
    """t, n, space, A and e are rows of the key table (help screen and README)."""
    table = markdown_table()
    for row in ("| `t` |", "| `n` |", "| `space` |", "| `A` |", "| `e` |"):
        assert row in table, row


async def test_the_palette_offers_export_tags_and_note(tui: Tui, marked_app) -> None:
    """The palette's commands come from the bindings: Export, Tags, Note, Select all."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await tui.type_text(pilot, "export")
        commands = app.screen.query_one(CommandList)
        await tui.until(pilot, lambda: commands.option_count > 0)
        prompt = str(commands.get_option_at_index(0).prompt)
        assert prompt.startswith("Export") and prompt.endswith("(e)")
        titles = {c.title for c in app.get_system_commands(app.screen)}
    assert {"Export", "Tags", "Note", "Select all", "Select", "Mark read", "Star"} <= titles
