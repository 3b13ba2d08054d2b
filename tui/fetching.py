"""Provides fetching today's Hugging Face daily papers from inside the app (`F`, or the
palette): a worker thread fetches, saves and adds the list as `paperbrowse fetch hf` does,
its progress in the status line, and the results refresh to show the new papers."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any

from rich.text import Text

if TYPE_CHECKING:
    from .screens.main import MainScreen

PROGRESS_EVERY = 0.2
"""Seconds between two status updates from the indexing step."""


def fetch_today(screen: MainScreen) -> None:
    """Start fetching today's list (UTC), unless the demo is open or a fetch is running."""
    if screen.backend.demo:
        screen.notify("Fetching fills your own index; the demo papers are open.", timeout=4)
        return
    if any(w.group == "fetch" and w.is_running for w in screen.workers):
        screen.notify("A fetch is running already.", timeout=3)
        return
    day = dt.datetime.now(dt.timezone.utc).date()
    _status(screen, f"fetching the daily papers of {day.isoformat()}…")
    screen.run_worker(lambda: _fetch(screen, day), thread=True, group="fetch", exit_on_error=False)


def _status(screen: MainScreen, text: str) -> None:
    line = Text("Hugging Face: ", style="bold")
    line.append(text)  # plain text: dates and counts, never markup
    screen.activity = line  # kept over a search's line until the fetch ends
    screen.update_status()


def _fetch(screen: MainScreen, day: dt.date) -> None:
    """The worker: fetch, then save and add through the backend (its own writer)."""
    from paperbrowse.index.fetching import base_url, hf
    from paperbrowse.index.fetching.http import Client, FetchError
    from paperbrowse.index.fetching.lists import save_and_add

    from .locations import lists_dir

    app = screen.app

    def say(text: str) -> None:
        app.call_from_thread(_status, screen, text)

    shown = {"at": 0.0}

    def progress(done: int, total: int, path: str, stage: str = "reading") -> None:
        now = time.monotonic()
        if stage == "writing" and (now - shown["at"] >= PROGRESS_EVERY or done == total):
            shown["at"] = now
            say(f"indexing {done}/{total} papers…")
        elif stage == "saving":
            say(f"saving the index ({total} papers)…")

    try:
        with Client("hf") as client:
            fetched = hf.fetch_day(client, base_url("hf"), day, progress=say)
        say(f"adding {len(fetched.records)} papers…")
        folder = lists_dir(getattr(app, "data_dir", None))
        _, report = save_and_add(fetched, folder, lambda p: screen.backend.add(p, progress))
    except FetchError as error:
        app.call_from_thread(_finish, screen, None, str(error))
        return
    except Exception as error:  # a full disk, a locked index: said, never a crash
        app.call_from_thread(_finish, screen, None, f"hf: {type(error).__name__}: {error}")
        return
    app.call_from_thread(_finish, screen, (len(fetched.records), day, report), None)


def _finish(screen: MainScreen, done: tuple[int, dt.date, Any] | None, error: str | None) -> None:
    screen.activity = None
    if error is not None or done is None:
        screen.notify(f"Fetch failed: {error}", severity="error", timeout=10, markup=False)
        screen.update_status()
        return
    count, day, report = done
    screen.notify(
        f"Fetched {count} Hugging Face papers of {day.isoformat()}: {report.papers_new} new, "
        f"{report.papers_updated} updated (is:new shows papers not yet seen)",
        timeout=8,
        markup=False,
    )
    screen.search()
