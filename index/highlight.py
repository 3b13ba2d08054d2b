"""Provides highlight_spans: where a query's words are in a text, for the detail pane."""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer

_HIGHLIGHT_ANALYZER = StemmingAnalyzer(stoplist=None, minsize=1)


def highlight_spans(text: str, terms: tuple[tuple[str, str], ...]) -> list[tuple[int, int]]:
    """Character spans of `text` that a query's terms match (stemmed words, prefixes)."""
    if not terms or not text:
        return []
    exact = {t for kind, t in terms if kind == "term"}
    prefixes = tuple(t for kind, t in terms if kind == "prefix")
    spans = []
    for token in _HIGHLIGHT_ANALYZER(text, chars=True, mode="index"):
        word = text[token.startchar : token.endchar].lower()
        if token.text in exact or word in exact or (prefixes and word.startswith(prefixes)):
            spans.append((token.startchar, token.endchar))
    return spans
