"""Provides the robustness tests' helpers: the app and command-line harnesses of tests/tui and
tests/cli (loaded from there, not copied), generated lists, and every paper of an index.

A module of its own name (not `conftest`, which names a different module in every test
directory), so test modules can import from it."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from paperbrowse.index.library import Library

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "fixtures"
HOT = FIXTURES / "hotpapers" / "2021-03-14---Hot-Papers.md"
NIPS = FIXTURES / "conference" / "NIPS-2022-list01.md"
ICLR = FIXTURES / "conference" / "ICLR-2021-list01.md"
ICML = FIXTURES / "conference" / "ICML-2023-list01.md"


def _load(name: str, path: Path) -> ModuleType:
    """A conftest of another test directory as a module of its own (its fixtures and hooks
    then serve this directory too, once named here)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_root = _load("robust_root_helpers", TESTS / "conftest.py")
_tui = _load("robust_tui_harness", TESTS / "tui" / "conftest.py")
_cli = _load("robust_cli_harness", TESTS / "cli" / "conftest.py")

# The app harness exactly as tests/tui has it (pytest-asyncio runs the `async def` tests).
Tui = _tui.Tui
fixture_index = _tui.fixture_index
tui = _tui.tui
record_notifications = _tui.record_notifications
# `paperbrowse` run as a subprocess with throwaway data directories, as tests/cli has it.
run_paperbrowse = _cli.run_paperbrowse
cli = _cli.cli

CONFERENCE_ENTRY = _root._CONFERENCE_ENTRY
"""One paper in the conference-list format (`n`, `title`, `authors`, `abstract`)."""


def conference_list(
    count: int, *, start: int = 1, title: str = "Invented Paper Number {n}", abstract: str = ""
) -> str:
    """`count` papers in the conference format, numbered from `start`, each with its own
    title, authors and abstract."""
    return "".join(
        CONFERENCE_ENTRY.format(
            n=n,
            title=title.format(n=n),
            authors=f"Ada Author{n}, Bo Writer",
            abstract=abstract or f"An abstract about topic {n} and nothing else.",
        )
        for n in range(start, start + count)
    )


def papers(library: Library) -> dict[str, str]:
    """Every paper an open library holds, as sorted JSON by key (all of them, not a page)."""
    hits = library.hits(library.search("*", limit=10**7))
    held = {hit.paper.key: json.dumps(hit.paper.to_json(), sort_keys=True) for hit in hits}
    assert len(held) == len(hits) == library.paper_count()
    return held


def papers_at(index: Path) -> dict[str, str]:
    """Every paper of the index at `index` (opened, read and closed again)."""
    with Library(index, create=False) as library:
        return papers(library)


def clean_build(index: Path, lists: Iterable[Path]) -> dict[str, str]:
    """The papers one uninterrupted add of `lists` into a fresh index gives."""
    with Library(index) as library:
        library.add(list(lists))
        return papers(library)
