"""Tests merging: one paper per arXiv id, OpenReview id or normalised title, facts united."""

from __future__ import annotations

from paperbrowse.index.clean import normalise_title
from paperbrowse.index.formats import parse_file
from paperbrowse.index.merge import merge_entries
from paperbrowse.index.models import Entry, Source


def entry(title, path="a.md", line=1, fmt="hotpapers", **facts):
    """An entry with only the facts a test cares about."""
    date = facts.pop("date", None)
    label = facts.pop("label", None)
    return Entry(title=title, source=Source(path, line, fmt, date=date, label=label), **facts)


def test_same_arxiv_id_merges_different_titles():
    """Two entries with one arXiv id are one paper even when their titles differ."""
    papers = merge_entries(
        [
            entry("Attention Routing in Lattices", arxiv_id="2103.07711"),
            entry("Lattice Attention (v2 title)", "b.md", fmt="conference", arxiv_id="2103.07711"),
        ]
    )
    assert len(papers) == 1
    assert papers[0].key == "arxiv:2103.07711"


def test_same_openreview_id_merges_recased_titles():
    """Two conference entries with one OpenReview forum id are one paper."""
    papers = merge_entries(
        [
            entry("Deep Nets: Decoding-Enhanced", fmt="conference", openreview_id="Ab_1-x"),
            entry("Deep nets: decoding-enhanced v2", "b.md", fmt="conference",
                  openreview_id="Ab_1-x"),
        ]
    )
    assert [p.key for p in papers] == ["openreview:Ab_1-x"]


def test_openreview_ids_are_case_sensitive():
    """OpenReview ids differing only in case are different forums, hence different papers."""
    papers = merge_entries(
        [
            entry("First Forum Paper About Things", fmt="conference", openreview_id="abcDEF"),
            entry("Second Forum Paper About Stuff", "b.md", fmt="conference",
                  openreview_id="abcdef"),
        ]
    )
    assert len(papers) == 2


def test_normalised_title_ignores_case_punctuation_tex_and_accents():
    """Case, punctuation, `$…$`, TeX commands, accents and spacing do not change the title key."""
    assert normalise_title(r"Schrödinger  Bridges: $\mathcal{O}(n)$ Flows!") == normalise_title(
        "schrodinger bridges -- mathcal O(n) flows"
    )


def test_same_normalised_title_merges_across_formats(fixture):
    """An id-less daily dump entry merges with the post entry of the same title."""
    hot = parse_file(fixture("hotpapers/2021-03-14---Hot-Papers.md")).entries
    daily = parse_file(fixture("hfdaily/daily-papers-mar-12.txt")).entries
    papers = merge_entries(hot + daily)
    lattice = [p for p in papers if p.title.startswith("Sparse Lattice")]
    assert len(lattice) == 1
    # In source order: fixtures/hfdaily/… sorts before fixtures/hotpapers/….
    assert lattice[0].formats == ("hfdaily", "hotpapers")
    assert lattice[0].arxiv_id == "2103.07711"


def test_title_merge_links_an_openreview_entry_to_a_daily_entry(fixture):
    """`Token merging schedules…` (ICLR, lower case) merges with the dump's title-cased twin."""
    daily = parse_file(fixture("hfdaily/daily-papers-mar-12.txt")).entries
    iclr = parse_file(fixture("conference/ICLR-2021-list01.md")).entries
    papers = merge_entries(daily + iclr)
    [token] = [p for p in papers if "token merging" in p.title.lower()]
    assert token.openreview_id == "Zq7_Lm-04kB"
    assert token.title == "Token Merging Schedules for Efficient Vision Transformers"
    assert (token.venue, token.year) == ("ICLR", 2021)


def test_different_titles_without_ids_stay_apart():
    """Entries sharing no id and no title are separate papers."""
    papers = merge_entries([entry("Graph Kernels for Molecules"), entry("Graph Kernels for Text")])
    assert len(papers) == 2


def test_short_titles_do_not_merge_across_lists():
    """A very short title ("Overview") is too weak a key to merge two id-less lists."""
    papers = merge_entries(
        [entry("Overview", "a.txt", fmt="hfdaily"), entry("Overview", "b.txt", fmt="hfdaily")]
    )
    assert len(papers) == 2


def test_merged_paper_unites_the_facts_of_its_entries():
    """Venue and year from the proceedings, counts and categories from the post, longest
    abstract, every category once."""
    post = entry(
        "Calibrated Uncertainty for Graph Networks", "hot.md", 5, arxiv_id="2103.08020",
        authors=("Ines Carvalho",), abstract="Short.", categories=("cs.LG", "stat.ML"),
        retweets=640, favorites=51, date="2021-03-14", url="https://arxiv.org/abs/2103.08020",
    )
    proceedings = entry(
        "Calibrated uncertainty for graph networks", "NIPS.md", 29, "conference",
        arxiv_id="2103.08020", authors=("Ines Carvalho", "Dmitri Volkov"),
        abstract="A much longer abstract.", venue="NeurIPS", year=2022,
        url="https://papers.nips.cc/x", categories=("stat.ML", "cs.AI"),
    )
    [paper] = merge_entries([proceedings, post])
    assert paper.title == "Calibrated Uncertainty for Graph Networks"
    assert paper.authors == ("Ines Carvalho",)
    assert paper.abstract == "A much longer abstract."
    assert (paper.venue, paper.year, paper.date) == ("NeurIPS", 2022, "2021-03-14")
    assert (paper.retweets, paper.favorites) == (640, 51)
    assert paper.categories == ("cs.LG", "stat.ML", "cs.AI")
    assert paper.url == "https://papers.nips.cc/x"
    assert paper.formats == ("conference", "hotpapers")  # NIPS.md sorts before hot.md


def test_merged_paper_keeps_every_source():
    """A merged paper lists the file and line of every entry it came from, sorted."""
    [paper] = merge_entries(
        [
            entry("Same Paper Listed Twice Here", "b.md", 9, arxiv_id="2101.00001"),
            entry("Same Paper Listed Twice Here", "a.md", 3, arxiv_id="2101.00001"),
        ]
    )
    assert [(s.path, s.line) for s in paper.sources] == [("a.md", 3), ("b.md", 9)]
    assert len(paper.entries) == 2


def test_newest_list_date_wins():
    """The paper's date is the newest date among its lists."""
    [paper] = merge_entries(
        [
            entry("A Paper Trending Twice Over", "a.md", arxiv_id="2101.00002", date="2021-01-03"),
            entry("A Paper Trending Twice Over", "b.md", arxiv_id="2101.00002", date="2021-02-01"),
        ]
    )
    assert paper.date == "2021-02-01"
    assert paper.retweets is None


def test_most_retweets_win():
    """The paper's tweet counts are the highest any list gave."""
    [paper] = merge_entries(
        [
            entry("A Paper Trending Twice Over", "a.md", arxiv_id="2101.00002", retweets=5,
                  favorites=9),
            entry("A Paper Trending Twice Over", "b.md", arxiv_id="2101.00002", retweets=50,
                  favorites=1),
        ]
    )
    assert (paper.retweets, paper.favorites) == (50, 9)


def test_title_links_two_id_groups_transitively():
    """Entries joined through a shared title and shared ids end up in one paper."""
    papers = merge_entries(
        [
            entry("Bridging Entry Through Its Title", "a.md", arxiv_id="2101.00003"),
            entry("Bridging entry through its title", "b.txt", fmt="hfdaily"),
            entry("Bridging Entry: Through Its Title", "c.md", fmt="conference",
                  openreview_id="Zz9"),
        ]
    )
    assert len(papers) == 1
    assert (papers[0].arxiv_id, papers[0].openreview_id) == ("2101.00003", "Zz9")


def test_label_is_kept_on_its_source():
    """A daily dump's `Mar 12` label survives merging on that entry's source."""
    [paper] = merge_entries(
        [entry("A Labelled Daily Dump Paper", "d.txt", 11, "hfdaily", label="Mar 12")]
    )
    assert paper.sources[0].label == "Mar 12" and paper.date is None


def test_unmerged_short_titles_get_different_keys():
    """Two "Overview" papers from different lists are two papers with two distinct keys
    (the index stores papers by key, so a shared key would make one hide the other)."""
    papers = merge_entries(
        [entry("Overview", "a.txt", fmt="hfdaily"), entry("Overview", "b.txt", fmt="hfdaily")]
    )
    assert len({p.key for p in papers}) == 2


def test_titles_without_letters_get_different_keys():
    """Titles with no letters or digits ("???") never share a key with each other."""
    papers = merge_entries([entry("???", "a.txt", 1), entry("***", "a.txt", 2)])
    assert len(papers) == 2 and len({p.key for p in papers}) == 2


def test_title_key_is_stable_for_long_titles():
    """A long id-less title's key depends only on its normalised words, not on the list."""
    [one] = merge_entries([entry("Graph Kernels for Molecules", "a.txt", fmt="hfdaily")])
    [two] = merge_entries([entry("graph kernels, for molecules!", "z.txt", 40, fmt="hfdaily")])
    assert one.key == two.key and one.key.startswith("title:")


def test_a_merged_papers_format_is_its_first_sources():
    """`format` is the format of the first source (sources in path, then line order);
    `formats` lists every format once, in source order, so `formats[0] == format`."""
    papers = merge_entries(
        [
            entry("Fjell Transformers", "lists/hot/2021-04-21.md", 3, arxiv_id="2104.00042"),
            entry("Fjell Transformers", "lists/conf/ICLR-2021-list02.md", 9, fmt="conference"),
            entry("Fjell Transformers", "lists/daily/mar-12.txt", 5, fmt="hfdaily"),
        ]
    )
    [paper] = papers
    assert [s.path for s in paper.sources] == [
        "lists/conf/ICLR-2021-list02.md",
        "lists/daily/mar-12.txt",
        "lists/hot/2021-04-21.md",
    ]
    assert paper.format == "conference"
    assert paper.formats == ("conference", "hfdaily", "hotpapers")
    record = paper.to_json()
    assert record["format"] == record["sources"][0]["format"] == record["formats"][0]
    assert record["source"] == {"path": "lists/conf/ICLR-2021-list02.md", "line": 9}
