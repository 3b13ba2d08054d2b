"""Tests `paperbrowse add/remove/search/stats/reindex` run as a command on a temporary index."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOT = FIXTURES / "hotpapers/2021-03-14---Hot-Papers.md"
NIPS = FIXTURES / "conference/NIPS-2022-list01.md"
README = FIXTURES / "notalist/README.md"
PARSE_KEYS = {
    "title", "authors", "abstract", "format", "arxiv_id", "openreview_id", "url", "venue",
    "year", "date", "categories", "retweets", "favorites", "source",
}
SUMMARY = re.compile(
    r"files: (\d+) read, (\d+) unchanged, (\d+) failed, (\d+) skipped; "
    r"papers: (\d+) new, (\d+) updated, (\d+) merged from several lists, (\d+) removed"
)


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def summary(stderr: str) -> tuple[int, ...]:
    """The numbers of an add/remove summary line."""
    match = SUMMARY.search(stderr)
    assert match, stderr
    return tuple(int(n) for n in match.groups())


# -- add -------------------------------------------------------------------------------------


def test_add_prints_a_summary(cli, tmp_path):
    """`add` reports files read and papers new/merged on stderr and exits 0."""
    done = cli("add", HOT, NIPS, "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert summary(done.stderr) == (2, 0, 0, 0, 5, 0, 1, 0)
    assert "6 entries" in done.stderr


def test_add_again_reports_unchanged(cli, tmp_path):
    """Adding the same files again reads nothing and says they are unchanged."""
    cli("add", HOT, "--index", tmp_path / "ix")
    done = cli("add", HOT, "--index", tmp_path / "ix")
    assert done.returncode == 0
    assert summary(done.stderr)[:2] == (0, 1)


def test_add_of_a_named_non_list_exits_1_but_indexes_the_rest(cli, tmp_path):
    """A named file that is not a paper list fails (exit 1); the good ones are indexed."""
    done = cli("add", HOT, README, NIPS, "--index", tmp_path / "ix")
    assert done.returncode == 1
    assert summary(done.stderr)[:3] == (2, 0, 1)
    assert f"{README}:1: not a paper list" in done.stderr
    stats = json.loads(cli("stats", "--json", "--index", tmp_path / "ix").stdout)
    assert stats["papers"] == 5


def test_add_of_a_directory_skips_non_lists(cli, tmp_path):
    """Non-lists found inside a directory are reported as skipped, and the exit is 0."""
    folder = tmp_path / "lists"
    folder.mkdir()
    for path in (HOT, README):
        shutil.copy(path, folder)
    done = cli("add", folder, "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert summary(done.stderr)[:4] == (1, 0, 0, 1)
    assert f"{folder / 'README.md'}:1: not a paper list" in done.stderr
    assert "skipped" in done.stderr


def test_add_of_a_missing_path_exits_1(cli, tmp_path):
    """A named path that does not exist is an error naming it."""
    done = cli("add", tmp_path / "nope.md", "--index", tmp_path / "ix")
    assert done.returncode == 1
    assert f"{tmp_path / 'nope.md'}: no such file or directory" in done.stderr


def test_add_problems_are_located_as_path_line_message(cli, tmp_path):
    """Entry problems found while adding are printed as `path:line: message`."""
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: Hot Papers 2021-01-01\n---\n\n# 1. Offline Paper\n\nAnn Author\n\n"
        "- retweets: 3, favorites: 4 (x)\n\nAbstract text.\n",
        encoding="utf-8",
    )
    done = cli("add", path, "--index", tmp_path / "ix")
    assert done.returncode == 0
    assert f"{path}:5: warning: paper #1 has no arXiv link" in done.stderr


def test_index_comes_from_the_environment(cli, tmp_path):
    """Without --index, PAPERBROWSE_INDEX names the index."""
    env = {"PAPERBROWSE_INDEX": str(tmp_path / "from-env")}
    assert cli("add", NIPS, env=env).returncode == 0
    assert (tmp_path / "from-env" / "paperbrowse-index.json").is_file()
    assert json.loads(cli("stats", "--json", env=env).stdout)["papers"] == 3


def test_foreign_index_directory_is_refused(cli, tmp_path):
    """--index pointing at a directory of other files exits 1 with a message, untouched."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    done = cli("add", HOT, "--index", folder)
    assert done.returncode == 1
    assert "not a paperbrowse index" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


# -- search ----------------------------------------------------------------------------------


def test_search_json_records_have_parse_keys_sources_score_and_urls(cli, indexed):
    """`search --json` records carry the parse keys plus sources, score and urls."""
    done = cli("search", "lattice", "--json", "--index", indexed)
    assert done.returncode == 0, done.stderr
    [record] = json_lines(done.stdout)
    assert PARSE_KEYS | {"sources", "score", "urls"} <= set(record)
    assert set(record["source"]) == {"path", "line"}
    assert isinstance(record["score"], float) and record["score"] > 0
    assert record["urls"] == {
        "abs": "https://arxiv.org/abs/2103.07711",
        "pdf": "https://arxiv.org/pdf/2103.07711",
        "openreview": None,
    }


def test_search_json_sources_list_every_list(cli, indexed):
    """A merged paper's `sources` names each list it came from (sorted by path), with line,
    format, date and label."""
    [record] = json_lines(cli("search", "lattice", "--json", "--index", indexed).stdout)
    assert [
        (Path(s["path"]).name, s["line"], s["format"], s["date"], s["label"])
        for s in record["sources"]
    ] == [
        ("daily-papers-mar-12.txt", 19, "hfdaily", None, "Mar 12"),
        ("2021-03-14---Hot-Papers.md", 17, "hotpapers", "2021-03-14", None),
    ]


def test_search_json_urls_for_an_openreview_paper(cli, indexed):
    """A paper known only by its OpenReview forum has an openreview url and no arXiv urls."""
    [record] = json_lines(cli("search", "title:hierarchical", "--json", "--index", indexed).stdout)
    assert record["urls"] == {
        "abs": None, "pdf": None, "openreview": "https://openreview.net/forum?id=Hk3xQ9aLp2V",
    }


def test_search_limit(cli, indexed):
    """--limit N prints at most N papers."""
    assert len(json_lines(cli("search", "*", "--limit", "2", "--json", "--index", indexed).stdout
                          )) == 2


def test_search_sort_popularity(cli, indexed):
    """--sort popularity lists the most retweeted paper first."""
    records = json_lines(cli("search", "*", "--sort", "popularity", "--json", "--index",
                             indexed).stdout)
    assert [r["retweets"] for r in records[:3]] == [1204, 640, 12]


def test_search_table_reports_the_count(cli, indexed):
    """Without --json, search prints rows and a `N papers match` line on stderr."""
    done = cli("search", "author:bengio", "--index", indexed)
    assert len(done.stdout.splitlines()) == 2
    assert "2 papers match" in done.stderr


def test_search_table_says_one_paper_matches_in_the_singular(cli, indexed):
    """One hit reads `1 paper matches`, and the table counts retweets as `N RT`."""
    done = cli("search", "calibrated", "uncertainty", "--index", indexed)
    assert "1 paper matches; showing 1" in done.stderr, done.stderr
    assert "♥" not in done.stdout


def test_a_quick_piped_add_prints_only_its_summary(cli, tmp_path):
    """Piped (no terminal), progress comes as a plain line every 5 seconds: an add quicker
    than that prints just its summary, with no carriage returns or escape sequences."""
    done = cli("add", HOT, NIPS, "--index", tmp_path / "ix")
    assert len(done.stderr.splitlines()) == 1
    assert SUMMARY.search(done.stderr)
    assert "\r" not in done.stderr and "\x1b" not in done.stderr


def test_malformed_query_exits_2_with_a_pointer_and_no_traceback(cli, indexed):
    """A malformed query exits 2, says what is wrong, points at it, and shows no traceback."""
    done = cli("search", "year:20x1", "--index", indexed)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "bad query: year takes numbers" in done.stderr
    assert "year:20x1\n     ^" in done.stderr
    assert "Traceback" not in done.stderr


def test_search_on_a_missing_index_fails_cleanly(cli, tmp_path):
    """Searching where there is no index exits 1 with a hint, and creates nothing."""
    done = cli("search", "x", "--index", tmp_path / "none")
    assert done.returncode == 1
    assert "no index" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "none").exists()


# -- stats, remove, reindex ------------------------------------------------------------------


def test_stats_json_counts_papers(cli, indexed):
    """`stats --json` is one object with papers, files and the breakdowns."""
    done = cli("stats", "--json", "--index", indexed)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    # 11 entries; three papers are in two lists each.
    assert (stats["papers"], stats["files"]) == (8, 4)
    assert stats["by_venue"] == {"NeurIPS": 3, "ICLR": 2}


def test_stats_text(cli, indexed):
    """Plain `stats` prints readable counts."""
    done = cli("stats", "--index", indexed)
    assert done.stdout.startswith("papers: 8 from 4 lists")


def test_stats_after_two_adds(cli, tmp_path):
    """`stats` works after two separate adds, the first of a list without years."""
    cli("add", HOT, "--index", tmp_path / "ix")
    cli("add", FIXTURES / "conference/ICML-2023-list01.md", "--index", tmp_path / "ix")
    done = cli("stats", "--json", "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["papers"] == 4


def test_remove_drops_a_lists_papers(cli, tmp_path):
    """`remove` drops the list's papers and keeps merged papers from the other lists."""
    cli("add", HOT, NIPS, "--index", tmp_path / "ix")
    done = cli("remove", HOT, "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    # Its own summary, not the add's (`0 read … 0 new … 2 removed`).
    assert "lists: 1 removed; papers: 2 removed, 1 kept (still in other lists)" in done.stderr
    assert not SUMMARY.search(done.stderr)
    assert json.loads(cli("stats", "--json", "--index", tmp_path / "ix").stdout)["papers"] == 3


def test_reindex_rebuilds_from_the_recorded_lists(cli, tmp_path):
    """`reindex` rebuilds the index from its recorded lists and keeps every paper."""
    cli("add", HOT, NIPS, "--index", tmp_path / "ix")
    done = cli("reindex", "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert json.loads(cli("stats", "--json", "--index", tmp_path / "ix").stdout)["papers"] == 5


def test_stats_say_how_years_and_dates_are_derived(cli, tmp_path):
    """`stats` counts the Hot Papers post's papers under their arXiv years and says the rule
    for years and for the date order, with how many papers have no year."""
    assert cli("add", HOT, NIPS, "--index", tmp_path / "ix").returncode == 0
    done = cli("stats", "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert "by year: 2021 2, 2022 3" in done.stdout
    assert (
        "years: venue year, else the year of the arXiv id, else the year of the earliest "
        "list date (0 papers have none)" in done.stdout
    )
    assert (
        "date order: newest list date, else the month of the arXiv id, else the venue year, "
        "newest first" in done.stdout
    )


def test_add_of_a_file_mixing_formats_reads_every_entry(cli, tmp_path):
    """A post with three conference entries appended: 7 new papers, exit 0, and a located
    warning where the conference list starts."""
    post = FIXTURES / "mixed/2022-03-03---Hot-Papers.md"
    done = cli("add", post, "--index", tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert f"{post}:48: warning: a conference list starts here" in done.stderr
    assert "7 new" in done.stderr


def test_search_json_format_is_the_first_sources(cli, tmp_path):
    """A paper in the post and the NeurIPS list: `format` is its first source's (the
    conference list's path sorts first), `formats` lists both in source order."""
    assert cli("add", HOT, NIPS, "--index", tmp_path / "ix").returncode == 0
    done = cli("search", "calibrated uncertainty", "--json", "--index", tmp_path / "ix")
    [record] = [r for r in json_lines(done.stdout) if r["title"].startswith("Calibrated")]
    assert [s["format"] for s in record["sources"]] == ["conference", "hotpapers"]
    assert (record["format"], record["formats"]) == ("conference", ["conference", "hotpapers"])
