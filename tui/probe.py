"""Provides the start-up probe the benchmark uses: when was the first list painted, with how
much memory ($PAPERBROWSE_STARTUP_PROBE names the file to write)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

PROBE = os.environ.get("PAPERBROWSE_STARTUP_PROBE")


def write_probe(rows: int) -> None:
    """Write the paint time (epoch seconds), resident and peak memory, and the row count."""
    if not PROBE:
        return
    status = Path("/proc/self/status")
    memory = status.read_text() if status.exists() else ""
    fields = dict(line.split(":", 1) for line in memory.splitlines() if ":" in line)
    Path(PROBE).write_text(
        json.dumps(
            {
                "painted_at": time.time(),
                "rss_kb": int(fields.get("VmRSS", "0 kB").split()[0]),
                "peak_rss_kb": int(fields.get("VmHWM", "0 kB").split()[0]),
                "rows": rows,
            }
        )
    )
