"""Tests `paperbrowse resolve` end to end against a local arXiv API: exact title (and
surname) matches only, the cache that makes a second run ask nothing, ids that survive
`reindex` and merge papers, and Ctrl-C keeping what was resolved."""

from __future__ import annotations

import json
import re
import signal
import threading
import time

from fetch_server import Reply, atom_entry, atom_feed, hf_item

ENTRY = (
    "## [{n}] {title}\n\n**Authors**: *{authors}*\n\n**Conference**: *icml 2025*\n\n"
    "**Abstract**:\n\nAn invented abstract for paper {n}.\n\n----\n\n"
)
PAPERS = [
    ("Quiet Gradients for Sparse Networks", "Mia Lund, Noor Haddad"),
    ("Unlisted Paper About Nothing Known", "Ola Berg"),
    ("Ambiguous Twins in Graph Search", "Pia Twin"),
    ("Same Title, Other People Entirely", "Rui Costa"),
    ("Short", "Sam Short"),
    ("Punctuation: Matters Not — For Titles!", ""),
]
ARXIV = {
    "quiet gradients for sparse networks": [
        ("2601.00001", "Quiet Gradients for Sparse Networks", ["Mia Lund"]),
        ("2601.00099", "Quiet Gradients for Sparse Networks Revisited", ["Mia Lund"]),
    ],
    "ambiguous twins in graph search": [
        ("2601.00002", "Ambiguous Twins in Graph Search", ["Pia Twin"]),
        ("2601.00003", "Ambiguous twins in graph search", ["Pia Twin"]),
    ],
    "same title other people entirely": [
        ("2601.00004", "Same Title: Other People Entirely", ["Zed Stranger"]),
    ],
    "punctuation matters not for titles": [
        ("2601.00005", "Punctuation Matters Not for Titles", ["Any One"]),
    ],
}
QUERY = "/api/query"


def arxiv_by_title(delay: float = 0.0):
    def handle(request):
        phrase = re.fullmatch(r'ti:"(.*)"', request.query["search_query"]).group(1)
        entries = [atom_entry(i, t, a) for i, t, a in ARXIV.get(phrase, [])]
        return Reply(atom_feed(entries), content_type="application/atom+xml", delay=delay)

    return handle


def _index(pb, tmp_path, papers=PAPERS):
    path = tmp_path / "ICML-2025-list.md"
    path.write_text(
        "".join(ENTRY.format(n=n, title=t, authors=a) for n, (t, a) in enumerate(papers)),
        encoding="utf-8",
    )
    done = pb("add", path)
    assert done.returncode == 0, done.stderr
    return path


def _ids(pb) -> dict[str, str | None]:
    return {p["title"]: p["arxiv_id"] for p in pb.search()}


def test_resolve_records_only_exact_matches(pb, server, tmp_path):
    """The exact title (punctuation and case aside) with a shared surname gets its id; a
    longer title, two ids for one title, another team's paper and a short title do not."""
    _index(pb, tmp_path)
    server.route(QUERY, arxiv_by_title())
    done = pb("resolve")
    assert done.returncode == 0, done.stderr
    ids = _ids(pb)
    assert ids["Quiet Gradients for Sparse Networks"] == "2601.00001"
    # arXiv's wording is the authors' own, so it wins the merged title (as Hot Papers' does)
    assert ids["Punctuation Matters Not for Titles"] == "2601.00005"
    for title in ("Unlisted Paper About Nothing Known", "Ambiguous Twins in Graph Search",
                  "Same Title, Other People Entirely", "Short"):  # fmt: skip
        assert ids[title] is None, title
    assert len(ids) == len(PAPERS)  # resolved papers merged, not added beside
    assert server.count(QUERY) == 5  # "Short" is never asked about
    assert re.search(r"resolve [1-5]/5: found 2601.00001: Quiet Gradients", done.stderr)
    assert "2 found, 2 not on arXiv, 1 ambiguous" in done.stderr
    paper = next(p for p in pb.search() if p["arxiv_id"] == "2601.00001")
    assert paper["urls"]["abs"] == "https://arxiv.org/abs/2601.00001"
    assert paper["venue"] == "ICML" and paper["format"] == "conference"
    asked = {r.query["search_query"] for r in server.requests}
    assert 'ti:"quiet gradients for sparse networks"' in asked


def test_a_second_resolve_asks_nothing(pb, server, tmp_path):
    """Found and not-found answers are cached in the data dir: a second run sends no request."""
    _index(pb, tmp_path)
    server.route(QUERY, arxiv_by_title())
    assert pb("resolve").returncode == 0
    asked = server.count(QUERY)
    done = pb("resolve")
    assert done.returncode == 0, done.stderr
    assert server.count(QUERY) == asked
    assert "3 answered before (cache)" in done.stderr
    cache = json.loads((pb.data / "resolve-cache.json").read_text(encoding="utf-8"))
    assert cache["titles"]["unlisted paper about nothing known"]["arxiv_id"] is None


def test_resolved_ids_survive_reindex_without_the_network(pb, server, tmp_path):
    """The ids are a list of their own (lists/resolved/): `reindex` keeps them, offline."""
    _index(pb, tmp_path)
    server.route(QUERY, arxiv_by_title())
    assert pb("resolve").returncode == 0
    before = _ids(pb)
    server.close()
    assert pb("reindex").returncode == 0
    assert _ids(pb) == before
    assert (pb.lists / "resolved" / "arxiv-ids.jsonl").is_file()


def test_a_resolved_paper_merges_with_a_list_naming_its_id(pb, server, tmp_path):
    """After resolving, a fetched daily list naming 2601.00001 adds a source to the same
    paper instead of a second paper."""
    _index(pb, tmp_path)
    server.route(QUERY, arxiv_by_title())
    assert pb("resolve").returncode == 0
    item = hf_item(1)
    item["paper"].update(id="2601.00001", title="Quiet Gradients for Sparse Networks")
    server.route("/api/daily_papers", Reply([item]))
    assert pb("fetch", "hf", "--date", "2026-11-30").returncode == 0
    [paper] = pb.search("arxiv:2601.00001")
    assert {s["format"] for s in paper["sources"]} == {"conference", "arxiv", "hfdaily"}
    assert len(_ids(pb)) == len(PAPERS)


def test_resolve_a_query_asks_only_about_its_papers(pb, server, tmp_path):
    """`resolve quiet` looks up the papers the query finds and no others."""
    _index(pb, tmp_path)
    server.route(QUERY, arxiv_by_title())
    assert pb("resolve", "quiet").returncode == 0
    assert server.count(QUERY) == 1


def test_removing_a_list_drops_its_resolved_ids_at_the_next_resolve(pb, server, tmp_path):
    """The resolved list keeps only titles some list still names."""
    path = _index(pb, tmp_path)
    server.route(QUERY, arxiv_by_title())
    assert pb("resolve").returncode == 0
    assert pb("remove", path).returncode == 0
    assert pb("resolve").returncode == 0
    assert pb.search() == []
    assert not (pb.lists / "resolved" / "arxiv-ids.jsonl").exists()


def test_an_offline_resolve_is_one_line_and_changes_nothing(pb, server, tmp_path):
    """The API unreachable: one line naming arxiv, exit 1, no ids, no list written."""
    _index(pb, tmp_path)
    server.route(QUERY, Reply("<html>down</html>", status=200, content_type="text/html"))
    done = pb("resolve")
    assert done.returncode == 1
    assert "paperbrowse: arxiv: the server answered with an HTML page" in done.stderr
    assert set(_ids(pb).values()) == {None}
    assert not (pb.lists / "resolved").exists()


def test_ctrl_c_keeps_what_was_resolved(pb, server, tmp_path):
    """SIGINT in the middle of a slow run: exit 130, the ids found so far are in the index,
    and the next run asks only about the papers not yet answered."""
    papers = [(f"Slow Paper Number {n} About Long Waits", "Ada Slow") for n in range(8)]
    for n, (title, _) in enumerate(papers):
        ARXIV[title.lower()] = [(f"2601.1{n:04d}", title, ["Ada Slow"])]
    _index(pb, tmp_path, papers)
    server.route(QUERY, arxiv_by_title(delay=0.4))
    process = pb.popen("resolve")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while sum("found" in line for line in lines) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    reader.join(timeout=10)
    summary = "".join(lines)
    assert "interrupted" in summary, summary
    found = [i for i in _ids(pb).values() if i]
    assert len(found) >= 3
    asked = server.count(QUERY)
    assert asked < 8
    server.route(QUERY, arxiv_by_title())
    assert pb("resolve").returncode == 0
    answered = len(found) + (asked - len(found))  # the one in flight may not have been kept
    assert server.count(QUERY) - asked in (8 - answered, 8 - answered + 1)
    assert len([i for i in _ids(pb).values() if i]) == 8


def test_surnames_match_in_either_name_order_and_with_accents():
    """`Wei Li` is `Li Wei`, `Schröder, J.` is `J. Schroder`; another team is not."""
    from paperbrowse.index.fetching.resolve import share_a_surname

    assert share_a_surname(["Li Wei"], ["Wei Li"])
    assert share_a_surname(["Schröder, Jürgen"], ["J. Schroder", "A. Other"])
    assert not share_a_surname(["Mia Lund"], ["Zed Stranger"])
