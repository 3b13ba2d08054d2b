"""Provides the parser for conference lists: `## [N] Title` sections with bold fields."""

from __future__ import annotations

import re
from pathlib import PurePath

from ..clean import clean_line, clean_paragraphs, split_authors, strip_markdown_emphasis
from ..models import Entry, Source
from .common import ParseResult, arxiv_id_from_url, markdown_links, openreview_id_from_url

FORMAT = "conference"

# `## [12] Title`, `## [0] Title`, legacy `### Title.`; any of them may be indented.
HEADING = re.compile(r"^\s*(#{2,3})\s+(?:\[(\d+)\]\s*)?(.*?)\s*$")
_FIELD = re.compile(r"^\s*\*\*\s*([A-Za-z][\w ;/.-]*?)\s*:?\s*\*\*\s*:?\s*(.*?)\s*$")
_KNOWN_FIELDS = {
    "authors",
    "author",
    "conference",
    "venue",
    "url",
    "link",
    "abstract",
    "pdf",
    "code",
    "keywords",
    "tl;dr",
    "tldr",
    "year",
}
_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
_CHECKBOX = re.compile(r"^\s*[-*+]\s*\[[ xX]\]")
_NAV_LINK = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)\s*$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

VENUES = {
    "nips": "NeurIPS",
    "neurips": "NeurIPS",
    "iclr": "ICLR",
    "icml": "ICML",
    "cvpr": "CVPR",
    "iccv": "ICCV",
    "eccv": "ECCV",
    "ijcai": "IJCAI",
    "aaai": "AAAI",
    "acl": "ACL",
    "emnlp": "EMNLP",
    "naacl": "NAACL",
    "coling": "COLING",
    "eacl": "EACL",
    "kdd": "KDD",
    "sigir": "SIGIR",
    "www": "WWW",
    "wsdm": "WSDM",
    "colt": "COLT",
    "aistats": "AISTATS",
    "uai": "UAI",
    "corl": "CoRL",
    "wacv": "WACV",
    "bmvc": "BMVC",
    "icra": "ICRA",
    "iros": "IROS",
    "rss": "RSS",
    "tmlr": "TMLR",
    "jmlr": "JMLR",
    "interspeech": "Interspeech",
    "icassp": "ICASSP",
    "miccai": "MICCAI",
    "mlsys": "MLSys",
    "cikm": "CIKM",
    "icde": "ICDE",
    "sigmod": "SIGMOD",
    "vldb": "VLDB",
    "chi": "CHI",
    "tpami": "TPAMI",
    "ijcv": "IJCV",
    "lrec": "LREC",
}


def venue_display(raw: str) -> str:
    """The name readers know a venue by (`nips` is NeurIPS); unknown ones keep their case."""
    key = raw.strip().lower()
    if key in VENUES:
        return VENUES[key]
    if raw.islower() and len(raw) <= 6:
        return raw.upper()
    return raw.strip()


def looks_like(lines: list[str]) -> bool:
    """True when headings are followed by the list's bold fields (Authors, Conference, …)."""
    headings = fields = 0
    for line in lines[:4000]:
        if HEADING.match(line):
            headings += 1
        elif (match := _FIELD.match(line)) and match.group(1).lower() in _KNOWN_FIELDS:
            fields += 1
    return headings > 0 and fields >= 2


def _venue_year(text: str) -> tuple[str | None, int | None]:
    text = clean_line(strip_markdown_emphasis(text))
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    name = text[: year_match.start()] if year_match else text
    name = name.strip(" -_,'")
    return (venue_display(name) if name else None), year


venue_year = _venue_year
"""`(venue, year)` of a venue as lists write it (`iclr 2021`, `ICLR 2024 poster`)."""


def _from_file_name(path: str) -> tuple[str | None, int | None]:
    match = re.match(r"^([A-Za-z]+)[-_ ]?((?:19|20)\d\d)(?!\d)", PurePath(path).name)
    if not match:
        return None, None
    return venue_display(match.group(1)), int(match.group(2))


def parse(lines: list[str], path: str) -> ParseResult:
    """Every heading of the list as an entry; a heading without paper fields is reported."""
    result = ParseResult(path=path, format=FORMAT)
    file_venue, file_year = _from_file_name(path)
    starts = [i for i, line in enumerate(lines) if HEADING.match(line)]
    for position, first in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        entry = _parse_section(lines, first, end, path, result, file_venue, file_year)
        if entry is not None:
            result.entries.append(entry)
    return result


def _title_of(raw: str, legacy: bool) -> tuple[str, str | None]:
    """The heading's title, unwrapped from a Markdown link when it is one."""
    url = None
    links = markdown_links(raw)
    if len(links) == 1 and _NAV_LINK.match(raw):
        raw, url = links[0]
    title = clean_line(raw)
    # Legacy headings end every title with a period the paper does not have.
    if legacy and title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title, url


def _parse_section(
    lines: list[str],
    first: int,
    end: int,
    path: str,
    result: ParseResult,
    file_venue: str | None,
    file_year: int | None,
) -> Entry | None:
    match = HEADING.match(lines[first])
    assert match is not None
    legacy = match.group(1) == "###" and match.group(2) is None
    number = int(match.group(2)) if match.group(2) is not None else None
    title, url = _title_of(match.group(3), legacy)
    fields: dict[str, str] = {}
    abstract_lines: list[str] = []
    in_abstract = False
    for index in range(first + 1, end):
        line = lines[index]
        if _RULE.match(line):
            if in_abstract:
                break
            continue
        field = _FIELD.match(line)
        if field and field.group(1).lower() in _KNOWN_FIELDS:
            name = field.group(1).lower()
            in_abstract = name == "abstract"
            if in_abstract:
                abstract_lines.append(field.group(2))
            else:
                fields.setdefault(name, field.group(2))
            continue
        if in_abstract:
            if _NAV_LINK.match(line) and "page" in line.lower():
                break
            abstract_lines.append(line.strip())
        elif _CHECKBOX.match(line) or not line.strip():
            continue
    if not fields and not abstract_lines:
        result.warning(first + 1, f"heading {title[:60]!r} has no paper fields; not a paper")
        return None
    if not title:
        result.error(first + 1, "paper heading has an empty title; skipped")
        return None
    venue, year = _venue_year(fields.get("conference") or fields.get("venue") or "")
    if "year" in fields and year is None and (year_match := _YEAR.search(fields["year"])):
        year = int(year_match.group(1))
    venue = venue or file_venue
    year = year or file_year
    url_field = fields.get("url") or fields.get("link") or fields.get("pdf") or ""
    links = markdown_links(url_field)
    if links:
        url = links[0][1]
    elif url_field.strip():
        url = url_field.strip().strip("<>")
    url = clean_line(url) if url else None
    authors = split_authors(
        strip_markdown_emphasis(fields.get("authors", fields.get("author", "")))
    )
    return Entry(
        title=title,
        source=Source(path=path, line=first + 1, format=FORMAT, rank=number),
        authors=authors,
        abstract=clean_paragraphs("\n".join(abstract_lines)),
        arxiv_id=arxiv_id_from_url(url) if url else None,
        openreview_id=openreview_id_from_url(url) if url else None,
        url=url or None,
        venue=venue,
        year=year,
    )
