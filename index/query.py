"""Provides query parsing: the Whoosh query language with clear, located errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from whoosh import qparser
from whoosh import query as wq

from .schema import DEFAULT_FIELDS, FIELD_ALIASES, KIND_PAPER, QUERY_FIELDS


class QueryError(ValueError):
    """A query that cannot be run: the message says what, `position` says where (0-based)."""

    def __init__(self, message: str, position: int | None = None, query: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.query = query

    def pointer(self) -> str:
        """The query with a caret under the problem, for a terminal."""
        if self.position is None:
            return self.query
        return f"{self.query}\n{' ' * self.position}^"


_FIELD_NAME = re.compile(r"(?<![\w.:/\\])([A-Za-z_]+):(?=\S)")
_EMPTY_FIELD = re.compile(r"(?<![\w.:/\\])([A-Za-z_]+):(?=\s|$|\))")
_NUMERIC_FIELD = re.compile(
    r"(?<![\w.])(year|retweets|favorites):(\[[^\]}]*[\]}]|\{[^\]}]*[\]}]|\S+)", re.IGNORECASE
)
_NUMERIC_VALUE = re.compile(
    r"[<>]=?\d+|\d+\)*|[\[{]\s*(\d+)?\s*(TO\s*(\d+)?)?\s*[\]}]\)*", re.IGNORECASE
)
_KNOWN = set(QUERY_FIELDS) | {alias for aliases in FIELD_ALIASES.values() for alias in aliases}


def _check_syntax(text: str) -> None:
    """Find what Whoosh would silently misread: unbalanced groups, quotes, unknown fields."""
    stack: list[tuple[str, int]] = []
    quote_at: int | None = None
    pairs = {")": "(", "]": "[", "}": "{"}
    for index, char in enumerate(text):
        if quote_at is not None:
            if char == '"':
                quote_at = None
            continue
        if char == '"':
            quote_at = index
        elif char in "([{":
            stack.append((char, index))
        elif char in ")]}":
            opener = pairs[char]
            # A range may close with either bracket: `year:[2020 TO 2022}`.
            if not stack or (
                stack[-1][0] != opener and not (char in "]}" and stack[-1][0] in "[{")
            ):
                raise QueryError(f"unmatched {char!r}", index, text)
            stack.pop()
    if quote_at is not None:
        raise QueryError("unterminated phrase: a '\"' is missing", quote_at, text)
    if stack:
        char, index = stack[-1]
        raise QueryError(f"unclosed {char!r}", index, text)
    words = text.split()
    if words and words[0] in ("AND", "OR"):
        raise QueryError(f"{words[0]} needs a term before it", 0, text)
    if words and words[-1] in ("AND", "OR", "NOT"):
        raise QueryError(f"{words[-1]} needs a term after it", len(text) - len(words[-1]), text)
    for match in _EMPTY_FIELD.finditer(text):
        raise QueryError(f"{match.group(1)}: needs a value after it", match.start(1), text)
    for match in _NUMERIC_FIELD.finditer(text):
        value = match.group(2)
        if not _NUMERIC_VALUE.fullmatch(value):
            raise QueryError(
                f"{match.group(1)} takes numbers, e.g. {match.group(1)}:2021 or "
                f"{match.group(1)}:[2020 TO 2022]",
                match.start(2),
                text,
            )
    for match in _FIELD_NAME.finditer(text):
        name = match.group(1)
        if name.lower() not in _KNOWN and name not in ("AND", "OR", "NOT", "TO"):
            known = ", ".join(QUERY_FIELDS)
            raise QueryError(f"unknown field {name!r} (fields: {known})", match.start(1), text)


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
    """A query ready to run: the text as typed and the Whoosh query restricted to papers."""

    text: str
    query: Any
    every: bool
    extra_terms: tuple[tuple[str, str], ...] = ()
    """Terms to highlight that the query holds implicitly (a prefix's expansions)."""


def parse_query(parser: qparser.QueryParser, text: str) -> ParsedQuery:
    """Parse user text; `*` or nothing means every paper. Raises QueryError on bad input."""
    stripped = text.strip()
    papers = wq.Term("kind", KIND_PAPER)
    if stripped in ("", "*"):
        return ParsedQuery(text, papers, every=True)
    _check_syntax(stripped)
    try:
        parsed = parser.parse(stripped)
    except Exception as error:  # Whoosh signals syntax trouble with several exception types.
        raise QueryError(f"cannot parse the query: {error}", None, stripped) from None
    for node in _walk(parsed):
        if getattr(node, "error", None):
            raise QueryError(f"cannot parse the query: {node.error}", None, stripped)
        if isinstance(node, wq.FuzzyTerm):
            _check_fuzzy(node, stripped)
        elif isinstance(node, (wq.Prefix, wq.Wildcard)):
            _check_wildcard(node, stripped)
    if isinstance(parsed, wq._NullQuery):
        raise QueryError("the query has no searchable words", None, stripped)
    if any(isinstance(node, (wq.Not, wq.Every)) for node in _walk(parsed)):
        # Only these can match the index's file and meta records; plain terms never do.
        parsed = wq.And([papers, parsed])
    return ParsedQuery(text, parsed, every=False)


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
