"""Tests the known mess in real lists that a committed text fixture can show."""

from __future__ import annotations

from paperbrowse.index.clean import normalise_title
from paperbrowse.index.formats import parse_file, parse_text


def _entries(fixture, name):
    return parse_file(fixture(name)).entries


def test_double_spaces_in_hot_paper_titles_collapse(fixture):
    """Runs of spaces left by line wraps become single spaces in titles."""
    [entry] = _entries(fixture, "mess/hot-title-double-spaces.md")
    assert entry.title == "Towards Robust Calibration of Vision-Language Models"


def test_double_spaces_in_abstracts_collapse(fixture):
    """Runs of spaces and wrapped lines inside an abstract become single spaces."""
    [entry] = _entries(fixture, "mess/hot-title-double-spaces.md")
    assert "  " not in entry.abstract and "\n" not in entry.abstract
    assert "We measure the effect on zero-shot classification" in entry.abstract


def test_double_spaces_in_conference_titles_and_authors_collapse(fixture):
    """Conference headings and author lines lose their doubled spaces too."""
    [entry] = _entries(fixture, "mess/conf-double-spaces.md")
    assert entry.title == "Sharpness-Aware Minimisation for Federated Learning"
    assert entry.authors == ("Mina Youssef", "Niklas Weber")


def test_latex_in_titles_is_kept_verbatim(fixture):
    """TeX in a title is the author's wording and is kept as written."""
    first = _entries(fixture, "mess/hot-title-latex-unicode.md")[0]
    assert first.title == r"$\mathcal{O}(n \log n)$ Attention via Schrödinger Kernels"


def test_non_ascii_titles_and_authors_are_kept(fixture):
    """Accents and non-Latin scripts survive in titles and author names."""
    first, second = _entries(fixture, "mess/hot-title-latex-unicode.md")
    assert first.authors == ("Zoë Müller", "Jiří Dvořák", "王小明")
    assert second.title == "Über-Sampling: Naïve Bayes Meets Café-Style Data Augmentation"


def test_decomposed_accents_are_composed():
    """A title typed with combining accents (NFD) is stored composed (NFC)."""
    text = (
        "## [1] Cafe\u0301 Recommendations at Scale\n\n**Authors**: *Zoe\u0308 Ng*\n\n"
        "**Conference**: *icml 2021*\n\n**Abstract**:\n\nWords.\n"
    )
    [entry] = parse_text(text, "x.md").entries
    assert entry.title == "Café Recommendations at Scale"
    assert entry.authors == ("Zoë Ng",)


def test_dollar_and_star_in_hot_paper_titles_are_kept(fixture):
    """`A*`, `$Q$`, `*Sparse*` and a lone `$5` stay in titles; they are not markup to strip."""
    first, second = _entries(fixture, "mess/hot-title-dollar-star.md")
    assert first.title == "A* Search Meets $Q$-Learning: Learned Heuristics for *Sparse* Planning"
    assert second.title == r"Pricing $5 Options with $\epsilon$-Greedy Agents"


def test_dollar_and_star_in_conference_titles_are_kept(fixture):
    """`$k$-Means++ with *Outliers*` keeps its dollars, pluses and stars."""
    [entry] = _entries(fixture, "mess/conf-dollar-star-title.md")
    assert entry.title == r"$k$-Means++ with *Outliers*: A $\log k$ Approximation"


def test_dollar_titles_still_merge_by_words():
    """Merging compares titles without TeX dollars, so `$Q$-Learning` equals `Q-Learning`."""
    assert normalise_title("A* Search Meets $Q$-Learning") == normalise_title(
        "A Search Meets Q Learning"
    )


def test_empty_abstract_is_an_empty_string(fixture):
    """A paper with only a tweet after its metadata has an empty abstract, not the tweet."""
    first, second = _entries(fixture, "mess/hot-empty-abstract.md")
    assert first.abstract == ""
    assert first.arxiv_id == "2105.03005" and first.retweets == 3120
    assert second.abstract.startswith("We maintain a coreset")


def test_post_with_no_papers_is_an_empty_list(fixture):
    """A post with front matter but no papers is a Hot Papers list with zero entries."""
    result = parse_file(fixture("mess/hot-no-papers.md"))
    assert (result.format, result.entries, result.problems) == ("hotpapers", [], [])


def test_publish_timestamp_that_fromisoformat_rejects_does_not_break_dates(fixture):
    """`date: 2021-04-22T07:52:36.Z` (which Python 3.10's fromisoformat rejects) does not
    break the post; with no other date it gives that day."""
    path = fixture("mess/hot-publish-date-only.md")
    assert "date: 2021-04-22T07:52:36.Z" in path.read_text(encoding="utf-8")
    [entry] = parse_file(path).entries
    assert entry.date == "2021-04-22"


def test_foreign_tweets_do_not_leak_into_abstracts(fixture):
    """Japanese, Spanish and French tweets, entities and all, stay out of the abstract."""
    first, second = _entries(fixture, "mess/hot-foreign-tweets.md")
    assert first.abstract == (
        "Cross-lingual retrieval improves when languages share a small set of subword anchors."
    )
    assert second.abstract == "Discrete speech units learned without transcripts."
    for entry in (first, second):
        for leak in ("論文", "¡", "«", "&amp;", "&", "twitter", "blockquote"):
            assert leak not in entry.abstract


def test_foreign_tweets_do_not_leak_into_other_fields(fixture):
    """The second paper's authors and title are its own, not text from the tweets above it."""
    second = _entries(fixture, "mess/hot-foreign-tweets.md")[1]
    assert second.title == "Speech Tokenizers Without Text"
    assert second.authors == ("Olamide Adebayo",)


def test_multi_paragraph_abstract_stays_one_record(fixture):
    """Blank lines inside an abstract separate paragraphs, not records; `----` ends it."""
    entries = _entries(fixture, "mess/conf-multi-paragraph-abstract.md")
    assert [e.title for e in entries] == [
        "Learning to Defer with Multiple Experts",
        "Robust Mean Estimation in Sliding Windows",
    ]
    paragraphs = entries[0].abstract.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("In a second part we study experts")
    assert paragraphs[2] == "Experiments on two medical triage datasets confirm both results."


def test_multi_paragraph_hot_paper_abstract_keeps_its_paragraphs():
    """A Hot Papers abstract with a blank line keeps both paragraphs, joined by a blank line."""
    text = (
        "---\ntitle: Hot Papers 2021-01-01\n---\n\n# 1. Two Paragraphs\n\nA. Author\n\n"
        "- links: [abs](https://arxiv.org/abs/2101.00003)\n\nFirst part\nwrapped.\n\n"
        "Second part.\n"
    )
    [entry] = parse_text(text, "post.md").entries
    assert entry.abstract == "First part wrapped.\n\nSecond part."


def test_mathml_tex_wrappers_are_dropped_and_tex_kept(fixture):
    """`<tex xmlns:mml=…>$x$</tex>` becomes `$x$` inside the abstract's sentence."""
    [entry] = _entries(fixture, "mess/conf-mathml-tex.md")
    assert entry.abstract == (
        r"We relight portrait videos at $1024\times 1024$ resolution in real time, reducing "
        "the error by $x$ percent on a new light-stage benchmark."
    )


def test_retracted_paper_with_empty_authors_is_kept(fixture):
    """`**Authors**: **` gives no authors, yet the retracted paper is still an entry."""
    retracted, other = _entries(fixture, "mess/conf-retracted-empty-authors.md")
    assert retracted.title.startswith("Notice of Retraction:")
    assert retracted.authors == ()
    assert retracted.abstract == "Retracted."
    assert other.authors == ("Leila Ahmadi", "Joon Kim")


def test_openreview_ids_only_from_openreview_urls(fixture):
    """Forum and PDF links on openreview.net give the forum id; `forum?id=` elsewhere does not."""
    entries = _entries(fixture, "mess/conf-proceedings-urls.md")
    assert [e.openreview_id for e in entries] == [
        "aB3_x-Yz9Q", "Qw8LmN2pT0c", None, None, None, None, None, None,
    ]


def test_arxiv_ids_only_from_arxiv_urls(fixture):
    """Only the arXiv link gives an arXiv id (version dropped); DOIs and proceedings do not."""
    entries = _entries(fixture, "mess/conf-proceedings-urls.md")
    assert [e.arxiv_id for e in entries] == [None, None, "2110.01234", None, None, None, None, None]


def test_every_proceedings_url_is_kept_as_given(fixture):
    """Each paper's url is its proceedings link exactly, whatever the site."""
    entries = _entries(fixture, "mess/conf-proceedings-urls.md")
    assert entries[3].url == "https://doi.org/10.1109/CVPR52688.2022.01234"
    assert entries[4].url == "http://proceedings.mlr.press/v139/lee21c.html"
    assert entries[6].url == "https://doi.org/10.24963/ijcai.2022/321"


def test_venues_differ_per_paper_in_one_list(fixture):
    """Each paper's own Conference field sets its venue and year."""
    entries = _entries(fixture, "mess/conf-proceedings-urls.md")
    assert [(e.venue, e.year) for e in entries[:7]] == [
        ("ICLR", 2022), ("ICLR", 2022), ("NeurIPS", 2021), ("CVPR", 2022),
        ("ICML", 2021), ("NeurIPS", 2021), ("IJCAI", 2022),
    ]


def test_page_links_after_an_unruled_abstract_are_dropped(fixture):
    """Previous/next/catalog links right after the last abstract are neither papers nor text."""
    entries = _entries(fixture, "mess/conf-page-links.md")
    assert [e.source.rank for e in entries] == [198, 199]
    assert entries[-1].abstract == (
        "Message passing that respects the symmetry group of a crystal lattice predicts "
        "formation energies more accurately."
    )


def test_committed_no_final_newline_fixture_has_none(fixture):
    """The fixture really ends without a newline (an editor must not have added one)."""
    assert not fixture("mess/hot-no-final-newline.md").read_bytes().endswith(b"\n")


def test_no_final_newline_keeps_the_last_word(fixture):
    """A post ending without a newline keeps its last abstract whole."""
    [entry] = _entries(fixture, "mess/hot-no-final-newline.md")
    assert entry.abstract.endswith("keep the correlations of the real ones.")


def test_conference_list_without_final_newline_keeps_the_last_word(fixture):
    """A conference list cut off after its last abstract line loses nothing."""
    text = fixture("mess/conf-page-links.md").read_text(encoding="utf-8")
    text = text[: text.index("[Go to the previous")].rstrip()
    entries = parse_text(text, "NIPS-2023-list02.md").entries
    assert entries[-1].abstract.endswith("formation energies more accurately.")
