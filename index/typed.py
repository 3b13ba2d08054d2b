"""Provides search-as-you-type: the unfinished last word as a bounded prefix, pasted links, and
a cheap re-ranking that puts titles containing the typed words in order first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from whoosh import query as wq

from .clean import normalise_title
from .schema import DEFAULT_FIELDS

MIN_PREFIX = 3
"""Shorter prefixes are not expanded: `g*` matches most of the vocabulary."""
EXPANSIONS = 5
"""How many of the most frequent terms a prefix expands to, per field (fewer for 3 letters,
which would otherwise pull in thousands of documents per keystroke)."""

PLAIN = re.compile(r"^[^\W_][\w\s'-]*$")
_OPERATORS = {"AND", "OR", "NOT", "TO"}
_ARXIV_LINK = re.compile(
    r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?$"
)
_OPENREVIEW_LINK = re.compile(r"^https?://openreview\.net/(?:forum|pdf)\?id=([\w\-]+)")
_BARE_ARXIV = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)


def rewrite_links(text: str) -> str:
    """A pasted arXiv/OpenReview link or a bare arXiv id searches for that paper."""
    stripped = text.strip()
    if match := _ARXIV_LINK.match(stripped):
        return f'arxiv:"{match.group(1)}"'
    if match := _OPENREVIEW_LINK.match(stripped):
        return f'openreview:"{match.group(1)}"'
    if match := _BARE_ARXIV.match(stripped):
        return f'arxiv:"{match.group(1)}"'
    return text


def is_plain(text: str) -> bool:
    """Words only: no fields, operators, quotes, wildcards or groups."""
    return bool(PLAIN.match(text.strip())) and not (_OPERATORS & set(text.split()))


def split_unfinished(text: str) -> tuple[str, str] | None:
    """(head, last word) when the last word may still be being typed, else None."""
    if not is_plain(text) or text.endswith((" ", "-", "'")):
        return None
    words = text.split()
    last = words[-1]
    if len(last) < MIN_PREFIX or not last.isalnum():
        return None
    return " ".join(words[:-1]), last.lower()


class PrefixExpander:
    """Turns an unfinished word into an OR of the terms it most likely becomes.

    Stemmed fields hold `transform`, not `transformer`, so a plain prefix misses the word once
    it is complete; the word's own analysis (its stem) is always included, plus the stems of
    the word minus its last letters (`diffus` while `diffusio` is typed) and the most frequent
    terms that start with it. Expansions are cached per reader generation."""

    def __init__(self, schema: Any, fields: tuple[str, ...] = tuple(DEFAULT_FIELDS)) -> None:
        self.schema = schema
        self.fields = fields
        self._cache: dict[tuple[int, str, str], list[str]] = {}
        self._generation = -1

    def terms(self, reader: Any, generation: int, word: str) -> list[tuple[str, str]]:
        if generation != self._generation:
            self._cache.clear()
            self._generation = generation
        found: list[tuple[str, str]] = []
        for field in self.fields:
            key = (generation, field, word)
            if key not in self._cache:
                self._cache[key] = self._expand(reader, field, word)
            found.extend((field, term) for term in self._cache[key])
        return found

    def _expand(self, reader: Any, field: str, word: str) -> list[str]:
        analyzer = self.schema[field].analyzer
        wanted = [t.text for t in analyzer(word)]
        wanted += [word[:n] for n in range(max(4, len(word) - 3), len(word))]
        ranked: list[tuple[int, str]] = []
        for term in reader.expand_prefix(field, word):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            ranked.append((reader.doc_frequency(field, text), text))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        wanted += [text for _, text in ranked[: EXPANSIONS if len(word) > MIN_PREFIX else 2]]
        seen: list[str] = []
        for term in wanted:
            if term not in seen and (field, term) in reader:
                seen.append(term)
        return seen

    def query(self, reader: Any, generation: int, word: str) -> Any:
        terms = self.terms(reader, generation, word)
        if not terms:
            return wq.NullQuery
        return wq.Or([wq.Term(field, text, boost=DEFAULT_FIELDS[field]) for field, text in terms])


def rerank_by_title(
    docnums: list[int], scores: list[float], titles: Any, text: str
) -> tuple[list[int], list[float]]:
    """Move results whose (normalised) title contains the typed words in order to the front,
    keeping the engine's order otherwise. `titles(docnum)` is a result's normalised title."""
    phrase = normalise_title(text)
    if " " not in phrase:
        return docnums, scores
    first: list[tuple[int, float]] = []
    rest: list[tuple[int, float]] = []
    for docnum, score in zip(docnums, scores, strict=True):
        (first if phrase in (titles(docnum) or "") else rest).append((docnum, score))
    ordered: Sequence[tuple[int, float]] = first + rest
    return [d for d, _ in ordered], [s for _, s in ordered]
