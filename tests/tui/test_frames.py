"""What a keystroke's frame does: it redraws what changed, never re-arranging the screen (a
layout redraws all of it, 20-30 ms at 100k papers), and the panes still size right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from bars import bar_text
from paperbrowse.index.models import Paper
from paperbrowse.tui.rows import Rows
from paperbrowse.tui.widgets.detail import DetailPane
from paperbrowse.tui.widgets.footer import KeyFooter
from paperbrowse.tui.widgets.results import ResultsList
from textual._compositor import Compositor
from textual.screen import Screen

if TYPE_CHECKING:
    from conftest import Tui

ROTARY = "Rotary Lattice Embeddings"


@pytest.fixture
def full_updates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time a screen is redrawn whole (every line of every widget) from now on."""
    seen: list[str] = []
    original = Compositor.render_full_update

    def watched(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        seen.append("full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_full_update", watched)
    return seen


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time a screen is re-arranged from now on (watched, not changed)."""
    seen: list[str] = []
    original = Screen._refresh_layout

    def watched(self: Screen[Any], *args: Any, **kwargs: Any) -> Any:
        seen.append(type(self).__name__)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", watched)
    return seen


async def test_typing_a_query_never_re_arranges_the_screen(tui: Tui, layouts: list[str]) -> None:
    """Each key changes the filter's text, the list's length, the paper shown and whether
    `o` can act: all of it is redrawn in place."""
    app = tui.app()
    async with tui.run(app) as pilot:
        layouts.clear()
        await tui.type_text(pilot, "rotary lat")
        assert tui.status(app).startswith("1 paper")
        assert tui.detail_text(app).startswith(ROTARY)
        assert layouts == []


async def test_moving_through_the_list_never_re_arranges_the_screen(
    tui: Tui, layouts: list[str]
) -> None:
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "")
        layouts.clear()
        for key in ("j", "j", "j", "k", "end", "home"):
            await tui.press(pilot, key)
        assert layouts == []


async def test_moving_the_focus_redraws_only_what_it_changes(
    tui: Tui, layouts: list[str], full_updates: list[str]
) -> None:
    """The footer's keys change with the focus (the filter takes letters as text); it draws
    them as one line, so that is a repaint. Nor is the whole screen redrawn: only the widgets
    the focus leaves and enters, and the footer."""
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.search(pilot, "learning")
        layouts.clear()
        full_updates.clear()
        for key in ("enter", "slash", "enter", "slash"):
            await tui.press(pilot, key)
        footer = app.screen.query_one(KeyFooter)
        await tui.until(
            pilot, lambda: [e.description for _, _, e in footer.shown] == ["Help", "palette"]
        )
        await tui.press(pilot, "enter")
        await tui.until(pilot, lambda: "Copy link" in tui.screen_text(app).splitlines()[-1])
        assert layouts == []
        assert full_updates == []


def scrollbar(results: ResultsList) -> str:
    """The list's scrollbar as drawn down its last column: `#` thumb, `|` track, ` ` none."""
    return bar_text(results, lambda y: results._line(y, results.size))


async def test_the_list_s_scrollbar_follows_its_length_without_a_layout(
    tui: Tui, layouts: list[str]
) -> None:
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        results = app.screen.query_one("#results", ResultsList)
        height = results.size.height
        assert results.rows.total == tui.papers > height  # 80x24: more papers than rows
        size = max(1, round(height * height / tui.papers))
        assert scrollbar(results) == "#" * size + "|" * (height - size)
        layouts.clear()
        await tui.search(pilot, "rotary lattice")
        assert results.rows.total == 1
        assert scrollbar(results) == " " * height
        await tui.search(pilot, "")
        await tui.press(pilot, "enter", "end")  # the last paper: the thumb at the bottom
        assert scrollbar(results).endswith("#") and scrollbar(results).startswith("|")
        assert layouts == []


async def test_the_detail_pane_wraps_again_for_its_new_width(tui: Tui) -> None:
    app = tui.app()
    async with tui.run(app) as pilot:
        await tui.select(pilot, "rotary lattice")
        detail = app.screen.query_one("#detail", DetailPane)
        lines_before = len(detail._lines)
        await pilot.resize_terminal(200, 36)
        await tui.until(pilot, lambda: detail._wrapped_for == detail._width())
        width = detail.scrollable_content_region.width
        assert all(line.cell_length <= width for line in detail._lines)
        assert len(detail._lines) < lines_before
        assert detail.virtual_size.height == len(detail._lines)
        assert ROTARY in tui.screen_text(app)


async def test_a_new_list_redraws_only_the_lines_that_changed(tui: Tui) -> None:
    """A count's update changes no line, so nothing is redrawn; a list as long that keeps its
    first rows redraws the rest only, as one region (a run of changed lines is one refresh)
    beside the cursor's own row."""
    app = tui.app()
    async with tui.run(app, tui.narrow) as pilot:
        results = app.screen.query_one("#results", ResultsList)
        height = results.size.height
        papers = [results.paper_at(i) for i in range(height)]
        assert None not in papers and height >= 5
        regions: list[tuple[int, int]] = []
        refresh = results.refresh
        results.refresh = lambda *r, **k: (  # type: ignore[method-assign]
            regions.extend((region.y, region.height) for region in r),
            refresh(*r, **k),
        )[1]
        rows = results.rows
        results.update_total(rows.total)
        assert regions == []
        order = [0, 1, 4, 2, 3]  # rows 2-4 change places; rows 0-1 and the rest stay

        def fetch(start: int, stop: int) -> list[Paper]:
            return [rows.fetch(i, i + 1)[0] if i >= len(order) else papers[order[i]]
                    for i in range(start, stop)]  # fmt: skip

        results.show(Rows(rows.total, fetch, tuple(papers[i] for i in order)))
        assert set(regions[:-1]) == {(0, 1)}  # the cursor, back at the top
        assert regions[-1] == (2, 3)
        await tui.settle(pilot)
