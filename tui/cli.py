"""Provides the `paperbrowse` command: parse, add, remove, search, stats, reindex, mark,
export, or the app."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import Any

COMMANDS = ("parse", "add", "remove", "search", "stats", "reindex", "mark", "export")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index",
        metavar="DIR",
        help="index directory (default: $PAPERBROWSE_INDEX or the data dir)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory (default: $PAPERBROWSE_DATA_DIR or the platform's)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperbrowse",
        description="Browse machine-learning paper lists in the terminal. Without a command, "
        "opens the app (adding PATHs first).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    parse = commands.add_parser("parse", help="parse lists and print their entries (no index)")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="one JSON object per entry per line")

    add = commands.add_parser("add", help="add lists (files or directories) to the index")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    _common(add)

    remove = commands.add_parser("remove", help="drop the papers of lists from the index")
    remove.add_argument("paths", nargs="+", metavar="PATH")
    _common(remove)

    search = commands.add_parser("search", help="search the index")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument(
        "--sort", choices=("relevance", "date", "popularity", "title"), default="relevance"
    )
    search.add_argument("--json", action="store_true", help="one JSON object per paper per line")
    _common(search)

    stats = commands.add_parser("stats", help="counts of papers by format, venue and year")
    stats.add_argument("--json", action="store_true")
    _common(stats)

    reindex = commands.add_parser("reindex", help="rebuild the index from its recorded lists")
    _common(reindex)

    from .marks_cli import add_mark_parsers

    add_mark_parsers(commands, _common)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperbrowse",
        usage="paperbrowse [PATH ...] [--demo] [--index DIR]\n"
        f"       paperbrowse {{{','.join(COMMANDS)}}} ...",
        description="Open the app on the index; PATHs (lists or directories) are added first. "
        f"Commands: {', '.join(COMMANDS)} (see `paperbrowse COMMAND --help`).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--demo", action="store_true", help="open the built-in sample papers")
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="cache directory for the demo index (default: $PAPERBROWSE_CACHE_DIR)",
    )
    parser.add_argument("--version", action="version", version="paperbrowse 0.1.0")
    _common(parser)
    return parser


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    from paperbrowse.index.clean import display_safe

    sys.stderr.write(f"paperbrowse: {display_safe(message)}\n")
    return code


def _problem(line: str) -> None:
    """A located problem, `path:line: message`, as compilers and linters print them."""
    from paperbrowse.index.clean import display_safe

    sys.stderr.write(display_safe(line) + "\n")


def _library(args: argparse.Namespace, create: bool = True) -> Any:
    from paperbrowse.index.store import Library

    from .locations import index_dir
    from .marks_cli import open_marks

    library = Library(index_dir(args.index, args.data_dir), create=create)
    library.marks = open_marks(args)  # opened on first use: searches without marks never do
    return library


def cmd_parse(args: argparse.Namespace) -> int:
    from paperbrowse.index.formats import NotAPaperList, parse_file

    from .output import entry_table, json_line

    failed = False
    for name in args.files:
        try:
            result = parse_file(name)
        except NotAPaperList as error:
            _problem(str(error.problem))
            failed = True
            continue
        for problem in result.problems:
            _problem(str(problem))
        if args.json:
            for entry in result.entries:
                json_line(entry.to_json())
        else:
            entry_table(result.entries)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from .output import ProgressLine, add_summary

    started = time.monotonic()
    progress = ProgressLine()
    with _library(args) as library:
        report = library.add(
            args.paths,
            progress=progress,
            on_wait=lambda: sys.stderr.write(
                "waiting for another paperbrowse writing to this index…\n"
            ),
        )
    progress.finish()
    if args.quiet:
        for problem in report.problems:
            _problem(str(problem))
    else:
        add_summary(report, time.monotonic() - started)
    return EXIT_FAILED if report.files_failed else EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from .output import add_summary

    started = time.monotonic()
    with _library(args, create=False) as library:
        report = library.remove(args.paths)
    add_summary(report, time.monotonic() - started)
    return EXIT_FAILED if report.files_failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from paperbrowse.index.query import QueryError

    from .output import json_line, paper_table

    text = " ".join(args.query)
    if args.limit < 1:
        return _fail("--limit must be at least 1", EXIT_USAGE)
    with _library(args, create=False) as library:
        try:
            # JSON lines carry no total, so the count is not computed for them.
            results = library.search(text, sort=args.sort, limit=args.limit, count=not args.json)
        except QueryError as error:
            sys.stderr.write(f"paperbrowse: bad query: {error.message}\n{error.pointer()}\n")
            return EXIT_USAGE
        hits = library.hits(results)
        if args.json:
            from .marks_cli import paper_marks

            marks = paper_marks(library.marks, [hit.paper for hit in hits])
            for n, hit in enumerate(hits):
                data = hit.paper.to_json()
                data["score"] = hit.score
                data["marks"] = marks[n].to_json() if marks else None
                json_line(data)
        else:
            paper_table([(hit.paper, hit.score) for hit in hits])
            if results.relaxed:
                sys.stderr.write("no paper holds every word; these hold all but one\n")
            sys.stderr.write(f"{results.total} papers match; showing {len(hits)}\n")
            unmatched = not results.total or results.relaxed
            if unmatched and (hint := library.searching.correction(text)):
                sys.stderr.write(f"did you mean: {hint}\n")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from paperbrowse.index.clean import display_safe

    from .output import json_line

    with _library(args, create=False) as library:
        stats = library.stats()
    if args.json:
        json_line(stats)
        return EXIT_OK
    print(f"papers: {stats['papers']} from {stats['files']} lists")
    for title, key in (
        ("by format", "by_format"),
        ("by venue", "by_venue"),
        ("by year", "by_year"),
    ):
        values = ", ".join(f"{k} {v}" for k, v in stats[key].items()) or "none"
        print(display_safe(f"{title}: {values}"))  # venues are data from the lists
    print(f"years: {stats['year_rule']} ({stats['without_year']} papers have none)")
    print(f"date order: {stats['date_rule']}, newest first")
    print(display_safe(f"index: {stats['index']} ({stats['size_bytes'] / 1e6:.1f} MB)"))
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    from paperbrowse.index.store import Library

    from .locations import index_dir
    from .output import ProgressLine, add_summary

    path = index_dir(args.index, args.data_dir)
    files = Library.recorded_files(path)
    if not files:
        return _fail(f"no recorded lists to rebuild {path} from (is it a paperbrowse index?)")
    started = time.monotonic()
    progress = ProgressLine()
    library, report = Library.rebuild(path, files, progress=progress)
    library.close()
    progress.finish()
    add_summary(report, time.monotonic() - started)
    return EXIT_FAILED if report.files_failed else EXIT_OK


def cmd_mark(args: argparse.Namespace) -> int:
    from .marks_cli import cmd_mark

    with _library(args, create=False) as library:
        return cmd_mark(args, library, _fail)


def cmd_export(args: argparse.Namespace) -> int:
    from .marks_cli import cmd_export

    with _library(args, create=False) as library:
        return cmd_export(args, library, _fail)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        args = build_parser().parse_args(argv)
        handler = globals()[f"cmd_{args.command}"]
    else:
        args = build_app_parser().parse_args(argv)
        from .launch import run_app

        handler = run_app
    from paperbrowse.index.store import IndexProblem

    try:
        return handler(args)
    except IndexProblem as problem:
        return _fail(str(problem))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
