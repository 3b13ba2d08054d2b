"""Tests that any query text, on every search path, either runs or raises QueryError."""

from __future__ import annotations

import random
import string
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperbrowse.index.library import SORTS, Library
from paperbrowse.index.query import QueryError
from robust_harness import CONFERENCE_ENTRY, HOT, ICLR, ICML, NIPS

FIELDS = (
    "title:",
    "author:",
    "authors:",
    "venue:",
    "year:",
    "cat:",
    "source:",
    "abs:",
    "abstract:",
    "retweets:",
    "retweets:>",
    "year:>=",
    "key:",
    "kind:",
    "files:",
    "nope:",
)
SYNTAX = (
    "year:[2021 TO 2023]",
    "year:[",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    " TO ",
    "AND",
    "OR",
    "NOT",
    "ANDNOT",
    "^2",
    "~",
    "~2",
    "*",
    "?",
    '"',
    '"open',
    "'",
    "+",
    "-",
    ":",
    "\\",
    "/",
    "*:*",
    " ",
    "  ",
)
WORDS = (
    "lattice",
    "graph",
    "gradient",
    "x",
    "2205.02222",
    "https://arxiv.org/abs/2101.00001",
    "é",
    "名",
    "ﬁ",
    "Straße",
    "1e9",
    "-1",
    "9" * 30,
)
CONTROLS = (
    "\x00",
    "\x1b[31m",
    "\x07",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\r\n",
    "\t",
    "\x7f",
    "\ud7ff",
    "\U0001f600",
)
PIECES = st.sampled_from(FIELDS + SYNTAX + WORDS + CONTROLS)
QUERIES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=10).map("".join),
)
PATHS = {
    "full": {},
    "as you type": {"as_you_type": True, "count": False},
    "quick": {"quick": True, "as_you_type": True, "count": False},
    "quick, complete": {"quick": True},
}
"""Library.search's paths: the command line's, the app's first and titles-first ones."""

CHECK = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """An index of four fixture lists (three formats, several years and venues)."""
    path: Path = tmp_path_factory.mktemp("query-fuzz") / "index"
    with Library(path) as lib:
        lib.add([HOT, NIPS, ICLR, ICML])
        yield lib


def run(library: Library, text: str, sort: str, options: dict[str, bool]) -> None:
    """What a caller does with a query: search, read the first rows, and (as the app does
    after the first answer) count, facets and a did-you-mean."""
    try:
        results = library.search(text, sort=sort, **options)
    except QueryError as error:
        assert error.message
        error.pointer()
        return
    hits = library.hits(results, 0, 20)
    assert all(hit.paper.title for hit in hits)
    searching = library.searching
    total = searching.count(results)
    assert total >= len(hits)
    searching.facets(results)
    if not total:
        searching.correction(text)


@pytest.mark.parametrize("path", PATHS)
def test_any_query_text_runs_or_raises_query_error(library, path):
    """On each search path, arbitrary text (unbalanced quotes and brackets, `field:` junk,
    control and bidi characters) gives results or a QueryError with a message, nothing
    else, whatever the sort."""

    @CHECK
    @given(text=QUERIES, sort=st.sampled_from(SORTS))
    def check(text: str, sort: str) -> None:
        run(library, text, sort, PATHS[path])

    check()


@pytest.mark.parametrize("path", PATHS)
def test_every_prefix_of_a_typed_query_runs_or_raises_query_error(library, path):
    """Each prefix of a query, as it is typed key by key, gives results or a QueryError."""

    @settings(CHECK, max_examples=50)  # each example runs every prefix
    @given(st.lists(PIECES, min_size=1, max_size=6).map("".join))
    def check(text: str) -> None:
        for end in range(1, len(text) + 1):
            run(library, text[:end], "relevance", PATHS[path])

    check()


SLOW_BEFORE = ("x~9", "lattice~9", "graph~5", "a" * 30 + "~2", "*a*", "a*", "?*", "title:*x")
"""Queries Whoosh once took seconds to minutes on (found by the fuzz above, then refused);
the fuzzy ones take seconds here too when let through."""


@pytest.fixture(scope="module")
def wordy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """An index with a real-sized vocabulary (10,000 invented words): a fuzzy term's cost
    grows with it, so a tiny index would hide a slow query."""
    rng = random.Random(5)
    words = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 11))) for _ in range(10_000)
    ]
    folder = tmp_path_factory.mktemp("wordy")
    path = folder / "NIPS-2022-list01.md"
    path.write_text(
        "".join(
            CONFERENCE_ENTRY.format(
                n=n,
                title=" ".join(rng.sample(words, 6)),
                authors="Ada Author, Bo Writer",
                abstract=" ".join(rng.sample(words, 40)),
            )
            for n in range(1, 1201)
        ),
        encoding="utf-8",
    )
    with Library(folder / "index") as lib:
        lib.add([path])
        yield lib


@pytest.mark.parametrize("text", SLOW_BEFORE)
def test_queries_whoosh_would_take_minutes_on_are_answered_at_once(wordy, text):
    """Huge fuzzy distances and wildcards with almost no letters are answered (refused or
    run) within 1.5 seconds on every search path, never left to run for seconds or minutes."""
    finished: list[str] = []

    def every_path() -> None:
        for options in PATHS.values():
            run(wordy, text, "relevance", options)
        finished.append(text)

    # A daemon thread: should it hang again, the test fails now and the run can still end.
    thread = threading.Thread(target=every_path, daemon=True)
    thread.start()
    thread.join(timeout=1.5)
    assert finished == [text], f"{text!r} still running after 1.5 s"
