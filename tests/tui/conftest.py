"""Provides the app tests' harness: an index of the invented lists, an app factory, and waits
for workers instead of sleeps."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from paperbrowse.index.library import Library
from paperbrowse.tui.app import PaperBrowseApp
from paperbrowse.tui.backend import Backend
from paperbrowse.tui.screens.main import MainScreen
from paperbrowse.tui.widgets.detail import DetailPane
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

FIXTURES = Path(__file__).resolve().parent / "fixtures"
"""The invented lists: a Hot Papers post, an HF daily dump and a conference list."""

FIXTURE_PAPERS = 9
"""Papers in the fixture index (ten entries; one paper is in two lists)."""

WIDE = (120, 36)
NARROW = (80, 24)



@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the fixture lists, built once per session; tests work on copies of it."""
    path = tmp_path_factory.mktemp("tui-fixture-index") / "index"
    with Library(path) as library:
        report = library.add(sorted(FIXTURES.iterdir()))
    assert report.papers_new == FIXTURE_PAPERS, report
    assert report.files_failed == 0, report
    return path


def record_notifications(app: PaperBrowseApp) -> PaperBrowseApp:
    """Keep the text of every notification the app shows in `app.notified` (the real app class
    is used as it is: a subclass would look for app.tcss beside the tests)."""
    notified: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        notified.append(str(message))
        original(message, **kwargs)

    app.notified = notified  # type: ignore[attr-defined]
    app.notify = notify  # type: ignore[method-assign]
    return app


class Tui:
    """Builds apps over copies of the fixture index and drives them without fixed sleeps."""

    fixtures = FIXTURES
    papers = FIXTURE_PAPERS
    wide = WIDE
    narrow = NARROW

    def __init__(self, tmp_path: Path, fixture_index: Path) -> None:
        self.tmp_path = tmp_path
        self.fixture_index = fixture_index
        self.libraries: list[Library] = []
        self.backends: list[Backend] = []
        self._copies = 0

    # -- building --------------------------------------------------------------------------

    def index(self, *, empty: bool = False) -> Path:
        """A private index directory: a copy of the fixture index, or an empty one."""
        self._copies += 1
        path = self.tmp_path / f"index-{self._copies}"
        if not empty:
            shutil.copytree(self.fixture_index, path)
        return path

    def app(
        self,
        *,
        empty: bool = False,
        lists: list[Path] | None = None,
        paths: list[str] | None = None,
        backend: Callable[[Library], Backend] = Backend,
    ) -> Any:
        """A PaperBrowseApp over its own index, recording its notifications in `app.notified`.

        The index holds the fixture papers, or nothing (`empty`), or just `lists`; `paths`
        are added by the app once it is up, as `paperbrowse PATH…` does."""
        library = Library(self.index(empty=empty or lists is not None))
        if lists is not None:
            library.add(lists)
        self.libraries.append(library)
        built = backend(library)
        self.backends.append(built)
        return record_notifications(PaperBrowseApp(built, paths=paths))

    def close(self) -> None:
        for backend in self.backends:
            backend.close()  # its search process ends now, not whenever it is collected
        for library in self.libraries:
            library.close()

    # -- running ---------------------------------------------------------------------------

    @asynccontextmanager
    async def run(
        self,
        app: PaperBrowseApp,
        size: tuple[int, int] = WIDE,
        *,
        notifications: bool = False,
        settle: bool = True,
    ) -> AsyncIterator[Pilot[Any]]:
        """`app.run_test`, settled after mount (unless not `settle`); fails the test if any
        worker raised."""
        errors: list[BaseException] = []

        def hook(message: object) -> None:
            if isinstance(message, Worker.StateChanged) and message.state == WorkerState.ERROR:
                errors.append(message.worker.error or RuntimeError("worker failed"))

        async with app.run_test(size=size, message_hook=hook, notifications=notifications) as pilot:
            if settle:
                await self.settle(pilot)
            yield pilot
            await self.settle(pilot)
        assert errors == [], f"a worker raised: {errors!r}"

    @staticmethod
    async def settle(pilot: Pilot[Any], timeout: float = 10.0) -> None:
        """Wait until no worker runs and the messages they caused are handled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            await pilot.pause()  # handles what the last keys and finished workers posted
            busy = [w for w in pilot.app.workers if not w.is_finished]
            if not busy:
                return
            assert loop.time() < deadline, f"workers still running: {busy}"
            for worker in busy:
                if worker.state == WorkerState.PENDING:
                    continue
                # A cancelled or failed worker is done too (failures are caught by `run`).
                with suppress(WorkerCancelled, WorkerFailed, asyncio.TimeoutError):
                    await asyncio.wait_for(
                        pilot.app.workers.wait_for_complete([worker]),
                        max(0.01, deadline - loop.time()),
                    )

    @staticmethod
    async def until(
        pilot: Pilot[Any], predicate: Callable[[], object], timeout: float = 10.0
    ) -> None:
        """Let the app run until predicate() is true (polled, never a fixed sleep)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            assert loop.time() < deadline, "timed out waiting for the app"
            await pilot.pause(0.01)

    async def search(self, pilot: Pilot[Any], text: str) -> None:
        """Put text in the filter (as a paste would) and wait for its results."""
        pilot.app.screen.query_one("#filter", Input).value = text
        await self.settle(pilot)

    async def select(self, pilot: Pilot[Any], text: str) -> None:
        """Search, then press enter so the list has the focus and the first hit the cursor."""
        await self.search(pilot, text)
        pilot.app.screen.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await self.settle(pilot)

    @staticmethod
    def type_ahead(app: PaperBrowseApp, keys: str) -> None:
        """Queue keys all at once, as a fast typist, a paste or `tmux send-keys` delivers them
        (Pilot's press waits for the app between keys, which hides ordering bugs). `\r` is
        enter, `\x1b` escape, `\x15` ctrl+u, `\x7f` backspace."""
        names = {
            "/": "slash", " ": "space", "\r": "enter", "\x1b": "escape",
            "\x15": "ctrl+u", "\x7f": "backspace",
        }  # fmt: skip
        for char in keys:
            app._driver.send_message(events.Key(names.get(char, char), char))

    async def type_text(self, pilot: Pilot[Any], text: str) -> None:
        """Type text key by key into whatever has the focus, then wait."""
        names = {" ": "space", ",": "comma", ".": "full_stop", "/": "slash", "-": "minus"}
        await self.press(pilot, *[names.get(char, char) for char in text])

    async def press(self, pilot: Pilot[Any], *keys: str) -> None:
        """Press keys, then wait for whatever they started."""
        await pilot.press(*keys)
        await self.settle(pilot)

    # -- reading ---------------------------------------------------------------------------

    @staticmethod
    def text_of(app: PaperBrowseApp, selector: str) -> str:
        """The plain text a Static shows (its content, before wrapping)."""
        content = app.screen.query_one(selector, Static).content
        return getattr(content, "plain", None) or str(content)

    def status(self, app: PaperBrowseApp) -> str:
        return self.text_of(app, "#status")

    @staticmethod
    def detail_text(app: PaperBrowseApp) -> str:
        """The plain text the detail pane shows (before wrapping)."""
        return app.screen.query_one("#detail", DetailPane).text.plain

    @staticmethod
    def screen_text(app: PaperBrowseApp) -> str:
        """Every character the terminal would show now, line by line."""
        strips = app.screen._compositor.render_strips()
        return "\n".join(strip.text for strip in strips)


@pytest.fixture
def tui(tmp_path: Path, fixture_index: Path) -> Iterator[Tui]:
    """The harness for one test; closes every library it opened."""
    harness = Tui(tmp_path, fixture_index)
    yield harness
    harness.close()


@pytest.fixture
def progress_labels(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the adding row's label shows while lists are added (recorded from the
    first call on, however early the app makes it)."""
    labels: list[str] = []
    original = MainScreen.show_progress

    def spy(screen: MainScreen, *step: object) -> None:
        original(screen, *step)
        content = screen.query_one("#adding-label", Static).content
        labels.append(getattr(content, "plain", None) or str(content))

    monkeypatch.setattr(MainScreen, "show_progress", spy)
    return labels


@pytest.fixture
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make every copy take the OSC 52 path: the system clipboard "fails" with this reason."""
    reason = "no system clipboard in the tests"
    monkeypatch.setattr("paperbrowse.tui.clipboard.system_copy", lambda text, timeout=2.0: reason)
    return reason


@pytest.fixture
def marks_path(tmp_path: Path) -> Path:
    """This test's marks file (created by the first change)."""
    return tmp_path / "marks.sqlite3"


@pytest.fixture
def marked_app(tui: Tui, marks_path: Path) -> Callable[..., Any]:
    """marked_app(**app options): an app whose library reads and writes marks at marks_path."""
    from paperbrowse.index.marks import Marks

    def backend(library: Library) -> Backend:
        library.marks = Marks(marks_path)
        return Backend(library)

    return lambda **options: tui.app(backend=backend, **options)
