"""Provides the `fetch` and `resolve` commands: lists from Hugging Face, arXiv and OpenReview
saved under the data directory's `lists/` and added to the index; arXiv ids found by title."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from paperbrowse.index.clean import display_safe

DEFAULT_ARXIV_MAX = 200
MAX_DAYS = 31


def _days(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_DAYS}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def add_fetch_parsers(command: Any, shared: list[argparse.ArgumentParser]) -> None:
    """The `fetch` (with a subcommand per source) and `resolve` subcommands; `shared` are
    the global-option parents each level accepts."""
    fetch = command("fetch", "fetch a list from Hugging Face, arXiv or OpenReview")
    sources = fetch.add_subparsers(dest="source", metavar="SOURCE", required=True)
    hf = sources.add_parser(
        "hf", help="the Hugging Face daily papers (default: today, UTC)", parents=shared
    )
    when = hf.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="YYYY-MM-DD", help="the day to fetch")
    when.add_argument("--days", type=_days, metavar="N", help="the last N days, up to today")
    arxiv = sources.add_parser("arxiv", help="the newest submissions of a category", parents=shared)
    arxiv.add_argument("category", metavar="CATEGORY", help="an arXiv category, e.g. cs.LG")
    arxiv.add_argument("--max", type=_positive, default=DEFAULT_ARXIV_MAX, metavar="N")
    openreview = sources.add_parser("openreview", help="a venue's papers", parents=shared)
    openreview.add_argument("venue", metavar="VENUE_ID", help="e.g. ICLR.cc/2024/Conference")

    resolve = command("resolve", "find arXiv ids for papers without one, by exact title")
    resolve.add_argument("query", nargs="*", metavar="QUERY", help="only the papers it finds")


def _say(line: str) -> None:
    sys.stderr.write(display_safe(line) + "\n")
    sys.stderr.flush()


def _tagged(source: str, text: str) -> None:
    _say(f"{source}: {text}")


def _fetch_lists(args: argparse.Namespace, client: Any) -> Iterator[tuple[Any, str | None]]:
    """Each list the command asks for as it is fetched, `(list, None)`, or `(None, failure)`
    with the failure's one line."""
    from paperbrowse.index.fetching import arxiv, base_url, hf, openreview
    from paperbrowse.index.fetching.http import FetchError

    base = base_url(args.source)
    say = partial(_tagged, args.source)
    if args.source == "hf":
        try:
            days = hf.days(args.date, args.days)
        except ValueError:
            raise _Usage(f"hf: --date wants YYYY-MM-DD, not {args.date!r}") from None
        for day in days:
            try:
                yield hf.fetch_day(client, base, day, progress=say), None
            except FetchError as error:
                yield None, str(error)
        return
    try:
        if args.source == "arxiv":
            one = arxiv.fetch_category(client, base, args.category, args.max, progress=say)
        else:
            one = openreview.fetch_venue(client, base, args.venue, progress=say)
    except FetchError as error:
        yield None, str(error)
        return
    yield one, None


class _Usage(Exception):
    """A wrong argument found after parsing (exit 2)."""


def _save(args: argparse.Namespace, one: Any, library: Any, fail: Any, started: float) -> bool:
    """Save one fetched list and add it; False (said in one line) when that failed."""
    from paperbrowse.index.fetching.lists import save_and_add

    from .locations import lists_dir
    from .output import add_progress, add_summary

    with add_progress() as progress:
        try:
            path, report = save_and_add(
                one, lists_dir(args.data_dir), lambda p: library.add(p, progress=progress)
            )
        except (OSError, ValueError) as error:
            fail(f"{args.source}: could not save {one.what}: {error}")
            return False
    _say(f"{args.source}: {len(one.records)} papers ({one.what}) in {path}")
    add_summary(report, time.monotonic() - started)
    return True


def cmd_fetch(args: argparse.Namespace, open_library: Any, fail: Callable[..., int]) -> int:
    """Fetch, then save and add each list as it comes (a day of `--days` at a time, so
    Ctrl-C keeps the days done); every failure is one line and writes nothing. The index is
    opened, or created, only once something was fetched."""
    from paperbrowse.index.fetching.http import Client

    started = time.monotonic()
    library = None
    failed = False
    try:
        with Client(args.source) as client:
            for one, failure in _fetch_lists(args, client):
                if failure is not None:
                    fail(failure)
                    failed = True
                    continue
                if library is None:
                    library = open_library()
                failed = not _save(args, one, library, fail, started) or failed
    except _Usage as error:
        return fail(str(error), 2)
    finally:
        if library is not None:
            library.close()
    return 1 if failed else 0


def _progress(done: int, total: int, paper: Any, answer: dict[str, Any]) -> None:
    if answer.get("arxiv_id"):
        what = f"found {answer['arxiv_id']}"
    else:
        what = "ambiguous on arXiv" if answer.get("why") == "ambiguous" else "not on arXiv"
    _say(f"resolve {done}/{total}: {what}: {paper.title[:100]}")


def cmd_resolve(args: argparse.Namespace, library: Any, fail: Callable[..., int]) -> int:
    """Ask arXiv about each paper without an id (the cache first), then save the found ids as
    the resolved list and add it; Ctrl-C keeps what was answered."""
    from paperbrowse.index.fetching import base_url
    from paperbrowse.index.fetching.cache import ResolveCache
    from paperbrowse.index.fetching.http import Client
    from paperbrowse.index.fetching.resolve import resolve

    from .locations import lists_dir, resolve_cache_file

    cache = ResolveCache(resolve_cache_file(args.data_dir))
    if cache.problem:
        _say(f"paperbrowse: warning: {cache.problem}")
    with Client("arxiv") as client:
        report = resolve(library, cache, client, base_url("arxiv"), " ".join(args.query),
                         progress=_progress)  # fmt: skip
    kept = _save_resolved(library, cache, lists_dir(args.data_dir), report, fail)
    _say(
        f"resolve: {report.candidates} papers without an arXiv id: {report.found} found, "
        f"{report.not_found} not on arXiv, {report.ambiguous} ambiguous, {report.cached} "
        f"answered before (cache); {kept} ids in the index"
        + ("; interrupted" if report.interrupted else "")
    )
    if report.failure:
        return fail(report.failure + " (the answers before it are kept)")
    return 130 if report.interrupted else 0


def _save_resolved(library: Any, cache: Any, lists: Path, report: Any, fail: Any) -> int:
    """Rewrite the resolved list from the cache and add it; the ids it holds."""
    from paperbrowse.index.fetching.lists import list_path, save_and_add
    from paperbrowse.index.fetching.resolve import LIST_NAME, SOURCE, resolved_list, still_listed

    titles = report.titles | still_listed(library, lists)
    fetched = resolved_list(cache, titles)
    path = list_path(lists, SOURCE, LIST_NAME)
    try:
        if fetched.records:
            save_and_add(fetched, lists, library.add)
        elif path.exists():
            library.remove([str(path)])
            path.unlink()
    except (OSError, ValueError) as error:
        fail(f"resolve: could not save the resolved ids: {error}")
        return 0
    return len(fetched.records)
