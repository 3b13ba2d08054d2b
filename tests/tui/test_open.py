"""Tests `w`: the browser is asked through a real (stand-in) opener, the app says whether it
opened, copies the URL when it did not, and leaves no defunct child behind."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Tui

MIRAGE = "Contrastive Mirage"
MIRAGE_FORUM = "https://openreview.net/forum?id=Mrg4ZeT7qLk"
"""Its primary link: an OpenReview forum (it has no arXiv id)."""


def defunct_children() -> list[int]:
    """This process's children that ended and were never waited for (zombies)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.append(int(stat.parent.name))
    return found


def openers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """Put stand-ins for xdg-open and gio, both running `script`, alone on PATH, with a
    display to open on; returns the file the scripts append their arguments to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "opened.txt"
    for name in ("xdg-open", "gio"):
        opener = bin_dir / name
        opener.write_text(f'#!/bin/sh\necho "$@" >> {log}\n{script}\n')
        opener.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("BROWSER", raising=False)
    return log


async def test_w_says_it_opened_the_link_when_the_opener_succeeds(
    tui: Tui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An opener that exits 0 took the URL: `w` says it opened it, and reaps the opener."""
    log = openers(tmp_path, monkeypatch, "exit 0")
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, MIRAGE)
        await tui.press(pilot, "w")
        await tui.until(pilot, lambda: any(n.startswith("Opened") for n in app.notified))
        assert f"Opened OpenReview URL {MIRAGE_FORUM} in the browser" in app.notified
        assert log.read_text() == f"{MIRAGE_FORUM}\n"
        assert defunct_children() == []
        assert app.clipboard == ""


async def test_w_copies_the_link_instead_when_no_browser_opens(
    tui: Tui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_system_clipboard: str
) -> None:
    """xdg-open and gio both failing (as with a display but no working browser): `w` says it
    could not open the link and why, copies the URL instead, and leaves no defunct child."""
    log = openers(tmp_path, monkeypatch, 'echo "gio: Operation not supported" >&2; exit 4')
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, MIRAGE)
        await tui.press(pilot, "w")
        await tui.until(pilot, lambda: app.clipboard == MIRAGE_FORUM)
        await tui.settle(pilot)
        assert (
            "Could not open a browser (gio failed: gio: Operation not supported); copied "
            f"OpenReview URL {MIRAGE_FORUM} to the terminal (OSC 52) instead"
        ) in app.notified
        assert not any(n.startswith("Opened") for n in app.notified)
        assert log.read_text() == f"{MIRAGE_FORUM}\nopen {MIRAGE_FORUM}\n"
        assert defunct_children() == []


async def test_w_without_a_display_copies_the_link_and_says_why(
    tui: Tui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_system_clipboard: str
) -> None:
    """With no display no browser can open (and no text browser is started over the app):
    the URL is copied instead, and the message says there is no display."""
    log = openers(tmp_path, monkeypatch, "exit 0")
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, MIRAGE)
        await tui.press(pilot, "w")
        await tui.until(pilot, lambda: app.clipboard == MIRAGE_FORUM)
        await tui.settle(pilot)
        assert (
            "Could not open a browser (no display to open a browser on); copied "
            f"OpenReview URL {MIRAGE_FORUM} to the terminal (OSC 52) instead"
        ) in app.notified
        assert not log.exists()
