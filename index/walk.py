"""Provides the expansion of command-line paths into the files an `add` should read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to read, and whether the user named it (an error if it is not a list) or not."""

    path: str
    named: bool


def absolute(path: str | Path) -> str:
    """The absolute, normalised form a path is recorded under (symlinks kept as given)."""
    return os.path.normpath(os.path.abspath(os.fspath(path)))


def expand(paths: Iterable[str | Path]) -> tuple[list[Candidate], list[str]]:
    """Files named and files found under named directories (hidden ones skipped), in order,
    plus the named paths that do not exist."""
    seen: set[str] = set()
    found: list[Candidate] = []
    missing: list[str] = []
    for raw in paths:
        path = absolute(raw)
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    if full not in seen and os.path.isfile(full):
                        seen.add(full)
                        found.append(Candidate(full, named=False))
        elif os.path.isfile(path):
            if path not in seen:
                seen.add(path)
                found.append(Candidate(path, named=True))
        else:
            missing.append(str(raw))
    return found, missing
