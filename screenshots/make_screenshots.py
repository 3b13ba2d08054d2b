"""Regenerates the README's screenshots (SVG) by driving the app on an index of the seeds.

Run from the repository root:  .venv/bin/python screenshots/make_screenshots.py [SEEDS_DIR]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from paperbrowse.index.library import Library
from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.tui.app import PaperBrowseApp
from paperbrowse.tui.backend import Backend

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"

# (file name, terminal size, text to type, keys to press after the search settles)
SHOTS = [
    ("main.svg", (120, 36), "*", []),
    ("detail-highlights.svg", (120, 36), "rotary position", ["enter"]),
    ("help.svg", (120, 36), "", ["escape", "question_mark"]),
    ("narrow.svg", (80, 24), "disentangled attention", ["enter"]),
    ("reading.svg", (80, 24), "disentangled attention", ["enter", "v"]),
]


# The marks shot: rows of `*` (newest first) read, starred, tagged or new; two selected.
MARKS_SHOT = ("marks.svg", (120, 36), "*", ["enter", "space", "j", "space"])
READ, STARRED, NEW = (3, 5, 9), (1, 5, 7), (2, 4, 8)


async def _shoot(index: Path, name: str, size: tuple[int, int], text: str,
                 keys: list[str], marks: Path | None = None) -> None:
    library = Library(index)
    if marks is not None:
        library.marks = Marks(marks)
    app = PaperBrowseApp(Backend(library))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if text:
            await pilot.press(*text)
        await _settle(app, pilot)
        if keys:
            await pilot.press(*keys)
            await _settle(app, pilot)
            await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(HERE))
    app.backend.library.close()


async def _settle(app: PaperBrowseApp, pilot: object, timeout: float = 10.0) -> None:
    """Until no worker runs and the detail pane (if any) shows the paper it was last asked
    for: it waits for a pause in typing, so it may still be on its way once workers end."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
        detail = app.screen.query("#detail")
        pane = detail.first() if detail else None
        if not any(not w.is_finished for w in app.workers) and (
            pane is None or pane._shown is pane._wanted
        ):
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise TimeoutError("the app did not settle")


async def main(seeds: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        with Library(index) as library:
            report = library.add([seeds])
        print(f"indexed {report.papers_new} papers from {seeds}")
        for name, size, text, keys in SHOTS:
            await _shoot(index, name, size, text, keys)
            print(f"wrote screenshots/{name}")
        marks = _mark(index, Path(tmp) / "marks.sqlite3")
        await _shoot(index, *MARKS_SHOT, marks=marks)
        print(f"wrote screenshots/{MARKS_SHOT[0]}")


def _mark(index: Path, path: Path) -> Path:
    """A marks file for the marks shot: some rows read, starred or tagged, and the app
    opened once before the NEW rows' papers were there (so they show as new)."""
    with Library(index) as library, Marks(path) as marks:
        papers = [hit.paper for hit in library.hits(library.search("*", sort="date"), 0, 12)]
        fresh = {key for n in NEW for key in paper_keys(papers[n])}
        marks.opened(lambda: set(library.paper_keys()) - fresh)
        marks.update([paper_keys(papers[n]) for n in READ], read=True)
        marks.update([paper_keys(papers[n]) for n in STARRED], starred=True)
        marks.update([paper_keys(papers[n]) for n in (1, 6)], add_tags=["to-read"])
    return path


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS))
