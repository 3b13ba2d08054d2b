"""Provides the robustness tests' fixtures: the app harness of tests/tui (with its hook for
`async def` tests) and the command-line runner of tests/cli, both loaded by robust_harness."""

from __future__ import annotations

import pytest
from robust_harness import cli, fixture_index, tui

__all__ = ["cli", "fixture_index", "tui"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ci_sized: a reduced run of a long trial script (the full command is in the docstring)",
    )
