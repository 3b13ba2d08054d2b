"""Tests that whatever is typed into the filter, the app neither raises nor stops answering."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperbrowse.tui.screens.main import MainScreen
from textual.widgets import Input

if TYPE_CHECKING:
    from conftest import Tui

FIELDS = ("title:", "author:", "venue:", "year:", "cat:", "source:", "abs:", "retweets:>")
SYNTAX = ("year:[2021 TO 2023]", "year:[", " TO ", "AND", "OR", "NOT", "(", ")", "[", "]")
SYMBOLS = ("{", "}", '"', "*", "?", "~", "^", "\\", "-", "+", ":", " ")
WORDS = ("lattice", "gradient", "x", "https://arxiv.org/abs/", "2205.02222", "é", "名")
CONTROLS = ("\x1b[31m", "\u202e", "\x00", "\n", "\t")
QUERY_PIECES = st.sampled_from(FIELDS + SYNTAX + SYMBOLS + WORDS + CONTROLS)
FILTER_TEXT = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(QUERY_PIECES, st.text(max_size=3)), max_size=8).map("".join),
)


async def test_typing_arbitrary_text_into_the_filter_never_raises(tui: Tui) -> None:
    """Any text in the filter ends in results, a no-match status or a bad-query mark; no
    worker raises and the app keeps running (one app serves every example; hypothesis runs
    in a thread and hands each example to the app's event loop)."""
    app = tui.app()
    async with tui.run(app) as pilot:
        loop = asyncio.get_running_loop()

        async def enter(text: str) -> None:
            app.screen.query_one("#filter", Input).value = text
            await tui.settle(pilot)
            assert app.is_running
            assert isinstance(app.screen, MainScreen)
            status = tui.status(app)
            bad = app.screen.query_one("#filter", Input).has_class("-bad-query")
            assert bad or "paper" in status, (text, status)

        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(FILTER_TEXT)
        def check(text: str) -> None:
            asyncio.run_coroutine_threadsafe(enter(text), loop).result(timeout=30)

        await asyncio.to_thread(check)
