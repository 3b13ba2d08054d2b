"""Provides the app-level measurements: keystroke-to-list latency in the running app (headless,
driven by Pilot one character at a time) and cold start of the real command in tmux."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PHRASES = (
    "graph neural net",
    "diffusion models",
    "rotary position",
    "transformer",
    "reinforcement learning",
    "large language model",
    "contrastive",
    "point cloud",
)
TYPING_GAP = 0.12
"""Seconds between keystrokes: a brisk typist."""


class StealClock:
    """The time the machine's hypervisor ran others while this virtual machine had work to
    do ("steal" in /proc/stat, summed over its CPUs, counted in clock ticks of 10 ms), so
    far; always 0 where it is not known. A UI stall with no tick of steal in it is the app's
    own: its UI thread's work, and its waits for the GIL or for a CPU. On a shared 2-vCPU
    machine the rest are not, and the figure is given both ways."""

    def __init__(self) -> None:
        try:
            self._fd: int | None = os.open("/proc/stat", os.O_RDONLY)
        except OSError:
            self._fd = None
        self._tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def read(self) -> float:
        """Seconds stolen so far (about 12 us to read: the heartbeat reads it each beat)."""
        if self._fd is None:
            return 0.0
        fields = os.pread(self._fd, 512, 0).split(b"\n", 1)[0].split()
        return int(fields[8]) / self._tick if len(fields) > 8 else 0.0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


async def _workers_done(app: Any) -> None:
    """Wait for the app's workers to end. Textual's `wait_for_complete` raises when one is
    cancelled meanwhile (a newer search or paper replaced it): that one has ended too."""
    from textual.worker import WorkerCancelled

    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def _keystrokes(index: Path, phrases: tuple[str, ...]) -> dict[str, Any]:
    from paperbrowse.index.library import Library
    from paperbrowse.tui.app import PaperBrowseApp
    from paperbrowse.tui.backend import Backend
    from paperbrowse.tui.screens.main import MainScreen

    shown: list[tuple[float, str]] = []
    original = MainScreen.show_outcome

    def recording(self: MainScreen, outcome: Any) -> None:
        original(self, outcome)
        shown.append((time.perf_counter(), outcome.text))

    MainScreen.show_outcome = recording  # type: ignore[method-assign]
    latencies: list[float] = []
    stalls: list[float] = []
    worked: list[float] = []
    stolen: list[float] = []
    steal = StealClock()

    async def heartbeat() -> None:
        """How long the event loop (the UI thread) is ever kept from running, while typing
        and while scrolling: a search or a row fetch that blocked it would show here. Each
        gap is also split: the UI thread's own CPU time in it (`worked`); the rest is waiting
        for the GIL or for a CPU (another thread, or the machine, ran meanwhile). And the
        machine's steal in it is kept (`stolen`, see StealClock)."""
        last, last_cpu, last_steal = time.perf_counter(), time.thread_time(), steal.read()
        while True:
            await asyncio.sleep(0.001)
            now, cpu, stole = time.perf_counter(), time.thread_time(), steal.read()
            stalls.append(now - last - 0.001)
            worked.append(cpu - last_cpu)
            stolen.append(stole - last_steal)
            last, last_cpu, last_steal = now, cpu, stole

    backend = Backend(Library(index))
    try:
        app = PaperBrowseApp(backend)
        async with app.run_test(size=(120, 36)) as pilot:
            # From the first list on screen: start-up is measured apart (`cold_start`), and
            # its one-off work (the first search, freezing the heap for the collector) is not
            # typing or scrolling.
            await _workers_done(app)
            await pilot.pause()
            beat = asyncio.create_task(heartbeat())
            for phrase in phrases:
                filter_input = app.screen.query_one("#filter")
                filter_input.value = ""  # type: ignore[attr-defined]
                await _workers_done(app)
                await pilot.pause()
                for i, char in enumerate(phrase, start=1):
                    text = phrase[:i]
                    started = time.perf_counter()
                    await pilot.press("space" if char == " " else char)
                    deadline = started + 5
                    while time.perf_counter() < deadline:
                        hit = next((t for t, s in shown if s == text and t >= started), None)
                        if hit is not None:
                            latencies.append(hit - started)
                            break
                        await asyncio.sleep(0.0005)
                    rest = TYPING_GAP - (time.perf_counter() - started)
                    if rest > 0:
                        await asyncio.sleep(rest)
                # Then scroll, while the counts may still be running: to the list, a few
                # pages down, to the very end (rows ranked on demand), and back.
                for key in ("enter", "pagedown", "pagedown", "pagedown", "end", "home", "slash"):
                    await pilot.press(key)
                    await asyncio.sleep(TYPING_GAP)
                await _workers_done(app)
            beat.cancel()
    finally:
        MainScreen.show_outcome = original  # type: ignore[method-assign]
        backend.close()  # the search process ends and is reaped: its peak memory is known
        steal.close()
    return _summary(latencies, stalls, worked, stolen)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _summary(
    latencies: list[float], stalls: list[float], worked: list[float], stolen: list[float]
) -> dict[str, Any]:
    unstolen = [gap for gap, stole in zip(stalls, stolen, strict=True) if not stole]
    return {
        "keystrokes": len(latencies),
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": _quantile(latencies, 0.95) * 1000,
        "max_ms": max(latencies) * 1000,
        "ui_stall_p99_ms": _quantile(stalls, 0.99) * 1000,
        "ui_stall_max_ms": max(stalls) * 1000,
        "ui_stalls_over_20ms": sum(1 for s in stalls if s > 0.020),
        "ui_stalls_over_50ms": sum(1 for s in stalls if s > 0.050),
        "ui_work_max_ms": max(worked) * 1000,
        "ui_work_over_20ms": sum(1 for w in worked if w > 0.020),
        "ui_stall_max_unstolen_ms": max(unstolen, default=0.0) * 1000,
        "ui_stalls_over_20ms_unstolen": sum(1 for s in unstolen if s > 0.020),
        "stolen_s": sum(stolen),
        "peak_rss_mb": _peak_rss_mb(),
        "search_process_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory (the app ran in it, headless; its index is
    searched in a child process, counted apart)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return float("nan")
    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
    return int(fields.get("VmHWM", "0 kB").split()[0]) / 1024


def keystroke_latency(index: Path) -> dict[str, Any]:
    """Keystroke -> list updated (first answer on screen), per character typed, measured in a
    fresh process running the app headless (so its memory is the app's alone)."""
    done = subprocess.run(
        [sys.executable, __file__, "keystrokes", str(index)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _command() -> str | None:
    """The installed `paperbrowse` next to this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("paperbrowse")
    return str(beside) if beside.exists() else shutil.which("paperbrowse")


def cold_start(index: Path, runs: int = 5) -> dict[str, Any]:
    """`paperbrowse --index INDEX` in tmux until the first list is painted (median of runs)."""
    command = _command()
    if command is None or shutil.which("tmux") is None:
        return {"skipped": "needs the installed paperbrowse command and tmux"}
    times: list[float] = []
    peaks: list[int] = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / "probe.json"
            socket = f"pbbench-{os.getpid()}-{run}"
            env = f"PAPERBROWSE_STARTUP_PROBE={probe}"
            started = time.time()
            subprocess.run(
                [
                    "tmux",
                    "-L",
                    socket,
                    "new-session",
                    "-d",
                    "-x",
                    "120",
                    "-y",
                    "36",
                    f"env {env} {command} --index {index}",
                ],
                check=True,
            )
            try:
                deadline = time.time() + 30
                while not probe.exists() and time.time() < deadline:
                    time.sleep(0.005)
                time.sleep(0.05)
                data = json.loads(probe.read_text())
            finally:
                subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
            times.append(data["painted_at"] - started)
            peaks.append(data["peak_rss_kb"])
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "peak_rss_mb": max(peaks) / 1024,
    }


def cli_search(
    index: Path, fts5_db: Path, query: str = "graph neural", runs: int = 9
) -> dict[str, Any]:
    """`paperbrowse search` as a whole process vs an equivalent FTS5 script (medians)."""
    command = _command()
    script = Path(__file__).with_name("fts5_search.py")
    python = shutil.which("python3") or "python3"
    if command is None:
        return {"skipped": "needs the installed paperbrowse command"}

    def timed(args: list[str]) -> float:
        values = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(args, capture_output=True, check=True)
            values.append(time.perf_counter() - started)
        return statistics.median(values)

    ours = timed([command, "search", query, "--limit", "50", "--json", "--index", str(index)])
    peer = timed([python, str(script), str(fts5_db), query])
    return {"paperbrowse_s": ours, "fts5_script_s": peer, "ratio": ours / peer}


if __name__ == "__main__" and sys.argv[1:2] == ["keystrokes"]:
    print(json.dumps(asyncio.run(_keystrokes(Path(sys.argv[2]), PHRASES))))
