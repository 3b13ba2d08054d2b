"""Provides every path paperbrowse uses, from platformdirs, each overridable by flag or env var."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "paperbrowse"

ENV_DATA_DIR = "PAPERBROWSE_DATA_DIR"
ENV_CACHE_DIR = "PAPERBROWSE_CACHE_DIR"
ENV_INDEX = "PAPERBROWSE_INDEX"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def data_dir(override: str | Path | None = None) -> Path:
    """Where the user's index lives: `--data-dir`, $PAPERBROWSE_DATA_DIR, or the platform's."""
    if override:
        return Path(override).expanduser()
    if env := _from_env(ENV_DATA_DIR):
        return env
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir(override: str | Path | None = None) -> Path:
    """Rebuildable things (the demo index): `--cache-dir`, $PAPERBROWSE_CACHE_DIR, or the
    platform's cache directory."""
    if override:
        return Path(override).expanduser()
    if env := _from_env(ENV_CACHE_DIR):
        return env
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def index_dir(override: str | Path | None = None, data: str | Path | None = None) -> Path:
    """The index: `--index`, $PAPERBROWSE_INDEX, or `index/` in the data directory."""
    if override:
        return Path(override).expanduser()
    if env := _from_env(ENV_INDEX):
        return env
    return data_dir(data) / "index"


def demo_index_dir(cache: str | Path | None = None) -> Path:
    """The built-in sample's own index, never the user's."""
    return cache_dir(cache) / "demo-index"


def marks_file(data: str | Path | None = None) -> Path:
    """The user's marks (read, star, tags, notes): `marks.sqlite3` in the data directory,
    never in the index, which is rebuilt from the lists while marks are not rebuildable."""
    return data_dir(data) / "marks.sqlite3"


def lists_dir(data: str | Path | None = None) -> Path:
    """Where fetched lists are saved (`lists/<source>/…` in the data directory): files the
    index records like any list, so `reindex` rebuilds them with no network."""
    return data_dir(data) / "lists"


def resolve_cache_file(data: str | Path | None = None) -> Path:
    """What arXiv answered for each title `resolve` asked about, found or not."""
    return data_dir(data) / "resolve-cache.json"
