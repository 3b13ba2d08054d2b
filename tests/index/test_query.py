"""Tests the query language on a small index: fields, operators, phrases, ranges, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperbrowse.index.query import QueryError
from paperbrowse.index.store import Library

LISTS = (
    "hotpapers/2021-03-14---Hot-Papers.md",
    "hfdaily/daily-papers-mar-12.txt",
    "conference/NIPS-2022-list01.md",
    "conference/ICLR-2021-list01.md",
    "conference/ICML-2023-list01.md",
    "mess/hot-title-latex-unicode.md",
)
FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """One index of six fixture lists, shared by the module's read-only tests."""
    library = Library(tmp_path_factory.mktemp("query") / "index")
    report = library.add([FIXTURES_DIR / name for name in LISTS])
    assert report.files_failed == 0
    yield library
    library.close()


def titles(lib: Library, query: str, **options) -> list[str]:
    return [hit.paper.title for hit in lib.hits(lib.search(query, **options))]


def found(lib: Library, query: str) -> set[str]:
    return set(titles(lib, query))


LATTICE = "Sparse Lattice Transformers for Long Document Retrieval"
CALIBRATED = "Calibrated Uncertainty for Graph Neural Networks under Distribution Shift"
MONOTONE = "Monotone Operator Networks for Stable Video Prediction"
ROTATING = "Rotating Feature Banks for Continual Speech Recognition"
HIERARCHICAL = "Hierarchical Reward Machines for Sparse Exploration"
TOKEN = "Token Merging Schedules for Efficient Vision Transformers"
MIRROR = "Optimistic Policy Mirror Descent in Constrained Markov Games"
COUNTERFACTUAL = "Counterfactual Data Augmentation for Fair Ranking"
ATTENTION = r"$\mathcal{O}(n \log n)$ Attention via Schrödinger Kernels"
UBER = "Über-Sampling: Naïve Bayes Meets Café-Style Data Augmentation"


def test_star_alone_is_every_paper(lib):
    """`*` matches every paper in the index, and nothing that is not a paper."""
    results = lib.search("*")
    # 14 entries; Sparse Lattice…, Calibrated Uncertainty… and Token Merging… are in two lists.
    assert results.total == len(lib.hits(results)) == 11
    assert all(hit.paper.key.split(":")[0] in ("arxiv", "openreview", "title")
               for hit in lib.hits(results))


def test_plain_words_search_title_author_and_abstract(lib):
    """An unfielded word finds papers that have it in the title, authors or abstract."""
    assert LATTICE in found(lib, "lattice")
    assert ROTATING in found(lib, "forgetting")
    assert MIRROR in found(lib, "rahman")


def test_title_field(lib):
    """`title:` looks only at titles."""
    assert found(lib, "title:lattice") == {LATTICE}
    assert ROTATING not in found(lib, "title:forgetting")


def test_author_surname_finds_the_full_name(lib):
    """`author:bengio` finds papers by "Yoshua Bengio"."""
    assert found(lib, "author:bengio") == {CALIBRATED, MONOTONE}


def test_author_search_folds_accents(lib):
    """`author:ibanez` finds "Tomás Ibáñez"."""
    assert found(lib, "author:ibanez") == {HIERARCHICAL}


def test_abstract_field(lib):
    """`abstract:` looks only at abstracts, stemmed (`accent` finds "accents", "accented")."""
    assert found(lib, "abstract:accent") == {ROTATING}
    assert found(lib, "title:uncertainty") == {CALIBRATED}
    assert found(lib, "abstract:uncertainty") == set()


def test_venue_field_accepts_display_name_and_key(lib):
    """`venue:neurips` and `venue:nips` both find the NeurIPS papers."""
    neurips = {MONOTONE, COUNTERFACTUAL, CALIBRATED}
    assert found(lib, "venue:neurips") == neurips
    assert found(lib, "venue:nips") == neurips
    assert found(lib, "venue:ICLR") == {HIERARCHICAL, TOKEN}


def test_year_field(lib):
    """`year:2023` finds the papers of that proceedings year."""
    assert found(lib, "year:2023") == {MIRROR}


def test_year_field_finds_hot_papers_by_their_arxiv_year(lib):
    """A Hot Papers entry has no venue year; `year:2021` finds it by its arXiv id's year."""
    assert found(lib, "year:2021") == {LATTICE, ROTATING, ATTENTION, UBER, HIERARCHICAL, TOKEN}


def test_year_range(lib):
    """`year:[2021 TO 2022]` includes both ends."""
    assert found(lib, "year:[2021 TO 2022]") == {
        MONOTONE, COUNTERFACTUAL, CALIBRATED, HIERARCHICAL, TOKEN,
        LATTICE, ROTATING, ATTENTION, UBER,
    }
    assert found(lib, "year:[2021 TO 2023]") == found(lib, "year:[2021 TO 2022]") | {MIRROR}


def test_category_field(lib):
    """`cat:cs.LG` finds papers with that arXiv category, case-insensitively."""
    assert CALIBRATED in found(lib, "cat:cs.LG")
    assert found(lib, "cat:eess.as") == {ROTATING}


def test_source_field(lib):
    """`source:hfdaily` finds papers listed by a daily dump, merged ones included."""
    assert found(lib, "source:hfdaily") == {
        "Schrödinger Bridges for Unpaired Image Translation", TOKEN, LATTICE,
    }


def test_and_requires_both(lib):
    """`author:bengio AND venue:neurips` needs both; both Bengio papers are at NeurIPS."""
    assert found(lib, "author:bengio AND title:monotone") == {MONOTONE}


def test_or_accepts_either(lib):
    """`title:lattice OR title:monotone` finds both papers."""
    assert found(lib, "title:lattice OR title:monotone") == {LATTICE, MONOTONE}


def test_not_excludes(lib):
    """`author:bengio NOT title:monotone` drops the excluded paper."""
    assert found(lib, "author:bengio NOT title:monotone") == {CALIBRATED}


def test_parentheses_group(lib):
    """Parentheses group an OR inside an AND."""
    assert found(lib, "(title:lattice OR title:hierarchical) AND venue:iclr") == {HIERARCHICAL}


def test_phrase_needs_adjacent_words(lib):
    """A quoted phrase matches the words in order, not scattered."""
    assert found(lib, '"speech recognition"') == {ROTATING}
    assert found(lib, '"recognition speech"') == set()


def test_prefix(lib):
    """`calibrat*` matches words starting with the prefix."""
    assert CALIBRATED in found(lib, "title:calibrat*")


def test_fuzzy(lib):
    """`speach~` finds "speech" within one edit; without `~` it finds nothing."""
    assert found(lib, "title:speach~") == {ROTATING}
    assert found(lib, "title:speach") == set()


def test_pasted_arxiv_link_finds_the_paper(lib):
    """A pasted arXiv URL searches for that paper's id."""
    assert titles(lib, "https://arxiv.org/abs/2103.08551v2") == [ROTATING]


def test_sort_by_popularity(lib):
    """`popularity` puts the most retweeted paper first."""
    assert titles(lib, "*", sort="popularity")[:3] == [LATTICE, CALIBRATED, ATTENTION]


def test_sort_by_date(lib):
    """`date` puts the newest first: ICML 2023 (a venue year), then NeurIPS 2022, then the
    newest Hot Papers post (2021-05-03), ties A→Z by title."""
    assert titles(lib, "*", sort="date")[:5] == [
        MIRROR, COUNTERFACTUAL, MONOTONE, ATTENTION, UBER,
    ]


def test_sort_by_title(lib):
    """`title` sorts alphabetically by the normalised title."""
    ordered = titles(lib, "*", sort="title")
    assert ordered[:2] == ["Calibrated Uncertainty for Graph Neural Networks under Distribution "
                           "Shift", "Counterfactual Data Augmentation for Fair Ranking"]


def test_unknown_sort_is_a_query_error(lib):
    """An unknown sort order is refused with QueryError."""
    with pytest.raises(QueryError):
        lib.search("*", sort="stars")


@pytest.mark.parametrize(
    ("query", "position"),
    [
        ("year:abc", 5),
        ("retweets:lots", 9),
        ("year:[2021 TO 2022", 5),
    ],
)
def test_malformed_query_raises_query_error_with_position(lib, query, position):
    """The query language used wrongly raises QueryError saying where (0-based) the problem
    is; text that only looks like it is read as words (tests/index/test_reading.py)."""
    with pytest.raises(QueryError) as raised:
        lib.search(query)
    assert raised.value.position == position
    assert raised.value.message
    assert raised.value.pointer().splitlines()[-1] == " " * position + "^"
