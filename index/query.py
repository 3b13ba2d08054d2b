"""Provides query parsing: a `Reading` of typed text (see `reading`) turned into Whoosh
queries, with clear, located errors for the query language used wrongly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from whoosh import qparser
from whoosh import query as wq

from .errors import QueryError as QueryError
from .ids import LinkId
from .reading import Reading, read_query
from .schema import DEFAULT_FIELDS, FIELD_ALIASES, KIND_PAPER

MAX_FUZZY_DISTANCE = 2
MAX_FUZZY_WORD = 24
"""Whoosh builds a Levenshtein automaton per fuzzy term; past these it takes minutes."""


def _check_fuzzy(node: Any, text: str) -> None:
    """Refuse fuzzy terms that would take Whoosh seconds to minutes; make the first letter
    exact (people rarely mistype it, and it prunes the automaton)."""
    where = text.find("~")
    node.prefixlength = max(node.prefixlength, 1)
    if len(node.text) < 3 or (node.maxdist > 1 and len(node.text) < 6):
        raise QueryError(
            "a fuzzy term needs 3 letters (6 for `~2`)", where if where >= 0 else None, text
        )
    if node.maxdist > MAX_FUZZY_DISTANCE:
        raise QueryError(
            f"a fuzzy term allows at most {MAX_FUZZY_DISTANCE} edits (`word~2`)",
            where if where >= 0 else None,
            text,
        )
    if len(node.text) > MAX_FUZZY_WORD:
        raise QueryError(
            f"a fuzzy term can be at most {MAX_FUZZY_WORD} letters long",
            where if where >= 0 else None,
            text,
        )


MIN_WILDCARD_PREFIX = 3


def _check_wildcard(node: Any, text: str) -> None:
    """`a*` or `*x*` would expand to most of the vocabulary (seconds per search)."""
    pattern = node.text if isinstance(node.text, str) else ""
    literal = len(re.split(r"[*?]", pattern, maxsplit=1)[0])
    if isinstance(node, wq.Prefix):
        literal = len(pattern)
    if literal < MIN_WILDCARD_PREFIX and node.fieldname in ("title", "author", "abstract", "cat"):
        where = text.find("*") if "*" in text else text.find("?")
        raise QueryError(
            f"a wildcard needs {MIN_WILDCARD_PREFIX} letters before it (`transf*`)",
            where if where >= 0 else None,
            text,
        )


def make_parser(
    schema: Any, fields: tuple[str, ...] = tuple(DEFAULT_FIELDS)
) -> qparser.QueryParser:
    """A parser over title, author and abstract (or `fields`) with fuzzy terms, ranges, and
    field aliases."""
    boosts = {name: DEFAULT_FIELDS[name] for name in fields}
    parser = qparser.MultifieldParser(list(fields), schema, fieldboosts=boosts)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    return parser


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready to run: the text as typed, the Whoosh query of every paper it matches,
    and `tiers`: queries whose hits rank in that order (exact words before the prefix
    expansions of an unfinished word); the last tier is `query` itself."""

    text: str
    query: Any
    every: bool
    extra_terms: tuple[tuple[str, str], ...] = ()
    """Terms to highlight that the query holds implicitly (a prefix's expansions)."""
    tiers: tuple[Any, ...] = ()
    reading: Reading | None = None


def compile_text(parser: qparser.QueryParser, text: str, typed: str) -> Any | None:
    """Whoosh query text (as a `Reading` builds it) to a query; None when nothing in it can
    match (only words every field drops). `typed` is the user's text, for messages."""
    if not text.strip():
        return None
    try:
        parsed = parser.parse(text)
    except Exception as error:  # Whoosh signals syntax trouble with several exception types.
        raise QueryError(f"cannot parse the query: {error}", None, typed) from None
    for node in _walk(parsed):
        if getattr(node, "error", None):
            raise QueryError(f"cannot parse the query: {node.error}", None, typed)
        if isinstance(node, wq.FuzzyTerm):
            _check_fuzzy(node, typed)
        elif isinstance(node, (wq.Prefix, wq.Wildcard)):
            _check_wildcard(node, typed)
    if isinstance(parsed, wq._NullQuery):
        return None
    return parsed


def ids_query(ids: tuple[LinkId, ...]) -> Any:
    """Any of the papers the links and ids name."""
    terms = [wq.Term(link.field, link.value) for link in ids]
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def combine(parts: list[Any]) -> Any | None:
    """All of `parts` (Nones left out), restricted to papers where only that is safe."""
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    combined = parts[0] if len(parts) == 1 else wq.And(parts)
    if any(isinstance(node, (wq.Not, wq.Every)) for node in _walk(combined)):
        # Only these can match the index's file and meta records; plain terms never do.
        combined = wq.And([wq.Term("kind", KIND_PAPER), combined])
    return combined


def parse_query(parser: qparser.QueryParser, text: str) -> ParsedQuery:
    """Read and compile user text as a finished query; `*` or nothing means every paper.
    Raises QueryError only for the query language used wrongly."""
    reading = read_query(text)
    papers = wq.Term("kind", KIND_PAPER)
    if text.strip() == "*" or reading.every:
        return ParsedQuery(text, papers, every=True, reading=reading)
    found = compile_reading(parser, reading, reading.query)
    return ParsedQuery(text, found, every=False, tiers=(found,), reading=reading)


def compile_reading(parser: qparser.QueryParser, reading: Reading, text: str) -> Any:
    """The query for `text` (a reading's query or head) and the reading's ids; a query that
    matches nothing when neither can match."""
    ids = ids_query(reading.ids) if reading.ids else None
    found = combine([compile_text(parser, text, reading.text), ids])
    return found if found is not None else wq.NullQuery


def _walk(node: Any) -> list[Any]:
    found = [node]
    for child in node.children() if hasattr(node, "children") else ():
        found.extend(_walk(child))
    return found


def query_terms(parsed: ParsedQuery) -> list[tuple[str, str]]:
    """The (field, text) terms a query looks for, prefixes and fuzzy terms included, for
    highlighting; field is the schema field the term was aimed at."""
    terms: list[tuple[str, str]] = list(parsed.extra_terms)
    for node in _walk(parsed.query):
        if isinstance(node, (wq.Term, wq.Prefix, wq.FuzzyTerm, wq.Wildcard)):
            if node.fieldname in ("title", "abstract", "author") and isinstance(node.text, str):
                kind = "prefix" if isinstance(node, wq.Prefix) else "term"
                terms.append((kind, node.text))
        elif isinstance(node, wq.Phrase) and node.fieldname in ("title", "abstract", "author"):
            terms.extend(("term", word) for word in node.words if isinstance(word, str))
    return terms
