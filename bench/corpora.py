"""Provides the benchmark corpora: the shared corpus as it is, and larger ones derived from it.

Larger corpora keep the real vocabulary: each synthetic paper takes a real title with a few
words swapped in from another, sentences from several real abstracts and real author names,
and is written in the conference-list format, 1,000 papers a file."""

from __future__ import annotations

import random
import re
from pathlib import Path

from paperbrowse.index.formats import NotAPaperList, parse_file
from paperbrowse.index.models import Entry

PER_FILE = 1000


def real_entries(shared: Path) -> list[Entry]:
    """Every entry of ../shared (corpus and seeds), parsed by the project."""
    entries: list[Entry] = []
    for path in sorted(p for p in shared.rglob("*") if p.is_file()):
        try:
            entries.extend(parse_file(path).entries)
        except NotAPaperList:
            continue
    return entries


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]


def synthetic(entries: list[Entry], count: int, out: Path, seed: int = 7) -> Path:
    """Write `count` synthetic papers under `out` (reused if already complete)."""
    out.mkdir(parents=True, exist_ok=True)
    done = out / ".complete"
    if done.exists() and done.read_text() == str(count):
        return out
    rng = random.Random(seed)
    with_abstracts = [e for e in entries if e.abstract]
    sentences = [s for e in with_abstracts for s in _sentences(e.abstract)]
    authors = [a for e in entries for a in e.authors]
    venues = ["iclr", "nips", "icml", "cvpr", "ijcai"]
    for number in range(0, count, PER_FILE):
        lines: list[str] = []
        for index in range(number, min(count, number + PER_FILE)):
            base = rng.choice(with_abstracts).title.split()
            donor = rng.choice(with_abstracts).title.split()
            for _ in range(min(2, len(base) // 3)):
                base[rng.randrange(len(base))] = rng.choice(donor)
            title = " ".join(base)
            abstract = " ".join(rng.choice(sentences) for _ in range(rng.randint(4, 9)))
            names = ", ".join(rng.choice(authors) for _ in range(rng.randint(1, 6)))
            venue = rng.choice(venues)
            lines += [
                f"## [{index}] {title}",
                "",
                f"**Authors**: *{names}*",
                "",
                f"**Conference**: *{venue} {rng.randint(2019, 2024)}*",
                "",
                f"**URL**: [https://example.org/p/{index}](https://example.org/p/{index})",
                "",
                "**Abstract**:",
                "",
                abstract,
                "",
                "----",
                "",
            ]
        (out / f"SYN-{number // PER_FILE:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    done.write_text(str(count))
    return out
