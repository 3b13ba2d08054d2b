"""Tests the fourth list format, paperbrowse JSON lines: detected by content, a round trip of
`parse --json`, hand-written files, bad lines reported, and hostile text kept as text."""

from __future__ import annotations

import json
from pathlib import Path

from fetch_server import Reply, hf_item

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LISTS = [
    FIXTURES / "hotpapers/2021-03-14---Hot-Papers.md",
    FIXTURES / "conference/NIPS-2022-list01.md",
    FIXTURES / "hfdaily/daily-papers-mar-12.txt",
]


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_parse_json_output_is_a_list_that_parses_back_the_same(pb, tmp_path):
    """`parse --json` of the three formats, saved as a file (any name), parses back to the
    same records but for their source (the new file and line)."""
    first = pb("parse", "--json", *LISTS)
    assert first.returncode == 0, first.stderr
    saved = tmp_path / "no-extension"
    saved.write_text(first.stdout, encoding="utf-8")
    again = pb("parse", "--json", saved)
    assert again.returncode == 0, again.stderr
    before, after = _records(first.stdout), _records(again.stdout)
    assert len(before) == len(after) == 9
    for n, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        assert new.pop("source") == {"path": str(saved), "line": n}
        old.pop("source")
        assert new == old


def test_a_hand_written_list_needs_only_titles(pb, tmp_path):
    """A user's file with a title per line adds; a line without a title or not JSON is
    reported with its line and the rest is kept."""
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"title": "Hand Written Paper About Kernels", "arxiv_id": "arXiv:2401.00001v2"}\n'
        "\n"
        '{"title": "Another One With Authors", "authors": ["Fay Writer"], "year": 2024}\n'
        '{"abstract": "no title here"}\n'
        "not json at all\n",
        encoding="utf-8",
    )
    done = pb("add", path)
    assert done.returncode == 0, done.stderr
    assert f"{path}:4: no title; skipped" in done.stderr
    assert f"{path}:5: not JSON" in done.stderr
    papers = {p["title"]: p for p in pb.search()}
    assert papers["Hand Written Paper About Kernels"]["arxiv_id"] == "2401.00001"
    assert papers["Another One With Authors"]["year"] == 2024
    assert papers["Another One With Authors"]["format"] == "jsonl"


def test_wrong_types_are_dropped_not_trusted(pb, tmp_path):
    """Numbers as strings, lists as numbers, a javascript: URL and a bogus id are left out."""
    path = tmp_path / "odd.jsonl"
    path.write_text(
        json.dumps({
            "title": "Typed Badly But Still A Paper", "authors": 7, "retweets": "many",
            "year": "2020", "url": "javascript:alert(1)", "arxiv_id": "not-an-id",
            "categories": ["cs.LG", 3, "rm -rf /"], "format": "something",
        }) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    assert pb("add", path).returncode == 0
    [paper] = pb.search()
    assert (paper["authors"], paper["retweets"], paper["year"]) == ([], None, None)
    assert (paper["url"], paper["arxiv_id"], paper["categories"]) == (None, None, ["cs.LG"])
    assert paper["format"] == "jsonl"


HOSTILE_TITLE = "Escapes \x1b[31mRED\x1b[0m [bold]markup[/bold] \u202eevil\u202c Done Paper"


def test_hostile_text_from_the_network_prints_as_text(pb, server):
    """A fetched title with terminal escapes, Rich markup and bidi controls: the ESC bytes
    never reach the terminal, the markup stays literal text, the bidi controls are gone."""
    item = hf_item(1)
    item["paper"]["title"] = item["title"] = HOSTILE_TITLE
    item["paper"]["summary"] = "An abstract with \x07bell and \x1b]52;c;SGVsbG8=\x07 OSC 52."
    server.route("/api/daily_papers", Reply([item]))
    done = pb("fetch", "hf", "--date", "2026-11-30")
    assert done.returncode == 0, done.stderr
    shown = pb("search", "markup")
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout
    assert "[bold]markup[/bold]" in shown.stdout
    [paper] = pb.search()
    assert "\x1b" not in paper["title"] and "\x07" not in paper["abstract"]
