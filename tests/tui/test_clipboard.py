"""Tests copying for real: an X clipboard under Xvfb, and the OSC 52 fallback when it fails."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pyperclip
import pytest
from paperbrowse.tui import clipboard
from xserver import require_tools

if TYPE_CHECKING:
    from conftest import Tui


@pytest.fixture
def fresh_pyperclip(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip picks its mechanism on first use and keeps it: start each test undecided."""
    monkeypatch.setattr(pyperclip, "copy", pyperclip.lazy_load_stub_copy)
    monkeypatch.setattr(pyperclip, "paste", pyperclip.lazy_load_stub_paste)


@pytest.fixture
def on_x(x_display: str, fresh_pyperclip: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """The environment of a desktop session on the private X server."""
    monkeypatch.setenv("DISPLAY", x_display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return x_display


def read_x_clipboard(display: str) -> str:
    result = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        timeout=5,
        check=True,
    )
    return result.stdout.decode("utf-8")


@pytest.fixture
def headless_shell(tmp_path: Path, fresh_pyperclip: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell with no display and no clipboard program on PATH (an SSH session, say)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


class Osc52:
    """Stands in for the app's copy_to_clipboard: records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __call__(self, text: str) -> None:
        self.sent.append(text)


# -- the real clipboard --------------------------------------------------------------------------


def test_system_copy_puts_text_on_the_x_clipboard(on_x: str) -> None:
    """Under X with xclip, system_copy succeeds (None) and xclip reads the text back."""
    assert clipboard.system_copy("hello") is None
    assert read_x_clipboard(on_x) == "hello"


def test_copy_uses_the_system_clipboard_and_not_osc52_when_it_works(on_x: str) -> None:
    """copy() reports the clipboard, keeps non-ASCII text intact and sends no OSC 52."""
    osc52 = Osc52()
    outcome = clipboard.copy("Kovač — ✓", osc52)
    assert outcome == clipboard.CopyOutcome(clipboard.SYSTEM)
    assert osc52.sent == []
    assert read_x_clipboard(on_x) == "Kovač — ✓"


async def test_the_c_key_reaches_the_x_clipboard(tui: Tui, on_x: str) -> None:
    """In the app, `c` under X puts the arXiv link on the clipboard and says so."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "2205.02222")
        await tui.press(pilot, "c")
        assert read_x_clipboard(on_x) == "https://arxiv.org/abs/2205.02222"
        assert "Copied arXiv URL https://arxiv.org/abs/2205.02222 to the clipboard" in (
            app.notified
        )
        assert app.clipboard == ""


# -- the fallback --------------------------------------------------------------------------------


def test_without_display_or_clipboard_program_copy_falls_back_to_osc52(
    headless_shell: None,
) -> None:
    """With no display and no xclip/xsel/wl-copy, copy() sends OSC 52 and says why."""
    osc52 = Osc52()
    outcome = clipboard.copy("https://arxiv.org/abs/2205.02222", osc52)
    assert osc52.sent == ["https://arxiv.org/abs/2205.02222"]
    assert outcome.via == clipboard.TERMINAL
    assert outcome.reason


async def test_the_fallback_message_is_one_line_naming_what_and_the_route(
    tui: Tui, monkeypatch: pytest.MonkeyPatch, fresh_pyperclip: None
) -> None:
    """Without a display (xclip installed all the same), `c` says in one line what it
    copied and that it went by OSC 52 for want of a display: none of pyperclip's advice."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")
        await tui.press(pilot, "c")
        await tui.until(pilot, lambda: any(n.startswith("Copied") for n in app.notified))
        message = next(n for n in app.notified if n.startswith("Copied"))
        assert message == (
            "Copied arXiv URL https://arxiv.org/abs/2205.01111 to the terminal (OSC 52); "
            "no system clipboard: no X/Wayland display"
        )
        assert app.clipboard == "https://arxiv.org/abs/2205.01111"


def test_a_raising_pyperclip_falls_back_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip raising is a reason, not a crash: OSC 52 is used at once."""

    def broken(text: str) -> None:
        raise pyperclip.PyperclipException("no clipboard mechanism here")

    monkeypatch.setattr(pyperclip, "copy", broken)
    osc52 = Osc52()
    started = time.monotonic()
    outcome = clipboard.copy("text", osc52)
    assert time.monotonic() - started < 1.0
    assert osc52.sent == ["text"]
    assert outcome == clipboard.CopyOutcome(clipboard.TERMINAL, "no clipboard mechanism here")


def test_a_hanging_pyperclip_falls_back_after_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip that never returns (a clipboard program waiting on a dead display) costs the
    timeout, not a frozen app: OSC 52 follows and the reason names the wait."""
    release = threading.Event()
    monkeypatch.setattr(pyperclip, "copy", lambda text: release.wait(10))
    osc52 = Osc52()
    started = time.monotonic()
    try:
        outcome = clipboard.copy("text", osc52, timeout=0.5)
    finally:
        release.set()
    assert 0.4 < time.monotonic() - started < 2.0
    assert osc52.sent == ["text"]
    assert outcome.via == clipboard.TERMINAL
    assert outcome.reason is not None
    assert "did not answer" in outcome.reason


def test_a_clipboard_that_does_not_keep_the_text_falls_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pyperclip claiming success while the paste-back differs (xclip without a reachable X
    server) is caught by the read-back and falls back to OSC 52."""
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    osc52 = Osc52()
    outcome = clipboard.copy("text", osc52)
    assert osc52.sent == ["text"]
    assert outcome.reason is not None
    assert "did not keep the text" in outcome.reason


def test_clipboard_programs_never_write_over_the_screen(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """xclip's complaints (no display) go nowhere: the app draws its screen on stderr, so a
    helper's stderr would land in the middle of it."""
    require_tools("xclip")
    monkeypatch.setenv("DISPLAY", ":9999")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    reason = clipboard.system_copy("never shown", timeout=5)
    captured = capfd.readouterr()
    assert reason is not None
    assert "display" not in captured.err.lower() and "display" not in captured.out.lower()
