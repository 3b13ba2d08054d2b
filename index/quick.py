"""Provides the first answer to a keystroke: titles and authors only, by set operations on
posting lists (no scoring), ordered by how well the title matches. The full BM25 search over
abstracts follows and replaces it; this answer only has to be right and immediate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .clean import normalise_title
from .typed import PrefixExpander, is_plain, split_unfinished

QUICK_FIELDS = ("title", "author")


def _docs(reader: Any, field: str, term: str) -> set[int]:
    """Docnums whose `field` holds `term` (deleted ones included: the caller filters)."""
    if (field, term) not in reader:
        return set()
    return set(reader.postings(field, term).all_ids())


def _word_docs(reader: Any, schema: Any, word: str) -> tuple[set[int], list[str]]:
    """Documents whose title or authors hold a finished word, and the terms it analysed to."""
    found: set[int] = set()
    terms: list[str] = []
    for field in QUICK_FIELDS:
        for token in schema[field].analyzer(word):
            found |= _docs(reader, field, token.text)
            terms.append(token.text)
    return found, terms


def quick_matches(
    reader: Any,
    schema: Any,
    expander: PrefixExpander,
    generation: int,
    text: str,
    title_of: Callable[[int], str],
    order: Callable[[list[int]], list[int]] | None = None,
    limit: int = 200,
) -> tuple[list[int], int, list[str]] | None:
    """(ranked docnums, how many titles/authors match, highlight terms), or None when the
    text is not a plain query (fields, operators: those go straight to the full search).

    Every word must match a title or author term; the unfinished last word matches its
    bounded prefix expansion. Relevance order: titles holding the words in the typed order
    first, then shorter titles (the words weigh more in them); `order` sorts otherwise."""
    if not is_plain(text):
        return None
    unfinished = split_unfinished(text)
    words = text.split()
    if unfinished is not None:
        words = words[:-1]
    sets: list[set[int]] = []
    terms: list[str] = []
    for word in words:
        docs, analysed = _word_docs(reader, schema, word)
        if analysed:  # stop words analyse to nothing and constrain nothing
            sets.append(docs)
            terms.extend(analysed)
    if unfinished is not None:
        docs = set()
        for field, term in expander.terms(reader, generation, unfinished[1]):
            docs |= _docs(reader, field, term)
            terms.append(term)
        sets.append(docs)
    if not sets:
        return [], 0, terms
    sets.sort(key=len)
    matched = sets[0].intersection(*sets[1:])
    if reader.has_deletions():
        matched = {d for d in matched if not reader.is_deleted(d)}
    if order is not None:
        ranked = order(sorted(matched))
    else:
        phrase = normalise_title(text)

        def key(docnum: int) -> tuple[bool, int, int]:
            title = title_of(docnum) or ""
            return (phrase not in title, len(title), docnum)

        ranked = sorted(matched, key=key)
    return ranked[:limit], len(matched), terms
