"""Kills `paperbrowse add` with SIGKILL at random moments and checks that no paper is lost.

Each trial copies a 'before' index, starts `python -m paperbrowse add MORE --index COPY`,
kills it after a random delay (the delays are spread evenly over the whole measured duration
of an uninterrupted add), then checks that:

- the copy opens without IndexProblem and holds exactly the papers and recorded lists of the
  'before' index or of the 'after' one (a clean build of before + more);
- running the same add again to completion gives exactly what the clean build holds.

    .venv/bin/python bench/crash_trials.py                 # 50 trials (the issue's count)
    .venv/bin/python bench/crash_trials.py --trials 4 --lists 3   # the CI-sized run

Uses ../shared/corpus (Hot Papers posts before, conference lists added) when it exists, else
the fixture lists under tests/fixtures. Exits 1 if any trial fails."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperbrowse.index.library import IndexProblem, Library

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"


@dataclass
class Lists:
    """The lists the 'before' index holds and those each trial adds."""

    before: list[Path]
    more: list[Path]
    origin: str


@dataclass
class Setup:
    """What every trial starts from and is checked against."""

    work: Path
    before_index: Path
    more: list[Path]
    before: dict[str, Any]
    after: dict[str, Any]
    env: dict[str, str]


@dataclass
class Tally:
    """What the trials ended in."""

    before: int = 0
    after: int = 0
    killed_while_writing: int = 0
    finished_before_kill: int = 0
    converged: int = 0
    failures: list[str] = field(default_factory=list)


def choose_lists(more_count: int) -> Lists:
    """Hot Papers posts and two conference lists before; `more_count` conference lists more."""
    corpus = SHARED / "corpus"
    if (corpus / "conference").is_dir() and (corpus / "hotpapers").is_dir():
        posts = sorted((corpus / "hotpapers").glob("*.md"))
        conference = sorted((corpus / "conference").glob("*.md"))
        return Lists(posts[:3] + conference[:2], conference[2 : 2 + more_count], str(corpus))
    conference = sorted((FIXTURES / "conference").glob("*.md"))
    before = sorted((FIXTURES / "hotpapers").glob("*.md")) + conference[:1]
    return Lists(before, conference[1 : 1 + max(1, more_count)], str(FIXTURES))


def copy_lists(paths: list[Path], folder: Path) -> list[Path]:
    """Private copies, so the recorded paths are fixed for every build of a run."""
    folder.mkdir(parents=True)
    return [Path(shutil.copy(path, folder / path.name)) for path in paths]


def state(index: Path) -> dict[str, Any]:
    """Every paper (as JSON, by key) and every recorded list (with its hash) of an index.
    Raises IndexProblem when the index cannot be opened."""
    with Library(index, create=False) as library:
        results = library.search("*", limit=10**7)
        hits = library.hits(results)
        papers = {hit.paper.key: json.dumps(hit.paper.to_json(), sort_keys=True) for hit in hits}
        if len(papers) != len(hits) or len(hits) != library.paper_count():
            raise AssertionError(
                f"{len(hits)} hits, {len(papers)} keys, {library.paper_count()} papers counted"
            )
        files = {path: record.sha256 for path, record in library.files().items()}
    return {"papers": papers, "files": files}


def environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PAPERBROWSE_DATA_DIR": str(work / "data"),
        "PAPERBROWSE_CACHE_DIR": str(work / "cache"),
        "PYTHONIOENCODING": "utf-8",
    }


def add_command(index: Path, more: list[Path]) -> list[str]:
    return [sys.executable, "-m", "paperbrowse", "add", *map(str, more), "--index", str(index)]


def run_add(index: Path, more: list[Path], env: dict[str, str]) -> None:
    """One uninterrupted add. Raises on a non-zero exit."""
    done = subprocess.run(
        add_command(index, more), env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"add exited {done.returncode}: {done.stderr[-2000:]}")


def timed_add(index: Path, more: list[Path], env: dict[str, str]) -> tuple[float, float]:
    """One uninterrupted add, watched: its wall time, and when its commit's new table of
    contents (`_MAIN_<generation>.toc`) appeared."""
    tocs = {name for name in os.listdir(index) if name.endswith(".toc")}
    started = time.monotonic()
    child = subprocess.Popen(
        add_command(index, more), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    committed = None
    while child.poll() is None:
        if committed is None and any(
            name.endswith(".toc") and name not in tocs for name in os.listdir(index)
        ):
            committed = time.monotonic() - started
        time.sleep(0.002)
    duration = time.monotonic() - started
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"add exited {child.returncode}: {error[-2000:]}")
    return duration, committed if committed is not None else duration


def describe(got: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> str:
    """A short account of how a state differs from both expected ones."""
    keys = set(got["papers"])
    return (
        f"{len(keys)} papers, {len(got['files'])} lists; before has {len(before['papers'])} "
        f"({len(keys ^ set(before['papers']))} keys differ), after has "
        f"{len(after['papers'])} ({len(keys ^ set(after['papers']))} keys differ)"
    )


def trial(setup: Setup, number: int, delay: float, tally: Tally, verbose: bool) -> None:
    """Kill one add after `delay` seconds, check the index, then re-add to completion."""
    before, after, more, env = setup.before, setup.after, setup.more, setup.env
    expected = (before, after)
    copy = setup.work / f"trial-{number:03d}"
    shutil.copytree(setup.before_index, copy)
    originals = set(os.listdir(copy))
    child = subprocess.Popen(
        add_command(copy, more), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    killed = child.poll() is None
    if killed:
        child.send_signal(signal.SIGKILL)
    child.wait()
    # New files left behind by a killed writer: the kill came while it was writing.
    leftovers = killed and bool(set(os.listdir(copy)) - originals)
    label = f"trial {number:3d} (kill at {delay:5.2f} s)"
    try:
        got = state(copy)
    except IndexProblem as problem:
        tally.failures.append(f"{label}: does not open: [{problem.kind}] {problem}")
        print(f"{label}: FAILED to open: {problem}", flush=True)
        return
    if got == before:
        outcome = "before"
        tally.before += 1
        tally.killed_while_writing += leftovers
    elif got == after:
        outcome = "after"
        tally.after += 1
        tally.finished_before_kill += not killed
    else:
        tally.failures.append(f"{label}: neither before nor after: {describe(got, *expected)}")
        print(f"{label}: FAILED: {tally.failures[-1]}", flush=True)
        return
    try:
        run_add(copy, more, env)
        converged = state(copy)
    except (RuntimeError, IndexProblem, subprocess.TimeoutExpired) as error:
        tally.failures.append(f"{label}: the add after the crash failed: {error}")
        print(f"{label}: FAILED: {tally.failures[-1]}", flush=True)
        return
    if converged != after:
        differs = describe(converged, *expected)
        tally.failures.append(f"{label}: re-add is not the clean build: {differs}")
        print(f"{label}: FAILED: {tally.failures[-1]}", flush=True)
        return
    tally.converged += 1
    shutil.rmtree(copy, ignore_errors=True)
    if verbose:
        if not killed:
            detail = " (finished before the kill)"
        elif outcome == "before" and leftovers:
            detail = " (killed while writing)"
        else:
            detail = ""
        print(f"{label}: {outcome}{detail}, re-add converged", flush=True)


def delays(
    trials: int, duration: float, near: int, commit: float, rng: random.Random
) -> list[float]:
    """One random moment in each of `trials` equal slices of [0, 1.05 × duration] (random, yet
    spread over the whole add: start-up, reading, writing, commit), plus `near` moments within
    0.15 s before and 0.05 s after the measured commit; shuffled."""
    span = duration * 1.05
    moments = [span * (i + rng.random()) / trials for i in range(trials)]
    moments += [max(0.0, commit + rng.uniform(-0.15, 0.05)) for _ in range(near)]
    rng.shuffle(moments)
    return moments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50, help="kills to try (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--lists", type=int, default=12, help="conference lists each add reads (default 12)"
    )
    parser.add_argument(
        "--near-commit",
        type=int,
        default=0,
        metavar="N",
        help="also kill N times around the measured commit (default 0)",
    )
    parser.add_argument("--workdir", type=Path, help="keep the trial indexes here")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per trial")
    args = parser.parse_args(argv)
    if args.trials < 1:
        parser.error("--trials must be at least 1")

    started = time.monotonic()
    rng = random.Random(args.seed)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="crash-trials-"))
    work.mkdir(parents=True, exist_ok=True)
    env = environment(work)
    chosen = choose_lists(args.lists)
    before_lists = copy_lists(chosen.before, work / "lists" / "before")
    more = copy_lists(chosen.more, work / "lists" / "more")
    try:
        before_index = work / "before"
        with Library(before_index) as library:
            library.add(before_lists)
        clean = work / "clean"
        with Library(clean) as library:
            library.add(before_lists + more)
        before, after = state(before_index), state(clean)
        if before == after:
            print("the added lists change nothing: no trial would tell", file=sys.stderr)
            return 2

        # Measure an uninterrupted add (twice; it must give the clean build too).
        timings = []
        for attempt in range(2):
            copy = work / f"measure-{attempt}"
            shutil.copytree(before_index, copy)
            timings.append(timed_add(copy, more, env))
            if state(copy) != after:
                print("an uninterrupted add does not give the clean build", file=sys.stderr)
                return 1
            shutil.rmtree(copy)
        duration = statistics.mean(t for t, _ in timings)
        commit = statistics.mean(c for _, c in timings)
        total = args.trials + args.near_commit
        print(
            f"lists from {chosen.origin}: {len(before_lists)} before "
            f"({len(before['papers'])} papers), {len(more)} added "
            f"({len(after['papers'])} papers after); one add takes {duration:.2f} s and "
            f"commits at {commit:.2f} s; {args.trials} trials spread over the add"
            + (f" + {args.near_commit} around the commit" if args.near_commit else "")
            + f", seed {args.seed}",
            flush=True,
        )
        setup = Setup(work, before_index, more, before, after, env)
        tally = Tally()
        moments = delays(args.trials, duration, args.near_commit, commit, rng)
        for number, delay in enumerate(moments, start=1):
            trial(setup, number, delay, tally, args.verbose)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"before: {tally.before} trials ({tally.killed_while_writing} killed while writing)")
    print(f"after: {tally.after} trials ({tally.finished_before_kill} finished before the kill)")
    print(f"converged: {tally.converged}/{total} re-adds equal the clean build")
    print(f"failures: {len(tally.failures)}")
    for failure in tally.failures:
        print(f"  {failure}")
    print(f"duration: {time.monotonic() - started:.1f} s")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
