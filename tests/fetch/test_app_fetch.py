"""Tests the app's `F` (and palette command) against a local server: today's Hugging Face
list is fetched in a worker, its progress shows in the status line, the new papers show up
in the results, and a failure is one notification that changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path
from typing import Any

from fetch_server import Reply, hf_item
from paperbrowse.index.library import Library
from paperbrowse.tui.app import PaperBrowseApp
from paperbrowse.tui.backend import Backend
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.widgets.results import ResultsList
from textual.widgets import Static

HF = "/api/daily_papers"
TODAY = dt.datetime.now(dt.timezone.utc).date().isoformat()


def _app(tmp_path: Path, monkeypatch: Any, server: Any) -> tuple[PaperBrowseApp, Library]:
    monkeypatch.setenv("PAPERBROWSE_HF_URL", server.url)
    data = tmp_path / "data"
    library = Library(tmp_path / "index")
    app = PaperBrowseApp(Backend(library), data_dir=str(data))
    notified: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notified.append(str(message)), original(message, **kw))
    app.notified = notified  # type: ignore[attr-defined]
    return app, library


def _status(app: PaperBrowseApp) -> str:
    content = app.screen.query_one("#status", Static).content
    return getattr(content, "plain", None) or str(content)


async def _until(pilot: Any, test: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def test_F_fetches_todays_list_and_shows_the_new_papers(tmp_path, monkeypatch, server):
    """`F` in the list asks for today's date, shows `Hugging Face: …` in the status line while
    it works, then the three new papers are in the results and a notification counts them."""
    server.route(HF, lambda r: Reply([hf_item(n, day=r.query["date"]) for n in range(3)],
                                     delay=0.5))  # fmt: skip
    app, library = _app(tmp_path, monkeypatch, server)
    # Every line the status showed, as it was set: the fetch may be over by the time
    # Pilot's press returns, so looking at the status afterwards could miss it.
    seen: list[str] = []
    set_status = MainScreen.set_status
    monkeypatch.setattr(
        MainScreen, "set_status", lambda s, t: (seen.append(t.plain), set_status(s, t))
    )

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("escape")  # out of the filter, where F is a letter
            await pilot.press("F")
            await _until(pilot, lambda: any(s.startswith("Hugging Face: ") for s in seen))
            await _until(pilot, lambda: app.screen.query_one(ResultsList).rows.total == 3)
            await _until(pilot, lambda: any("Fetched 3" in n for n in app.notified))

    asyncio.run(run())
    library.close()
    assert [r.query["date"] for r in server.requests] == [TODAY]
    assert any(f"fetching the daily papers of {TODAY}" in s for s in seen)
    assert "3 new" in next(n for n in app.notified if "Fetched 3" in n)
    assert (tmp_path / "data" / "lists" / "hf" / f"{TODAY}.jsonl").is_file()


def test_hostile_fetched_text_shows_as_text_in_the_app(tmp_path, monkeypatch, server):
    """A fetched title with Rich markup, an escape sequence and a bidi override is drawn as
    its literal text: `[bold]` stays visible, no ESC or U+202E reaches the screen."""
    item = hf_item(1, day=TODAY)
    item["paper"]["title"] = item["title"] = "Plain [bold]markup[/bold] \x1b[31mred \u202eevil"
    server.route(HF, Reply([item]))
    app, library = _app(tmp_path, monkeypatch, server)
    shown: list[str] = []

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("escape", "F")
            await _until(pilot, lambda: app.screen.query_one(ResultsList).rows.total == 1)
            await pilot.pause(0.2)
            strips = app.screen._compositor.render_strips()
            shown.append("\n".join(strip.text for strip in strips))

    asyncio.run(run())
    library.close()
    assert "Plain [bold]markup[/bold] [31mred evil" in shown[0]
    assert "\x1b" not in shown[0] and "\u202e" not in shown[0]


def test_the_palette_command_fetches_too(tmp_path, monkeypatch, server):
    """`Fetch today's Hugging Face list` in the command palette runs the same fetch."""
    server.route(HF, Reply([hf_item(1, day=TODAY)]))
    app, library = _app(tmp_path, monkeypatch, server)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            for key in "Fetch today":
                await pilot.press(key if key != " " else "space")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await _until(pilot, lambda: app.screen.query(ResultsList) and
                         app.screen.query_one(ResultsList).rows.total == 1)  # fmt: skip

    asyncio.run(run())
    library.close()
    assert server.count(HF) == 1


def test_a_failed_fetch_is_one_notification_and_changes_nothing(tmp_path, monkeypatch, server):
    """An HTML error page: `Fetch failed: hf: …`, no list file, the index still empty."""
    server.route(HF, Reply("<html>down</html>", content_type="text/html", status=200))
    app, library = _app(tmp_path, monkeypatch, server)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("escape", "F")
            await _until(pilot, lambda: any("Fetch failed" in n for n in app.notified))

    asyncio.run(run())
    assert library.paper_count() == 0
    library.close()
    [failure] = [n for n in app.notified if "Fetch failed" in n]
    assert failure.startswith("Fetch failed: hf: the server answered with an HTML page")
    assert not (tmp_path / "data" / "lists").exists() or not any(
        (tmp_path / "data" / "lists").rglob("*.jsonl")
    )
