"""Provides the lines of text around the result list: status, facets, the empty state."""

from __future__ import annotations

import shlex

from paperbrowse.index.library import QueryError
from rich.text import Text

from .backend import Outcome, Stage


def facet_line(outcome: Outcome, width: int = 10_000) -> Text:
    """`venue NeurIPS 87 · ICLR 12 │ year 2023 40 │ …` for the current results, fitted to
    `width` cells: values are dropped from the end of each field rather than cut, and a field
    is shown only with at least one value (never a bare `│ source`)."""
    fields = [(field, facets[:5]) for field, facets in outcome.facets.items() if facets]
    shown = {field: len(values) for field, values in fields}

    def build() -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for field, values in fields:
            if not shown[field]:
                continue
            if line:
                line.append(" │ ", style="dim")
            line.append(field + " ", style="bold")
            line.append(" · ".join(f"{f.value} {f.count}" for f in values[: shown[field]]))
        return line

    line = build()
    # Trim the field with the most values shown first, so every field keeps some.
    while line.cell_len > width and any(shown.values()):
        widest = max(shown, key=lambda name: (shown[name], list(shown).index(name)))
        shown[widest] -= 1
        line = build()
    return line


def status_text(outcome: Outcome, sort: str, demo: bool) -> Text:
    """How many papers match (or that none do, with a did-you-mean), and how they are sorted."""
    total = outcome.rows.total
    noun = "paper" if total == 1 else "papers"
    status = Text()
    if outcome.related_to is not None:
        status.append(f"{total} {noun} related to ", style="bold")
        status.append(" ".join(outcome.related_to.title.split())[:70])
        status.append("  (escape: back to the search)", style="dim")
    elif outcome.stage is not Stage.COUNTED:
        known = outcome.results is not None and outcome.results.total is not None
        status.append(f"{total}{'' if known else '+'} {noun}", style="bold")
        status.append(
            "  ·  searching abstracts…" if outcome.stage is Stage.FIRST else "  ·  counting…",
            style="dim",
        )
    elif total == 0 and outcome.library_size:
        status.append("No papers match.", style="bold")
        if outcome.correction:
            status.append(" Did you mean ")
            status.append(outcome.correction, style="bold underline")
            status.append("?  (enter in the filter: search it)")
    elif outcome.results is not None and outcome.results.relaxed:
        verb = "holds" if total == 1 else "hold"
        status.append(f"No paper holds every word; {total} {verb} all but one", style="bold")
        if outcome.correction:
            status.append(" · did you mean ")
            status.append(outcome.correction, style="bold underline")
            status.append("?  (enter in the filter: search it)")
    else:
        status.append(f"{total} {noun}", style="bold")
        every = outcome.results is not None and outcome.results.every
        order = "newest first" if every and sort == "relevance" else f"sorted by {sort}"
        status.append(f"  ·  {order}", style="dim")
    if demo:
        status.append("  ·  demo papers", style="italic dim")
    return status


def error_text(error: QueryError) -> Text:
    """A malformed query's message, where it is, and that the last results stay."""
    where = f" at column {error.position + 1}" if error.position is not None else ""
    return Text(f"⚠ {error.message}{where} — showing the last good results", style="bold red")


def empty_state(index: str | None = None) -> Text:
    """What an empty index shows: how to add lists (naming `index` with `--index` when the
    app was started on a non-default one, so the command fills this index), and the demo."""
    flag = f" --index {shlex.quote(index)}" if index else ""
    return Text.assemble(
        ("No papers yet.\n\n", "bold"),
        "Add paper lists (Hot Papers posts, Hugging Face daily dumps, conference lists) from a "
        "shell:\n\n",
        (f"    paperbrowse add{flag} ~/papers/\n\n", "bold"),
        "or start the app with them: ",
        (f"paperbrowse{flag} ~/papers/", "bold"),
        "\n\nOr try the built-in sample of landmark papers (",
        ("D", "bold"),
        "):\n",
    )
