"""Provides the one way words are made comparable, shared by indexing and query reading.

Lists write the same word in several ways: `Polyak-{\\L}ojasiewicz` and `Lojasiewicz`,
`$\\alpha$-divergence`, `α-divergence` and `alpha divergence`, `M$^4$I` and `M4I`,
`Pre-training` and `pretraining`. Both sides of a search pass through `searchable`, and
hyphenated compounds are also indexed joined (`compounds`), so each spelling finds the others.
Stop words follow the title analyser: a word it drops constrains nothing in a query."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import STOP_WORDS

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma",
    "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Γ": "gamma", "Δ": "delta", "Θ": "theta", "Λ": "lambda", "Ξ": "xi",
    "Π": "pi", "Σ": "sigma", "Υ": "upsilon", "Φ": "phi", "Ψ": "psi", "Ω": "omega",
}  # fmt: skip
_GREEK_CHARS = re.compile("[" + "".join(GREEK) + "]")
# TeX letters that are not a base letter plus an accent.
_TEX_LETTERS = {
    "L": "L", "l": "l", "O": "O", "o": "o", "ss": "ss", "ae": "ae", "AE": "AE",
    "oe": "oe", "OE": "OE", "aa": "a", "AA": "A", "i": "i", "j": "j",
}  # fmt: skip
_TEX_ACCENT = re.compile(r"\\[\'\"`^~=.]\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))")
_TEX_LETTER_ACCENT = re.compile(r"\\[cvuHkrdbt](?:\s*\{\s*([A-Za-z])\s*\}|\s+([A-Za-z]))")
_TEX_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|L|l|O|o|i|j)(?![A-Za-z])")
_TEX_STYLE = re.compile(
    r"\\(?:math[a-z]*|text[a-z]*|emph|operatorname|boldsymbol|bm|rm|bf|it|sf|tt|cal)\b\s*"
)
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_MATH = re.compile(r"\$([^$]*)\$")
_BRACED = re.compile(r"\{([^{}\s]*)\}")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "‐": "-", "‑": "-", "−": "-"})  # fmt: skip
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_WORD = re.compile(r"[^\W_]+")


def _math(match: re.Match[str]) -> str:
    """Math as its letters: `^{-2}` and `_i` lose their marks, so `M$^4$I` reads `M4I`."""
    return re.sub(r"[\^_{}]", "", match.group(1))


def searchable(text: str) -> str:
    """`text` with TeX accents, letters, styles and math marks, braces and Greek letters
    written as plain words, and typographic quotes and dashes as ASCII."""
    if "\\" in text or "$" in text or "{" in text:
        text = _TEX_ACCENT.sub(lambda m: m.group(1) or m.group(2), text)
        text = _TEX_LETTER_ACCENT.sub(lambda m: m.group(1) or m.group(2), text)
        text = _TEX_LETTER.sub(lambda m: _TEX_LETTERS[m.group(1)], text)
        text = _TEX_STYLE.sub("", text)
        text = _MATH.sub(_math, text)
        text = _TEX_COMMAND.sub(r"\1", text)
        previous = None
        while previous != text:
            previous, text = text, _BRACED.sub(r"\1", text)
    if _GREEK_CHARS.search(text):
        text = _GREEK_CHARS.sub(lambda m: GREEK[m.group(0)], text)
    return text.translate(_QUOTES)


def compounds(text: str) -> list[str]:
    """The hyphenated compounds of (searchable) text, joined: `pre-training` gives
    `pretraining`, indexed beside the parts so either spelling finds the other."""
    return ["".join(part.split("-")) for part in _COMPOUND.findall(text)]


def indexed_text(text: str) -> str:
    """What a text field indexes: the searchable text plus its joined compounds."""
    text = searchable(text)
    joined = compounds(text)
    return f"{text}\n{' '.join(joined)}" if joined else text


def fold(text: str) -> str:
    """Lower case without accents: `Liò` and `lio`, `naïve` and `naive` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_list(text: str) -> list[str]:
    """The words of a text as compared in titles: searchable, folded, punctuation gone."""
    return _WORD.findall(fold(searchable(text)))


def title_form(text: str) -> str:
    """A title (or typed text) as one string of words, for in-order comparison."""
    return " ".join(word_list(text))


@lru_cache(maxsize=4096)
def is_stop_word(word: str) -> bool:
    """Words the title and abstract analysers drop (stop words, single letters): they never
    decide which papers match."""
    folded = fold(word)
    return folded in STOP_WORDS or len(folded) < 2
