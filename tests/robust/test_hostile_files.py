"""Tests hostile files: binary, empty, huge, oddly encoded and almost-lists never crash, are
reported as `path:line: message`, and never keep the good lists out."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from paperbrowse.index.formats import NotAPaperList, parse_file
from robust_harness import HOT, NIPS, clean_build, conference_list, papers_at

TEN_MB = 10 * 1024 * 1024

NEAR_MISSES = {
    "conference-headings-only.md": "## [1] First Title\n\n## [2] Second Title\n\n## [3] Third\n",
    "conference-cut-off.md": (
        "## [1] A Complete Paper\n\n**Authors**: *A B*\n\n**Conference**: *nips 2022*\n\n"
        "**Abstract**:\n\nText.\n\n----\n\n## [2] Cut Off Here\n\n**Authors**: *C D"
    ),
    "conference-empty-title.md": (
        "## [1] Good One\n\n**Authors**: *A B*\n\n**Abstract**:\n\nText.\n\n----\n\n"
        "## [2] \n\n**Authors**: *C D*\n\n**Abstract**:\n\nMore.\n\n----\n"
    ),
    "conference-bad-numbers.md": (
        "## [] No Number\n\n**Authors**: *A*\n\n**Abstract**:\n\nx\n\n----\n"
        "## [x] Letter\n\n**Authors**: *B*\n\n**Abstract**:\n\ny\n"
    ),
    "hot-front-matter-only.md": (
        "---\ntitle: Hot Papers 2021-01-01\ndate: 2021-01-02T00:00:00.Z\n---\n"
    ),
    "hot-heading-without-title.md": (
        "---\ntitle: Hot Papers 2021-01-01\n---\n\n# 1.\n\nA B\n\n# 2. Real Title\n\nC D\n\n"
        "- links: [abs](https://arxiv.org/abs/2101.00001)\n"
    ),
    "hot-unclosed-front-matter.md": "---\ntitle: Hot Papers 2021-01-01\n\n# 1. Title\n\nA B\n",
    "readme-with-numbered-headings.md": "# 1. Introduction\n\nIt does things.\n\n# 2. Install\n",
    "daily-chrome-only.txt": "Daily Papers\n\nGet trending papers in your email inbox!\n\nMar 12\n",
    "daily-titles-only.txt": "Mar 12\n\nA Title Here\n\nAnother Title There\n",
    "front-matter-only.md": "---\ntitle: x\n---\n",
}
"""Files that look like one of the formats at first sight."""

TEN_MB_LINES = {
    "words.md": "word " * (TEN_MB // 5),
    "conference-heading.md": "## [1] " + "x" * TEN_MB,
    "open-brackets.md": "[" * TEN_MB,
    "open-links.md": "[x](" * (TEN_MB // 4),
    "hot-title.md": "---\ntitle: Hot Papers 2021-01-01\n---\n\n# 1. " + "Title " * (TEN_MB // 6),
}
"""One line of ten megabytes (after a few short ones), in shapes the parsers look for."""


def located(problem: object, path: Path, lines: int) -> bool:
    """`path:line: message` with the line inside the file, or `path: message`."""
    match = re.match(re.escape(str(path)) + r"(?::(\d+))?: \S", str(problem))
    return match is not None and (match.group(1) is None or 1 <= int(match.group(1)) <= lines)


@pytest.mark.parametrize("name", NEAR_MISSES)
def test_an_almost_list_parses_or_is_refused_with_located_problems(tmp_path, name):
    """A file that is almost a list either parses, every problem located at a line of the file,
    or is refused as not a list with a located message."""
    path = tmp_path / name
    path.write_text(NEAR_MISSES[name], encoding="utf-8")
    lines = NEAR_MISSES[name].count("\n") + 1
    try:
        result = parse_file(path)
    except NotAPaperList as refused:
        assert located(refused.problem, path, lines) and refused.problem.fatal
        return
    assert all(located(problem, path, lines) for problem in result.problems)
    assert all(entry.title for entry in result.entries)


def test_a_heading_without_a_title_is_reported_at_its_line(tmp_path):
    """An empty conference heading is skipped with an error at its own line; the papers
    around it are kept."""
    path = tmp_path / "conference-empty-title.md"
    path.write_text(NEAR_MISSES[path.name], encoding="utf-8")
    result = parse_file(path)
    assert [entry.title for entry in result.entries] == ["Good One"]
    assert [str(p) for p in result.problems] == [
        f"{path}:11: paper heading has an empty title; skipped"
    ]


@pytest.mark.parametrize("name", TEN_MB_LINES)
def test_a_ten_megabyte_line_is_handled_in_seconds(tmp_path, name):
    """A 10 MB single line is parsed or refused within seconds (no backtracking blow-up),
    whatever shape the parsers think it has."""
    path = tmp_path / name
    path.write_text(TEN_MB_LINES[name], encoding="utf-8")
    started = time.monotonic()
    try:
        result = parse_file(path)
    except NotAPaperList as refused:
        assert located(refused.problem, path, 5)
    else:
        assert len(result.entries) <= 1
    assert time.monotonic() - started < 30


def test_a_list_of_a_hundred_thousand_papers_parses_in_under_a_minute(tmp_path):
    """100,000 papers in the conference format parse to 100,000 entries, without problems,
    in well under a minute."""
    path = tmp_path / "NIPS-2023-list01.md"
    path.write_text(conference_list(100_000), encoding="utf-8")
    started = time.monotonic()
    result = parse_file(path)
    assert time.monotonic() - started < 60
    assert len(result.entries) == 100_000 and result.problems == []
    assert result.entries[-1].title == "Invented Paper Number 100000"


@pytest.fixture
def hostile_dir(tmp_path, generated) -> tuple[Path, list[Path]]:
    """A folder of good lists among hostile files; also the files that should be indexed."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    good = [Path(shutil.copy(path, folder / path.name)) for path in (NIPS, HOT)]
    for name in ("latin1.md", "utf16-le-bom.md", "utf16-be.md"):
        good.append(Path(shutil.copy(generated[name], folder / name)))
    shutil.copy(generated["binary.md"], folder / "binary.md")
    (folder / "empty.md").write_bytes(b"")
    (folder / "one-long-line.md").write_text(TEN_MB_LINES["words.md"], encoding="utf-8")
    for name, text in NEAR_MISSES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        try:
            parse_file(path)
        except NotAPaperList:
            continue
        good.append(path)
    return folder, good


def test_adding_a_folder_of_hostile_files_indexes_every_good_list(cli, tmp_path, hostile_dir):
    """`paperbrowse add DIR` over good lists mixed with binary, empty, 10 MB, Latin-1, UTF-16
    and almost-list files exits 0, reports each skipped file as `path:line: message`, and
    indexes exactly what the good lists hold."""
    folder, good = hostile_dir
    index = tmp_path / "index"
    done = cli("add", folder, "--index", index)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name in ("binary.md", "empty.md", "one-long-line.md"):
        assert re.search(
            rf"^{re.escape(str(folder / name))}:1: .+: skipped$", done.stderr, re.MULTILINE
        ), done.stderr
    assert f"{folder / 'latin1.md'}:" in done.stderr  # the Latin-1 fallback warning
    assert papers_at(index) == clean_build(tmp_path / "clean", good)


def test_adding_hostile_files_by_name_fails_each_with_its_place_and_keeps_the_rest(
    cli, tmp_path, hostile_dir
):
    """Named hostile files each fail with a located message and exit 1, yet the good lists
    named alongside them are indexed."""
    folder, _ = hostile_dir
    bad = [folder / name for name in ("binary.md", "empty.md", "one-long-line.md")]
    index = tmp_path / "index"
    done = cli("add", bad[0], NIPS, bad[1], HOT, bad[2], "--index", index)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for path in bad:
        assert re.search(rf"^{re.escape(str(path))}:1: \S", done.stderr, re.MULTILINE)
    assert papers_at(index) == clean_build(tmp_path / "clean", [NIPS, HOT])
