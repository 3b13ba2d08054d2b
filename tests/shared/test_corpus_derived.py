"""Tests what is derived from the real corpus in ../shared/corpus (issue 9): every paper has
a year where one can be derived, no abstract keeps a tag, and a BibTeX export of every paper
reads back with a strict BibTeX parser. The checks on the corpus index (`--sort date`
monotone over every paper, `stats`) are in `derived_checks.py`, run by the corpus index test
of test_corpus.py, so the corpus is indexed once per worker, not twice."""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
import pytest
from paperbrowse.index.cite import bibtex_entries
from paperbrowse.index.formats import parse_file
from paperbrowse.index.merge import merge_entries
from pybtex.database import parse_string

pytestmark = pytest.mark.shared

TAG = re.compile(r"<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=|\s*/?>)|</[A-Za-z][\w:.-]*\s*>")
"""A tag as the lists carry them: `<sup xmlns:mml=…>`, `</inf>`, `<br/>` (not `<subject, …>`)."""


@pytest.fixture(scope="module")
def papers(shared_dir: Path):
    """The merged papers of every corpus file."""
    root = shared_dir / "corpus"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "PROVENANCE.txt")
    return merge_entries(e for path in files for e in parse_file(path).entries)


def test_every_corpus_paper_has_a_year(papers):
    """Venue year, arXiv id year or list date year: the corpus has no daily-dump-only paper,
    so every paper gets one (2742 had none before: every Hot Papers post)."""
    assert [p.key for p in papers if not p.year] == []


def test_no_corpus_abstract_or_title_keeps_a_tag(papers):
    """CVPR's `<sup xmlns:mml=…>`/`<inf>` markup (in ~440 abstracts) renders as text."""
    tagged = [p.key for p in papers if TAG.search(p.abstract) or TAG.search(p.title)]
    assert tagged == []


def test_a_bibtex_export_of_the_whole_corpus_reads_back(papers):
    """Every paper's entry, exported together, is read back by pybtex in strict mode (which
    raises on a duplicate key or an unbalanced brace), and no title keeps an unescaped
    `& % # _` outside math."""
    text = bibtex_entries(papers)
    pybtex.errors.set_strict_mode(True)
    entries = parse_string(text, "bibtex").entries
    assert len(entries) == len(papers)
    unescaped = [
        key
        for key, entry in entries.items()
        if re.search(r"(?<!\\)[&%#_]", re.sub(r"(?<!\\)\$.*?(?<!\\)\$", "", entry.fields["title"]))
    ]
    assert unescaped == []
    assert sum(1 for e in entries.values() if "doi" in e.fields) > 6000  # CVPR, IJCAI
    assert sum(1 for e in entries.values() if e.fields.get("archivePrefix") == "arXiv") > 3000
