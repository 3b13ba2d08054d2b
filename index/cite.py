"""Provides what the copy keys copy: a paper's links, a Markdown link and a BibTeX entry."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote_plus

from .models import Paper


@dataclass(frozen=True, slots=True)
class Link:
    """A URL and what kind of link it is, said to the user ("arXiv URL")."""

    url: str
    kind: str


def arxiv_link(paper: Paper) -> Link | None:
    url = paper.urls.abs
    return Link(url, "arXiv URL") if url else None


def pdf_link(paper: Paper) -> Link | None:
    url = paper.urls.pdf
    return Link(url, "arXiv PDF URL") if url else None


def openreview_link(paper: Paper) -> Link | None:
    url = paper.urls.openreview
    return Link(url, "OpenReview URL") if url else None


def primary_link(paper: Paper) -> Link:
    """arXiv abs if known, else OpenReview forum, else the list URL, else an arXiv title search."""
    for link in (arxiv_link(paper), openreview_link(paper)):
        if link is not None:
            return link
    if paper.url:
        return Link(paper.url, "list URL")
    query = quote_plus(paper.title)
    return Link(
        f"https://arxiv.org/search/?query={query}&searchtype=title", "arXiv title-search URL"
    )


def markdown_link(paper: Paper) -> str:
    """`[Title](primary link)` with the brackets in the title escaped."""
    title = re.sub(r"([\[\]\\])", r"\\\1", " ".join(paper.title.split()))
    return f"[{title}]({primary_link(paper).url})"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ch.isascii())


_STOP = {"a", "an", "the", "on", "of", "for", "to", "in", "and", "with", "towards", "is"}


def citation_key(paper: Paper) -> str:
    """`surname` + year + first significant title word, ASCII lowercase (`su2021roformer`)."""
    surname = paper.authors[0].split()[-1] if paper.authors else "anon"
    words = [w for w in re.findall(r"[A-Za-z0-9]+", _ascii(paper.title)) if w.lower() not in _STOP]
    first = words[0].lower() if words else "paper"
    year = paper.year
    key = f"{_ascii(surname).lower()}{year or ''}{first}"
    return re.sub(r"[^a-z0-9]", "", key) or "paper"


def _bib_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def bibtex(paper: Paper) -> str:
    """A BibTeX entry: @inproceedings for a venue, else @article with the arXiv eprint."""
    fields: list[tuple[str, str]] = [("title", "{" + _bib_escape(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(_bib_escape(a) for a in paper.authors)))
    if year := paper.year:
        fields.append(("year", str(year)))
    if paper.venue:
        kind = "inproceedings"
        fields.append(("booktitle", _bib_escape(paper.venue)))
    else:
        kind = "article"
        if paper.arxiv_id:
            fields.append(("journal", f"arXiv preprint arXiv:{paper.arxiv_id}"))
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
    fields.append(("url", primary_link(paper).url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{citation_key(paper)},\n{body}\n}}\n"
