"""Provides the documented keys of the whole app, in the order the help screen and the README
show them (`app.help_sources`), and the README's key table.

It sits above the app, so `keymap`, which the screens use, stays below them.
`python -m paperbrowse.tui.keydocs README.md` rewrites the README's table."""

from __future__ import annotations

from pathlib import Path

from .app import help_sources
from .keymap import KeyRow
from .keymap import key_rows as rows_of
from .keymap import markdown_table as table_of

__all__ = ["help_sources", "key_rows", "markdown_table", "with_key_table"]


def key_rows() -> list[KeyRow]:
    """Every documented key of the app, one row per tooltip."""
    return rows_of(help_sources())


def markdown_table() -> str:
    """The key table in Markdown, as the help screen shows it and the README holds it."""
    return table_of(key_rows())


def with_key_table(readme: str) -> str:
    """README text with its key table (from `| Key | Action |` to the blank line) replaced
    by the bindings' table."""
    start = readme.index("| Key | Action |")
    end = readme.index("\n\n", start)
    return readme[:start] + markdown_table().rstrip("\n") + readme[end:]


if __name__ == "__main__":  # python -m paperbrowse.tui.keydocs README.md: rewrite its table
    import sys

    target = Path(sys.argv[1])
    target.write_text(with_key_table(target.read_text(encoding="utf-8")), encoding="utf-8")
