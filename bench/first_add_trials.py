"""Starts two or three `paperbrowse add` at once on a directory that holds no index yet, under
CPU load, and checks that every add exits 0 and no paper is lost.

Each trial picks 2-3 disjoint groups of lists of varied sizes (a few papers to a few
thousand), an order and start offsets (0-0.4 s apart; the smaller add often first), and
whether the index directory is absent or an empty directory; it starts the adds while a busy
process spins, waits for all of them, then checks that:

- every add exited 0 (none failed because another was creating the index);
- the index opens and holds exactly the papers and recorded lists of one clean, sequential
  build of all the groups.

    .venv/bin/python bench/first_add_trials.py --trials 100      # the README's figure
    .venv/bin/python bench/first_add_trials.py --trials 3 --small # the CI-sized run

Uses ../shared (seeds and conference lists) when it exists, else the fixture lists under
tests/fixtures. Exits 1 if any trial fails."""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from crash_trials import copy_lists, environment, state
from paperbrowse.index.library import IndexProblem, Library

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
BUSY = "while True: pass"
STARTER = """
import os, sys, time
from paperbrowse.tui import cli, output
from paperbrowse.index import store
ready, go, offset = sys.argv[1], sys.argv[2], float(sys.argv[3])
open(ready, "w").close()
deadline = time.monotonic() + 60
while not os.path.exists(go) and time.monotonic() < deadline:
    time.sleep(0.001)
time.sleep(offset)
sys.exit(cli.main(sys.argv[4:]))
"""
"""A child that loads paperbrowse, says it is ready, waits for the start signal, waits its
offset, then runs the command: the starts are then apart by the offsets alone, not by the
scheduler's whims over half a second of imports."""


@dataclass
class Tally:
    """What the trials ended in."""

    trials: int = 0
    adds: int = 0
    papers_expected: int = 0
    papers_lost: int = 0
    waited: int = 0
    failures: list[str] = field(default_factory=list)


def pool(small: bool) -> list[Path]:
    """Lists to draw groups from: seeds and conference lists of ../shared, else fixtures."""
    kinds = ("conference", "hotpapers", "hfdaily")
    fixtures = sorted(path for kind in kinds for path in (FIXTURES / kind).glob("*"))
    if small or not (SHARED / "seeds").is_dir():
        return fixtures
    conference = sorted((SHARED / "corpus" / "conference").glob("*.md"))
    return sorted((SHARED / "seeds").glob("*.txt")) + conference[:6] + fixtures


def groups(lists: list[Path], rng: random.Random, small: bool) -> list[list[Path]]:
    """2-3 disjoint groups of lists, of sizes from one list to many (so one add is short and
    another long, or both alike)."""
    count = rng.choice((2, 2, 3))
    shuffled = lists[:]
    rng.shuffle(shuffled)
    most = 3 if small else 5
    chosen: list[list[Path]] = []
    for _ in range(count):
        size = rng.randint(1, min(most, len(shuffled) - (count - len(chosen) - 1)))
        chosen.append(shuffled[:size])
        shuffled = shuffled[size:]
    return chosen


def command(index: Path, paths: list[Path], ready: Path, go: Path, offset: float) -> list[str]:
    """`paperbrowse add PATHS --index INDEX`, started on the signal `go` plus `offset` s."""
    starter = [sys.executable, "-c", STARTER, str(ready), str(go), f"{offset:.4f}"]
    return [*starter, "add", *map(str, paths), "--index", str(index)]


def wait_for_files(paths: list[Path], timeout: float = 60.0) -> None:
    """Until every path exists (the children are loaded); bounded."""
    deadline = time.monotonic() + timeout
    while not all(path.exists() for path in paths):
        if time.monotonic() > deadline:
            raise RuntimeError(f"children not ready after {timeout} s")
        time.sleep(0.005)


def clean_state(lists: list[list[Path]], work: Path, built: dict[tuple[Path, ...], dict]) -> dict:
    """What one sequential add of every group into a fresh index holds (built once per
    combination: it depends only on the lists, not on their grouping or order)."""
    key = tuple(sorted(path for group in lists for path in group))
    if key not in built:
        clean = work / f"clean-{len(built):03d}"
        with Library(clean) as library:
            library.add(list(key))
        built[key] = state(clean)
        shutil.rmtree(clean, ignore_errors=True)
    return built[key]


def trial(
    number: int,
    lists: list[list[Path]],
    expected: dict,
    work: Path,
    env: dict[str, str],
    rng: random.Random,
    tally: Tally,
    verbose: bool,
) -> None:
    """One trial: the groups added at once into a fresh index, then checked."""
    index = work / f"trial-{number:03d}" / "index"
    index.parent.mkdir(parents=True)
    if rng.random() < 0.5:
        index.mkdir()  # an empty directory, as `mkdir` before the first add leaves
    # Mostly within a few milliseconds (the creating window), sometimes a little apart.
    spread = rng.choice((0.0, 0.0, 0.005, 0.02, 0.1))
    offsets = sorted(rng.uniform(0, spread) for _ in lists)
    offsets[0] = 0.0
    signals = index.parent
    readies = [signals / f"ready-{i}" for i in range(len(lists))]
    children = [
        subprocess.Popen(
            command(index, group, ready, signals / "go", offset),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for group, ready, offset in zip(lists, readies, offsets, strict=True)
    ]
    wait_for_files(readies)
    (signals / "go").touch()
    outputs = [child.communicate(timeout=600)[1] for child in children]
    codes = [child.returncode for child in children]
    sizes = "+".join(str(len(group)) for group in lists)
    label = f"trial {number:3d} ({len(lists)} adds of {sizes} lists, offsets {offsets[-1]:.2f} s)"
    tally.trials += 1
    tally.adds += len(lists)
    tally.papers_expected += len(expected["papers"])
    tally.waited += sum("waiting for another paperbrowse" in out for out in outputs)
    problems = [
        f"add {i} exited {code}: {out.strip()[-300:]}"
        for i, (code, out) in enumerate(zip(codes, outputs, strict=True))
        if code
    ]
    try:
        got = state(index)
    except IndexProblem as problem:
        got = {"papers": {}, "files": {}}
        problems.append(f"does not open: [{problem.kind}] {problem}")
    lost = len(set(expected["papers"]) - set(got["papers"]))
    tally.papers_lost += lost
    if got != expected:
        problems.append(
            f"{len(got['papers'])} of {len(expected['papers'])} papers ({lost} lost), "
            f"{len(got['files'])} of {len(expected['files'])} lists recorded"
        )
    if problems:
        tally.failures.append(f"{label}: " + "; ".join(problems))
        print(f"{label}: FAILED: {'; '.join(problems)}", flush=True)
        return
    shutil.rmtree(index.parent, ignore_errors=True)
    if verbose:
        print(f"{label}: {len(expected['papers'])} papers, all present", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100, help="trials to run (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--busy", type=int, default=1, help="busy processes (default 1)")
    parser.add_argument(
        "--combinations", type=int, default=6, help="distinct combinations of lists (default 6)"
    )
    parser.add_argument("--small", action="store_true", help="fixture lists only (CI-sized)")
    parser.add_argument("--workdir", type=Path, help="keep failed trials' indexes here")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per trial")
    args = parser.parse_args(argv)
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    started = time.monotonic()
    rng = random.Random(args.seed)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="first-add-trials-"))
    work.mkdir(parents=True, exist_ok=True)
    env = environment(work)
    lists = copy_lists(pool(args.small), work / "lists")
    # A kill (SIGTERM) still stops the busy processes and removes the work directory.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(args.busy)]
    tally = Tally()
    built: dict[tuple[Path, ...], dict] = {}
    # A few combinations of lists, each met in many orders, offsets and groupings.
    combinations = [groups(lists, rng, args.small) for _ in range(args.combinations)]
    try:
        for number in range(1, args.trials + 1):
            chosen = [group[:] for group in rng.choice(combinations)]
            rng.shuffle(chosen)
            expected = clean_state(chosen, work, built)
            trial(number, chosen, expected, work, env, rng, tally, args.verbose)
    finally:
        for process in busy:
            process.kill()
            process.wait()
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"trials: {tally.trials} ({tally.adds} adds, {args.busy} busy process(es))")
    print(f"papers: {tally.papers_expected} expected, {tally.papers_lost} lost")
    print(f"adds that waited for another: {tally.waited}")
    print(f"failures: {len(tally.failures)}")
    for failure in tally.failures:
        print(f"  {failure}")
    print(f"duration: {time.monotonic() - started:.1f} s")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
