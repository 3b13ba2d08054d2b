"""Measures what mark filters (`is:read`, `is:starred`, `tag:`) add to a search.

    .venv/bin/python bench/marks_filter.py [--papers 100000] [--marked 10000] [--repeat 7]

Builds (once, under bench/out/) an index of invented Hot Papers posts with arXiv ids, marks
`--marked` random papers read (a third of them starred, a tenth tagged), then times each
query with and without a filter: warm (the filter's docnums cached), after a mark changed
(new marks generation: the SQL read and the union run again), and cold (every marked key
looked up again, as in a new process); then whole searches with and without a filter.
Prints milliseconds (medians)."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from paperbrowse.index.library import Library
from paperbrowse.index.marks import Marks
from paperbrowse.index.merge import paper_keys
from paperbrowse.index.models import Paper
from paperbrowse.index.reading import read_query

ROOT = Path(__file__).resolve().parent
PER_FILE = 2000
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zen", "dra", "pli", "qua")
COMMON = ["diffusion", "transformer", "graph", "kernel", "attention", "learning", "model"]
FILTERS = ("is:starred", "is:read", "-is:read", "tag:bench")


def write_lists(folder: Path, count: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
    words = sorted(made) + COMMON * 40  # the common words in about 1 in 20 words
    for start in range(0, count, PER_FILE):
        day = 1 + (start // PER_FILE) % 28
        parts = [f"---\ntitle: Hot Papers 2023-03-{day:02d}\n---\n\n"]
        for n in range(start, min(count, start + PER_FILE)):
            title = " ".join(rng.choice(words) for _ in range(6)).title() + f" {n}"
            abstract = " ".join(rng.choice(words) for _ in range(40))
            arxiv = f"23{1 + n % 12:02d}.{n:05d}"
            parts.append(
                f"# {n - start + 1}. {title}\n\nAda Byron\n\n"
                f"- links: [abs](https://arxiv.org/abs/{arxiv})\n\n{abstract}\n\n"
            )
        (folder / f"2023-03-{day:02d}---Hot-Papers-{start}.md").write_text("".join(parts))


def timed(library: Library, text: str, repeat: int, reset: object = None) -> float:
    """Median milliseconds of a search with its total, cached results forgotten each time."""
    times = []
    for _ in range(repeat):
        library.searching.forget()
        if callable(reset):
            reset()
        started = time.perf_counter()
        library.search(text, count=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--marked", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = ROOT / "out" / f"marks-{args.papers}"
    if not (work / "index").is_dir():
        started = time.monotonic()
        write_lists(work / "lists", args.papers)
        with Library(work / "index") as library:
            library.add([work / "lists"])
        print(
            f"indexed {args.papers} papers in {time.monotonic() - started:.0f} s", file=sys.stderr
        )
    library = Library(work / "index", create=False)
    marks_dir = Path(tempfile.mkdtemp(prefix="marks-bench-"))
    library.marks = marks = Marks(marks_dir / "marks.sqlite3")
    reader = library.searcher().reader()
    chosen = random.Random(5).sample(sorted(library.searching.live()[1]), args.marked)
    papers = [paper_keys(Paper.from_store(reader.stored_fields(d)["data"])) for d in chosen]
    started = time.perf_counter()
    marks.update(papers, read=True)
    marks.update(papers[: len(papers) // 3], starred=True)
    marks.update(papers[: len(papers) // 10], add_tags=["bench"])
    print(f"marked {len(papers)} papers in {time.perf_counter() - started:.2f} s")

    def new_marks_generation() -> None:
        marks.update([{"tnothing"}], read=True)

    def cold() -> None:
        library.searching._mark_docs.__init__()  # nothing cached: as in a new process

    searching = library.searching
    generation, searcher = searching._searcher()
    print("the filter alone (MarkDocs.allowed), ms:")
    print(f"{'filter':>12} {'docs':>7} {'warm':>7} {'marked':>7} {'cold':>7}")
    for flt in FILTERS:
        reading = read_query(flt)

        def allowed(reset: object = None, reading: Any = reading) -> float:
            times = []
            for _ in range(args.repeat):
                if callable(reset):
                    reset()
                started = time.perf_counter()
                docs = searching._allowed(reading, generation, searcher)
                times.append((time.perf_counter() - started) * 1000)
            allowed.size = len(docs)  # type: ignore[attr-defined]
            return statistics.median(times)

        cold_ms = allowed(cold)
        marked_ms = allowed(new_marks_generation)
        warm_ms = allowed()
        print(f"{flt:>12} {allowed.size:7} {warm_ms:7.2f} {marked_ms:7.2f} {cold_ms:7.2f}")  # type: ignore[attr-defined]

    rare = next(
        text.decode() if isinstance(text, bytes) else text
        for text, info in searcher.reader().iter_field("title")
        if 20 <= info.doc_frequency() <= 200
    )
    print(f"\nwhole searches with their total, ms (warm filter; `{rare}` is in few titles):")
    print(f"{'query':>24} {'plain':>8} " + " ".join(f"{f:>12}" for f in FILTERS))
    for query in ("*", rare, f"{rare} year:2023", "year:2023"):
        plain = timed(library, query, args.repeat)
        cells = []
        for flt in FILTERS:
            text = flt if query == "*" else f"{flt} {query}"
            timed(library, text, 1)
            cells.append(f"{timed(library, text, args.repeat) - plain:+12.1f}")
        print(f"{query:>24} {plain:8.1f} " + " ".join(cells))
    library.close()


if __name__ == "__main__":
    main()
