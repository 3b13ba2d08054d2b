"""Provides the end-to-end helpers: polling, a private tmux server, the X clipboard."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from xserver import require_tools

__all__ = ["POLL", "Tmux", "require_tools", "wait_for"]

POLL = 0.05
"""Seconds between two looks at the screen or the clipboard."""


def wait_for(
    check: Callable[[], object],
    timeout: float,
    what: str,
    context: Callable[[], str] | None = None,
) -> object:
    """Poll check() until it returns something truthy; fail after timeout seconds, showing
    context() (the screen, say) in the failure."""
    deadline = time.monotonic() + timeout
    while True:
        if result := check():
            return result
        if time.monotonic() > deadline:
            detail = f"\n{context()}" if context else ""
            pytest.fail(f"timed out after {timeout} s waiting for {what}{detail}", pytrace=False)
        time.sleep(POLL)


def read_x_clipboard(display: str) -> str | None:
    """The X clipboard's text, or None while nobody owns it."""
    result = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        timeout=5,
    )
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


class Tmux:
    """One private tmux server (its own socket) running the app in one session."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"pbtest-{secrets.token_hex(6)}"
        self.config = tmp_path / "tmux.conf"
        self.config.write_text("set -g set-clipboard on\nset -g history-limit 100\n")
        self.tmux = shutil.which("tmux") or "tmux"
        self.env: dict[str, str] = {}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-u", "-L", self.socket, "-f", str(self.config), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=check,
        )

    def start(self, command: str, size: tuple[int, int], env: dict[str, str]) -> None:
        """Start the server and the app in it, as a person would in a terminal of `size`."""
        self.env = env
        width, height = size
        self.run("new-session", "-d", "-s", "app", "-x", str(width), "-y", str(height), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app").stdout

    def wait_for_text(self, *texts: str, timeout: float = 10.0) -> str:
        """Poll the pane until every text is on it; the screen then."""

        def showing() -> str:
            screen = self.screen()
            return screen if all(text in screen for text in texts) else ""

        return str(wait_for(showing, timeout, f"{texts!r} on screen", self.screen))

    def first_row(self) -> str:
        """The first row of the result list (the line under its top border)."""
        lines = self.screen().splitlines()
        top = next((i for i, line in enumerate(lines) if line.lstrip().startswith("╭")), None)
        return lines[top + 1] if top is not None and top + 1 < len(lines) else ""

    def wait(self, check: Callable[[], object], what: str, timeout: float = 10.0) -> object:
        """wait_for with this pane's screen in the failure message."""
        return wait_for(check, timeout, what, self.screen)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "app", "-l", text)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "app", *keys)

    def buffer(self) -> str | None:
        result = self.run("show-buffer", check=False)
        return result.stdout if result.returncode == 0 else None

    def kill(self) -> None:
        self.run("kill-server", check=False)
        socket = Path(f"/tmp/tmux-{os.getuid()}") / self.socket
        socket.unlink(missing_ok=True)


def base_env() -> dict[str, str]:
    """A small, predictable environment for the app (UTF-8, a real TERM, our HOME)."""
    keep = ("HOME", "USER", "LOGNAME", "PAPERBROWSE_DATA_DIR", "PAPERBROWSE_CACHE_DIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"})
    return env
