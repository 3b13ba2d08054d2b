"""Provides the command line's text output: tables, summaries and progress, terminal-safe."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from paperbrowse.index.clean import display_safe
from paperbrowse.index.export import where
from paperbrowse.index.models import AddReport, Entry, Paper

from .progress import AddProgress, PlainLines


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
        tweets = f"{paper.retweets} RT" if paper.retweets is not None else ""
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


def remove_summary(report: AddReport, lists: int, seconds: float, out: TextIO = sys.stderr) -> None:
    """`remove`'s own summary: lists dropped, papers removed, and papers that stay because
    another list still has them (problems first, as `path:line: message`)."""
    for problem in report.problems:
        out.write(display_safe(str(problem)) + "\n")
    out.write(
        f"lists: {lists} removed; papers: {report.papers_removed} removed, "
        f"{report.papers_updated} kept (still in other lists) ({seconds:.1f} s)\n"
    )


@contextmanager
def add_progress(
    out: TextIO = sys.stderr, every: float = 5.0
) -> Iterator[AddProgress | PlainLines]:
    """Progress of an add on stderr, as the index's progress callback: Rich's live bars on a
    terminal (files read; papers indexed, with rate and time left; the save), a plain line
    every `every` seconds when piped."""
    from rich.console import Console

    progress = AddProgress(Console(file=out), live=out.isatty())
    with progress:
        if progress.progress.disable:
            with PlainLines(progress, out, every) as lines:
                yield lines
        else:
            yield progress
