"""Provides tex_text: list text made safe inside a BibTeX field, TeX the list wrote kept."""

from __future__ import annotations

import re

_SPECIALS = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "^": r"\^{}"}
"""Characters that break LaTeX outside math; `^` is legal only inside math."""
_ANY_SPECIAL = re.compile(r"[&%#_^${}\\]")


def _math_dollars(text: str) -> set[int]:
    """Positions of the `$` that open or close math; an unpaired last one is literal."""
    dollars = [i for i, char in enumerate(text) if char == "$" and (i == 0 or text[i - 1] != "\\")]
    if len(dollars) % 2:
        dollars.pop()
    return set(dollars)


def _unmatched_braces(text: str) -> set[int]:
    """Positions of braces without a partner. BibTeX counts every brace, `\\{` included, so
    one unmatched brace would swallow the rest of the file."""
    stack: list[int] = []
    unmatched: set[int] = set()
    for index, char in enumerate(text):
        if char == "{":
            stack.append(index)
        elif char == "}":
            if stack:
                stack.pop()
            else:
                unmatched.add(index)
    return unmatched | set(stack)


def tex_text(text: str) -> str:
    """Text for a BibTeX field: `& % # _ ^` escaped outside math, math (`$…$`), TeX commands
    (`{\\L}`, `\\"o`) and balanced braces kept as written; a lone `$` and unmatched braces
    become `\\$`, `\\textbraceleft{}`, `\\textbraceright{}`."""
    if not _ANY_SPECIAL.search(text):
        return text
    math = _math_dollars(text)
    unmatched = _unmatched_braces(text)
    out: list[str] = []
    in_math = False
    index = 0
    while index < len(text):
        char = text[index]
        if index in unmatched:
            if out and out[-1] == "\\":
                out.pop()
            brace = "left" if char == "{" else "right"
            out.append(f"\\{brace[0]}brace " if in_math else f"\\textbrace{brace}{{}}")
        elif char == "$":
            if index in math:
                in_math = not in_math
                out.append("$")
            else:
                out.append("\\$")
        elif char == "\\":
            following = text[index + 1 : index + 2]
            if not following:
                out.append("\\textbackslash{}")
            elif following in "{}":
                out.append("\\")  # the brace itself is handled on the next step
            else:
                out.append(char + following)  # a command or an escape, as written
                index += 1
        elif not in_math and char in _SPECIALS:
            out.append(_SPECIALS[char])
        else:
            out.append(char)
        index += 1
    return "".join(out)
