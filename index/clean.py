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


_SUPERSCRIPT = str.maketrans("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾")
_SUBSCRIPT = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")
_SCRIPT_CHARS = frozenset("0123456789+-−=()")
_ATTRIBUTES = r"""(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*"""
# A super- or subscript (IEEE proceedings write subscripts as <inf>) with the whitespace
# the lists put around it ("MCR <sup>2</sup> )"), and its neighbour (a second footnote
# marker keeps its space before it).
_SCRIPT = re.compile(
    r"(?P<before>\s*)<(?P<tag>sup|sub|inf)\b" + _ATTRIBUTES + r"\s*>(?P<body>[^<]*)"
    r"</(?P=tag)\s*>(?P<after>\s*)(?P<next>[),.;:!?\]]?)",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][\w.-]*(?::[\w.-]+)?)(?P<attrs>"
    + _ATTRIBUTES
    + r")\s*(?P<self>/?)>"
)
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>", re.DOTALL)
_VOID = {"br", "hr", "img", "wbr", "col", "area", "input", "source", "embed", "meta", "link"}
_BLOCK = {"br", "p", "div", "li", "tr", "td", "th", "hr", "ul", "ol", "table", "blockquote"}


def _script(match: re.Match[str]) -> str:
    """One <sup>/<sub>/<inf> as text: Unicode super/subscripts for digits and signs, an
    ordinal's letters as they are (`3rd`), else `^2`, `_i` or `^{box}`."""
    body = " ".join(match.group("body").split())
    superscript = match.group("tag").lower() == "sup"
    before = match.group("before")
    source, start = match.string, match.start()
    # The base is what precedes: the space before a script is the lists' artefact, except
    # between two footnote markers ("<sup>1</sup> <sup>1</sup> Source code").
    lead = before if before and source.endswith(("</sup>", "</sub>", "</inf>"), 0, start) else ""
    if not body:
        rendered = ""
    elif set(body) <= _SCRIPT_CHARS:
        rendered = body.translate(_SUPERSCRIPT if superscript else _SUBSCRIPT)
    elif (
        superscript
        and body.lower() in ("st", "nd", "rd", "th")
        and source[start - 1 : start].isdigit()
    ):
        rendered = body
    else:
        mark = "^" if superscript else "_"
        rendered = mark + (body if len(body) == 1 else "{" + body + "}")
    after = "" if match.group("next") else match.group("after")
    return lead + rendered + after + match.group("next")


def _strip_tags(text: str) -> str:
    """Drop what is HTML or XML markup, keeping the text inside it. A tag is markup when it
    has attributes, closes (`</b>`), is void or self-closing (`<br>`, `<x/>`), or opens an
    element that closes later; a lone `<s>` or `<mask>` token and `<subject, object>` stay."""
    text = _COMMENT.sub("", text)
    closing = {m.group("name").lower() for m in _TAG.finditer(text) if m.group("close")}

    def replace(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        markup = (
            bool(match.group("close"))
            or "=" in match.group("attrs")
            or bool(match.group("self"))
            or name in _VOID
            or name in closing
        )
        if not markup:
            return match.group(0)
        return " " if name in _BLOCK else ""

    return _TAG.sub(replace, text)


def strip_markup(text: str) -> str:
    """Raw HTML and MathML in a field rendered as plain text (CVPR abstracts carry
    `MCR <sup xmlns:mml=…>2</sup>`): `<tex>` wrappers dropped with their TeX kept, super-
    and subscripts as `MCR²` or `x_i`, every other tag dropped with its text kept."""
    if "<" not in text:
        return text
    text = _TEX_TAG.sub("", text)
    # Inner markup first (`<sup><i>n</i></sup>`), so a script's body is plain text.
    text = _SCRIPT.sub(_script, _strip_tags_keeping_scripts(text))
    return _strip_tags(text)


def _strip_tags_keeping_scripts(text: str) -> str:
    """`_strip_tags` for every tag but the scripts `_SCRIPT` renders."""
    if not re.search(r"<(?:sup|sub|inf)\b", text, re.IGNORECASE):
        return text
    parts = re.split(r"(</?(?:sup|sub|inf)\b[^<>]*>)", text, flags=re.IGNORECASE)
    return "".join(part if index % 2 else _strip_tags(part) for index, part in enumerate(parts))


def normalise_newlines(text: str) -> str:
    """Turn CRLF, lone CR and Unicode line/paragraph separators into `\\n`."""
    return _LINE_BREAKS.sub("\n", text)


def _clean_common(text: str) -> str:
    text = normalise_newlines(text)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = strip_markup(text)
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
