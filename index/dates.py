"""Provides the facts derived from a paper's dates: its year and its sort date, one rule each,
so that `year:`, `date:`, `--sort date`, the facets, `stats` and BibTeX all agree."""

from __future__ import annotations

import re
from collections.abc import Iterable

YEAR_RULE = "venue year, else the year of the arXiv id, else the year of the earliest list date"
"""How a paper's year is derived (said by `stats` and the README)."""
DATE_RULE = "newest list date, else the month of the arXiv id, else the venue year"
"""How a paper's sort date is derived (said by `stats` and the README)."""

_NEW_STYLE = re.compile(r"^(\d\d)(\d\d)\.\d{4,5}$")
_OLD_STYLE = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/(\d\d)(\d\d)\d{3}$", re.IGNORECASE)


def arxiv_month(arxiv_id: str | None) -> tuple[int, int] | None:
    """(year, month) an arXiv id was issued in: `2104.09864` is April 2021, `hep-th/9901001`
    January 1999. Old-style ids ran from 1991 to 2007, new-style ones from 2007 on."""
    if not arxiv_id:
        return None
    match = _NEW_STYLE.match(arxiv_id) or _OLD_STYLE.match(arxiv_id)
    if match is None:
        return None
    yy, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    if match.re is _OLD_STYLE:
        return (1900 + yy if yy >= 91 else 2000 + yy), month
    return 2000 + yy, month


def derive_year(
    venue_year: int | None, arxiv_id: str | None, list_dates: Iterable[str]
) -> int | None:
    """A paper's year by YEAR_RULE; None when nothing gives one (a Hugging Face dump's entry
    has only a `Mar 12` label)."""
    if venue_year:
        return venue_year
    if month := arxiv_month(arxiv_id):
        return month[0]
    dates = sorted(d for d in list_dates if d)
    return int(dates[0][:4]) if dates else None


def sort_date(list_date: str | None, arxiv_id: str | None, venue_year: int | None) -> str | None:
    """A paper's sort date by DATE_RULE, at the precision known: `2021-04-21`, `2021-04` or
    `2021`; None when nothing gives one."""
    if list_date:
        return list_date
    if month := arxiv_month(arxiv_id):
        return f"{month[0]:04d}-{month[1]:02d}"
    if venue_year:
        return f"{venue_year:04d}"
    return None


def date_number(date: str | None) -> int:
    """A sort date as the integer the index sorts on: `2021-04-21` → 20210421; a month or a
    year alone gets zeros (`2021-04` → 20210400), so it sorts after the days it holds when
    the newest come first; 0 (last) for no date."""
    if not date:
        return 0
    parts = [int(p) for p in date.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def date_terms(dates: Iterable[str]) -> list[str]:
    """What `date:` matches for these dates: each day, its month and its year
    (`2020-07-14` gives `2020-07-14 2020-07 2020`), so a query may name any of the three."""
    terms: set[str] = set()
    for date in dates:
        parts = date.split("-")
        terms.update("-".join(parts[:n]) for n in range(1, len(parts) + 1))
    return sorted(terms)
