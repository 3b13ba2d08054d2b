"""Tests how typed and pasted text is read: stop words, punctuation, colons, links, `-word`,
spelling variants, as-you-type tiers and did-you-mean, on invented papers made for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperbrowse.index.query import QueryError
from paperbrowse.index.reading import read_query
from paperbrowse.index.store import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LISTS = ("search/reading-list.md", "hotpapers/2021-03-14---Hot-Papers.md")
ROUTING = "Routing Is All You Need"
LOTTERY = "The Lottery Ticket Lives in the Embedding"
RANK = "Learning to Rank Proofs with Small Models"
QUILT = "QUILT: Pre-training Quilted Encoders for Tabular Data"
PRETRAIN = "Pretraining Without Labels at Scale"
HINTS = "Hints from Teachers: Sublinear Distillation"
CLUSTER = "Is Clustering Enough? Few-Shot Learning Without Meta-Training"
POLYAK = "Convergence under the Polyak-{\\L}ojasiewicz Condition for Two-Timescale Methods"
M4I = "M$^4$I: Multi-Modal Models Meet Imaging"
ALPHA = "$\\alpha$-Divergence Posteriors for Robust Bayesian Deep Learning"
SALE = "For SALE: State-Action Latent Embeddings for Control"
NAIVE = "A Naïve Baseline for Graph Representation Learning"
NAME = "What’s in a Name? Entity Linking by Surface Forms"
LATTICE = "Sparse Lattice Transformers for Long Document Retrieval"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """One index of the reading fixture and a Hot Papers post, shared read-only."""
    library = Library(tmp_path_factory.mktemp("reading") / "index")
    assert library.add([FIXTURES / name for name in LISTS]).files_failed == 0
    yield library
    library.close()


def titles(lib: Library, text: str, **options) -> list[str]:
    return [hit.paper.title for hit in lib.hits(lib.search(text, **options))]


def first(lib: Library, text: str, **options) -> str | None:
    found = titles(lib, text, **options)
    return found[0] if found else None


# -- stop words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("routing is all you need", ROUTING),
        ("learning to rank", RANK),
        ("the lottery ticket", LOTTERY),
        ("lives in the embedding", LOTTERY),
        ("a naive baseline for graph", NAIVE),
    ],
)
def test_stop_words_never_make_a_query_fail(lib, text, title):
    """A fragment holding stop words finds its paper, first."""
    assert first(lib, text) == title


def test_stop_words_do_not_change_which_papers_match(lib):
    """`the lottery ticket` matches exactly the papers `lottery ticket` matches."""
    assert set(titles(lib, "the lottery ticket")) == set(titles(lib, "lottery ticket"))


def test_a_query_of_stop_words_only_finds_titles_holding_them(lib):
    """`is all you need` has no word an index keeps: titles holding it in order answer."""
    assert titles(lib, "is all you need") == [ROUTING]


# -- pasted titles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", [ROUTING, RANK, QUILT, CLUSTER, POLYAK, M4I, ALPHA, SALE, NAIVE, NAME, LATTICE]
)
def test_a_title_pasted_whole_ranks_its_paper_first(lib, title):
    """Colons, `?`, TeX, Greek, curly quotes: a whole title finds its paper first, in the
    CLI ranking, as the app's first (quick) answer and its full answer."""
    assert first(lib, title) == title
    assert first(lib, title, as_you_type=True, quick=True) == title
    assert first(lib, title, as_you_type=True) == title


def test_a_colon_after_an_unknown_word_is_punctuation():
    """`BERT:` and `SALE:` are words, not fields; a known field with a space after it is too."""
    assert read_query("QUILT: Pre-training").plain
    assert read_query("For SALE: State").query.startswith("sale")
    assert read_query("title: lattice").query == "title lattice"


def test_a_trailing_question_mark_is_punctuation():
    assert read_query("Is Clustering Enough?").query == "clustering enough"


@pytest.mark.parametrize(
    "text",
    ["title:(lattice", "lattice)", '"feature banks', "lattice AND", "OR lattice", "AND", "NOT",
     "nosuch:lattice", "a*", "(x", "{\\L}", "$$", "^", "?!", "'quoted'", "C++ / C#", "-", "--x"],
)
def test_text_that_is_not_the_query_language_never_raises(lib, text):
    """Unbalanced quotes and brackets, dangling operators and unknown fields are text."""
    lib.search(text)
    lib.search(text, as_you_type=True)
    lib.search(text, as_you_type=True, quick=True)


@pytest.mark.parametrize(("text", "position"), [("year:abc", 5), ("year:[2021 TO 2022", 5)])
def test_the_query_language_used_wrongly_is_an_error_with_a_position(lib, text, position):
    with pytest.raises(QueryError) as raised:
        lib.search(text)
    assert raised.value.position == position


# -- the query language still works ----------------------------------------------------------


def test_minus_excludes_a_word(lib):
    """`-word` is NOT word, as in web search."""
    assert NAIVE in titles(lib, "graph learning")
    assert NAIVE not in titles(lib, "learning -graph")
    assert set(titles(lib, "learning -graph")) == set(titles(lib, "learning NOT graph"))


def test_fields_phrases_and_operators_are_still_read(lib):
    assert titles(lib, "author:abbeel") == [CLUSTER]
    assert titles(lib, '"lottery ticket" OR quilted') != []
    assert set(titles(lib, "(routing OR lottery) embedding")) == {LOTTERY}
    assert titles(lib, "venue:cvpr medical") == [M4I]


# -- links and ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://arxiv.org/abs/2103.07711",
        "https://export.arxiv.org/abs/2103.07711v2",
        "https://arxiv.org/abs/2103.07711?context=cs",
        "arxiv.org/pdf/2103.07711.pdf",
        "https://arxiv.org/html/2103.07711v1#S2",
        "https://huggingface.co/papers/2103.07711",
        "arXiv:2103.07711",
        "2103.07711",
    ],
)
def test_any_arxiv_link_finds_its_paper(lib, text):
    assert titles(lib, text) == [LATTICE]


def test_openreview_doi_and_proceedings_links_find_their_papers(lib):
    assert titles(lib, "openreview.net/forum?id=Lt7kQ2mZp9x") == [LOTTERY]
    assert titles(lib, "https://openreview.net/pdf?id=Lt7kQ2mZp9x") == [LOTTERY]
    assert titles(lib, "https://doi.org/10.1109/CVPR52729.2023.00417") == [ROUTING]
    assert titles(lib, "10.1109/cvpr52729.2023.00417") == [ROUTING]
    assert titles(lib, "doi:10.1109/CVPR52729.2023.01002") == [M4I]
    assert titles(lib, "https://proceedings.mlr.press/v202/duarte23a.html") == [RANK]


def test_several_ids_at_once_find_all_of_them(lib):
    found = titles(lib, "2103.07711 https://openreview.net/forum?id=Lt7kQ2mZp9x")
    assert set(found) == {LATTICE, LOTTERY}


# -- spelling variants -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("pretraining quilted", QUILT),
        ("pre-training without labels", PRETRAIN),
        ("Lojasiewicz", POLYAK),
        ("polyak lojasiewicz condition", POLYAK),
        ("M4I", M4I),
        ("alpha-divergence posteriors", ALPHA),
        ("alpha divergence", ALPHA),
        ("α-divergence", ALPHA),
        ("naive baseline", NAIVE),
        ("naïve baseline", NAIVE),
        ("author:lio", POLYAK),
        ("wrobel", POLYAK),
        ("what's in a name", NAME),
        ("O'Neil", NAME),
        ("meta training", CLUSTER),
    ],
)
def test_spelling_variants_match_each_other(lib, text, title):
    assert first(lib, text) == title


# -- as you type -----------------------------------------------------------------------------


def test_a_finished_word_outranks_its_prefix_expansions_as_you_type(lib):
    """`hint` (a surname here) and `hinton` (prefix of Hinton-Ward): the word as typed first,
    in the quick answer and the full one, as in the CLI."""
    for text in ("hints", "hinton", "abbeel", "abbe"):
        cli = first(lib, text)
        assert first(lib, text, as_you_type=True) == cli
        assert first(lib, text, as_you_type=True, quick=True) == cli
    assert first(lib, "hinton") == PRETRAIN
    assert first(lib, "abbeel", as_you_type=True) == CLUSTER
    assert first(lib, "abbe", as_you_type=True) == M4I


def test_every_prefix_of_a_typed_title_finds_something(lib):
    """Typing a title key by key never shows "no papers match" on the way."""
    for end in range(1, len(ROUTING) + 1):
        assert titles(lib, ROUTING[:end], as_you_type=True), ROUTING[:end]
    assert first(lib, ROUTING[:-2], as_you_type=True) == ROUTING


def test_a_misspelt_title_still_finds_its_paper(lib):
    """No paper holds every word: the papers holding all but one answer, flagged relaxed."""
    results = lib.search("lottery tiket lives embedding")
    assert results.relaxed
    assert first(lib, "lottery tiket lives embedding") == LOTTERY


def test_did_you_mean_suggests_real_words_in_place(lib):
    assert lib.searching.correction("lotery tiket") == "lottery ticket"
    assert lib.searching.correction("quilted encodrs") == "quilted encoders"
    assert lib.searching.correction("lottery ticket") is None
