"""Provides what the clipboard and end-to-end tests share: required tools, a private Xvfb."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time

import pytest


def require_tools(*tools: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail when it is missing in CI."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"missing {', '.join(missing)} (apt-get install tmux xvfb xclip)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must run these tests", pytrace=False)
    pytest.skip(message)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb server on a display it picks itself (free even under pytest-xdist)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        # -noreset: by default Xvfb resets when its last client leaves, and a client that
        # connects during the reset gets "Can't open display" (a flake seen in CI).
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-noreset", "-screen", "0",
         "320x240x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + 10
    while not number.endswith(b"\n"):
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(read_end, 16) if ready else b""
        if not chunk:
            server.kill()
            pytest.fail("Xvfb did not report a display within 10 s", pytrace=False)
        number += chunk
    os.close(read_end)
    return server, f":{number.decode().strip()}"


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(5)
    except subprocess.TimeoutExpired:
        server.kill()
