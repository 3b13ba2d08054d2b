"""Tests that the core never imports the UI toolkit: `paperbrowse.index` stays textual-free."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import paperbrowse.index as core
names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "paperbrowse.index."))
for name in names:
    importlib.import_module(name)
print(len(names))
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


def test_importing_every_core_module_does_not_import_textual():
    """Importing every `paperbrowse.index` module leaves `textual` out of sys.modules."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True
    )
    count, textual = done.stdout.strip().splitlines()
    assert int(count) >= 10, "the walk found too few modules to mean anything"
    assert textual == "[]"
