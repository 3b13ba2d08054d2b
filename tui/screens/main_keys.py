"""Provides MAIN_BINDINGS: the main screen's own keys (its mixins add the mark, selection
and copy-as-selection keys). Each tooltip is the key's help row; `keymap` makes the help
screen, the palette and the README table from them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ..keymap import copy_binding

PANES = "Next / previous pane: filter, list, detail"

# `/`, enter and escape move the focus, so they are priority bindings: run as the app
# routes keys, in order, they move it before the keys typed behind them are routed (as
# the focused widget's bindings, they ran only after those keys had gone to the old focus).
MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "focus_filter",
        "Filter",
        key_display="/",
        priority=True,
        tooltip="Focus the filter (type to search)",
        id="focus-filter",
    ),
    Binding(
        "enter",
        "submit",
        "Submit",
        show=False,
        priority=True,
        tooltip="In the filter: go to the list (or search the did-you-mean)",
        id="submit",
    ),
    Binding(
        "escape",
        "leave",
        "Back",
        show=False,
        priority=True,
        tooltip="Leave the filter; back from related papers; in the list: clear the selection",
        id="leave",
    ),
    Binding(
        "tab",
        "app.focus_next",
        "Next pane",
        show=False,
        tooltip=PANES,
        id="next-pane",
    ),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous pane",
        show=False,
        tooltip=PANES,
        id="previous-pane",
    ),
    copy_binding("c", "primary", "Copy link", show=True),
    copy_binding("a", "arxiv"),
    copy_binding("p", "pdf"),
    # Two bindings for `o`: the footer offers OpenReview only on papers that have it;
    # on the others `o` still says there is none.
    copy_binding("o", "openreview", "OpenReview", show=True),
    copy_binding("o", "openreview", "OpenReview", action="missing"),
    copy_binding("m", "markdown"),
    copy_binding("b", "bibtex"),
    Binding(
        "w",
        "open_link",
        "Open in browser",
        show=False,
        tooltip="Open the primary link in the web browser (or copy it, saying why not)",
        id="open-link",
    ),
    Binding(
        "s",
        "cycle_sort",
        "Sort",
        tooltip="Cycle the sort: relevance, date, popularity, title",
        id="sort",
    ),
    Binding(
        "r", "related", "Related", tooltip="Papers related to the highlighted one", id="related"
    ),
    Binding(
        "f",
        "facets",
        "Narrow by facet",
        show=False,
        tooltip="Narrow by a facet: venue, year, list format, tag",
        id="facets",
    ),
    Binding(
        "d",
        "toggle_detail",
        "Toggle detail pane",
        show=False,
        tooltip="Show or hide the detail pane (narrow terminals stack the panes)",
        id="toggle-detail",
    ),
    Binding("v", "read", "Read", tooltip="Read the paper full-screen (escape: back)", id="read"),
    Binding(
        "F",
        "fetch_today",
        "Fetch today's Hugging Face list",
        show=False,
        tooltip="Fetch today's Hugging Face daily papers into the index (new ones show as new)",
        id="fetch-today",
    ),
]
