"""Provides what the copy keys copy: a paper's links, a Markdown link and a BibTeX entry."""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote_plus

from .models import Paper
from .tex import tex_text


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


def _key_parts(paper: Paper) -> tuple[str, str, str]:
    """(surname, year, first significant title word) of a citation key, ASCII lowercase."""
    surname = paper.authors[0].split()[-1] if paper.authors else "anon"
    words = [w for w in re.findall(r"[A-Za-z0-9]+", _ascii(paper.title)) if w.lower() not in _STOP]
    first = words[0].lower() if words else "paper"
    name = re.sub(r"[^a-z0-9]", "", _ascii(surname).lower()) or "anon"
    return name, str(paper.year or ""), re.sub(r"[^a-z0-9]", "", first) or "paper"


def citation_key(paper: Paper) -> str:
    """`surname` + year + first significant title word, ASCII lowercase (`su2021roformer`)."""
    return "".join(_key_parts(paper))


def _suffixes() -> Iterator[str]:
    """a, b, …, z, aa, ab, …: the letters that tell apart papers sharing a key."""
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)


def citation_keys(papers: Sequence[Paper]) -> list[str]:
    """Keys unique within one output: papers sharing `li2021learning` become
    `li2021alearning`, `li2021blearning`, … in order (the letter after the year, as BibTeX
    users write `li2021a`)."""
    parts = [_key_parts(paper) for paper in papers]
    counts = Counter("".join(p) for p in parts)
    taken = set(counts)
    keys = []
    for name, year, word in parts:
        key = name + year + word
        if counts[key] > 1:
            for suffix in _suffixes():
                candidate = f"{name}{year}{suffix}{word}"
                if candidate not in taken:
                    key = candidate
                    break
            taken.add(key)
        keys.append(key)
    return keys


_DOI = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def _doi(paper: Paper) -> str | None:
    """The DOI of a paper whose list URL is a doi.org link (AAAI, CVPR, IJCAI proceedings)."""
    match = _DOI.match(paper.url or "")
    return match.group(1) if match else None


def _author(name: str) -> str:
    """One author for BibTeX's `and` list; a name holding the word "and" is braced whole."""
    text = tex_text(name)
    return "{" + text + "}" if re.search(r"\band\b", name, re.IGNORECASE) else text


def _daily_label(paper: Paper) -> str | None:
    return next((s.label for s in paper.sources if s.format == "hfdaily" and s.label), None)


def bibtex(paper: Paper, key: str | None = None) -> str:
    """A BibTeX entry: @inproceedings for a venue, @article for an arXiv preprint, else @misc;
    `doi` for DOI URLs, `eprint`/`archivePrefix`/`primaryClass` for arXiv papers. Title and
    authors are escaped for LaTeX with their TeX kept (`tex.tex_text`)."""
    fields: list[tuple[str, str]] = [("title", "{" + tex_text(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(_author(a) for a in paper.authors)))
    if year := paper.year:
        fields.append(("year", str(year)))
    if paper.venue:
        kind = "inproceedings"
        fields.append(("booktitle", tex_text(paper.venue)))
    elif paper.arxiv_id:
        kind = "article"
        fields.append(("journal", f"arXiv preprint arXiv:{paper.arxiv_id}"))
    else:
        kind = "misc"
        if label := _daily_label(paper):
            fields.append(("howpublished", f"Hugging Face daily papers ({tex_text(label)})"))
    if doi := _doi(paper):
        fields.append(("doi", doi))
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
        if paper.categories:
            fields.append(("primaryClass", paper.categories[0]))
    fields.append(("url", primary_link(paper).url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key or citation_key(paper)},\n{body}\n}}\n"


def bibtex_entries(papers: Iterable[Paper]) -> str:
    """Entries for many papers (an export), with keys unique within it, a blank line apart."""
    ordered = list(papers)
    keys = citation_keys(ordered)
    return "\n".join(bibtex(paper, key) for paper, key in zip(ordered, keys, strict=True))


@dataclass(frozen=True, slots=True)
class CopyKind:
    """What one copy key copies: its name (the key's label), what it is ("arXiv URL"), a
    sentence for the help, and how to make it from a paper (None: the paper has none)."""

    name: str
    what: str
    plural: str
    description: str
    make: Callable[[Paper], str | None]
    joined: Callable[[Sequence[Paper]], str] | None = None
    """Several papers at once (a selection), for the kinds that make sense joined."""


def _url(find: Callable[[Paper], Link | None]) -> Callable[[Paper], str | None]:
    def make(paper: Paper) -> str | None:
        link = find(paper)
        return link.url if link else None

    return make


def _markdown_links(papers: Sequence[Paper]) -> str:
    return "\n".join(markdown_link(paper) for paper in papers)


COPY_KINDS: dict[str, CopyKind] = {
    kind.name: kind
    for kind in (
        CopyKind(
            "primary",
            "primary link",
            "primary links",
            "Copy the primary link: arXiv abs, else OpenReview forum, else the list's URL, "
            "else an arXiv title search",
            lambda paper: primary_link(paper).url,
        ),
        CopyKind("arxiv", "arXiv URL", "arXiv URLs", "Copy the arXiv abs URL", _url(arxiv_link)),
        CopyKind(
            "pdf", "arXiv PDF URL", "arXiv PDF URLs", "Copy the arXiv PDF URL", _url(pdf_link)
        ),
        CopyKind(
            "openreview",
            "OpenReview URL",
            "OpenReview URLs",
            "Copy the OpenReview forum URL",
            _url(openreview_link),
        ),
        CopyKind(
            "markdown",
            "Markdown link",
            "Markdown links",
            "Copy a Markdown link `[Title](link)` (of each selected paper, one a line)",
            markdown_link,
            _markdown_links,
        ),
        CopyKind(
            "bibtex",
            "BibTeX entry",
            "BibTeX entries",
            "Copy a BibTeX entry (of each selected paper, keys unique)",
            bibtex,
            bibtex_entries,
        ),
    )
}
"""The copy keys' targets, by kind: the one table the app's keys, palette and help use."""


def copy_text(paper: Paper, kind: str) -> tuple[str | None, str]:
    """What a copy key copies for a paper: (text, or None when it has none; what it is).
    The primary link says which link it is ("arXiv URL", "list URL")."""
    if kind == "primary":
        link = primary_link(paper)
        return link.url, link.kind
    target = COPY_KINDS[kind]
    return target.make(paper), target.what
