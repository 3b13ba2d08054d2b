"""`e` exports the selection, else the current results, to a file it asks for: the format from
the extension or chosen, written by the same function as `paperbrowse export`, in a worker;
errors said clearly."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.screens.export import ExportScreen
from paperbrowse.tui.screens.main import MainScreen
from pybtex.database import parse_file
from textual.widgets import Input, Select

if TYPE_CHECKING:
    from conftest import Tui


async def export_to(tui: Tui, pilot, path, form: str | None = None) -> None:
    """Press `e`, give the path (and a format), press enter, wait for the writing."""
    await tui.press(pilot, "e")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one(Input).value = str(path)
    if form is not None:
        screen.query_one(Select).value = form
    await tui.press(pilot, "enter")


async def test_e_writes_the_selection_as_bibtex_that_pybtex_reads(
    tui: Tui, marked_app, tmp_path
) -> None:
    """Two selected papers exported to `picked.bib`: two entries with unique keys, an arXiv
    paper's eprint, read back by pybtex; the message names the file."""
    app = marked_app()
    out = tmp_path / "picked.bib"
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "space")
        await tui.select(pilot, "mirage")
        await tui.press(pilot, "space")
        await export_to(tui, pilot, out)
        assert isinstance(app.screen, MainScreen)
        await tui.until(pilot, lambda: any(n.startswith("Exported") for n in app.notified))
    entries = parse_file(str(out), "bibtex").entries
    assert len(entries) == 2
    fields = {e.fields["title"]: e.fields for e in entries.values()}
    tidal = fields["{Tidal Gradient Clipping Stabilises Diffusion Training}"]
    assert tidal["eprint"] == "2205.02222" and tidal["archivePrefix"] == "arXiv"
    assert f"Exported 2 papers to {out} (bibtex)" in app.notified


async def test_e_without_a_selection_exports_the_current_results(
    tui: Tui, marked_app, marks_path, tmp_path
) -> None:
    """No selection: every paper the search matches goes out; a `.json` name gives JSON,
    with the marks."""
    app = marked_app()
    out = tmp_path / "lattice.json"
    async with tui.run(app) as pilot:
        await tui.select(pilot, "lattice")
        first = app.screen.query_one("#results").highlighted
        Marks(marks_path).update([paper_keys(first)], starred=True, add_tags=["graphs"])
        await export_to(tui, pilot, out)
        await tui.until(pilot, lambda: out.exists())
    items = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(i["title"] for i in items) == [
        "Rotary Lattice Embeddings for Sparse Graph Transformers",
        "Sparse Lattice Priors for Graph Generation",
    ]
    marked = next(i for i in items if i["title"] == first.title)
    assert marked["marks"]["starred"] and marked["marks"]["tags"] == ["graphs"]


async def test_a_chosen_format_overrides_the_extension(tui: Tui, marked_app, tmp_path) -> None:
    """A name without a known extension asks for a format; choosing Markdown writes it."""
    app = marked_app()
    out = tmp_path / "reading-list.txt"
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "e")
        app.screen.query_one(Input).value = str(out)
        await tui.press(pilot, "enter")
        assert isinstance(app.screen, ExportScreen)
        assert "Choose a format" in tui.text_of(app, "#export-problem")
        app.screen.query_one(Select).value = "markdown"
        app.screen.query_one(Input).focus()
        await tui.press(pilot, "enter")
        await tui.until(pilot, lambda: out.exists())
    assert out.read_text(encoding="utf-8").startswith(
        "- [Tidal Gradient Clipping Stabilises Diffusion Training](https://arxiv.org/abs/2205.02222)"
    )


async def test_an_existing_file_is_replaced_only_after_a_second_enter(
    tui: Tui, marked_app, tmp_path
) -> None:
    """The first enter on an existing file warns; the second replaces it."""
    app = marked_app()
    out = tmp_path / "old.csv"
    out.write_text("precious\n", encoding="utf-8")
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await export_to(tui, pilot, out)
        assert isinstance(app.screen, ExportScreen)
        assert "exists" in tui.text_of(app, "#export-problem")
        assert out.read_text(encoding="utf-8") == "precious\n"
        await tui.press(pilot, "enter")
        await tui.until(pilot, lambda: "precious" not in out.read_text(encoding="utf-8"))
    assert out.read_text(encoding="utf-8-sig").startswith("key,title,")


async def test_a_file_that_cannot_be_written_is_said_and_nothing_is_left(
    tui: Tui, marked_app, tmp_path
) -> None:
    """A directory that does not exist: an error naming the file and why; no file."""
    app = marked_app()
    out = tmp_path / "no" / "such" / "dir.bib"
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await export_to(tui, pilot, out)
        await tui.until(pilot, lambda: any(n.startswith("Could not write") for n in app.notified))
    message = next(n for n in app.notified if n.startswith("Could not write"))
    assert str(out) in message and "No such file or directory" in message
    assert not (tmp_path / "no").exists()


async def test_escape_cancels_the_export(tui: Tui, marked_app, tmp_path) -> None:
    """escape on the export question writes nothing."""
    app = marked_app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "e", "escape")
        assert isinstance(app.screen, MainScreen)
    assert not any(n.startswith("Export") for n in app.notified)


async def test_ctrl_u_then_a_path_typed_in_one_burst_gives_that_path(
    tui: Tui, marked_app, tmp_path
) -> None:
    """ctrl+u, a path and enter arriving at once (a paste, `tmux send-keys`) export to that
    path: ctrl+u no longer runs after the keys behind it and deletes them."""
    app = marked_app()
    out = tmp_path / "burst.md"
    async with tui.run(app) as pilot:
        await tui.select(pilot, "tidal")
        await tui.press(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        tui.type_ahead(app, "\x15" + str(out) + "\r")
        await tui.until(pilot, lambda: out.exists())
    assert out.read_text(encoding="utf-8").startswith("- [Tidal Gradient")
