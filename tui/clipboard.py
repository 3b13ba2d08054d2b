"""Provides copying to the clipboard: pyperclip, verified and time-bounded, else OSC 52."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SYSTEM = "the clipboard"
TERMINAL = "the terminal (OSC 52)"
PYPERCLIP_TIMEOUT = 2.0


@dataclass(frozen=True, slots=True)
class CopyOutcome:
    """How a copy went: where the text went, and why the first choice failed (if it did)."""

    via: str
    reason: str | None = None


def _bounded(call: Callable[[], object], timeout: float) -> tuple[bool, object]:
    """Run call in a daemon thread; (False, reason) if it raised or did not return in time."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # pyperclip raises its own and OS errors alike
            box["error"] = error

    thread = threading.Thread(target=target, daemon=True, name="pyperclip")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return False, f"the clipboard program did not answer within {timeout:.0f} s"
    if "error" in box:
        return False, str(box["error"]) or type(box["error"]).__name__
    return True, box.get("value")


class _QuietSubprocess:
    """`subprocess` as pyperclip sees it, with helpers' stderr sent to /dev/null: xclip's
    "Can't open display" would otherwise be written straight over the app's screen."""

    def __getattr__(self, name: str) -> object:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        return subprocess.Popen(*args, **kwargs)


def _quiet(pyperclip: Any) -> None:
    if not isinstance(getattr(pyperclip, "subprocess", None), _QuietSubprocess):
        pyperclip.subprocess = _QuietSubprocess()


def short_reason(reason: str) -> str:
    """Why the system clipboard failed, in a few words: pyperclip's own message is a
    paragraph of install advice (shown even when xclip is installed but has no display)."""
    if "could not find a copy/paste mechanism" in reason:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return "no X/Wayland display"
        return "no clipboard program (xclip, xsel, wl-copy) found"
    first = reason.strip().splitlines()[0] if reason.strip() else "unknown error"
    return first if len(first) <= 80 else first[:79] + "…"


def system_copy(text: str, timeout: float = PYPERCLIP_TIMEOUT) -> str | None:
    """Copy with pyperclip and read it back; None on success, else why it did not work.

    pyperclip can claim success without a reachable X server (xclip fails silently) and can
    hang, so the copy is bounded in time and verified by pasting."""
    try:
        import pyperclip
    except ImportError:
        return "pyperclip is not installed"
    _quiet(pyperclip)
    for attempt in range(2):  # a busy X server can answer the first paste late
        ok, detail = _bounded(lambda: pyperclip.copy(text), timeout)
        if not ok:
            return str(detail)
        ok, pasted = _bounded(pyperclip.paste, timeout)
        if not ok:
            return str(pasted)
        if pasted == text:
            return None
        if attempt == 0:
            time.sleep(0.1)
    return "the clipboard did not keep the text (no reachable X/Wayland display?)"


def copy(
    text: str, osc52: Callable[[str], None], timeout: float = PYPERCLIP_TIMEOUT
) -> CopyOutcome:
    """Copy text: the system clipboard first, the terminal's OSC 52 when that fails (the
    outcome's reason then is one short line).

    `osc52` is the app's `copy_to_clipboard`, which also keeps the text in `app.clipboard`."""
    reason = system_copy(text, timeout)
    if reason is None:
        return CopyOutcome(SYSTEM)
    osc52(text)
    return CopyOutcome(TERMINAL, short_reason(reason))
