"""The one key map: the README's key table, the help screen and the palette come from the
bindings, and every documented binding has an id."""

from __future__ import annotations

from pathlib import Path

from paperbrowse.index.cite import COPY_KINDS
from paperbrowse.tui.keydocs import help_sources, key_rows, markdown_table
from paperbrowse.tui.keymap import own_bindings
from paperbrowse.tui.screens.help import key_table

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_key_table() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("| Key | Action |")
    return text[start : text.index("\n\n", start)] + "\n"


def test_the_readme_key_table_is_the_one_made_from_the_bindings() -> None:
    """README.md holds exactly the table `keymap.markdown_table()` makes (regenerate it with
    `.venv/bin/python -m paperbrowse.tui.keydocs README.md`)."""
    assert readme_key_table() == markdown_table(), (
        "README key table is out of date: run `.venv/bin/python -m paperbrowse.tui.keydocs "
        "README.md`; it should read:\n" + markdown_table()
    )


def test_the_help_screen_shows_the_same_rows() -> None:
    """The help page's key table has the bindings' rows: their keys and tooltips (the app
    opens it with these rows: tests/tui/test_list_keys.py)."""
    rows = key_rows()
    table = key_table(rows)
    keys, actions = (list(column.cells) for column in table.columns)
    assert [str(k) for k in keys] == [" ".join(row.keys) for row in rows]
    assert [str(a) for a in actions] == [row.tooltip.replace("`", "") for row in rows]


def test_every_documented_binding_has_a_unique_id() -> None:
    """Each documented binding has an id (for keymaps); one id names one action's key(s)."""
    seen: dict[str, str] = {}
    for cls in help_sources():
        for binding in own_bindings(cls):
            assert binding.id, binding
            action = binding.action.replace("missing(", "copy(")  # `o`'s two faces
            assert seen.setdefault(f"{cls.__name__}:{binding.id}", action) == action


def test_every_copy_kind_has_a_key() -> None:
    """Each row of the core's copy table is bound to a key, with the table's sentence."""
    tooltips = {row.tooltip for row in key_rows()}
    for kind in COPY_KINDS.values():
        assert kind.description in tooltips, kind.name
