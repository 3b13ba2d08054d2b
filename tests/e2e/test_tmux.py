"""Tests the installed `paperbrowse` in tmux as a person uses it: search, then copy links."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest
from tmux_harness import Tmux, base_env, read_x_clipboard

pytestmark = [pytest.mark.e2e, pytest.mark.shared]

ROFORMER_ABS = "https://arxiv.org/abs/2104.09864"
DEBERTA_FORUM = "https://openreview.net/forum?id=XPZIaotutsD"


def app_command(paperbrowse: Path | str, index: Path) -> str:
    return f"{shlex.quote(str(paperbrowse))} --index {shlex.quote(str(index))}"


def search(tmux: Tmux, text: str, first: str) -> None:
    """Type a query; wait until it is in the filter, its search has finished (the status
    names the sort again) and `first` is in the list's first row."""
    tmux.type(text)
    tmux.wait_for_text(text, "sorted by")
    tmux.wait(lambda: first in tmux.first_row(), f"{first!r} first in the list")


LIST_KEYS = "Copy link"
"""In the footer only while the list has the focus (the filter's footer is shorter)."""


def to_list(tmux: Tmux) -> None:
    """Enter in the filter, then wait for the list to have the focus, as a person would see
    before pressing a list key."""
    tmux.keys("Enter")
    tmux.wait_for_text(LIST_KEYS)


def clear_filter(tmux: Tmux) -> None:
    """`/` back to the filter (seen in the footer), then ctrl+u to delete everything left of
    the cursor, until the empty filter shows its placeholder."""
    tmux.keys("/")
    tmux.wait(lambda: LIST_KEYS not in tmux.screen(), "the filter to have the focus")
    tmux.keys("End", "C-u")
    tmux.wait_for_text("Search titles")


def x_env(display: str) -> dict[str, str]:
    return {**base_env(), "PATH": os.environ["PATH"], "DISPLAY": display}


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_c_copies_roformers_arxiv_link_to_the_x_clipboard(
    tmux: Tmux, paperbrowse_command: Path, seed_index: Path, x_display: str, size: tuple[int, int]
) -> None:
    """Typing `rotary position` finds RoFormer; enter then `c` puts its arXiv link on the
    X clipboard."""
    tmux.start(app_command(paperbrowse_command, seed_index), size, x_env(x_display))
    tmux.wait_for_text("newest first", timeout=20)  # the first start may be slow under load
    search(tmux, "rotary position", "RoFormer")
    to_list(tmux)
    tmux.keys("c")
    tmux.wait(lambda: read_x_clipboard(x_display) == ROFORMER_ABS, "RoFormer's link")
    tmux.wait_for_text("Copied arXiv URL")


def test_o_copies_debertas_openreview_link_after_a_new_search(
    tmux: Tmux, paperbrowse_command: Path, seed_index: Path, x_display: str
) -> None:
    """After a first copy, clearing the filter and searching `disentangled attention` finds
    DeBERTa; `o` copies its OpenReview forum link."""
    tmux.start(app_command(paperbrowse_command, seed_index), (120, 36), x_env(x_display))
    tmux.wait_for_text("newest first", timeout=20)  # the first start may be slow under load
    search(tmux, "rotary position", "RoFormer")
    to_list(tmux)
    tmux.keys("c")
    tmux.wait(lambda: read_x_clipboard(x_display) == ROFORMER_ABS, "RoFormer's link")
    clear_filter(tmux)
    search(tmux, "disentangled attention", "Deberta")
    to_list(tmux)
    tmux.keys("o")
    tmux.wait(lambda: read_x_clipboard(x_display) == DEBERTA_FORUM, "DeBERTa's forum link")


def test_without_a_display_c_copies_through_osc52_into_tmuxs_buffer(
    tmux: Tmux, paperbrowse_command: Path, seed_index: Path, tmp_path: Path
) -> None:
    """With no DISPLAY and no clipboard program on PATH, `c` sends OSC 52, which tmux (with
    set-clipboard on) keeps as its paste buffer; the app says it used OSC 52."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "paperbrowse").symlink_to(paperbrowse_command)
    (bin_dir / "python3").symlink_to(sys.executable)
    env = {**base_env(), "PATH": str(bin_dir)}
    tmux.start(app_command("paperbrowse", seed_index), (120, 36), env)
    tmux.wait_for_text("newest first", timeout=20)  # the first start may be slow under load
    search(tmux, "rotary position", "RoFormer")
    to_list(tmux)
    tmux.keys("c")
    tmux.wait(lambda: tmux.buffer() == ROFORMER_ABS, "the OSC 52 copy in tmux's buffer")
    tmux.wait_for_text("(OSC 52)")


def test_words_typed_right_after_ctrl_u_all_reach_the_filter(
    tmux: Tmux, paperbrowse_command: Path, seed_index: Path
) -> None:
    """`ctrl+u` and the next query sent in one burst, ten times over: each time the filter
    holds exactly the new query (the keys after ctrl+u used to be typed and then wiped)."""
    tmux.start(app_command(paperbrowse_command, seed_index), (80, 24), base_env())
    tmux.wait_for_text("newest first", timeout=20)  # the first start may be slow under load
    for word in ["rotary", "attention", "diffusion", "graph", "lattice"] * 2:
        tmux.keys("C-u", word)  # one send-keys: the terminal gets `\x15word` at once
        tmux.wait(
            lambda w=word: tmux.screen().splitlines()[1].split("▊", 1)[-1].split() == [w, "▎"],
            f"exactly {word!r} in the filter",
        )
        tmux.wait(lambda: "…" not in tmux.screen().splitlines()[3], "its search to finish")
