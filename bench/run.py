"""Runs the benchmark: paperbrowse vs SQLite FTS5 vs tantivy on the same papers and queries,
plus the app's keystroke latency and cold start. Prints a table, writes JSON.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/run.py [--sizes shared,100k] [--repeat 7] [--out bench/out]

Sizes: `shared` is ../shared (corpus and seeds, ~24k papers); `100k` and `1m` are derived
from it (see corpora.py). Medians over --repeat runs of each query; peers in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_timing import cli_search, cold_start, keystroke_latency
from corpora import real_entries, synthetic
from engines import KINDS, QUERIES, Fts5Engine, ProjectEngine, TantivyEngine
from paperbrowse.index.library import Library
from paperbrowse.index.models import Paper
from paperbrowse.index.schema import KIND_PAPER

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SIZES = {"100k": 100_000, "1m": 1_000_000}


def _papers(library: Library) -> list[Any]:
    searcher = library.searcher()
    return [
        Paper.from_store(searcher.stored_fields(d)["data"])
        for d in searcher.document_numbers(kind=KIND_PAPER)
    ]


def _time_queries(engine: Any, column: int, repeat: int) -> dict[str, dict[str, float]]:
    by_kind: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for query in QUERIES:
        engine.query(query[column])  # warm
    for _ in range(repeat):
        for query in QUERIES:
            started = time.perf_counter()
            engine.query(query[column])
            by_kind[query[0]].append((time.perf_counter() - started) * 1000)
    return {
        kind: {
            "p50_ms": statistics.median(v),
            "p95_ms": sorted(v)[min(len(v) - 1, int(0.95 * len(v)))],
        }
        for kind, v in by_kind.items()
    }


def run_size(name: str, lists: list[Path], work: Path, repeat: int) -> dict[str, Any]:
    print(f"\n== {name}: indexing …", flush=True)
    project = ProjectEngine(work / "paperbrowse")
    built = {"paperbrowse": project.build(lists)}
    assert project.library is not None
    started = time.perf_counter()
    project.library.add(lists)
    built["paperbrowse"]["readd_unchanged_s"] = time.perf_counter() - started
    papers = _papers(project.library)
    fts5, tantivy = Fts5Engine(work / "fts5.db"), TantivyEngine(work / "tantivy")
    built["FTS5"] = fts5.build(papers)
    built["tantivy"] = tantivy.build(papers)
    for engine_name, info in built.items():
        info["papers_per_s"] = info["papers"] / info["seconds"]
        print(
            f"   {engine_name:12} {info['papers']:>8} papers in {info['seconds']:7.1f} s "
            f"({info['papers_per_s']:7.0f}/s), {info['size_bytes'] / 1e6:7.1f} MB",
            flush=True,
        )
    queries = {
        "paperbrowse": _time_queries(project, 1, repeat),
        "FTS5": _time_queries(fts5, 2, repeat),
        "tantivy": _time_queries(tantivy, 3, repeat),
    }
    print("   app keystrokes …", flush=True)
    keys = keystroke_latency(project.path)
    print("   cold start …", flush=True)
    cold = cold_start(project.path)
    cli = cli_search(project.path, fts5.path)
    return {
        "papers": len(papers),
        "build": built,
        "queries": queries,
        "keystrokes": keys,
        "cold_start": cold,
        "cli_search": cli,
    }


def _table(name: str, result: dict[str, Any]) -> str:
    q = result["queries"]
    lines = [
        f"### {name} ({result['papers']} papers)",
        "",
        "| engine | " + " | ".join(f"{k} p50/p95 ms" for k in KINDS) + " | ratio to FTS5 (p50) |",
        "|---|" + "---|" * (len(KINDS) + 1),
    ]
    for engine in ("paperbrowse", "FTS5", "tantivy"):
        cells = [f"{q[engine][k]['p50_ms']:.2f} / {q[engine][k]['p95_ms']:.2f}" for k in KINDS]
        ratios = [q[engine][k]["p50_ms"] / q["FTS5"][k]["p50_ms"] for k in KINDS]
        lines.append(
            f"| {engine} | "
            + " | ".join(cells)
            + " | "
            + ", ".join(f"{r:.2f}×" for r in ratios)
            + " |"
        )
    b = result["build"]
    lines += ["", "| engine | papers/s | index MB |", "|---|---|---|"]
    for engine in ("paperbrowse", "FTS5", "tantivy"):
        lines.append(
            f"| {engine} | {b[engine]['papers_per_s']:.0f} | {b[engine]['size_bytes'] / 1e6:.1f} |"
        )
    k, c, s = result["keystrokes"], result["cold_start"], result["cli_search"]
    lines += [
        "",
        f"- re-add unchanged: {b['paperbrowse']['readd_unchanged_s']:.2f} s",
        f"- keystroke → list updated: p50 {k['p50_ms']:.1f} ms, p95 {k['p95_ms']:.1f} ms, "
        f"max {k['max_ms']:.1f} ms over {k['keystrokes']} keystrokes; UI thread stalls "
        f"p99 {k['ui_stall_p99_ms']:.1f} ms, max {k['ui_stall_max_ms']:.1f} ms",
        f"- cold start to first painted list: {c.get('median_s', float('nan')):.2f} s "
        f"median; peak memory {c.get('peak_rss_mb', float('nan')):.0f} MB",
        f"- `paperbrowse search` process: {s.get('paperbrowse_s', float('nan')) * 1000:.0f} "
        f"ms vs FTS5 script {s.get('fts5_script_s', float('nan')) * 1000:.0f} ms "
        f"({s.get('ratio', float('nan')):.1f}×)",
        "",
        *_goals(name, result),
    ]
    return "\n".join(lines)


def _goals(name: str, result: dict[str, Any]) -> list[str]:
    """Each goal of the speed issue, met or not, for this corpus size."""
    q, b, k = result["queries"], result["build"], result["keystrokes"]
    c, s = result["cold_start"], result["cli_search"]
    worst = max(q["paperbrowse"][kind]["p50_ms"] / q["FTS5"][kind]["p50_ms"] for kind in KINDS)
    keystroke_goal = 16.0 if name == "shared" else 50.0
    checks = [
        (
            f"keystroke p95 ≤ {keystroke_goal:.0f} ms",
            k["p95_ms"] <= keystroke_goal,
            f"{k['p95_ms']:.1f} ms",
        ),
        ("raw top-50 within 3× of FTS5 (worst kind, p50)", worst <= 3.0, f"{worst:.2f}×"),
        (
            "add ≥ 1,500 papers/s",
            b["paperbrowse"]["papers_per_s"] >= 1500,
            f"{b['paperbrowse']['papers_per_s']:.0f}/s",
        ),
        (
            "re-add unchanged near-instant (< 1 s)",
            b["paperbrowse"]["readd_unchanged_s"] < 1,
            f"{b['paperbrowse']['readd_unchanged_s']:.2f} s",
        ),
        ("cold start ≤ 0.6 s", c.get("median_s", 99) <= 0.6, f"{c.get('median_s', 0):.2f} s"),
        (
            "memory ≤ 300 MB (peak while typing, app in-process)",
            k["peak_rss_mb"] <= 300,
            f"{k['peak_rss_mb']:.0f} MB",
        ),
        (
            "`search` process within 6× of FTS5 script",
            s.get("ratio", 99) <= 6,
            f"{s.get('ratio', 0):.1f}×",
        ),
    ]
    return [f"- [{'x' if ok else ' '}] {goal}: {value}" for goal, ok, value in checks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="shared,100k")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"bench: {SHARED} is missing (the corpus the benchmark derives from)")
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    entries = None
    for size in args.sizes.split(","):
        if size == "shared":
            lists = [SHARED / "corpus", SHARED / "seeds"]
        else:
            entries = entries or real_entries(SHARED)
            lists = [synthetic(entries, SIZES[size], args.out / f"corpus-{size}")]
        results[size] = run_size(size, lists, args.out / f"work-{size}", args.repeat)
        (args.out / "results.json").write_text(json.dumps(results, indent=2))
        print(_table(size, results[size]), flush=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\nwrote {args.out / 'results.json'}")


if __name__ == "__main__":
    main()
