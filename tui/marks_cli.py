"""Provides the `mark` and `export` commands, and the marks `search --json` carries."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from paperbrowse.index.export import EXPORT_FORMATS, export_file, render
from paperbrowse.index.marks import Mark, Marks, MarksUnavailable
from paperbrowse.index.models import Paper
from paperbrowse.index.sorts import SORTS


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
    if not args.output:
        sys.stdout.write(render(args.format, papers, marks))
        return 0
    try:
        export_file(args.output, args.format, papers, marks)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    sys.stderr.write(f"wrote {len(papers)} papers to {args.output} ({args.format})\n")
    return 0
