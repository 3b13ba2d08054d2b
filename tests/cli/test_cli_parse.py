"""Tests `paperbrowse parse`: the JSON contract, tables, and how problems are reported."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PARSE_KEYS = {
    "title", "authors", "abstract", "format", "arxiv_id", "openreview_id", "url", "venue",
    "year", "date", "categories", "retweets", "favorites", "source",
}
HOT = FIXTURES / "hotpapers/2021-03-14---Hot-Papers.md"
NIPS = FIXTURES / "conference/NIPS-2022-list01.md"
README = FIXTURES / "notalist/README.md"


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_parse_json_keys_are_exactly_the_contract(cli):
    """Each `parse --json` line has exactly the documented keys; source is {path, line}."""
    done = cli("parse", "--json", HOT, NIPS, FIXTURES / "hfdaily/daily-papers-mar-12.txt")
    assert done.returncode == 0, done.stderr
    records = json_lines(done.stdout)
    assert len(records) == 9
    for record in records:
        assert set(record) == PARSE_KEYS
        assert set(record["source"]) == {"path", "line"}


def test_parse_json_values(cli):
    """The JSON carries the parsed values: types as documented, source as given on the line."""
    [first, *_] = json_lines(cli("parse", "--json", HOT).stdout)
    assert first["title"] == "Sparse Lattice Transformers for Long Document Retrieval"
    assert first["authors"] == ["Maren Okafor", "Tobias Lindqvist", "Priya Raghunathan"]
    assert (first["format"], first["arxiv_id"], first["date"]) == (
        "hotpapers", "2103.07711", "2021-03-14",
    )
    assert (first["retweets"], first["favorites"], first["categories"]) == (1204, 87,
                                                                          ["cs.IR", "cs.CL"])
    assert first["source"] == {"path": str(HOT), "line": 17}


def test_parse_json_keeps_file_order(cli):
    """Entries come out file by file, each file in its own order."""
    records = json_lines(cli("parse", "--json", NIPS, HOT).stdout)
    assert [r["source"]["path"] for r in records] == [str(NIPS)] * 3 + [str(HOT)] * 3
    assert [r["source"]["line"] for r in records[:3]] == [1, 15, 29]


def test_parse_json_is_utf8_not_escaped(cli):
    """Non-ASCII text is written as UTF-8 in the JSON, not as \\u escapes."""
    done = cli("parse", "--json", FIXTURES / "mess/hot-title-latex-unicode.md")
    assert "Schrödinger" in done.stdout and "王小明" in done.stdout


def test_parse_table_has_one_row_per_entry(cli):
    """Without --json, parse prints one readable row per entry, with line and id."""
    done = cli("parse", NIPS)
    rows = done.stdout.splitlines()
    assert len(rows) == 3
    assert rows[2].split()[0] == "29" and "2103.08020" in rows[2]
    assert "NeurIPS 2022" in rows[0]


def test_parse_of_a_non_list_fails_but_parses_the_others(cli):
    """A named non-list exits 1 with `path: message`; the good files are still printed."""
    done = cli("parse", "--json", README, NIPS)
    assert done.returncode == 1
    assert len(json_lines(done.stdout)) == 3
    assert f"{README}:1: not a paper list" in done.stderr
    assert "Traceback" not in done.stderr


def test_parse_of_an_empty_file_says_it_is_empty(cli):
    """An empty file exits 1 and says it is empty."""
    done = cli("parse", FIXTURES / "notalist/empty.md")
    assert done.returncode == 1
    assert "empty file" in done.stderr


def test_parse_problems_are_located_as_path_line_message(cli, tmp_path):
    """Problems inside a list are reported on stderr as `path:line: message`."""
    path = tmp_path / "CVPR-2022-list01.md"
    path.write_text(
        "## [1] Kept\n\n**Authors**: *A. B*\n\n**Abstract**:\n\nWords.\n\n----\n\n"
        "## [2]\n\n**Authors**: *C. D*\n\n**Abstract**:\n\nMore words.\n",
        encoding="utf-8",
    )
    done = cli("parse", path)
    assert done.returncode == 0
    assert f"{path}:11: paper heading has an empty title; skipped" in done.stderr


def test_parse_warnings_say_warning(cli, generated):
    """A decoding fallback is a located warning, and the list is still parsed."""
    done = cli("parse", "--json", generated["latin1.md"])
    assert done.returncode == 0
    assert f"{generated['latin1.md']}:1: warning: not valid UTF-8" in done.stderr
    assert json_lines(done.stdout)[0]["authors"] == ["Jürgen Schröder", "Zoé Lefèvre"]


def test_parse_of_binary_data_fails_cleanly(cli, generated):
    """Binary data exits 1 with a message and no traceback."""
    done = cli("parse", generated["binary.md"])
    assert done.returncode == 1
    assert "binary data" in done.stderr and "Traceback" not in done.stderr
