"""Provides what helps a reader look around a result list: facet counts, "did you mean" and
papers related to one paper."""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from typing import Any

from .cancel import SearchCancelled, StopCheck
from .formats.conference import VENUES
from .models import Facet, Hit, Paper
from .reading import Reading
from .words import is_stop_word


def facet_value(field: str, term: str) -> str | None:
    """The label of an indexed facet term; None for an alias counted under another name."""
    if field == "venue":
        display = VENUES.get(term)
        if display is not None and display.lower() != term:
            return None  # an alias (nips) of a name that is counted already (neurips)
        return display or term.upper()
    return term


def facets(
    reader: Any,
    matched: Set[int],
    year_of: Callable[[int], Any],
    per_field: int | None = 8,
    should_stop: StopCheck | None = None,
) -> dict[str, list[Facet]]:
    """Counts of year, venue and source format among `matched`, most common first (the
    first `per_field` of each; None: all). `should_stop` is asked once per venue and per
    format; SearchCancelled when it says so."""
    years: dict[int, int] = {}
    for docnum in matched:
        year = year_of(docnum)
        if 0 < year < 10000:
            years[year] = years.get(year, 0) + 1
    found = {
        "year": sorted(
            (Facet("year", str(y), c) for y, c in years.items()), key=lambda f: (-f.count, f.value)
        )[:per_field]
    }
    for field in ("venue", "source"):
        counted = []
        for raw in reader.lexicon(field):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            value = facet_value(field, term)
            if value is None:
                continue
            if should_stop is not None and should_stop():
                raise SearchCancelled
            count = sum(1 for d in reader.postings(field, raw).all_ids() if d in matched)
            if count:
                counted.append(Facet(field, value, count))
        counted.sort(key=lambda f: (-f.count, f.value))
        found[field] = counted[:per_field]
    return found


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit (`modles` → `models`)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def known(reader: Any, schema: Any, word: str) -> bool:
    """Whether any paper holds the word (stemmed in titles and abstracts, as is in names)."""
    for field in ("title", "abstract", "author"):
        if any((field, token.text) in reader for token in schema[field].analyzer(word)):
            return True
    return False


def suggest_word(reader: Any, schema: Any, word: str) -> str | None:
    """The real title word nearest to an unknown word (fewest edits, then the most used),
    or None when none is within two edits."""
    maxdist = 1 if len(word) < 6 else 2
    candidates = set(reader.terms_within("spell_title", word, maxdist, prefix=1))
    candidates.discard(word)
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (_distance(word, c), -reader.doc_frequency("spell_title", c), c),
    )


def correction(searcher: Any, schema: Any, reading: Reading) -> str | None:
    """ "Did you mean": the typed text with each word no paper holds replaced by the nearest
    real title word, or None when every word is known or nothing is near.

    Titles keep a spelling dictionary of unstemmed words; the stemmed fields would suggest
    stems ("attent") that nobody types. Only plain words are corrected, in place, so the rest
    of the text stays as typed."""
    reader = searcher.reader()
    if "spell_title" not in schema.names():
        return None
    text = reading.text
    changed = False
    for parts in reading.parts:
        if len(parts) != 1:
            continue
        word = parts[0]
        if len(word) < 4 or not word.isalpha() or is_stop_word(word):
            continue
        if known(reader, schema, word):
            continue
        better = suggest_word(reader, schema, word)
        if better is None:
            continue
        replaced = re.sub(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", better, text, count=1)
        changed = changed or replaced != text
        text = replaced
    return text if changed else None


def related(searcher: Any, paper: Paper, limit: int = 20) -> list[Hit]:
    """Papers like this one: more-like-this over its title (twice) and abstract."""
    docnum = searcher.document_number(key=paper.key)
    text = f"{paper.title}\n{paper.title}\n{paper.abstract}"
    results = searcher.more_like(docnum, "abstract", text=text, top=limit, numterms=12)
    hits = []
    for hit in results:
        stored = searcher.reader().stored_fields(hit.docnum)
        if stored.get("key") != paper.key and "data" in stored:
            hits.append(Hit(Paper.from_store(stored["data"]), float(hit.score or 0.0)))
    return hits
