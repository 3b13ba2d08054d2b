"""Provides the one set of patterns for the ids that name a paper: arXiv ids, OpenReview forum
ids, DOIs and plain links, as lists write them and as people paste them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# New-style ids (2104.09864, 0704.0001v2) and old-style ones (hep-th/9901001, math.GT/0309136).
_ARXIV_ID = r"\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/\d{7}"
_ARXIV_URL = re.compile(
    rf"arxiv\.org/(?:abs|pdf|html|format)/(?P<id>{_ARXIV_ID})(?:v\d+)?", re.IGNORECASE
)
_ARXIV_BARE = re.compile(rf"(?:arxiv:)?({_ARXIV_ID})(?:v\d+)?", re.IGNORECASE)
# An arXiv id anywhere in another site's link (huggingface.co/papers/ID, ar5iv, alphaxiv…).
_ARXIV_IN_PATH = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d.]*\d)")
_OPENREVIEW_URL = re.compile(
    r"openreview\.net/(?:forum|pdf|attachment)\?(?:[^#\s]*&)?id=([A-Za-z0-9_\-]+)"
)
_DOI = re.compile(r"(10\.\d{4,9}/[^\s?#]+)")
_DOI_TEXT = re.compile(r"(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.I)
_DOI_IN_URL = re.compile(r"(?:doi\.org|/doi(?:/abs|/pdf|/full)?)/(10\.\d{4,9}/[^\s?#]+)", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*", re.I)
_TRAILING = ".,;:!?)]>'\""


@dataclass(frozen=True, slots=True)
class LinkId:
    """An id found in typed text: `field` is the index field that holds it (arxiv,
    openreview, doi or link) and `value` its normalised form."""

    field: str
    value: str


def arxiv_id_from_url(url: str) -> str | None:
    """The arXiv id (without version) in an arXiv abs/pdf/html URL, or None."""
    match = _ARXIV_URL.search(url)
    return match.group("id") if match else None


def openreview_id_from_url(url: str) -> str | None:
    """The forum id in an OpenReview URL, or None."""
    match = _OPENREVIEW_URL.search(url)
    return match.group(1) if match else None


def doi_from_url(url: str) -> str | None:
    """The DOI (lower case: DOIs ignore case) in a doi.org or publisher /doi/ URL, or None."""
    match = _DOI_IN_URL.search(url)
    return match.group(1).rstrip(_TRAILING).lower() if match else None


def normalise_url(url: str) -> str:
    """A link as compared: no scheme, `www.`, fragment or trailing slash; host in lower case."""
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip(), flags=re.I).split("#")[0]
    host, _, path = url.partition("/")
    return (host.lower() + ("/" + path if path else "")).rstrip("/")


def find_id(chunk: str) -> LinkId | None:
    """The paper a pasted chunk of text names (a link, an arXiv id, a DOI), or None when it
    is not one."""
    chunk = chunk.strip().rstrip(_TRAILING).lstrip("(<[\"'")
    if not chunk:
        return None
    if match := _DOI_TEXT.fullmatch(chunk):
        return LinkId("doi", match.group(1).rstrip(_TRAILING).lower())
    if match := _ARXIV_BARE.fullmatch(chunk):
        return LinkId("arxiv", match.group(1))
    if not _URL.fullmatch(chunk):
        return None
    if found := openreview_id_from_url(chunk):
        return LinkId("openreview", found)
    if found := doi_from_url(chunk):
        return LinkId("doi", found)
    if found := arxiv_id_from_url(chunk):
        return LinkId("arxiv", found)
    if match := _ARXIV_IN_PATH.search(
        chunk.partition("/")[2]
        if "://" not in chunk
        else chunk.split("://", 1)[1].partition("/")[2]
    ):
        return LinkId("arxiv", match.group(1))
    return LinkId("link", normalise_url(chunk))
