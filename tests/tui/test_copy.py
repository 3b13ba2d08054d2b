"""Tests the copy keys and the palette's copy: what is copied, where to, and what is said."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual.command import CommandList, CommandPalette

if TYPE_CHECKING:
    from conftest import Tui

TIDAL = "2205.02222"
"""In the Hot Papers post (arXiv) and the conference list (OpenReview): every link exists."""

TIDAL_BIBTEX = """\
@inproceedings{lindqvist2022tidal,
  title = {{Tidal Gradient Clipping Stabilises Diffusion Training}},
  author = {Oskar Lindqvist and Priya Natarajan},
  year = {2022},
  booktitle = {ICLR},
  eprint = {2205.02222},
  archivePrefix = {arXiv},
  primaryClass = {cs.LG},
  url = {https://arxiv.org/abs/2205.02222}
}
"""

OSC52 = "to the terminal (OSC 52)"


def copied(what: str, text: str, reason: str) -> str:
    """The notification a copy through OSC 52 gives."""
    shown = text if "\n" not in text else text.splitlines()[0] + " …"
    return f"Copied {what} {shown} {OSC52}; no system clipboard: {reason}"


@pytest.mark.parametrize(
    ("key", "what", "text"),
    [
        ("c", "arXiv URL", "https://arxiv.org/abs/2205.02222"),
        ("a", "arXiv URL", "https://arxiv.org/abs/2205.02222"),
        ("p", "arXiv PDF URL", "https://arxiv.org/pdf/2205.02222"),
        ("o", "OpenReview URL", "https://openreview.net/forum?id=TdL9cLp2Xq0"),
        (
            "m",
            "Markdown link",
            "[Tidal Gradient Clipping Stabilises Diffusion Training]"
            "(https://arxiv.org/abs/2205.02222)",
        ),
        ("b", "BibTeX entry", TIDAL_BIBTEX),
    ],
    ids=["c-primary", "a-arxiv", "p-pdf", "o-openreview", "m-markdown", "b-bibtex"],
)
async def test_each_copy_key_copies_its_text_through_osc52_when_no_clipboard(
    tui: Tui, no_system_clipboard: str, key: str, what: str, text: str
) -> None:
    """Without a system clipboard each copy key sends its text by OSC 52 (kept in
    `app.clipboard`) and the notification says what was copied and how."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, TIDAL)
        await tui.press(pilot, key)
        assert app.clipboard == text
        assert copied(what, text, no_system_clipboard) in app.notified


async def test_a_copy_that_reaches_the_system_clipboard_says_so_and_skips_osc52(
    tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the system clipboard takes the text, no OSC 52 is sent and the notification says
    "to the clipboard"."""
    taken: list[str] = []

    def system_copy(text: str, timeout: float = 2.0) -> None:
        taken.append(text)

    monkeypatch.setattr("paperbrowse.tui.clipboard.system_copy", system_copy)
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, TIDAL)
        await tui.press(pilot, "a")
        assert taken == ["https://arxiv.org/abs/2205.02222"]
        assert app.clipboard == ""
        assert "Copied arXiv URL https://arxiv.org/abs/2205.02222 to the clipboard" in (
            app.notified
        )


async def test_o_on_a_paper_without_openreview_says_so_and_keeps_the_clipboard(
    tui: Tui, no_system_clipboard: str
) -> None:
    """`o` on a paper with no OpenReview id warns and leaves the clipboard as it was."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "Quiet Teachers")
        await tui.press(pilot, "m")
        before = app.clipboard
        assert before.startswith("[Quiet Teachers")
        await tui.press(pilot, "o")
        assert app.clipboard == before
        assert "This paper has no OpenReview URL; the clipboard is unchanged." in app.notified


async def test_a_on_a_paper_without_arxiv_says_so_and_keeps_the_clipboard(
    tui: Tui, no_system_clipboard: str
) -> None:
    """`a` (and `p`) on an OpenReview-only paper warn and copy nothing."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "Contrastive Mirage")
        await tui.press(pilot, "a", "p")
        assert app.clipboard == ""
        assert "This paper has no arXiv URL; the clipboard is unchanged." in app.notified
        assert "This paper has no arXiv PDF URL; the clipboard is unchanged." in app.notified


@pytest.mark.parametrize(
    ("query", "what", "url"),
    [
        ("Tidal Gradient", "arXiv URL", "https://arxiv.org/abs/2205.02222"),
        ("Contrastive Mirage", "OpenReview URL", "https://openreview.net/forum?id=Mrg4ZeT7qLk"),
        (
            "Ledger Networks",
            "list URL",
            "https://proceedings.example.org/iclr2022/ledger-networks",
        ),
        (
            "Quiet Teachers",
            "arXiv title-search URL",
            "https://arxiv.org/search/?query=Quiet+Teachers%3A+Distillation+Without+Logits"
            "&searchtype=title",
        ),
    ],
    ids=["arxiv", "openreview", "list-url", "title-search"],
)
async def test_c_falls_back_from_arxiv_to_openreview_to_the_list_url_to_a_title_search(
    tui: Tui, no_system_clipboard: str, query: str, what: str, url: str
) -> None:
    """`c` copies the arXiv link if there is one, else OpenReview, else the list's URL, else
    an arXiv title search, and names which it copied."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, query)
        await tui.press(pilot, "c")
        assert app.clipboard == url
        assert copied(what, url, no_system_clipboard) in app.notified


async def test_copying_with_no_paper_selected_warns(tui: Tui, no_system_clipboard: str) -> None:
    """With no results, a copy key says no paper is selected and copies nothing."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "zzzqqqxxx")
        await tui.press(pilot, "escape", "c")
        assert app.clipboard == ""
        assert "No paper is selected." in app.notified


async def test_the_palettes_copy_arxiv_command_copies_the_arxiv_url(
    tui: Tui, no_system_clipboard: str
) -> None:
    """Choosing "Copy arXiv URL" in the command palette copies like `a` does."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, TIDAL)
        await tui.press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"arxiv url")
        await tui.settle(pilot)
        commands = app.screen.query_one(CommandList)
        await tui.until(pilot, lambda: commands.option_count > 0)
        first = str(commands.get_option_at_index(0).prompt)
        assert "Copy arXiv URL" in first
        commands.highlighted = 0
        await tui.press(pilot, "enter")
        await tui.until(pilot, lambda: app.clipboard != "")
        await tui.settle(pilot)
        assert app.clipboard == "https://arxiv.org/abs/2205.02222"
