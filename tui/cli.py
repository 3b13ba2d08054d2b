"""Provides the `paperbrowse` command: parse, add, remove, search, stats, reindex, mark,
export, or the app."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

from paperbrowse.index.sorts import SORTS

COMMANDS = (
    "parse", "add", "remove", "search", "stats", "reindex", "mark", "export", "fetch", "resolve",
)  # fmt: skip
VERSION = "paperbrowse 0.1.0"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


GLOBAL_OPTIONS = (
    ("--index", "index directory (default: $PAPERBROWSE_INDEX or the data dir)"),
    ("--data-dir", "data directory (default: $PAPERBROWSE_DATA_DIR or the platform's)"),
    ("--cache-dir", "cache directory for the demo index (default: $PAPERBROWSE_CACHE_DIR)"),
)
"""Options that mean the same for every command: accepted before or after it."""


def global_options(*, for_command: bool) -> argparse.ArgumentParser:
    """The global options as a parent parser. The copy each command gets defaults to
    SUPPRESS, so it leaves a value given before the command in place instead of resetting
    it to None; the top level's copy supplies the None defaults."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("global options (before or after the command)")
    default = argparse.SUPPRESS if for_command else None
    for flag, text in GLOBAL_OPTIONS:
        group.add_argument(flag, metavar="DIR", default=default, help=text)
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperbrowse",
        description="Browse machine-learning paper lists in the terminal. Without a command, "
        "opens the app (adding PATHs first).",
        parents=[global_options(for_command=False)],
    )
    parser.add_argument("--version", action="version", version=VERSION)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    shared = [global_options(for_command=True)]

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=text, parents=shared)

    parse = command("parse", "parse lists and print their entries (no index)")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="one JSON object per entry per line")

    add = command("add", "add lists (files or directories) to the index")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--quiet", "-q", action="store_true", help="print problems only")

    remove = command("remove", "drop the papers of lists from the index")
    remove.add_argument("paths", nargs="+", metavar="PATH")

    search = command("search", "search the index")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--sort", choices=SORTS, default="relevance")
    search.add_argument("--json", action="store_true", help="one JSON object per paper per line")

    stats = command("stats", "counts of papers by format, venue and year")
    stats.add_argument("--json", action="store_true")

    command("reindex", "rebuild the index from its recorded lists")

    from .marks_cli import add_mark_parsers

    add_mark_parsers(command)
    from .fetch_cli import add_fetch_parsers

    add_fetch_parsers(command, shared)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperbrowse",
        usage="paperbrowse [--index DIR] [--data-dir DIR] [--cache-dir DIR] [--demo] [PATH ...]\n"
        f"       paperbrowse [global options] {{{','.join(COMMANDS)}}} ... [global options]",
        description="Open the app on the index; PATHs (lists or directories) are added first. "
        f"Commands: {', '.join(COMMANDS)} (see `paperbrowse COMMAND --help`). Global "
        "options go before or after the command.",
        parents=[global_options(for_command=False)],
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--demo", action="store_true", help="open the built-in sample papers")
    parser.add_argument("--version", action="version", version=VERSION)
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The command named on the line, if any: the first word that is neither an option nor
    a global option's value (argparse finds it), when it is a command name and not an
    existing file (`paperbrowse add` with a file named `add` here opens the app on it)."""
    finder = argparse.ArgumentParser(
        add_help=False, exit_on_error=False, parents=[global_options(for_command=False)]
    )
    finder.add_argument("word", nargs="?")
    try:
        known, _ = finder.parse_known_args(argv)
    except argparse.ArgumentError:  # `--index` without its value: the real parser says so
        return None
    word = known.word
    if word in COMMANDS and not os.path.exists(word):
        return word
    return None


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    from paperbrowse.index.clean import display_safe

    sys.stderr.write(f"paperbrowse: {display_safe(message)}\n")
    return code


def _problem(line: str) -> None:
    """A located problem, `path:line: message`, as compilers and linters print them."""
    from paperbrowse.index.clean import display_safe

    sys.stderr.write(display_safe(line) + "\n")


WAITING = "waiting for another paperbrowse writing to this index…\n"


def _waiting() -> None:
    sys.stderr.write(WAITING)


def _library(args: argparse.Namespace, create: bool = True) -> Any:
    from paperbrowse.index.library import Library

    from .locations import index_dir
    from .marks_cli import open_marks

    library = Library(index_dir(args.index, args.data_dir), create=create, on_wait=_waiting)
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
    from .output import add_progress, add_summary

    started = time.monotonic()
    with _library(args) as library, add_progress() as progress:
        report = library.add(
            args.paths,
            progress=progress,
            on_wait=_waiting,
        )
    if args.quiet:
        for problem in report.problems:
            _problem(str(problem))
    else:
        add_summary(report, time.monotonic() - started)
    return EXIT_FAILED if report.files_failed else EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from .output import remove_summary

    started = time.monotonic()
    with _library(args, create=False) as library:
        before = len(library.files())
        report = library.remove(args.paths)
        lists = before - len(library.files())
    remove_summary(report, lists, time.monotonic() - started)
    return EXIT_FAILED if report.files_failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from paperbrowse.index.library import QueryError

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
            noun = "paper matches" if results.total == 1 else "papers match"
            sys.stderr.write(f"{results.total} {noun}; showing {len(hits)}\n")
            unmatched = not results.total or results.relaxed
            if unmatched and (hint := library.correction(text)):
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
    from paperbrowse.index.library import Library

    from .locations import index_dir
    from .output import add_progress, add_summary

    path = index_dir(args.index, args.data_dir)
    files = Library.recorded_files(path)
    if not files:
        return _fail(f"no recorded lists to rebuild {path} from (is it a paperbrowse index?)")
    started = time.monotonic()
    with add_progress() as progress:
        library, report = Library.rebuild(path, files, progress=progress)
    library.close()
    add_summary(report, time.monotonic() - started)
    return EXIT_FAILED if report.files_failed else EXIT_OK


NEEDS_TERMINAL = (
    "paperbrowse: the app needs a terminal (stdin and stdout); in scripts use "
    "`paperbrowse search QUERY` (or add, stats; see `paperbrowse --help`)\n"
)


def has_terminal() -> bool:
    """True when both stdin and stdout are terminals: the app reads keys from one and draws
    on the other (without them Textual writes escape sequences into a file and spins)."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def cmd_no_terminal(args: argparse.Namespace) -> int:
    """`paperbrowse [PATH…]` without a terminal: add the PATHs as asked (a script's
    `paperbrowse list.md` still indexes it), then say in one line what to use instead."""
    if args.paths and not args.demo:
        args.quiet = False
        cmd_add(args)  # its problems and summary are printed; the exit says "no app"
    sys.stderr.write(NEEDS_TERMINAL)
    return EXIT_USAGE


def cmd_mark(args: argparse.Namespace) -> int:
    from .marks_cli import cmd_mark

    with _library(args, create=False) as library:
        return cmd_mark(args, library, _fail)


def cmd_export(args: argparse.Namespace) -> int:
    from .marks_cli import cmd_export

    with _library(args, create=False) as library:
        return cmd_export(args, library, _fail)


def cmd_fetch(args: argparse.Namespace) -> int:
    from .fetch_cli import cmd_fetch

    return cmd_fetch(args, lambda: _library(args), _fail)  # opened once the fetch succeeded


def cmd_resolve(args: argparse.Namespace) -> int:
    from .fetch_cli import cmd_resolve

    with _library(args, create=False) as library:
        return cmd_resolve(args, library, _fail)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if command_word(argv) is not None:
        args = build_parser().parse_args(argv)
        handler = globals()[f"cmd_{args.command}"]
    else:
        args = build_app_parser().parse_args(argv)
        if has_terminal():
            from .launch import run_app

            handler = run_app
        else:
            handler = cmd_no_terminal
    from paperbrowse.index.library import IndexProblem

    try:
        return handler(args)
    except IndexProblem as problem:
        return _fail(str(problem))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
