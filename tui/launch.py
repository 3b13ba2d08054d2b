"""Provides run_app: the bare `paperbrowse` command (the app is not built yet)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    raise SystemExit("paperbrowse: the app is not available yet; use the parse/add/search commands")
