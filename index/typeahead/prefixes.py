"""Provides search-as-you-type: the unfinished last word as a bounded prefix, and a cheap
re-ranking that puts titles that are, or hold, the typed words in order first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whoosh import query as wq

from ..errors import QueryError
from ..reading import read_query
from ..schema import DEFAULT_FIELDS

MIN_PREFIX = 3
"""Shorter prefixes are not expanded: `g*` matches most of the vocabulary."""
EXPANSIONS = 5
"""How many of the most frequent terms a prefix expands to, per field (fewer for 3 letters,
which would otherwise pull in thousands of documents per keystroke)."""


def is_plain(text: str) -> bool:
    """Words only (punctuation allowed): no fields, operators, phrases, wildcards or ids;
    such text gets the quick first answer while typing."""
    try:
        reading = read_query(text)
    except QueryError:
        return False  # the full search reports it
    return reading.plain and not reading.every


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


def title_tier(title: str, phrase: str, prefix: bool) -> int:
    """How well a title (as `words.title_form`) holds the typed words (`phrase`, the same
    form): 0 it is them, 1 holds them in order, 2 holds them with the last one as a prefix
    (`prefix`: still being typed), 3 neither."""
    if not phrase or phrase not in title:  # the cheap test first: most titles fail it
        return 3
    if title == phrase:
        return 0
    padded = f" {title} "
    if f" {phrase} " in padded:
        return 1
    if prefix and f" {phrase}" in padded:
        return 2
    return 3


def rerank_by_title(
    ranked: list[tuple[int, float]], titles: Any, words: Sequence[str], prefix: bool = False
) -> list[tuple[int, float]]:
    """Results whose title is, or holds in order, the typed words first (a pasted title or
    a fragment of one), keeping the engine's order otherwise. `titles(docnum)` gives a
    result's title as `words.title_form` does."""
    if len(words) < 2:
        return ranked
    phrase = " ".join(words)
    return sorted(ranked, key=lambda hit: title_tier(titles(hit[0]) or "", phrase, prefix))
