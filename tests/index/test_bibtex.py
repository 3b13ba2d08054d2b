"""Tests BibTeX export: valid for real-world titles, keys unique within one output, the
facts each list gives (DOI, arXiv eprint, merged authors and year), read back by a real
BibTeX parser (issue 9, item 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
import pytest
from paperbrowse.index.cite import bibtex, bibtex_entries, citation_key, citation_keys
from paperbrowse.index.formats import parse_file
from paperbrowse.index.merge import merge_entries
from paperbrowse.index.models import Entry, Source
from paperbrowse.index.tex import tex_text
from pybtex.database import parse_string

BIBTEX = Path(__file__).resolve().parents[1] / "fixtures" / "bibtex"


def read_back(text: str):
    """The entries a strict BibTeX parser reads from text (duplicate keys, unbalanced braces
    and other damage raise)."""
    pybtex.errors.set_strict_mode(True)
    return parse_string(text, "bibtex").entries


@pytest.fixture(scope="module")
def papers():
    """The merged papers of the three BibTeX fixtures, by title."""
    entries = [e for path in sorted(BIBTEX.iterdir()) for e in parse_file(path).entries]
    return {paper.title: paper for paper in merge_entries(entries)}


def paper_titled(papers, start: str):
    [paper] = [p for title, p in papers.items() if title.startswith(start)]
    return paper


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fast & Fair: 100% #1 of snake_case", r"Fast \& Fair: 100\% \#1 of snake\_case"),
        (r"Polyak-{\L}ojasiewicz", r"Polyak-{\L}ojasiewicz"),
        (r"$\mathcal{O}(\epsilon^{-2})$ Steps", r"$\mathcal{O}(\epsilon^{-2})$ Steps"),
        (r"$a_b$ and c_d", r"$a_b$ and c\_d"),
        ("IMO^3", r"IMO\^{}3"),
        ("a lone $ sign", r"a lone \$ sign"),
        (r"Nystr\"om and \& kept", r"Nystr\"om and \& kept"),
        ("open { brace", r"open \textbraceleft{} brace"),
        ("close } brace", r"close \textbraceright{} brace"),
        ("ends in \\", r"ends in \textbackslash{}"),
        ("Plain Title", "Plain Title"),
    ],
)
def test_tex_text_escapes_specials_outside_math_and_keeps_tex(raw, expected):
    """`& % # _ ^` are escaped outside math; math, TeX commands and paired braces stay."""
    assert tex_text(raw) == expected


def test_ampersand_title_is_escaped(papers):
    """`Fast & Fair …` gives `Fast \\& Fair …` (a bare `&` breaks LaTeX)."""
    entry = bibtex(paper_titled(papers, "Fast & Fair"))
    assert r"title = {{Fast \& Fair: 100\% Recall for \#Hashtag Ranking with snake\_case" in entry


def test_tex_in_titles_is_kept_as_written(papers):
    """`Polyak-{\\L}ojasiewicz` and `$\\mathcal{O}(\\epsilon^{-2})$` are copied verbatim."""
    entry = bibtex(paper_titled(papers, "Learning under the Polyak"))
    assert r"Polyak-{\L}ojasiewicz Condition in $\mathcal{O}(\epsilon^{-2})$ Steps" in entry
    [read] = read_back(entry).values()
    assert read.fields["title"] == (
        r"{Learning under the Polyak-{\L}ojasiewicz Condition in $\mathcal{O}(\epsilon^{-2})$ "
        "Steps}"
    )


def test_keys_are_unique_within_one_output(papers):
    """Three `li2021learning` papers become `li2021a…`, `li2021b…`, `li2021c…`; a key that
    is unique stays as it is."""
    ordered = sorted(papers.values(), key=lambda p: p.title)
    keys = citation_keys(ordered)
    assert len(set(keys)) == len(keys)
    learning = [k for k in keys if k.endswith("learning")]
    assert learning == ["li2021alearning", "li2021blearning", "li2021clearning"]
    assert "li2021fast" in keys
    assert citation_key(paper_titled(papers, "Fast & Fair")) == "li2021fast"


def test_a_whole_export_reads_back_with_every_entry(papers):
    """Every entry of an export is read back by a strict BibTeX parser: no duplicate key,
    no unbalanced brace, titles as written."""
    text = bibtex_entries(papers.values())
    read = read_back(text)
    assert len(read) == len(papers) == 6
    assert set(read) == set(re.findall(r"^@\w+\{([^,]+),", text, re.MULTILINE))


def test_doi_urls_give_a_doi_field(papers):
    """Proceedings linked through doi.org (IJCAI here, AAAI and CVPR alike) carry `doi`."""
    [read] = read_back(bibtex(paper_titled(papers, "Fast & Fair"))).values()
    assert read.fields["doi"] == "10.24963/ijcai.2021/901"
    assert read.type == "inproceedings" and read.fields["booktitle"] == "IJCAI"


def test_arxiv_papers_give_eprint_and_archive_prefix(papers):
    """An arXiv paper has `eprint`, `archivePrefix = {arXiv}` and its primary category."""
    [read] = read_back(bibtex(paper_titled(papers, "Drumlin"))).values()
    assert read.fields["eprint"] == "2102.00777"
    assert read.fields["archivePrefix"] == "arXiv"
    assert read.fields["primaryClass"] == "cs.LG"


def test_a_daily_dump_entry_gets_the_authors_and_year_of_its_merged_paper(papers):
    """The dump names no authors or year; merged with the post's entry, its BibTeX has
    both (the year from the arXiv id)."""
    paper = paper_titled(papers, "Drumlin")
    assert "hfdaily" in paper.formats
    [read] = read_back(bibtex(paper)).values()
    assert [str(p) for p in read.persons["author"]] == ["Olsen, Freya", "Ruiz, Mateo"]
    assert read.fields["year"] == "2021"


def test_a_daily_dump_entry_alone_is_a_valid_misc_entry(papers):
    """Listed only by a dump, a paper has no authors or year to give: it is a @misc that
    says where it was listed, never an invented author."""
    [read] = read_back(bibtex(paper_titled(papers, "Esker"))).values()
    assert read.type == "misc"
    assert read.fields["howpublished"] == "Hugging Face daily papers (Feb 3)"
    assert "author" not in read.persons and "year" not in read.fields


def test_an_author_named_with_and_is_braced_whole():
    """ "Research and Development Group" stays one author, not two."""
    [paper] = merge_entries(
        [
            Entry(
                title="Group Authorship in Bibliographies",
                source=Source("ICML-2022-list01.md", 1, "conference"),
                authors=("Ada Lovelace", "Research and Development Group"),
                venue="ICML",
                year=2022,
            )
        ]
    )
    [read] = read_back(bibtex(paper)).values()
    assert len(read.persons["author"]) == 2
