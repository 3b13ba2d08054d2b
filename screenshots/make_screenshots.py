"""Regenerates the README's screenshots (SVG) by driving the app on an index of the seeds.

Run from the repository root:  .venv/bin/python screenshots/make_screenshots.py [SEEDS_DIR]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from paperbrowse.index.library import Library
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


async def _shoot(index: Path, name: str, size: tuple[int, int], text: str,
                 keys: list[str]) -> None:
    app = PaperBrowseApp(Backend(Library(index)))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if text:
            await pilot.press(*text)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(HERE))
    app.backend.library.close()


async def main(seeds: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        with Library(index) as library:
            report = library.add([seeds])
        print(f"indexed {report.papers_new} papers from {seeds}")
        for name, size, text, keys in SHOTS:
            await _shoot(index, name, size, text, keys)
            print(f"wrote screenshots/{name}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS))
