"""Provides exports of papers: BibTeX, Markdown, CSV or JSON text, written to a file whole.

`paperbrowse export` and the app's `e` both write through `export_file`, so a file written
from either is the same."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .cite import bibtex_entries, markdown_link, primary_link
from .marks import Mark
from .models import Entry, Paper

EXPORT_FORMATS = ("bibtex", "markdown", "csv", "json")
EXTENSIONS = {".bib": "bibtex", ".md": "markdown", ".markdown": "markdown", ".csv": "csv"}
EXTENSIONS[".json"] = "json"
CSV_COLUMNS = (
    "key", "title", "authors", "year", "venue", "date", "arxiv_id", "openreview_id", "url",
    "read", "starred", "tags", "note",
)  # fmt: skip


def where(paper: Paper | Entry) -> str:
    """Venue and year, else the list date, else the list's date label."""
    if paper.venue:
        return f"{paper.venue} {paper.year or ''}".strip()
    if paper.date:
        return paper.date
    sources = paper.sources if isinstance(paper, Paper) else (paper.source,)
    label = next((s.label for s in sources if s.label), None)
    return label or ""


def format_of(path: str | Path) -> str | None:
    """The export format a file name's extension names (`rope.bib` → bibtex), if any."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def _markdown(papers: Sequence[Paper], marks: Sequence[Mark] | None) -> str:
    lines = []
    for n, paper in enumerate(papers):
        mark = marks[n] if marks else Mark()
        about = "; ".join(x for x in (", ".join(paper.authors), where(paper)) if x)
        flags = ("★ " if mark.starred else "") + " ".join(f"#{t}" for t in mark.tags)
        line = f"- {markdown_link(paper)}" + (f" — {about}" if about else "")
        lines.append(line + (f" {flags.strip()}" if flags.strip() else ""))
        lines.extend(f"  > {text}" for text in mark.note.splitlines() if mark.note)
    return "\n".join(lines) + ("\n" if lines else "")


def _csv(papers: Sequence[Paper], marks: Sequence[Mark] | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for n, paper in enumerate(papers):
        mark = marks[n] if marks else Mark()
        writer.writerow([
            paper.key, paper.title, "; ".join(paper.authors), paper.year or "", paper.venue or "",
            paper.date or "", paper.arxiv_id or "", paper.openreview_id or "",
            primary_link(paper).url, int(mark.read), int(mark.starred), "; ".join(mark.tags),
            mark.note,
        ])  # fmt: skip
    return out.getvalue()


def _json(papers: Sequence[Paper], marks: Sequence[Mark] | None) -> str:
    items = []
    for n, paper in enumerate(papers):
        data = paper.to_json()
        data["marks"] = marks[n].to_json() if marks else None
        items.append(data)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render(form: str, papers: Sequence[Paper], marks: Sequence[Mark] | None) -> str:
    """An export of papers in one of EXPORT_FORMATS (BibTeX carries no marks)."""
    if form == "bibtex":
        return bibtex_entries(papers)
    return {"markdown": _markdown, "csv": _csv, "json": _json}[form](papers, marks)


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a file whole or not at all (a crash never leaves half an export)."""
    path = path.expanduser()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def export_file(
    path: str | Path, form: str, papers: Sequence[Paper], marks: Sequence[Mark] | None
) -> None:
    """Write an export to a file atomically. A CSV file gets a UTF-8 byte-order mark (a
    spreadsheet reads its accents right only with it). OSError when it cannot be written."""
    encoding = "utf-8-sig" if form == "csv" else "utf-8"
    write_atomically(Path(path), render(form, papers, marks), encoding)
