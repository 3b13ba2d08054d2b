"""Provides how typed or pasted text is read as a query.

People type titles, fragments, names and links, not a query language. Text is read as words
unless it plainly uses the language: a known field name directly followed by `:` and a value,
balanced double quotes, upper-case AND/OR/NOT between terms, parentheses holding an operator
(or after a field), `word*` with 3+ letters, `word~`, `-word`. Everything else is text:
`BERT:` is the word BERT, `?`, `!`, `/`, `$`, `\\`, `{}`, `^` and unbalanced brackets are
punctuation, links and ids name papers. Stop words are kept for ranking but never decide
which papers match. The result is a `Reading`: Whoosh query text built only from safe pieces,
plus the words in order and the ids, for the search to combine."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .errors import QueryError
from .ids import LinkId, find_id
from .schema import FIELD_ALIASES, MARK_FIELDS, QUERY_FIELDS
from .words import is_stop_word, searchable, word_list

_FIELDS = {name: name for name in QUERY_FIELDS} | {
    alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases
}
TEXT_FIELDS = ("title", "author", "abstract")
NUMERIC_FIELDS = ("year", "retweets", "favorites")
OPERATORS = ("AND", "OR", "NOT")
_FIELD_AT = re.compile(r"([A-Za-z_]+):")
_PREFIX = re.compile(r"[^\W_]{3,}\*")
_FUZZY = re.compile(r"[^\W_]+~\d?")
_UNIT = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_MARK_AT = re.compile(r"(-?)(" + "|".join(MARK_FIELDS) + r"):(.*)", re.IGNORECASE)
_MARK_VALUES = {
    ("is", "read"): ("read", False),
    ("is", "unread"): ("read", True),
    ("is", "starred"): ("starred", False),
    ("is", "unstarred"): ("starred", True),
    ("is", "new"): ("new", False),
    ("is", "seen"): ("seen", False),
    ("has", "note"): ("note", False),
}
_NUMERIC_VALUE = re.compile(r"[<>]=?\d+|\d+|[\[{]\s*(\d+)?\s*(TO\s*(\d+)?)?\s*[\]}]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MarkFilter:
    """`is:`, `has:` or `tag:` in a query: papers whose mark has `what` (read, starred, seen,
    note, tag) with `value` (the tag), or, `negated`, those whose mark has not."""

    what: str
    value: str = ""
    negated: bool = False


def _mark_filter(chunk: str, text: str, where: int) -> MarkFilter | None:
    """`is:read`, `-tag:rl`, `has:note` as a filter; None when the chunk is not one."""
    match = _MARK_AT.fullmatch(chunk)
    if match is None:
        return None
    minus, name, value = match.group(1), match.group(2).lower(), match.group(3)
    if not value:
        return None  # `is:` alone (a pasted "Tag: …") is a word
    if name == "tag":
        return MarkFilter("tag", value.strip('"'), bool(minus))
    found = _MARK_VALUES.get((name, value.lower()))
    if found is None:
        choices = ", ".join(f"{n}:{v}" for n, v in _MARK_VALUES if n == name)
        raise QueryError(f"unknown filter {name}:{value} (choose from {choices})", where, text)
    return MarkFilter(found[0], "", found[1] != bool(minus))


@dataclass(frozen=True, slots=True)
class Reading:
    """A query as read: `query` is Whoosh query text (empty when nothing constrains), `head`
    the same without an unfinished last word, `words` the text's plain words in order (stop
    words included, for ranking), `ids` the papers named by links and ids."""

    text: str
    query: str
    words: tuple[str, ...] = ()
    ids: tuple[LinkId, ...] = ()
    plain: bool = True
    """No query language: words only (punctuation allowed)."""
    unfinished: str | None = None
    head: str = ""
    constraining: int = 0
    """How many plain words constrain (stop words do not)."""
    units: tuple[str, ...] = ()
    """The query text of each constraining plain word, for a relaxed retry."""
    parts: tuple[tuple[str, ...], ...] = ()
    """Each plain word as its lower-case parts (`pre-training`: pre, training), in order."""
    notes: tuple[str, ...] = field(default=())
    marks: tuple[MarkFilter, ...] = ()
    """Filters by the user's marks (`is:starred`, `tag:rl`), kept out of `query`: the
    search applies them as a filter on the papers the rest matches."""

    @property
    def every(self) -> bool:
        """Nothing to look for: every paper."""
        return not self.query and not self.ids and not self.words

    @property
    def stop_words_only(self) -> bool:
        """Words, but none that an index of titles keeps (`to be or not to be`)."""
        return not self.query and not self.ids and bool(self.words)


@dataclass(slots=True)
class _Item:
    kind: str  # word, op, open, close, phrase, field, prefix, fuzzy, not
    text: str  # query text emitted for it ("" for a stop word)
    words: tuple[str, ...] = ()
    single: bool = False
    parts: tuple[str, ...] = ()


def _unit_query(unit: str) -> str:
    """One plain word as query text; a compound matches its parts or its joined form."""
    parts = [p.lower() for p in unit.split("-")]
    kept = [p for p in parts if not is_stop_word(p)]
    if not kept:
        return ""
    if len(parts) == 1:
        return kept[0]
    joined = "".join(parts)
    return f"(({' AND '.join(kept)}) OR {joined})"


def _words_items(chunk: str) -> list[_Item]:
    items = []
    for unit in _UNIT.findall(chunk):
        parts = tuple(p.lower() for p in unit.split("-"))
        items.append(
            _Item("word", _unit_query(unit), tuple(word_list(unit)), "-" not in unit, parts)
        )
    return items


def _balanced(text: str, opener: str, closer: str) -> set[int]:
    """Positions of the brackets (or quotes) in `text` that have a partner."""
    paired: set[int] = set()
    if opener == closer:
        positions = [i for i, c in enumerate(text) if c == opener]
        paired.update(positions[: len(positions) - len(positions) % 2])
        return paired
    stack: list[int] = []
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == opener:
            stack.append(index)
        elif char == closer and stack:
            paired.update((stack.pop(), index))
    return paired


def _field_value(name: str, value: str, text: str, where: int) -> _Item:
    """`name:value` as query text, the value made safe for its field's kind."""
    if name in NUMERIC_FIELDS:
        if not _NUMERIC_VALUE.fullmatch(value):
            raise QueryError(
                f"{name} takes numbers, e.g. {name}:2021 or {name}:[2020 TO 2022]", where, text
            )
        return _Item("field", f"{name}:{value}")
    if name in TEXT_FIELDS:
        if _PREFIX.fullmatch(value) or _FUZZY.fullmatch(value):
            return _Item("field", f"{name}:{value.lower()}")
        words = word_list(value)
        if not words:
            return _Item("field", "")
        return _Item(
            "field", f'{name}:"{" ".join(words)}"' if len(words) > 1 else f"{name}:{words[0]}"
        )
    value = value.replace('"', "")
    return _Item("field", f'{name}:"{value.lower() if name == "doi" else value}"')


def read_query(text: str, *, as_you_type: bool = False) -> Reading:
    """Read `text` as a person meant it (see the module docstring); QueryError only for text
    that uses the query language and gets it wrong (`year:abc`)."""
    source = searchable(text)
    quotes = _balanced(source, '"', '"')
    parens = _balanced(source, "(", ")")
    items: list[_Item] = []
    ids: list[LinkId] = []
    marks: list[MarkFilter] = []
    plain_words: list[str] = []
    depth_fields: list[bool] = []  # for each open group: was it opened by a field
    index, length = 0, len(source)
    while index < length:
        char = source[index]
        if char.isspace():
            index += 1
            continue
        if char == '"' and index in quotes:
            end = source.index('"', index + 1)
            words = word_list(source[index + 1 : end])
            if words:
                items.append(_Item("phrase", f'"{" ".join(words)}"', tuple(words)))
            index = end + 1
            continue
        if char == "(" and index in parens:
            items.append(_Item("open", "("))
            depth_fields.append(False)
            index += 1
            continue
        if char == ")" and index in parens:
            items.append(_Item("close", ")"))
            if depth_fields:
                depth_fields.pop()
            index += 1
            continue
        end = index
        while end < length and not source[end].isspace():
            if (source[end] in "()" and end in parens) or (source[end] == '"' and end in quotes):
                break
            end += 1
        chunk = source[index:end]
        after = source[end] if end < length else ""
        index = end
        if (mark := _mark_filter(chunk, text, end - len(chunk))) is not None:
            marks.append(mark)
            continue
        match = _FIELD_AT.match(chunk)
        name = _FIELDS.get(match.group(1).lower()) if match else None
        if match and name:
            value = chunk[match.end() :]
            if value[:1] in ("[", "{") and name in NUMERIC_FIELDS:
                start = end - len(value)
                close = re.compile(r"[\]}]").search(source, start)
                if close is None:
                    raise QueryError(f"unclosed {value[0]!r}", start, text)
                index = close.end()
                items.append(_field_value(name, source[start:index], text, start))
                continue
            if value:
                items.append(_field_value(name, value, text, index - len(value)))
                continue
            if after == '"' and end in quotes:
                close = source.index('"', end + 1)
                words = word_list(source[end + 1 : close])
                if words:
                    items.append(_Item("field", f'{name}:"{" ".join(words)}"'))
                index = close + 1
                continue
            if after == "(" and end in parens:
                items.append(_Item("field", f"{name}:("))
                depth_fields.append(True)
                index = end + 1
                continue
            # A known field with nothing after it (`Title: ...` pasted) is the word itself.
        if chunk in OPERATORS:
            items.append(_Item("op", chunk, (chunk.lower(),)))
            continue
        link = find_id(chunk)
        if link is not None:
            ids.append(link)
            continue
        if chunk.startswith("-") and len(chunk) > 1 and (chunk[1].isalnum() or chunk[1] == '"'):
            items.append(_Item("not", "NOT"))
            chunk = chunk[1:]
        if _PREFIX.fullmatch(chunk):
            items.append(_Item("prefix", chunk.lower()))
        elif _FUZZY.fullmatch(chunk):
            items.append(_Item("fuzzy", chunk.lower()))
        else:
            words = _words_items(chunk)
            items.extend(words)
            plain_words.extend(w for item in words for w in item.words)
    reading = _assemble(text, items, ids, plain_words, as_you_type)
    # Filters leave the words as they were read (`plain` too): they only narrow.
    return replace(reading, marks=tuple(marks)) if marks else reading


def _assemble(
    text: str, items: list[_Item], ids: list[LinkId], words: list[str], as_you_type: bool
) -> Reading:
    """Drop what constrains nothing, keep operators only between terms, mark the unfinished
    word, and join the rest into query text."""
    kept = [item for item in items if item.text or item.kind in ("open", "close")]
    kept = _drop_empty_groups(kept)
    kept = _valid_operators(kept)
    groups = _meaningful_groups(kept)
    plain = (
        not any(item.kind in ("op", "phrase", "field", "prefix", "fuzzy", "not") for item in kept)
        and not groups
        and not ids
    )
    emitted = [
        item for i, item in enumerate(kept) if item.kind not in ("open", "close") or i in groups
    ]
    query = " ".join(item.text for item in emitted)
    unfinished, head = None, query
    last = items[-1] if items else None
    if (
        as_you_type
        and last is not None
        and last.kind == "word"
        and last.single
        and not text[-1:].isspace()
        and text.rstrip()[-1:].isalnum()
    ):
        unfinished = last.words[-1] if last.words else None
        if unfinished is not None and emitted and emitted[-1] is last:
            before = emitted[-2] if len(emitted) > 1 else None
            if before is not None and before.kind in ("op", "not", "open"):
                unfinished = None
            else:
                head = " ".join(item.text for item in emitted[:-1])
    units = tuple(item.text for item in kept if item.kind == "word")
    return Reading(
        text=text,
        query=query,
        words=tuple(words),
        ids=tuple(ids),
        plain=plain,
        unfinished=unfinished,
        head=head,
        constraining=len(units),
        units=units,
        parts=tuple(item.parts for item in items if item.kind == "word"),
    )


def _drop_empty_groups(items: list[_Item]) -> list[_Item]:
    changed = True
    while changed:
        changed = False
        for i in range(len(items) - 1):
            opener = items[i].kind == "open" or items[i].text.endswith(":(")
            if opener and items[i + 1].kind == "close":
                del items[i : i + 2]
                changed = True
                break
    return items


def _is_term(item: _Item) -> bool:
    return item.kind in ("word", "phrase", "field", "prefix", "fuzzy") and not item.text.endswith(
        ":("
    )


def _valid_operators(items: list[_Item]) -> list[_Item]:
    """AND/OR between terms, NOT (or `-`) before one; anywhere else they are words, and
    those words (and, or, not) are stop words."""
    result: list[_Item] = []
    for i, item in enumerate(items):
        if item.kind not in ("op", "not"):
            result.append(item)
            continue
        after = next((x for x in items[i + 1 :]), None)
        starts = after is not None and (_is_term(after) or after.kind in ("open", "not"))
        starts = starts or (after is not None and after.text.endswith(":("))
        if item.kind == "not" or item.text == "NOT":
            if starts:
                result.append(item)
            continue
        before = result[-1] if result else None
        ends = before is not None and (_is_term(before) or before.kind == "close")
        if ends and starts and after is not None and after.kind != "op":
            result.append(item)
    return result


def _meaningful_groups(items: list[_Item]) -> set[int]:
    """Positions of parentheses that group something: they hold an operator or follow a
    field. Others, like `(ViT)` in a title, are punctuation."""
    keep: set[int] = set()
    stack: list[int] = []
    for i, item in enumerate(items):
        if item.kind == "open" or item.text.endswith(":("):
            stack.append(i)
        elif item.kind == "close" and stack:
            start = stack.pop()
            inner = items[start + 1 : i]
            if items[start].kind != "open" or any(x.kind in ("op", "not") for x in inner):
                keep.update((start, i))
    return keep
