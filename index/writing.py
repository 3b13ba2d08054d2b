"""Provides replace_papers: inside one Whoosh writer, the papers touched by changed or removed
lists are deleted and written again, merged with what other lists say of the same papers."""

from __future__ import annotations

import json
from typing import Any

from .intake import SAVING, WRITING, FileRecord, PaperCounts, Progress
from .merge import entry_keys, merge_entries, paper_keys
from .models import Entry, Paper
from .schema import KIND_FILE, file_token, paper_document

__all__ = ["SAVING", "replace_papers"]


def _touched(reader: Any, gone: set[str], new_entries: list[Entry]) -> dict[int, Paper]:
    """The live papers that cite a changed or removed file, or share a key with a new entry."""
    affected: dict[int, Paper] = {}
    if not reader.doc_count():
        return affected
    present = {t for t in (file_token(p) for p in gone) if reader.doc_frequency("files", t)}
    wanted = {k for e in new_entries for k in entry_keys(e)}
    lexicon = set(reader.lexicon("mkeys")) if wanted else set()
    keys = {k for k in wanted if k.encode() in lexicon or k in lexicon}
    docnums: set[int] = set()
    for token in present:
        docnums.update(reader.postings("files", token).all_ids())
    for key in keys:
        docnums.update(reader.postings("mkeys", key).all_ids())
    for docnum in docnums:
        if reader.is_deleted(docnum):
            continue
        stored = reader.stored_fields(docnum)
        if stored.get("key", "").startswith("file:"):
            continue  # a file record (older indexes tagged them with the token too)
        affected[docnum] = Paper.from_store(stored["data"])
    return affected


def replace_papers(
    writer: Any,
    changed: dict[str, list[Entry]],
    records: dict[str, FileRecord],
    removed: list[str],
    progress: Progress | None = None,
) -> PaperCounts:
    """Replace the papers touched by changed or removed files, and the files' records."""
    gone = set(changed) | set(removed)
    new_entries = [e for entries in changed.values() for e in entries]
    affected = _touched(writer.reader(), gone, new_entries)
    kept = [e for p in affected.values() for e in p.entries if e.source.path not in gone]
    papers = merge_entries(kept + new_entries)
    old_by_key = {p.key: p for p in affected.values()}
    for docnum in affected:
        writer.delete_document(docnum)
    old_owner = {k: p.key for p in affected.values() for k in paper_keys(p)}
    counts = PaperCounts(written=len(papers))
    continued: set[str] = set()
    for written, paper in enumerate(papers):
        if progress is not None and written % 50 == 0:
            progress(written, len(papers), "", stage=WRITING)
        writer.add_document(**paper_document(paper))
        before = {old_owner[k] for k in paper_keys(paper) if k in old_owner}
        continued |= before
        if not before:
            counts.new += 1
        elif old_by_key.get(paper.key) != paper:
            counts.updated += 1
        if len(paper.sources) > 1 and any(s.path in changed for s in paper.sources):
            counts.merged += 1
    counts.removed = len(set(old_by_key) - continued)
    if progress is not None:
        progress(len(papers), len(papers), "", stage=WRITING)
    for path in gone:
        writer.delete_by_term("key", "file:" + path)
    for path, record in records.items():
        writer.add_document(
            key="file:" + path,
            kind=KIND_FILE,
            data=json.dumps(record.to_json(), ensure_ascii=False),
        )
    return counts
