"""Tests the installed `paperbrowse` in tmux on the built-in demo, typing what people type:
a title fragment full of stop words, then a pasted title with a colon."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from test_tmux import clear_filter, search
from tmux_harness import Tmux, base_env

pytestmark = [pytest.mark.e2e]


def test_stop_words_and_a_pasted_title_find_their_papers_on_the_demo(
    tmux: Tmux, paperbrowse_command: Path, tmp_path: Path
) -> None:
    """`attention is all you need` (once "No papers match") lists the paper first; a title
    pasted whole, colon and all, does too."""
    command = f"{shlex.quote(str(paperbrowse_command))} --demo --cache-dir {tmp_path / 'c'}"
    tmux.start(command, (120, 36), base_env())
    tmux.wait_for_text("newest first", timeout=20)  # the first start builds the demo index
    search(tmux, "attention is all you need", "Attention Is All You Need")
    assert "No papers match" not in tmux.screen()
    clear_filter(tmux)
    title = "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    search(tmux, title, "BERT: Pre-training")
    assert "unknown field" not in tmux.screen()
