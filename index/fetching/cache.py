"""Provides ResolveCache: what arXiv answered for each title asked about (found or not),
kept in the data directory so no title is asked about twice."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

VERSION = 1


class ResolveCache:
    """Answers by normalised title: a found paper's record (with `arxiv_id`), or
    `{"arxiv_id": null, "why": …}` for a title arXiv does not hold (or holds ambiguously).
    Saved whole after every answer, so an interrupted run loses at most the one in flight."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        """Why the file could not be read (it is then set aside, never overwritten)."""
        self.titles: dict[str, dict[str, Any]] = self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            aside = self.path.with_name(self.path.name + ".damaged")
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            self.problem = f"the resolve cache {self.path} was unreadable ({error}); set aside"
            return {}
        titles = data.get("titles") if isinstance(data, dict) else None
        if not isinstance(titles, dict):
            return {}
        return {k: v for k, v in titles.items() if isinstance(v, dict)}

    def get(self, key: str) -> dict[str, Any] | None:
        return self.titles.get(key)

    def put(self, key: str, answer: dict[str, Any]) -> None:
        self.titles[key] = answer
        self.save()

    def found(self) -> dict[str, dict[str, Any]]:
        """The answers that gave an arXiv id."""
        return {k: v for k, v in self.titles.items() if v.get("arxiv_id")}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": VERSION, "titles": self.titles}, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
