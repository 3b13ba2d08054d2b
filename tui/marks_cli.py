"""Provides the `mark` and `export` commands, and the marks `search --json` carries."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from paperbrowse.index.marks import Mark, Marks, MarksUnavailable
from paperbrowse.index.models import Paper
from paperbrowse.index.sorts import SORTS

EXPORT_FORMATS = ("bibtex", "markdown", "csv", "json")
CSV_COLUMNS = (
    "key", "title", "authors", "year", "venue", "date", "arxiv_id", "openreview_id", "url",
    "read", "starred", "tags", "note",
)  # fmt: skip


def open_marks(args: argparse.Namespace) -> Marks:
    """The marks file of the data directory (opened on first use)."""
    from .locations import marks_file

    return Marks(marks_file(getattr(args, "data_dir", None)))


def add_mark_parsers(command: Any) -> None:
    """The `mark` and `export` subcommands; `command(name, help)` gives a subparser with the
    global options (before or after the command)."""
    mark = command("mark", "mark papers read, starred, tagged or noted")
    mark.add_argument(
        "ids", nargs="+", metavar="ID", help="a key from `search --json`, an arXiv or OpenReview id"
    )
    read = mark.add_mutually_exclusive_group()
    read.add_argument("--read", dest="read", action="store_true", default=None)
    read.add_argument("--unread", dest="read", action="store_false")
    star = mark.add_mutually_exclusive_group()
    star.add_argument("--star", dest="starred", action="store_true", default=None)
    star.add_argument("--unstar", dest="starred", action="store_false")
    mark.add_argument("--tag", action="append", default=[], metavar="NAME")
    mark.add_argument("--untag", action="append", default=[], metavar="NAME")
    mark.add_argument("--note", metavar="TEXT", help="the paper's note ('' clears it)")

    export = command("export", "write the papers a query finds (default: all)")
    export.add_argument("query", nargs="*", metavar="QUERY")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="bibtex")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--sort", choices=SORTS, default="relevance")


def paper_marks(marks: Marks | None, papers: Sequence[Paper]) -> list[Mark] | None:
    """The marks of papers, or None (said once on stderr) when the marks file is unusable."""
    from paperbrowse.index.merge import paper_keys

    if marks is None:
        return None
    try:
        return marks.get_many([paper_keys(p) for p in papers])
    except MarksUnavailable as error:
        sys.stderr.write(f"paperbrowse: {error}\n")
        return None


def cmd_mark(args: argparse.Namespace, library: Any, fail: Any) -> int:
    """Change the marks of the named papers, all or (an ID unknown) none."""
    from paperbrowse.index.merge import paper_keys

    from .output import json_line

    found = {ident: library.find_paper(ident) for ident in args.ids}
    unknown = [ident for ident, paper in found.items() if paper is None]
    if unknown:
        return fail(
            f"unknown ID {', '.join(unknown)} (give a key from `search --json`, an arXiv id or "
            "an OpenReview id); nothing was marked"
        )
    papers = list({p.key: p for p in found.values() if p is not None}.values())
    marks = library.marks
    change = args.read is not None or args.starred is not None or args.note is not None
    try:
        if change or args.tag or args.untag:
            marks.update(
                [paper_keys(p) for p in papers],
                read=args.read,
                starred=args.starred,
                add_tags=args.tag,
                remove_tags=args.untag,
                note=args.note,
            )
        current = marks.get_many([paper_keys(p) for p in papers])
    except MarksUnavailable as error:
        return fail(str(error))
    for paper, mark in zip(papers, current, strict=True):
        json_line({"key": paper.key, "title": paper.title, "marks": mark.to_json()})
    return 0


def _markdown(papers: Sequence[Paper], marks: list[Mark] | None) -> str:
    from paperbrowse.index.cite import markdown_link

    from .output import where

    lines = []
    for n, paper in enumerate(papers):
        mark = marks[n] if marks else Mark()
        about = "; ".join(x for x in (", ".join(paper.authors), where(paper)) if x)
        flags = ("★ " if mark.starred else "") + " ".join(f"#{t}" for t in mark.tags)
        line = f"- {markdown_link(paper)}" + (f" — {about}" if about else "")
        lines.append(line + (f" {flags.strip()}" if flags.strip() else ""))
        lines.extend(f"  > {text}" for text in mark.note.splitlines() if mark.note)
    return "\n".join(lines) + ("\n" if lines else "")


def _csv(papers: Sequence[Paper], marks: list[Mark] | None) -> str:
    from paperbrowse.index.cite import primary_link

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for n, paper in enumerate(papers):
        mark = marks[n] if marks else Mark()
        writer.writerow([
            paper.key, paper.title, "; ".join(paper.authors), paper.year or "", paper.venue or "",
            paper.date or "", paper.arxiv_id or "", paper.openreview_id or "",
            primary_link(paper).url, int(mark.read), int(mark.starred), "; ".join(mark.tags),
            mark.note,
        ])  # fmt: skip
    return out.getvalue()


def _json(papers: Sequence[Paper], marks: list[Mark] | None) -> str:
    items = []
    for n, paper in enumerate(papers):
        data = paper.to_json()
        data["marks"] = marks[n].to_json() if marks else None
        items.append(data)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render(form: str, papers: Sequence[Paper], marks: list[Mark] | None) -> str:
    """An export of papers in one of EXPORT_FORMATS."""
    if form == "bibtex":
        from paperbrowse.index.cite import bibtex_entries

        return bibtex_entries(papers)
    return {"markdown": _markdown, "csv": _csv, "json": _json}[form](papers, marks)


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a file whole or not at all (a crash never leaves half an export)."""
    path = path.expanduser()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def cmd_export(args: argparse.Namespace, library: Any, fail: Any) -> int:
    """Write every paper a query finds (all papers without one) in the chosen format."""
    from paperbrowse.index.library import QueryError

    text = " ".join(args.query).strip() or "*"
    try:
        results = library.search(text, sort=args.sort, count=True)
    except QueryError as error:
        sys.stderr.write(f"paperbrowse: bad query: {error.message}\n{error.pointer()}\n")
        return 2
    papers = [hit.paper for hit in library.hits(results, 0, results.total)]
    marks = paper_marks(library.marks, papers) if args.format != "bibtex" else None
    output = render(args.format, papers, marks)
    if not args.output:
        sys.stdout.write(output)
        return 0
    # A spreadsheet reads a CSV file's accents right only with the byte-order mark.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    try:
        write_atomically(Path(args.output), output, encoding)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    sys.stderr.write(f"wrote {len(papers)} papers to {args.output} ({args.format})\n")
    return 0
