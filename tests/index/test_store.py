"""Tests the Library: incremental add, remove, bad files, directory walks, unusable indexes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from paperbrowse.index.library import STAMP_NAME, IndexProblem, Library

HOT = "hotpapers/2021-03-14---Hot-Papers.md"
NIPS = "conference/NIPS-2022-list01.md"
DAILY = "hfdaily/daily-papers-mar-12.txt"


@pytest.fixture
def lists(tmp_path, fixture):
    """Copies of three fixture lists (one per format) that a test may edit."""
    folder = tmp_path / "lists"
    folder.mkdir()
    return {
        name: Path(shutil.copy(fixture(name), folder / Path(name).name))
        for name in (HOT, NIPS, DAILY)
    }


def everything(library: Library) -> dict[str, dict]:
    """Every paper in the index as JSON, by key."""
    results = library.search("*")
    return {hit.paper.key: hit.paper.to_json() for hit in library.hits(results)}


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_add_reports_files_entries_and_new_papers(library, lists):
    """Adding two lists reads both, counts their entries, and creates one paper per paper."""
    report = library.add([lists[HOT], lists[NIPS]])
    assert (report.files_read, report.files_failed, report.entries) == (2, 0, 6)
    # Calibrated Uncertainty… is in both lists (same arXiv id): 5 papers, 1 merged.
    assert (report.papers_new, report.papers_merged) == (5, 1)
    assert library.paper_count() == 5


def test_re_adding_unchanged_files_reports_them_unchanged(library, lists):
    """A second add of the same files reads nothing and counts them unchanged."""
    library.add(lists.values())
    report = library.add(lists.values())
    assert (report.files_read, report.files_unchanged, report.entries) == (0, 3, 0)
    assert (report.papers_new, report.papers_updated, report.papers_removed) == (0, 0, 0)


def test_re_adding_unchanged_files_changes_nothing(library, lists):
    """Re-adding unchanged files writes nothing to the index and leaves every paper as it was."""
    library.add(lists.values())
    before_papers, before_files = everything(library), snapshot(library.path)
    library.add(lists.values())
    assert everything(library) == before_papers
    assert snapshot(library.path) == before_files


def test_changed_file_replaces_exactly_its_papers(library, lists):
    """Editing a list drops its removed paper, updates its edited one, adds its new one, and
    leaves other lists' papers alone."""
    library.add([lists[HOT], lists[DAILY]])
    before = everything(library)
    text = lists[DAILY].read_text(encoding="utf-8")
    text = text.replace("Token Merging Schedules for Efficient Vision Transformers", "Token Drop")
    text = text.replace("Code and checkpoints are public.", "Code is public.")
    text += "\nA Newly Listed Paper on Kernels\n\n" + "Kernel words for a long abstract. " * 8
    lists[DAILY].write_text(text, encoding="utf-8")

    report = library.add([lists[HOT], lists[DAILY]])
    after = everything(library)
    assert (report.files_read, report.files_unchanged) == (1, 1)
    assert (report.papers_new, report.papers_removed) == (2, 1)
    titles = {p["title"] for p in after.values()}
    assert "Token Merging Schedules for Efficient Vision Transformers" not in titles
    assert {"Token Drop", "A Newly Listed Paper on Kernels"} <= titles
    # Papers only the post lists are untouched.
    for key, paper in before.items():
        if all(s["path"] == str(lists[HOT]) for s in paper["sources"]):
            assert after[key] == paper


def test_changed_file_keeps_merged_papers_merged(library, lists):
    """A paper merged from two lists stays one paper with both sources after one list changes."""
    library.add([lists[HOT], lists[DAILY]])
    lists[DAILY].write_text(
        lists[DAILY].read_text(encoding="utf-8").replace("Mar 12", "Mar 13"), encoding="utf-8"
    )
    library.add([lists[DAILY]])
    [lattice] = [p for p in everything(library).values() if p["arxiv_id"] == "2103.07711"]
    assert {s["path"] for s in lattice["sources"]} == {str(lists[HOT]), str(lists[DAILY])}
    assert [s["label"] for s in lattice["sources"] if s["format"] == "hfdaily"] == ["Mar 13"]


def test_remove_keeps_merged_papers_other_sources(library, lists):
    """Removing one list keeps a merged paper, now with only the other list as its source."""
    library.add([lists[HOT], lists[NIPS]])
    report = library.remove([lists[HOT]])
    assert report.papers_removed == 2
    [calibrated] = [p for p in everything(library).values() if p["arxiv_id"] == "2103.08020"]
    assert [s["path"] for s in calibrated["sources"]] == [str(lists[NIPS])]
    assert calibrated["formats"] == ["conference"]
    assert calibrated["retweets"] is None
    assert library.paper_count() == 3


def test_remove_forgets_the_file(library, lists):
    """After remove, the file is no longer recorded, so adding it again reads it."""
    library.add([lists[HOT]])
    library.remove([lists[HOT]])
    assert library.files() == {}
    assert library.add([lists[HOT]]).files_read == 1


def test_remove_of_an_unknown_path_fails(library, lists):
    """Removing a path the index never recorded is a failure naming it, and changes nothing."""
    library.add([lists[HOT]])
    report = library.remove([lists[NIPS]])
    assert report.files_failed == 1
    assert str(lists[NIPS]) in str(report.problems[0])
    assert library.paper_count() == 3


def test_named_bad_file_fails_but_good_files_are_indexed(library, lists, fixture):
    """A named non-list fails with a problem naming it; the good lists beside it are indexed."""
    readme = fixture("notalist/README.md")
    report = library.add([lists[HOT], readme, lists[NIPS]])
    assert (report.files_read, report.files_failed) == (2, 1)
    assert [p.path for p in report.problems] == [str(readme)]
    assert library.paper_count() == 5


def test_missing_named_path_fails(library, lists, tmp_path):
    """A named path that does not exist is a failure; the others are still indexed."""
    report = library.add([tmp_path / "nope.md", lists[HOT]])
    assert (report.files_read, report.files_failed) == (1, 1)
    assert "no such file" in str(report.problems[0])


def test_walking_a_directory_skips_non_lists(library, lists, fixture):
    """Non-lists found under a directory are reported as skipped, not failed."""
    folder = lists[HOT].parent
    shutil.copy(fixture("notalist/README.md"), folder / "README.md")
    shutil.copy(fixture("notalist/empty.md"), folder / "empty.md")
    report = library.add([folder])
    assert (report.files_read, report.files_failed, report.files_skipped) == (3, 0, 2)
    assert sorted(Path(p.path).name for p in report.skipped) == ["README.md", "empty.md"]


def test_walking_a_directory_skips_hidden_files(library, lists):
    """Hidden files and directories under a walked directory are not read at all."""
    folder = lists[HOT].parent
    (folder / ".cache").mkdir()
    shutil.copy(lists[NIPS], folder / ".cache" / "copy.md")
    report = library.add([folder])
    assert (report.files_read, report.files_skipped) == (3, 0)


def test_an_index_reopens_with_its_papers(tmp_path, lists):
    """Closing and reopening an index keeps its papers and recorded files."""
    with Library(tmp_path / "ix") as first:
        first.add([lists[NIPS]])
    with Library(tmp_path / "ix", create=False) as again:
        assert again.paper_count() == 3
        assert list(again.files()) == [str(lists[NIPS])]


def test_schema_version_mismatch_raises_index_problem(tmp_path):
    """An index stamped with another schema version is refused with a `reindex` hint."""
    Library(tmp_path / "ix").close()
    stamp = tmp_path / "ix" / STAMP_NAME
    data = json.loads(stamp.read_text(encoding="utf-8"))
    stamp.write_text(json.dumps({**data, "schema_version": 0}), encoding="utf-8")
    with pytest.raises(IndexProblem) as raised:
        Library(tmp_path / "ix")
    assert raised.value.kind == "version"
    assert "reindex" in str(raised.value)


def test_foreign_directory_raises_index_problem(tmp_path):
    """A non-empty directory that is not an index is never used or written to."""
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(IndexProblem) as raised:
        Library(folder)
    assert raised.value.kind == "foreign"
    assert [p.name for p in folder.iterdir()] == ["cat.jpg"]


def test_foreign_stamp_raises_index_problem(tmp_path):
    """A directory whose stamp names another application is foreign."""
    Library(tmp_path / "ix").close()
    (tmp_path / "ix" / STAMP_NAME).write_text('{"app": "other"}', encoding="utf-8")
    with pytest.raises(IndexProblem) as raised:
        Library(tmp_path / "ix")
    assert raised.value.kind == "foreign"


def test_opening_a_missing_index_without_create_fails(tmp_path):
    """create=False on an empty place raises IndexProblem instead of creating an index."""
    with pytest.raises(IndexProblem):
        Library(tmp_path / "none", create=False)
    assert not (tmp_path / "none").exists()


def test_search_in_the_same_library_sees_a_merged_paper_once(library, lists):
    """After an add merges into an existing paper, the same Library lists that paper once."""
    library.add([lists[HOT]])
    library.search("*")  # the app searches between adds; the searcher is then refreshed
    library.add([lists[NIPS]])
    hits = library.hits(library.search("*"))
    assert sorted(hit.paper.key for hit in hits) == sorted({hit.paper.key for hit in hits})
    assert len(hits) == 5


def test_paper_count_ignores_replaced_papers(tmp_path, lists):
    """paper_count() after an add that merged into an existing paper counts it once."""
    with Library(tmp_path / "ix") as lib:
        lib.add([lists[HOT]])
        lib.add([lists[NIPS]])
    with Library(tmp_path / "ix") as lib:
        assert len(everything(lib)) == 5
        assert lib.paper_count() == 5


def test_stats_after_two_adds(tmp_path, lists, fixture):
    """stats() works on an index built by two adds (two segments), one without venue years
    (its papers' years come from their arXiv ids)."""
    with Library(tmp_path / "ix") as lib:
        lib.add([lists[HOT]])
        lib.add([fixture("conference/ICML-2023-list01.md")])
        stats = lib.stats()
    assert (stats["papers"], stats["files"]) == (4, 2)
    assert stats["by_year"] == {"2021": 3, "2023": 1}
    assert stats["by_venue"] == {"ICML": 1}


def test_facets_after_two_adds(tmp_path, lists, fixture):
    """Facets of a search work on an index built by two adds, one list without venue years."""
    with Library(tmp_path / "ix") as lib:
        lib.add([lists[HOT]])
        lib.add([fixture("conference/ICML-2023-list01.md")])
        facets = lib.searching.facets(lib.search("*"))
    assert [(f.value, f.count) for f in facets["year"]] == [("2021", 3), ("2023", 1)]
    assert [(f.value, f.count) for f in facets["source"]] == [("hotpapers", 3), ("conference", 1)]


def test_rebuild_gives_the_same_papers(tmp_path, lists):
    """Rebuilding an index from its recorded lists gives the same papers."""
    with Library(tmp_path / "ix") as lib:
        lib.add(lists.values())
        before = everything(lib)
    rebuilt, report = Library.rebuild(tmp_path / "ix")
    with rebuilt:
        assert report.files_read == 3
        assert everything(rebuilt) == before


def test_stats_count_papers_by_format_venue_and_year(library, lists):
    """stats() counts papers, lists, formats, venues and years."""
    library.add(lists.values())
    stats = library.stats()
    # Nine entries; Sparse Lattice… and Calibrated Uncertainty… are each in two lists.
    assert (stats["papers"], stats["files"]) == (7, 3)
    assert stats["by_format"] == {"conference": 3, "hfdaily": 3, "hotpapers": 3}
    assert stats["by_venue"] == {"NeurIPS": 3}
    assert stats["by_year"] == {"2021": 2, "2022": 3}
    assert stats["without_year"] == 2  # the two daily-dump papers listed nowhere else


def test_facets_stop_between_two_venues_when_a_newer_search_wants_the_cpu(tmp_path, lists, fixture):
    """Counting facets asks `should_stop` once per venue and format term: a yes stops it, and
    the same results can be counted in full afterwards."""
    from paperbrowse.index.cancel import SearchCancelled

    with Library(tmp_path / "ix") as lib:
        lib.add([lists[HOT]])
        lib.add([fixture("conference/ICML-2023-list01.md")])
        results = lib.search("*")
        lib.count(results)  # the matching papers are known now: only facet terms ask
        asked = []
        with pytest.raises(SearchCancelled):
            lib.facets(results, should_stop=lambda: asked.append(1) or True)
        assert len(asked) == 1
        facets = lib.facets(results, should_stop=lambda: False)
    assert [(f.value, f.count) for f in facets["source"]] == [("hotpapers", 3), ("conference", 1)]
