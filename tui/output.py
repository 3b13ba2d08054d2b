"""Provides the command line's text output: tables, summaries and progress, terminal-safe."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

from paperbrowse.index.clean import display_safe
from paperbrowse.index.models import AddReport, Entry, Paper


def json_line(data: dict[str, Any], out: TextIO = sys.stdout) -> None:
    """One JSON object per line; the data exactly as indexed (nothing stripped)."""
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def _cut(text: str, width: int) -> str:
    text = display_safe(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def byline(authors: Iterable[str]) -> str:
    names = list(authors)
    if not names:
        return ""
    return names[0] + (" et al." if len(names) > 1 else "")


def where(paper: Paper | Entry) -> str:
    """Venue and year, else the list date, else the list's date label."""
    if paper.venue:
        return f"{paper.venue} {paper.year or ''}".strip()
    if paper.date:
        return paper.date
    sources = paper.sources if isinstance(paper, Paper) else (paper.source,)
    label = next((s.label for s in sources if s.label), None)
    return label or ""


def entry_table(entries: list[Entry], out: TextIO = sys.stdout) -> None:
    """`parse` without --json: one readable row per entry."""
    for entry in entries:
        ident = entry.arxiv_id or entry.openreview_id or ""
        out.write(
            f"{entry.source.line:>6}  {entry.format:<10} {_cut(entry.title, 70):<70}  "
            f"{_cut(byline(entry.authors), 24):<24}  {_cut(where(entry), 12):<12}  {ident}\n"
        )


def paper_table(papers: list[tuple[Paper, float | None]], out: TextIO = sys.stdout) -> None:
    """`search` without --json: rank, title, first author, where, tweets."""
    for rank, (paper, _score) in enumerate(papers, start=1):
        tweets = f"♥{paper.retweets}" if paper.retweets is not None else ""
        out.write(
            f"{rank:>4}. {_cut(paper.title, 72):<72}  {_cut(byline(paper.authors), 22):<22}  "
            f"{_cut(where(paper), 12):<12} {tweets}\n"
        )


def add_summary(report: AddReport, seconds: float, out: TextIO = sys.stderr) -> None:
    """Problems as `path:line: message`, then the counts."""
    for problem in report.problems:
        out.write(display_safe(str(problem)) + "\n")
    for skipped in report.skipped:
        out.write(display_safe(f"{skipped}: skipped") + "\n")
    out.write(
        f"files: {report.files_read} read, {report.files_unchanged} unchanged, "
        f"{report.files_failed} failed, {report.files_skipped} skipped; "
        f"papers: {report.papers_new} new, {report.papers_updated} updated, "
        f"{report.papers_merged} merged from several lists, {report.papers_removed} removed "
        f"({report.entries} entries in {seconds:.1f} s)\n"
    )


class ProgressLine:
    """Progress on stderr: a live line on a terminal, an occasional line otherwise."""

    def __init__(self, out: TextIO = sys.stderr, every: float = 5.0) -> None:
        self.out = out
        self.tty = out.isatty()
        self.every = every
        self.last = time.monotonic()
        self.started = self.last

    def __call__(self, done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if self.tty:
            if now - self.last >= 0.1 or done == total:
                self.out.write(f"\rreading {done}/{total} files…\x1b[K")
                self.out.flush()
                self.last = now
        elif now - self.last >= self.every:
            self.out.write(f"reading {done}/{total} files ({now - self.started:.0f} s)\n")
            self.last = now

    def finish(self) -> None:
        if self.tty:
            self.out.write("\r\x1b[K")
            self.out.flush()
