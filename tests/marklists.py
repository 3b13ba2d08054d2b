"""Provides invented paper lists for the marks tests: written to a folder, edited per test."""

from __future__ import annotations

from pathlib import Path

HOT_HEADER = """---
title: Hot Papers 2024-05-02
date: 2024-05-03T09:00:00.Z
template: "post"
---

"""
HOT_ENTRY = """# {n}. {title}

{authors}

- retweets: {n}0, favorites: {n} (05/02/2024 09:00:00)

- links: [abs](https://arxiv.org/abs/{arxiv}) | [pdf](https://arxiv.org/pdf/{arxiv})
- [cs.LG](https://arxiv.org/list/cs.LG/recent)

{abstract}

"""
CONF_ENTRY = """## [{n}] {title}

**Authors**: *{authors}*

**Conference**: *iclr 2024*

**URL**: [{url}]({url})

**Abstract**:

{abstract}

----

"""

PAPERS = [
    # (title, authors, arXiv id, abstract)
    (
        "Tidal Diffusion Models for Coastal Flood Forecasting",
        "Ines Marlow, Kofi Brandt",
        "2405.01001",
        "Diffusion models forecast coastal floods from tide gauges.",
    ),
    (
        "Lattice Kernels for Sparse Graph Matching",
        "Oren Vale",
        "2405.01002",
        "Graph matching with lattice kernels on sparse graphs.",
    ),
    (
        "Quiet Gradients Make Robust Vision Transformers",
        "Hana Sato, Luca Perin",
        "2405.01003",
        "Vision transformers trained with quiet gradients resist noise.",
    ),
]
OPENREVIEW_PAPER = (
    "Orchard Sampling for Offline Reinforcement Learning",
    "Mira Oakes",
    "OrchardXY12",
    "Offline reinforcement learning by sampling orchards of trajectories.",
)


def hot_list(papers: list[tuple[str, str, str, str]] = PAPERS) -> str:
    """A Hot Papers post naming `papers` with their arXiv ids."""
    body = "".join(
        HOT_ENTRY.format(n=n, title=t, authors=a, arxiv=x, abstract=b)
        for n, (t, a, x, b) in enumerate(papers, 1)
    )
    return HOT_HEADER + body


def conference_list(papers: list[tuple[str, str, str, str]]) -> str:
    """A conference list naming `papers` without arXiv ids: an id without a dot is an
    OpenReview id (its forum is the URL), else the URL is a proceedings page."""
    entries = []
    for n, (title, authors, ident, abstract) in enumerate(papers, 1):
        url = (
            f"https://openreview.net/forum?id={ident}"
            if "." not in ident
            else f"https://proceedings.example.org/iclr2024/{n}"
        )
        entries.append(
            CONF_ENTRY.format(n=n, title=title, authors=authors, url=url, abstract=abstract)
        )
    return "".join(entries)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
