"""Provides fetching lists from the live sources (Hugging Face daily papers, arXiv listings,
OpenReview venues) and resolving titles to arXiv ids. Each source's base URL comes from the
environment, so tests point it at a local server."""

from __future__ import annotations

import os

SOURCES = {
    "hf": ("PAPERBROWSE_HF_URL", "https://huggingface.co"),
    "arxiv": ("PAPERBROWSE_ARXIV_URL", "https://export.arxiv.org"),
    "openreview": ("PAPERBROWSE_OPENREVIEW_URL", "https://api2.openreview.net"),
}
"""Each source: the environment variable naming its base URL, and the default."""

NAMES = {"hf": "Hugging Face", "arxiv": "arXiv", "openreview": "OpenReview"}


def base_url(source: str) -> str:
    """The base URL of a source: its environment variable, else the public service."""
    variable, default = SOURCES[source]
    return (os.environ.get(variable, "").strip() or default).rstrip("/")
