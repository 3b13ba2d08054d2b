"""Provides the lines of text around the result list: status, facets, the empty state."""

from __future__ import annotations

from paperbrowse.index.query import QueryError
from rich.text import Text

from .backend import Outcome


def facet_line(outcome: Outcome) -> Text:
    """`venue NeurIPS 87 · ICLR 12 │ year 2023 40 │ …` for the current results."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for field, facets in outcome.facets.items():
        if not facets:
            continue
        if line:
            line.append(" │ ", style="dim")
        line.append(field + " ", style="bold")
        line.append(" · ".join(f"{f.value} {f.count}" for f in facets[:5]))
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
    elif not outcome.counted:
        known = outcome.results is not None and outcome.results.total is not None
        status.append(f"{total}{'' if known else '+'} papers", style="bold")
        status.append(
            "  ·  searching abstracts…" if outcome.quick else "  ·  counting…", style="dim"
        )
    elif total == 0 and outcome.library_size:
        status.append("No papers match.", style="bold")
        if outcome.correction:
            status.append(" Did you mean ")
            status.append(outcome.correction, style="bold underline")
            status.append("?  (enter in the filter: search it)")
    elif outcome.results is not None and outcome.results.relaxed:
        status.append(f"No paper holds every word; {total} hold all but one", style="bold")
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


EMPTY_STATE = Text.assemble(
    ("No papers yet.\n\n", "bold"),
    "Add paper lists (Hot Papers posts, Hugging Face daily dumps, conference lists) from a "
    "shell:\n\n",
    ("    paperbrowse add ~/papers/\n\n", "bold"),
    "or start the app with them: ",
    ("paperbrowse ~/papers/", "bold"),
    "\n\nOr try the built-in sample of landmark papers (",
    ("D", "bold"),
    "):\n",
)
