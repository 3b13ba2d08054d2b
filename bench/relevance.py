"""Known-item search quality: does the paper a person has in mind come first?

Queries are drawn with a fixed seed from ../shared/corpus, the way people type them: a title
pasted whole, title fragments holding a stop word, lower-cased fragments, abstract phrases,
the first author's surname with a title word, and a title with one word misspelt. Each has
one target paper. paperbrowse answers through the CLI path (`search`), the app's full
as-you-type path and the app's first (quick) answer; SQLite FTS5 (bm25 with the same field
weights, porter stemmer, accents folded) answers the same text, its words quoted and ANDed
(FTS5's own syntax would reject most pasted titles). Reported: success@1 and MRR@10.

    .venv/bin/python bench/relevance.py [--per-kind 150] [--seed 1] [--index DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from paperbrowse.index.library import Library
from paperbrowse.index.models import Paper
from paperbrowse.index.schema import KIND_PAPER
from paperbrowse.index.words import is_stop_word

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "out"
KINDS = (
    "whole title, pasted",
    "title fragment with a stop word",
    "title fragment, lower case",
    "abstract phrase",
    "surname + title word",
    "title with one word misspelt",
)
PATHS = ("CLI", "as you type", "first answer")
TOP = 10


def _window(words: list[str], rng: random.Random, low: int, high: int) -> list[str] | None:
    if len(words) < low:
        return None
    size = rng.randint(low, min(high, len(words)))
    start = rng.randrange(len(words) - size + 1)
    return words[start : start + size]


def _misspell(word: str, rng: random.Random) -> str:
    inner = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:inner] + word[inner + 1 :]
    return word[: inner - 1] + word[inner] + word[inner - 1] + word[inner + 1 :]


def make_query(kind: str, paper: Paper, rng: random.Random) -> str | None:
    """One query of `kind` for `paper`, or None when the paper cannot give one."""
    words = paper.title.split()
    if kind == KINDS[0]:
        return paper.title if len(words) >= 2 else None
    if kind == KINDS[1]:
        for _ in range(8):
            window = _window(words, rng, 3, 6)
            if window and any(is_stop_word(w.strip(":,?!.")) for w in window):
                return " ".join(window)
        return None
    if kind == KINDS[2]:
        window = _window(words, rng, 3, 6)
        return " ".join(window).lower() if window else None
    if kind == KINDS[3]:
        window = _window(paper.abstract.split(), rng, 4, 6)
        return " ".join(window) if window and len(paper.abstract.split()) > 20 else None
    if kind == KINDS[4]:
        content = [w for w in words if re.fullmatch(r"[A-Za-z]{4,}", w) and not is_stop_word(w)]
        if not paper.authors or not content:
            return None
        surname = paper.authors[0].split()[-1]
        return f"{surname} {rng.choice(content).lower()}"
    long = [i for i, w in enumerate(words) if re.fullmatch(r"[A-Za-z]{5,}", w)]
    if len(words) < 4 or not long:
        return None
    at = rng.choice(long)
    return " ".join([*words[:at], _misspell(words[at], rng), *words[at + 1 :]])


def draw(papers: list[Paper], per_kind: int, seed: int) -> list[tuple[str, str, int]]:
    """(kind, query, target position in `papers`), `per_kind` of each kind."""
    rng = random.Random(seed)
    queries = []
    for kind in KINDS:
        got = 0
        while got < per_kind:
            target = rng.randrange(len(papers))
            text = make_query(kind, papers[target], rng)
            if text:
                queries.append((kind, text, target))
                got += 1
    return queries


def fts5(papers: list[Paper]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE p USING fts5(title, authors, abstract, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO p(rowid, title, authors, abstract) VALUES (?,?,?,?)",
        ((i, x.title, ", ".join(x.authors), x.abstract) for i, x in enumerate(papers)),
    )
    return db


def fts5_ranks(db: sqlite3.Connection, text: str) -> list[int]:
    tokens = re.findall(r"\w+", text)
    if not tokens:
        return []
    match = " ".join('"' + t.replace('"', "") + '"' for t in tokens)
    rows = db.execute(
        "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p, 3.0, 1.5, 1.0) LIMIT ?",
        (match, TOP),
    ).fetchall()
    return [row[0] for row in rows]


def project_ranks(library: Library, text: str, path: str) -> list[str]:
    options: dict[str, Any] = {"limit": TOP, "count": False}
    if path != "CLI":
        options["as_you_type"] = True
    if path == "first answer":
        options["quick"] = True
    try:
        results = library.search(text, **options)
    except ValueError:  # QueryError: counted as not found
        return []
    return [hit.paper.key for hit in library.hits(results, 0, TOP)]


def score(ranks: list[Any], target: Any) -> tuple[float, float]:
    """(success@1, reciprocal rank within the top 10)."""
    if target in ranks[:TOP]:
        position = ranks.index(target) + 1
        return float(position == 1), 1.0 / position
    return 0.0, 0.0


def open_index(path: Path) -> Library:
    library = Library(path)
    if library.paper_count() == 0:
        print(f"indexing {CORPUS} into {path} …", file=sys.stderr)
        library.add([CORPUS])
    return library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--index", type=Path, default=OUT / "relevance-index")
    args = parser.parse_args()
    library = open_index(args.index)
    searcher = library.searcher()
    papers = [
        Paper.from_store(searcher.stored_fields(d)["data"])
        for d in sorted(searcher.document_numbers(kind=KIND_PAPER))
    ]
    db = fts5(papers)
    queries = draw(papers, args.per_kind, args.seed)
    sums: dict[tuple[str, str], list[float]] = {}
    misses: list[str] = []
    started = time.perf_counter()
    for kind, text, target in queries:
        for path in PATHS:
            got = score(project_ranks(library, text, path), papers[target].key)
            sums.setdefault((kind, path), []).append(got)
            if path == "CLI" and got[0] == 0:
                misses.append(f"{kind}\t{text}\t{papers[target].title}")
        sums.setdefault((kind, "FTS5"), []).append(score(fts5_ranks(db, text), target))
    seconds = time.perf_counter() - started
    table = {
        f"{kind} | {engine}": {
            "success_at_1": sum(s for s, _ in got) / len(got),
            "mrr_at_10": sum(r for _, r in got) / len(got),
            "queries": len(got),
        }
        for (kind, engine), got in sums.items()
    }
    lines = [
        f"{len(papers)} papers, {len(queries)} queries ({args.per_kind} a kind, seed "
        f"{args.seed}), {seconds:.0f} s; success@1 / MRR@10",
        "",
        "| query kind | " + " | ".join((*PATHS, "FTS5")) + " |",
        "|---|" + "---|" * (len(PATHS) + 1),
    ]
    for kind in KINDS:
        cells = []
        for engine in (*PATHS, "FTS5"):
            got = table[f"{kind} | {engine}"]
            cells.append(f"{got['success_at_1'] * 100:.1f} % / {got['mrr_at_10']:.3f}")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    print("\n".join(lines))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "relevance.json").write_text(json.dumps(table, indent=1))
    (OUT / "relevance-misses.tsv").write_text("\n".join(misses) + "\n")
    print(f"CLI misses at rank 1: {len(misses)} (bench/out/relevance-misses.tsv)", file=sys.stderr)


if __name__ == "__main__":
    main()
