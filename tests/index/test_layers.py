"""The core's small modules tested directly: the one sort map and column ordering, live
papers, the LRU, the add tally, the stamp and manifest, and the damaged-index message."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from paperbrowse.index.columns import Columns, live_papers
from paperbrowse.index.errors import IndexProblem, damage_guard
from paperbrowse.index.intake import FileRecord, PaperCounts, Tally
from paperbrowse.index.library import Library
from paperbrowse.index.lru import LRU
from paperbrowse.index.models import Paper, Problem
from paperbrowse.index.results import sort_facets
from paperbrowse.index.sorts import SORTS, sort_columns
from paperbrowse.index.stamp import damaged_files, read_manifest, read_stamp

LIST = """## [{n}] {title}

**Authors**: *Ada Quill*

**Conference**: *iclr {year}*

**Abstract**:

An invented abstract about {title}.

----

"""


def write_list(path: Path, papers: list[tuple[str, int]]) -> Path:
    path.write_text(
        "".join(LIST.format(n=n, title=t, year=y) for n, (t, y) in enumerate(papers)),
        encoding="utf-8",
    )
    return path


def title(searcher: object, docnum: int) -> str:
    return Paper.from_store(searcher.stored_fields(docnum)["data"]).title  # type: ignore[attr-defined]


def test_every_sort_has_columns_and_relevance_over_everything_is_by_date() -> None:
    assert SORTS[0] == "relevance"
    assert sort_columns("relevance") == ()
    assert sort_columns("relevance", every=True) == sort_columns("date")
    assert sort_columns("date")[0] == ("sort_date", True)
    assert sort_facets("relevance", every=False) is None
    assert len(sort_facets("date", every=False)) == len(sort_columns("date")) + 1


def test_columns_order_newest_first_with_ties_by_title(tmp_path: Path) -> None:
    papers = [("Beta Nets", 2021), ("Alpha Nets", 2021), ("Gamma Nets", 2023)]
    with Library(tmp_path / "index") as library:
        library.add([write_list(tmp_path / "ICLR-list.md", papers)])
        searcher = library.searcher()
        docnums = live_papers(searcher.reader())
        assert len(docnums) == library.paper_count() == 3
        columns = Columns()
        columns.order(docnums, "date", 1, searcher)
        titles = [title(searcher, d) for d in docnums]
        assert titles == ["Gamma Nets", "Alpha Nets", "Beta Nets"]
        columns.order(docnums, "title", 1, searcher)
        titles = [title(searcher, d) for d in docnums]
        assert titles == ["Alpha Nets", "Beta Nets", "Gamma Nets"]


def test_live_papers_leave_out_file_records_and_replaced_papers(tmp_path: Path) -> None:
    listing = tmp_path / "ICLR-list.md"
    with Library(tmp_path / "index") as library:
        library.add([write_list(listing, [("Alpha Nets", 2021), ("Beta Nets", 2021)])])
        library.add([write_list(listing, [("Alpha Nets", 2021)])])
        reader = library.searcher().reader()
        assert reader.doc_count_all() > 1  # a file record and deleted papers are still there
        assert len(live_papers(reader)) == 1 == library.stats()["papers"]


def test_lru_keeps_the_most_recently_used() -> None:
    cache: LRU[str, int] = LRU(2)
    cache["a"], cache["b"] = 1, 2
    assert cache.get("a") == 1  # a is now the most recent
    cache["c"] = 3
    assert list(cache) == ["a", "c"]
    assert cache.get("b") is None


def test_the_tally_makes_the_add_report() -> None:
    tally = Tally()
    tally.failed(Problem("x.md", 3, "bad line", fatal=True))
    tally.files_read, tally.entries = 2, 5
    report = tally.report(PaperCounts(new=4, updated=1, written=5))
    assert (report.files_failed, report.files_read, report.entries) == (1, 2, 5)
    assert (report.papers_new, report.papers_updated, report.papers_removed) == (4, 1, 0)
    assert [p.line for p in report.problems] == [3]
    assert FileRecord("p", "h", 1, "conference", 2).to_json()["entries"] == 2


def test_stamp_and_manifest_vouch_for_the_last_commit(tmp_path: Path) -> None:
    index = tmp_path / "index"
    with Library(index) as library:
        library.add([write_list(tmp_path / "ICLR-list.md", [("Alpha Nets", 2021)])])
        generation = library.searcher().reader().generation()
    assert read_stamp(index)["app"] == "paperbrowse"
    manifest = read_manifest(index)
    assert manifest["generation"] == generation
    assert damaged_files(index, generation) == []
    name = next(iter(manifest["files"]))
    (index / name).write_bytes((index / name).read_bytes()[:-1])
    assert damaged_files(index, generation) == [
        f"{name} has {manifest['files'][name] - 1} bytes, {manifest['files'][name]} were written"
    ]
    assert damaged_files(index, generation + 1) == []  # another generation proves nothing


def test_damage_guard_names_the_index_and_the_cure(tmp_path: Path) -> None:
    with pytest.raises(IndexProblem) as raised, damage_guard(tmp_path):
        raise struct.error("unpack requires a buffer of 8 bytes")
    assert raised.value.kind == "corrupt"
    assert str(tmp_path) in str(raised.value) and "paperbrowse reindex" in str(raised.value)
