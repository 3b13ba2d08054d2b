"""The peer of `paperbrowse search` for the whole-process timing: one FTS5 query, JSON lines."""

import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
words = " AND ".join(sys.argv[2].split())
rows = db.execute(
    "SELECT title, authors, abstract FROM papers WHERE papers MATCH ? "
    "ORDER BY bm25(papers, 3.0, 1.5, 1.0) LIMIT 50",
    (words,),
).fetchall()
for title, authors, abstract in rows:
    sys.stdout.write(json.dumps({"title": title, "authors": authors, "abstract": abstract}) + "\n")
