"""Provides the text cleaning every list format shares: what a reader expects to see."""

from __future__ import annotations

import html
import re
import unicodedata

# C0 controls except tab/newline/CR, DEL, and C1 controls: never meaningful in a paper list,
# but real lists carry NUL and backspace bytes inside abstracts.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# MathML wrappers around TeX in proceedings abstracts: drop the tags, keep the TeX.
_TEX_TAG = re.compile(r"</?tex\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Characters that reorder text on screen (Trojan-source style); kept in data, stripped on display.
BIDI_CONTROLS = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise_newlines(text: str) -> str:
    """Turn CRLF, lone CR and Unicode line/paragraph separators into `\\n`."""
    return _LINE_BREAKS.sub("\n", text)


def _clean_common(text: str) -> str:
    text = normalise_newlines(text)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TEX_TAG.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """Clean a one-line field (title, author): whitespace runs collapsed, controls removed."""
    text = _clean_common(text).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def clean_paragraphs(text: str) -> str:
    """Clean a multi-line field (abstract): lines joined, paragraphs kept apart by a blank line."""
    text = _clean_common(text)
    paragraphs = []
    for block in _BLANK_LINE.split(text):
        joined = _SPACES.sub(" ", block.replace("\n", " ")).strip()
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def split_authors(text: str) -> tuple[str, ...]:
    """Split an author line on commas (and a final ` and `), dropping empty names."""
    text = clean_line(text)
    if not text:
        return ()
    parts = re.split(r",|;|\s+and\s+(?=[^,]*$)", text)
    return tuple(name for part in parts if (name := part.strip(" *_")))


def strip_markdown_emphasis(text: str) -> str:
    """Remove one level of `*…*` or `_…_` wrapping, as in `**Authors**: *A, B*`."""
    text = text.strip()
    for mark in ("**", "*", "__", "_"):
        if len(text) >= 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark) : -len(mark)].strip()
    if text in ("*", "**", "_", "__"):
        return ""
    return text


_TEX_COMMAND = re.compile(r"\\[a-zA-Z]+")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """The title as merging compares it: case, accents, punctuation, whitespace and TeX ignored."""
    text = clean_line(title)
    text = text.replace("$", " ")
    text = _TEX_COMMAND.sub(lambda m: " " + m.group(0)[1:] + " ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold())
    return " ".join(text.split())


def display_safe(text: str) -> str:
    """Text for a terminal: escape sequences and reordering controls removed, the rest kept."""
    text = _CONTROL.sub("", text.replace("\x1b", ""))
    return BIDI_CONTROLS.sub("", text)
