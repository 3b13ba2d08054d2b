"""Provides open_in_browser: open a URL and say truthfully whether it worked.

`webbrowser.open` (what Textual's `open_url` uses) reports success as soon as it has started
`gio`/`xdg-open`, whatever they then do, and never waits for them (a defunct child is left
behind). Here the opener's exit status is the answer and every child is reaped."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import threading
import webbrowser
from dataclasses import dataclass

WAIT = 4.0
"""Seconds to wait for the opener's verdict; one still running then is taken to be a browser
starting in the foreground (it is reaped in the background when it ends)."""

OPENERS = (("xdg-open",), ("gio", "open"))
"""Desktop openers tried in turn on Linux and the BSDs, after $BROWSER."""


@dataclass(frozen=True, slots=True)
class OpenOutcome:
    """Whether the URL was handed to a browser, and if not, why (one short line)."""

    opened: bool
    reason: str | None = None


def _commands(url: str) -> list[list[str]]:
    """The commands that could open url here: $BROWSER's (`%s` is the URL), then the desktop
    openers found on PATH."""
    commands = []
    for entry in filter(None, os.environ.get("BROWSER", "").split(os.pathsep)):
        words = shlex.split(entry)
        commands.append([w.replace("%s", url) for w in words] if "%s" in entry else [*words, url])
    for opener in OPENERS:
        if shutil.which(opener[0]):
            commands.append([*opener, url])
    return commands


def _reap(process: subprocess.Popen[bytes]) -> None:
    """Wait for a child that outlived WAIT in a daemon thread, so it never lingers defunct."""
    threading.Thread(target=process.communicate, daemon=True, name="reap-opener").start()


def _run(command: list[str], wait: float) -> OpenOutcome:
    """Run one opener: its exit status within `wait` seconds is the answer."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # the opener never reads or writes the app's terminal
        )
    except OSError as error:
        return OpenOutcome(False, f"{command[0]}: {error.strerror or error}")
    try:
        _, stderr = process.communicate(timeout=wait)
    except subprocess.TimeoutExpired:
        _reap(process)
        return OpenOutcome(True)
    if process.returncode == 0:
        return OpenOutcome(True)
    said = stderr.decode("utf-8", "replace").strip().splitlines()
    detail = said[-1][:120] if said else f"exit status {process.returncode}"
    return OpenOutcome(False, f"{command[0]} failed: {detail}")


def open_in_browser(url: str, wait: float = WAIT) -> OpenOutcome:
    """Open url in the web browser; the outcome says whether a browser took it.

    Without a display nothing is tried: a text browser started from here would fight the app
    for its terminal."""
    if sys.platform in ("darwin", "win32"):
        return OpenOutcome(True) if webbrowser.open(url) else OpenOutcome(False, "no browser")
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not has_display:
        return OpenOutcome(False, "no display to open a browser on")
    commands = _commands(url)
    if not commands:
        return OpenOutcome(False, "no xdg-open, gio or $BROWSER to open it with")
    outcome = OpenOutcome(False)
    for command in commands:
        outcome = _run(command, wait)
        if outcome.opened:
            return outcome
    return outcome
