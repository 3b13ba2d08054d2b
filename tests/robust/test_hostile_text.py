"""Tests hostile text in lists: markup, escape sequences and bidi controls are inert in the
command line's text output, while --json keeps the data exactly as cleaned."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from paperbrowse.index.formats import parse_file
from paperbrowse.index.library import Library
from robust_harness import CONFERENCE_ENTRY

OSC52 = "\x1b]52;c;SGFja2Vk\x07"
"""Sets the terminal's clipboard (to "Hacked") when printed raw."""
HOSTILE = {
    "title": f"[bold red]Boom[/] {OSC52}Clipboard \x1b[31mRed\x1b[0m \u202eReversed\u202c Title",
    "authors": "Mallory [link=http://evil]Markup[/link], Eve \x1b[2J Clear, \u202eOlleh",
    "abstract": "An abstract with \x1b]8;;http://evil\x07a link\x1b]8;;\x07, \x1b[5mblinking\x1b[0m"
    " text, an \u2066isolate\u2069 and [b]markup[/b].",
    "venue": "\u202eevil\x1b[31m 2022",
}
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (escape, bell, C1) and the bidi controls that reorder a line."""


def inert(text: str) -> bool:
    return UNSAFE.search(text) is None


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A conference list whose title, authors, abstract and venue carry markup, escape
    sequences (OSC 52, SGR, OSC 8) and bidi controls; and a plain paper after it."""
    entry = CONFERENCE_ENTRY.replace("*ijcai 2022*", "*{venue}*")
    path = tmp_path / "ICML-2022-list01.md"
    path.write_text(
        entry.format(n=1, **HOSTILE)
        + entry.format(
            n=2, title="Plain Paper", authors="Ann Plain", abstract="Plain.", venue="icml 2022"
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def index(cli, tmp_path: Path, hostile: Path) -> Path:
    path = tmp_path / "index"
    assert cli("add", hostile, "--index", path).returncode == 0
    return path


def test_the_fixture_carries_every_hostile_sequence(hostile):
    """The list really holds ESC, BEL and U+202E (or the tests below would prove nothing)."""
    text = hostile.read_text(encoding="utf-8")
    assert OSC52 in text and "\x1b[31m" in text and text.count("\u202e") == 3


def test_parse_table_output_is_inert_and_shows_markup_literally(cli, hostile):
    """`parse` (a table) prints no escape, bell or bidi control; markup shows as typed."""
    done = cli("parse", hostile)
    assert done.returncode == 0, done.stderr
    assert inert(done.stdout) and inert(done.stderr)
    assert "[bold red]Boom[/]" in done.stdout and "Mallory [link=http://ev" in done.stdout


def test_parse_json_keeps_the_data_exactly_as_cleaned(cli, hostile):
    """`parse --json` gives exactly the entries the parser returns (escapes removed by the
    cleaning, bidi controls and markup kept as data)."""
    done = cli("parse", hostile, "--json")
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records == [entry.to_json() for entry in parse_file(hostile).entries]
    assert "\u202eReversed\u202c" in records[0]["title"] and "\x1b" not in records[0]["title"]
    assert records[0]["authors"][0] == "Mallory [link=http://evil]Markup[/link]"


def test_search_table_output_is_inert(cli, index):
    """`search` (a table) prints the hostile paper with no escape, bell or bidi control."""
    done = cli("search", "boom", "--index", index)
    assert done.returncode == 0, done.stderr
    assert "[bold red]Boom[/]" in done.stdout
    assert inert(done.stdout) and inert(done.stderr)


def test_search_json_keeps_the_data_exactly_as_indexed(cli, index):
    """`search --json` records are the indexed papers as they are, bidi controls included."""
    done = cli("search", "*", "--json", "--index", index)
    records = {record.pop("key"): record for record in map(json.loads, done.stdout.splitlines())}
    with Library(index) as library:
        for key, record in records.items():
            paper = library.paper(key).to_json()
            paper.pop("key")
            record.pop("score")
            record.pop("marks")  # the user's marks (issue 13), not indexed data
            assert record == paper
    assert any("\u202e" in record["title"] for record in records.values())


def test_stats_text_output_is_inert(cli, index):
    """`stats` prints venues without their bidi controls or escapes; `stats --json` keeps
    them."""
    text = cli("stats", "--index", index).stdout
    assert inert(text) and "EVIL" in text
    data = json.loads(cli("stats", "--json", "--index", index).stdout)
    assert any("\u202e" in venue for venue in data["by_venue"])


def test_messages_about_a_hostile_file_name_are_inert(cli, tmp_path):
    """A list whose file name holds an escape sequence and a bidi override is reported by
    `parse` and `add` without either reaching the terminal."""
    path = tmp_path / "list\x1b[31m\u202eevil.md"
    path.write_text(
        CONFERENCE_ENTRY.format(n=1, title="Kept", authors="A B", abstract="x")
        + "## [2] \n\n**Authors**: *C D*\n\n**Abstract**:\n\nMore.\n\n----\n",
        encoding="utf-8",
    )
    for args in (("parse", path), ("add", path, "--index", tmp_path / "index")):
        done = cli(*args)
        assert "paper heading has an empty title" in done.stderr
        assert inert(done.stderr) and inert(done.stdout)
