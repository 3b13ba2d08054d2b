"""Provides the one key map, read from the bindings: the help screen's table, the README's
table and the command palette's commands are all made here from `BINDINGS`.

A binding is documented by its `tooltip` (one sentence: the help row, the README row, the
palette's help line) and named by its `id` (stable, so a keymap can remap it); its
`description` is the footer label and the palette's title. Bindings without a tooltip
(Textual's own, the help screen's close keys) are left out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from paperbrowse.index.cite import COPY_KINDS
from textual.app import SystemCommand
from textual.binding import Binding
from textual.keys import format_key

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

LABELS = {"enter": "enter", "escape": "escape"}
"""Key names spelt out where Textual would draw a symbol (⏎, esc)."""

NOT_IN_PALETTE = frozenset({"submit", "leave", "next-pane", "previous-pane", "palette", "quit"})
"""Binding ids the palette does not offer: keys about moving the focus the palette itself
takes, and Quit (Textual's own palette command has it)."""


def copy_binding(
    key: str, kind: str, description: str | None = None, *, show: bool = False, action: str = "copy"
) -> Binding:
    """A copy key's binding, described by its row of `cite.COPY_KINDS`."""
    target = COPY_KINDS[kind]
    return Binding(
        key,
        f"{action}('{kind}')",
        description or f"Copy {target.what}",
        show=show,
        tooltip=target.description,
        id=f"copy-{kind}",
    )


def key_label(key: str) -> str:
    """How a key is written in the help and the README (`/`, `↓`, `pgdn`, `escape`)."""
    return LABELS.get(key) or format_key(key)


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The documented bindings a paperbrowse class and its paperbrowse bases declare (the
    class's own first, then its mixins'), each id once (two bindings may share a key and an
    id: `o` copies or says why not). Textual's own bindings are left out."""
    found: list[Binding] = []
    ids: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("paperbrowse."):
            continue
        for binding in base.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.tooltip:
                continue
            if binding.id is not None and binding.id in ids:
                continue
            ids.add(binding.id or "")
            found.append(binding)
    return found


@dataclass(frozen=True)
class KeyRow:
    """One row of the key table: the keys (as written) and what they do."""

    keys: tuple[str, ...]
    tooltip: str


def key_rows(sources: Sequence[type[DOMNode]]) -> list[KeyRow]:
    """Every documented key, in the order of `sources` (the list, the detail pane, the main
    screen, the app); consecutive bindings with the same tooltip share a row."""
    rows: list[KeyRow] = []
    for cls in sources:
        for binding in own_bindings(cls):
            keys = tuple(key_label(k.strip()) for k in binding.key.split(","))
            if rows and rows[-1].tooltip == binding.tooltip:
                rows[-1] = KeyRow(rows[-1].keys + keys, binding.tooltip)
            else:
                rows.append(KeyRow(keys, binding.tooltip))
    return rows


def markdown_table(rows: Sequence[KeyRow]) -> str:
    """The key table in Markdown, as the help screen shows it and the README holds it."""
    lines = ["| Key | Action |", "| :-- | :-- |"]
    for row in rows:
        keys = " ".join(f"`{key}`" for key in row.keys)
        action = row.tooltip.replace("|", "\\|")
        lines.append(f"| {keys} | {action} |")
    return "\n".join(lines) + "\n"


def plain(tooltip: str) -> str:
    """A tooltip as the palette shows it: no Markdown backticks, and `[` escaped (the palette
    reads its help as markup, so `[Title](link)` would lose `[Title]`)."""
    return tooltip.replace("`", "").replace("[", "\\[")


def palette_commands(app: App[Any], main: Screen[Any] | None) -> Iterator[SystemCommand]:
    """A palette command per documented binding of the main screen (when open) and the app:
    its description as the title, its tooltip and keys as the help, running its action."""
    targets: list[tuple[DOMNode, type[DOMNode]]] = []
    if main is not None:
        targets.append((main, type(main)))
    targets.append((app, type(app)))
    for target, cls in targets:
        for binding in own_bindings(cls):
            if binding.id in NOT_IN_PALETTE:
                continue
            keys = " ".join(key_label(k.strip()) for k in binding.key.split(","))
            yield SystemCommand(
                binding.description,
                f"{plain(binding.tooltip)} ({keys})",
                partial(target.run_action, binding.action),
            )
