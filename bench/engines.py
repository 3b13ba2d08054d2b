"""Provides the engines the benchmark compares: the project (Whoosh), SQLite FTS5 and tantivy,
each indexing the same merged papers and answering the same top-50 queries."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from paperbrowse.index.library import Library
from paperbrowse.index.models import Paper

LIMIT = 50

# One query set, written in each engine's own syntax: (kind, project, FTS5, tantivy).
QUERIES: list[tuple[str, str, str, str]] = []
for word in ("model", "graph", "reinforcement", "diffusion", "adversarial", "segmentation"):
    QUERIES.append(("one word", word, word, word))
for a, b in (
    ("graph", "neural"),
    ("language", "model"),
    ("image", "segmentation"),
    ("policy", "gradient"),
    ("contrastive", "learning"),
    ("federated", "privacy"),
):
    QUERIES.append(("two words AND", f"{a} {b}", f"{a} AND {b}", f"{a} AND {b}"))
for prefix in ("transf", "optim", "represent", "generat", "robust"):
    QUERIES.append(("prefix", f"{prefix}*", f"{prefix}*", f"{prefix}*"))
for a, b in (
    ("neural", "network"),
    ("language", "model"),
    ("point", "cloud"),
    ("object", "detection"),
    ("knowledge", "distillation"),
):
    QUERIES.append(("phrase", f'"{a} {b}"', f'"{a} {b}"', f'"{a} {b}"'))
KINDS = ("one word", "two words AND", "prefix", "phrase")


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class ProjectEngine:
    """paperbrowse itself: `add` from the list files, `search` top-50 without a count."""

    name = "paperbrowse"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.library: Library | None = None

    def build(self, lists: list[Path]) -> dict[str, Any]:
        shutil.rmtree(self.path, ignore_errors=True)
        started = time.perf_counter()
        with Library(self.path) as library:
            report = library.add(lists)
        seconds = time.perf_counter() - started
        self.library = Library(self.path)
        papers = self.library.paper_count()
        return {
            "seconds": seconds,
            "papers": papers,
            "entries": report.entries,
            "size_bytes": dir_size(self.path),
        }

    def open(self) -> None:
        self.library = Library(self.path)

    def query(self, text: str) -> int:
        assert self.library is not None
        self.library.searching.forget()  # time the query, not the result cache
        results = self.library.search(text, limit=LIMIT, count=False)
        return len(results.docnums)


class Fts5Engine:
    """SQLite FTS5 with the porter stemmer and bm25 weights like the project's boosts."""

    name = "FTS5"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None

    def build(self, papers: list[Paper]) -> dict[str, Any]:
        self.path.unlink(missing_ok=True)
        started = time.perf_counter()
        db = sqlite3.connect(self.path)
        db.execute(
            "CREATE VIRTUAL TABLE papers USING fts5(title, authors, abstract, "
            "tokenize='porter unicode61')"
        )
        db.executemany(
            "INSERT INTO papers(rowid, title, authors, abstract) VALUES (?,?,?,?)",
            ((i, p.title, ", ".join(p.authors), p.abstract) for i, p in enumerate(papers)),
        )
        db.commit()
        seconds = time.perf_counter() - started
        self.db = db
        return {"seconds": seconds, "papers": len(papers), "size_bytes": self.path.stat().st_size}

    def open(self) -> None:
        self.db = sqlite3.connect(self.path)

    def query(self, text: str) -> int:
        assert self.db is not None
        rows = self.db.execute(
            "SELECT rowid FROM papers WHERE papers MATCH ? ORDER BY bm25(papers, 3.0, 1.5, 1.0) "
            "LIMIT ?",
            (text, LIMIT),
        ).fetchall()
        return len(rows)


class TantivyEngine:
    """tantivy (Rust) through its Python bindings, with its English stemmer."""

    name = "tantivy"

    def __init__(self, path: Path) -> None:
        import tantivy

        self.tantivy = tantivy
        self.path = path
        self.index: Any = None

    def build(self, papers: list[Paper]) -> dict[str, Any]:
        tantivy = self.tantivy
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        builder = tantivy.SchemaBuilder()
        for field in ("title", "authors", "abstract"):
            builder.add_text_field(field, tokenizer_name="en_stem")
        builder.add_integer_field("id", stored=True, indexed=False)
        self.schema = builder.build()
        started = time.perf_counter()
        index = tantivy.Index(self.schema, path=str(self.path))
        writer = index.writer(heap_size=200_000_000, num_threads=2)
        for i, paper in enumerate(papers):
            writer.add_document(
                tantivy.Document(
                    title=paper.title,
                    authors=", ".join(paper.authors),
                    abstract=paper.abstract,
                    id=i,
                )
            )
        writer.commit()
        writer.wait_merging_threads()
        seconds = time.perf_counter() - started
        self.index = index
        self.index.reload()
        return {"seconds": seconds, "papers": len(papers), "size_bytes": dir_size(self.path)}

    def open(self) -> None:
        self.index.reload()

    def query(self, text: str) -> int:
        tantivy = self.tantivy
        searcher = self.index.searcher()
        fields = ["title", "authors", "abstract"]
        if text.endswith("*") and " " not in text:
            pattern = text[:-1].lower() + ".*"
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.regex_query(self.schema, f, pattern))
                    for f in fields
                ]
            )
        else:
            query = self.index.parse_query(
                text, fields, field_boosts={"title": 3.0, "authors": 1.5}
            )
        return len(searcher.search(query, LIMIT).hits)
