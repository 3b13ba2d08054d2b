"""Property tests: parsers survive any text, and merging does not depend on input order."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperbrowse.index.formats import NotAPaperList, parse_text
from paperbrowse.index.merge import merge_entries
from paperbrowse.index.models import FORMATS, Entry, Source
from paperbrowse.index.store import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXT_FIXTURES = sorted(
    p for p in FIXTURES.rglob("*") if p.is_file() and p.parent.name != "notalist"
)
FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in TEXT_FIXTURES]

# Lines that mean something to one of the parsers, to build texts that get past detection.
SIGNIFICANT_LINES = [
    "---", "title: Hot Papers 2021-01-01", "date: 2021-01-02T00:00:00.Z", "slug: hot-papers",
    "# 1. A Title", "# 12.", "# 3. $x$ * ## #", "A. Author, B. Author", "",
    "- retweets: 1,234, favorites: 5 (x)", "- retweets: , favorites:",
    "- links: [abs](https://arxiv.org/abs/2101.00001) | [pdf](https://arxiv.org/pdf/2101.00001)",
    "- links: [abs](https://openreview.net/forum?id=Ab1)", "- [cs.LG](x) | [stat.ML](y)",
    '<blockquote class="twitter-tweet"><p lang="ja">&amp;</p></blockquote>', "<script></script>",
    "## [0] Conference Title", "### Legacy Title.", "        ## [7] Indented", "## []",
    "**Authors**: *A, B*", "**Authors**: **", "**Conference**: *nips 2022*", "**Conference**:",
    "**URL**: [https://openreview.net/forum?id=X](https://openreview.net/forum?id=X)",
    "**URL**: <>", "**Abstract**:", "**Abstract**: inline text", "- [ ] viewed", "----",
    "[Go to the previous page](a.md)", "new", "Get trending papers in your email inbox!",
    "byAK and the research community", "Mar 12", "Feb 30", "Sept. 3",
    "A Daily Title", "word " * 45 + ".", "\x00\x08\x1b", "\u2028", "\r", "\ufeff",
    "<tex xmlns:mml='m'>$x$</tex>",
]


def _check(text: str) -> None:
    """Parse text; only NotAPaperList may escape, and whatever parses is well formed."""
    try:
        result = parse_text(text, "lists/NIPS-2022-list01.md")
    except NotAPaperList as error:
        assert error.problem.fatal and error.problem.path == "lists/NIPS-2022-list01.md"
        return
    assert result.format in FORMATS
    line_count = text.count("\n") + 1
    for entry in result.entries:
        assert entry.title and entry.title == entry.title.strip()
        assert "\n" not in entry.title and "\x00" not in entry.title
        assert 1 <= entry.source.line <= line_count
        # A file mixing formats says where each region starts; its entries keep their own.
        mixed = any("starts here inside" in p.message for p in result.problems)
        assert entry.format == result.format or (mixed and entry.format in FORMATS)
        entry.to_json()
    for problem in result.problems:
        assert 0 <= problem.line <= line_count


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_parser_crashes_on_arbitrary_text(text):
    """Any string either parses into well-formed entries or raises NotAPaperList."""
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SIGNIFICANT_LINES), st.text(max_size=30)),
                max_size=40),
       st.sampled_from(["\n", "\r\n", "\u2028\n"]))
def test_no_parser_crashes_on_lines_that_look_like_lists(lines, newline):
    """Texts built from format-significant lines parse or raise NotAPaperList, nothing else."""
    _check(newline.join(lines))


@st.composite
def mutated_fixture(draw) -> str:
    """A fixture's text with a few random cuts, insertions and duplications."""
    text = draw(st.sampled_from(FIXTURE_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 200)))
        kind = draw(st.sampled_from(["cut", "insert", "duplicate", "truncate"]))
        if kind == "cut":
            text = text[:at] + text[end:]
        elif kind == "insert":
            text = text[:at] + draw(st.text(max_size=40)) + text[at:]
        elif kind == "duplicate":
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at]
    return text


@settings(max_examples=300, deadline=None)
@given(mutated_fixture())
def test_no_parser_crashes_on_mutated_fixtures(text):
    """Fixture texts with random damage parse or raise NotAPaperList, nothing else."""
    _check(text)


TITLES = [
    "Sparse Lattice Transformers", "sparse lattice transformers!", "Graph Kernels for Molecules",
    "Schrödinger Bridges for Images", "Schrodinger bridges for images", "Overview",
    r"$\mathcal{O}(n)$ Attention Kernels",
]


@st.composite
def entries(draw) -> list[Entry]:
    """Entries drawn from small pools of titles, ids and facts, so that many of them merge;
    each has its own (path, line), as entries parsed from files do."""
    count = draw(st.integers(0, 12))
    found = []
    for line in range(1, count + 1):
        fmt = draw(st.sampled_from(FORMATS))
        found.append(
            Entry(
                title=draw(st.sampled_from(TITLES)),
                source=Source(
                    path=draw(st.sampled_from(["a.md", "b.md", "c.txt"])), line=line, format=fmt,
                    date=draw(st.sampled_from([None, "2021-01-01", "2022-02-02"])),
                ),
                authors=draw(st.sampled_from([(), ("Ann Lee",), ("Bo Chen", "Ann Lee")])),
                abstract=draw(st.sampled_from(["", "Short one.", "Other one.", "A longer one."])),
                arxiv_id=draw(st.sampled_from([None, None, "2101.00001", "2101.00002"])),
                openreview_id=draw(st.sampled_from([None, None, "AbC", "abc"])),
                url=draw(st.sampled_from([None, "https://x.org/1", "https://y.org/2"])),
                venue=draw(st.sampled_from([None, "NeurIPS", "ICLR"])),
                year=draw(st.sampled_from([None, 2021, 2022])),
                categories=draw(st.sampled_from([(), ("cs.LG",), ("stat.ML", "cs.LG")])),
                retweets=draw(st.sampled_from([None, 0, 5, 50])),
                favorites=draw(st.sampled_from([None, 1, 9])),
            )
        )
    return found


@settings(max_examples=200, deadline=None)
@given(entries(), st.randoms(use_true_random=False))
def test_merging_is_order_independent(found, random):
    """merge_entries gives the same papers, field for field, for any order of its input."""
    shuffled = list(found)
    random.shuffle(shuffled)
    first, second = merge_entries(found), merge_entries(shuffled)
    assert first == second
    assert [p.to_json() for p in first] == [p.to_json() for p in second]
    assert [p.entries for p in first] == [p.entries for p in second]


@settings(max_examples=200, deadline=None)
@given(entries())
def test_merging_keeps_every_entry_exactly_once(found):
    """Every entry ends up in exactly one paper; no paper is empty."""
    papers = merge_entries(found)
    sources = sorted(s.sort_key() for p in papers for s in p.sources)
    assert sources == sorted(e.source.sort_key() for e in found)
    assert all(p.sources for p in papers)


STORE_LISTS = [
    FIXTURES / "hotpapers/2021-03-14---Hot-Papers.md",
    FIXTURES / "hfdaily/daily-papers-mar-12.txt",
    FIXTURES / "conference/NIPS-2022-list01.md",
    FIXTURES / "conference/ICLR-2021-list01.md",
    FIXTURES / "mess/hot-title-latex-unicode.md",
]


def _indexed_papers(folder: Path, order: list[Path]) -> dict[str, dict]:
    """Add the lists one by one in `order`, then read every paper from a reopened index."""
    with Library(folder) as lib:
        for path in order:
            assert lib.add([path]).files_read == 1
    with Library(folder) as lib:
        hits = lib.hits(lib.search("*"))
        return {hit.paper.key: hit.paper.to_json() for hit in hits}


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.permutations(STORE_LISTS), st.permutations(STORE_LISTS))
def test_adding_lists_in_any_order_gives_the_same_papers(tmp_path, first, second):
    """Adding the same lists one at a time, in two different orders, indexes the same papers."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one fresh place per example
    one = _indexed_papers(folder / "one", first)
    two = _indexed_papers(folder / "two", second)
    assert one == two
    assert len(one) == 10  # 13 entries, three papers in two lists each
