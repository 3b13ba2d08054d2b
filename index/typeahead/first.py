"""Provides the first answer to a keystroke: titles and authors only, by set operations on
posting lists (no scoring), ordered by how well the title matches. The full BM25 search over
abstracts follows and replaces it; this answer only has to be right and immediate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..reading import Reading
from ..words import is_stop_word
from .prefixes import MIN_PREFIX, PrefixExpander, title_tier

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


def _unit_docs(reader: Any, schema: Any, parts: tuple[str, ...]) -> tuple[set[int], list[str]]:
    """A plain word's documents: a compound needs all its (non-stop) parts, or its joined
    form (`pre-training` or `pretraining`)."""
    kept = [part for part in parts if not is_stop_word(part)]
    if len(parts) == 1:
        return _word_docs(reader, schema, parts[0])
    sets, terms = [], []
    for part in kept:
        docs, analysed = _word_docs(reader, schema, part)
        sets.append(docs)
        terms.extend(analysed)
    found = sets[0].intersection(*sets[1:]) if sets else set()
    joined, analysed = _word_docs(reader, schema, "".join(parts))
    return found | joined, terms + analysed


def quick_matches(
    reader: Any,
    schema: Any,
    expander: PrefixExpander,
    generation: int,
    reading: Reading,
    title_of: Callable[[int], str],
    order: Callable[[list[int]], list[int]] | None = None,
    limit: int = 200,
) -> tuple[list[int], int, list[str]] | None:
    """(ranked docnums, how many titles/authors match, highlight terms), or None when the
    reading is not plain (fields, operators: those go straight to the full search).

    Every word that is not a stop word must match a title or author term; the unfinished last
    word matches its bounded prefix expansion (a short one constrains nothing yet). Relevance
    order: papers holding every word exactly first, then titles that are or hold the typed
    words in order, then shorter titles (the words weigh more in them); `order` sorts
    otherwise. `title_of(docnum)` gives a title as `words.title_form` does."""
    if not reading.plain or reading.ids:
        return None
    units = [p for p in reading.parts if any(not is_stop_word(part) for part in p)]
    last = reading.unfinished
    if last is not None and units and units[-1] == (last,):
        units = units[:-1]
    elif last is not None and reading.parts and reading.parts[-1] == (last,):
        last = None  # a stop word being typed: it constrains nothing either way
    sets: list[set[int]] = []
    terms: list[str] = []
    for parts in units:
        docs, analysed = _unit_docs(reader, schema, parts)
        sets.append(docs)
        terms.extend(analysed)
    exact: set[int] | None = None
    if last is not None:
        exact, analysed = _word_docs(reader, schema, last)
        terms.extend(analysed)
        if len(last) >= MIN_PREFIX or not units:
            docs = set(exact)
            for field, term in expander.terms(reader, generation, last):
                docs |= _docs(reader, field, term)
                terms.append(term)
            sets.append(docs)
    if not sets:
        return (
            ([], 0, terms)
            if exact is None
            else _ranked(reader, exact, exact, reading, title_of, order, limit, terms)
        )
    sets.sort(key=len)
    matched = sets[0].intersection(*sets[1:])
    return _ranked(reader, matched, exact, reading, title_of, order, limit, terms)


def _ranked(
    reader: Any,
    matched: set[int],
    exact: set[int] | None,
    reading: Reading,
    title_of: Callable[[int], str],
    order: Callable[[list[int]], list[int]] | None,
    limit: int,
    terms: list[str],
) -> tuple[list[int], int, list[str]]:
    if reader.has_deletions():
        matched = {d for d in matched if not reader.is_deleted(d)}
    if order is not None:
        ranked = order(sorted(matched))
    else:
        phrase = " ".join(reading.words)
        prefix = reading.unfinished is not None

        def key(docnum: int) -> tuple[bool, int, int, int]:
            title = title_of(docnum) or ""
            inexact = exact is not None and docnum not in exact
            return (inexact, title_tier(title, phrase, prefix), len(title), docnum)

        ranked = sorted(matched, key=key)
    return ranked[:limit], len(matched), terms


def relaxed_matches(
    reader: Any,
    schema: Any,
    reading: Reading,
    title_of: Callable[[int], str],
    limit: int = 200,
) -> list[int]:
    """Papers whose title or authors hold all but one of the typed words (a title with a
    typo, a half-remembered one), most words first, then by how the title holds them."""
    units = [p for p in reading.parts if any(not is_stop_word(part) for part in p)]
    if len(units) < 3:
        return []
    counts: dict[int, int] = {}
    for parts in units:
        for docnum in _unit_docs(reader, schema, parts)[0]:
            counts[docnum] = counts.get(docnum, 0) + 1
    wanted = len(units) - 1
    found = {d: c for d, c in counts.items() if c >= wanted and not reader.is_deleted(d)}
    phrase = " ".join(reading.words)

    def key(docnum: int) -> tuple[int, int, int, int]:
        title = title_of(docnum) or ""
        return (-found[docnum], title_tier(title, phrase, False), len(title), docnum)

    return sorted(found, key=key)[:limit]
