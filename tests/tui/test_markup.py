"""Tests that paper data shows literally: Rich markup stays text, escapes never reach the screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from paperbrowse.tui.screens.facets import FacetScreen
from paperbrowse.tui.widgets.results import ResultsList

if TYPE_CHECKING:
    from conftest import Tui

HOSTILE_ID = "2205.03333"
HOSTILE_TITLE = (
    "[bold red]x[/] and [link=http://evil]y[/link]: Markup as Data[31m in Reversed Titles"
)
"""As shown: the list's ESC byte is dropped when parsed and its U+202E when displayed."""

ESC, RLO = "\x1b", "\u202e"
BIG = (160, 40)


def test_the_hostile_fixture_still_carries_its_escape_and_bidi_bytes(tui: Tui) -> None:
    """The fixture list keeps a raw ESC and a U+202E (an editor must not have normalised
    them away, or the tests below would prove nothing)."""
    text = (tui.fixtures / "hot-papers-2022-05-10.md").read_text(encoding="utf-8")
    assert f"Data{ESC}[31m" in text
    assert f"escape {ESC}[31m sequence" in text
    assert text.count(RLO) == 2


async def test_markup_in_a_title_shows_verbatim_in_the_detail_pane(tui: Tui) -> None:
    """The detail pane's title is the title as written, brackets and all, without the
    bidi override."""
    app = tui.app()
    async with tui.run(app, BIG) as pilot:
        await tui.select(pilot, HOSTILE_ID)
        detail = tui.detail_text(app)
        assert detail.splitlines()[0] == HOSTILE_TITLE
        assert "Titles such as [bold red]x[/] and links like [link=http://evil]y[/link]" in detail


async def test_markup_in_data_reaches_the_screen_as_text(tui: Tui) -> None:
    """The rendered screen (list row and detail pane) shows the brackets of the markup."""
    app = tui.app()
    async with tui.run(app, BIG) as pilot:
        await tui.select(pilot, HOSTILE_ID)
        screen = tui.screen_text(app)
        assert screen.count("[bold red]x[/]") >= 2
        assert "[link=http://evil]y[/link]" in screen


async def test_no_escape_or_bidi_control_reaches_the_screen(tui: Tui) -> None:
    """Neither the list's ESC sequence nor its right-to-left override is drawn."""
    app = tui.app()
    async with tui.run(app, BIG) as pilot:
        await tui.select(pilot, HOSTILE_ID)
        screen = tui.screen_text(app)
        assert "Mallory Markup" in screen
        assert ESC not in screen
        assert RLO not in screen
        assert not any(ch in screen for ch in "\u202a\u202b\u202c\u202d\u2066\u2067\u2068")


async def test_copying_a_markdown_link_to_a_markup_title_notifies_literally(
    tui: Tui, no_system_clipboard: str
) -> None:
    """`m` on a title full of markup copies it and shows the notification (toasts on) as
    text, without the bidi override: the app does not crash parsing the title as markup."""
    app = tui.app()
    async with tui.run(app, BIG, notifications=True) as pilot:
        await tui.select(pilot, HOSTILE_ID)
        await tui.press(pilot, "m")
        await pilot.pause()
        assert app.clipboard.startswith(r"[\[bold red\]x\[/\] and \[link=http://evil\]y")
        screen = tui.screen_text(app)
        assert r"[\[bold red\]x\[/\]" in screen
        assert RLO not in screen
    assert app.return_code in (None, 0)


def _list_with_venue(folder: Path, venue: str) -> Path:
    """A one-paper conference list whose venue is `venue`."""
    path = folder / "odd-venue.md"
    path.write_text(
        "## [1] Venues Are Data Too\n\n"
        "**Authors**: *Ada Quill*\n\n"
        f"**Conference**: *{venue} 2022*\n\n"
        "**URL**: [https://example.org/venues](https://example.org/venues)\n\n"
        "**Abstract**:\n\nA venue name is text from a list and must be shown as such.\n\n----\n",
        encoding="utf-8",
    )
    return path


async def test_the_facet_picker_shows_a_markup_venue_literally(tui: Tui, tmp_path: Path) -> None:
    """A venue such as `[/]` is listed as those characters in the facet picker (and does
    not crash it)."""
    app = tui.app(lists=[_list_with_venue(tmp_path, "[/]")])
    async with tui.run(app) as pilot:
        await tui.press(pilot, "enter", "f")
        assert isinstance(app.screen, FacetScreen)
        assert "venue   [/]  (1)" in tui.screen_text(app)


async def test_adding_a_list_whose_name_holds_markup_works(
    tui: Tui, tmp_path: Path, progress_labels: list[str]
) -> None:
    """`paperbrowse PATH` with a file named like markup adds it and shows its name in the
    progress row as text."""
    source = tui.fixtures / "ICLR-2022-list01.md"
    odd = tmp_path / "odd"
    odd.mkdir()
    target = odd / "[reverse]ICLR-2022-[@click=app.quit]list.md"
    target.write_bytes(source.read_bytes())
    app = tui.app(empty=True, paths=[str(target)])
    async with tui.run(app):
        assert not any(n.startswith("Adding failed") for n in app.notified), app.notified
        assert app.screen.query_one("#results", ResultsList).rows.total == 4
    assert "Reading 1/1 files: [reverse]ICLR-2022-[@click=app.quit]list.md" in progress_labels
