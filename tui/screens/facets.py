"""Provides FacetScreen: pick a venue, year or format to narrow the current search."""

from __future__ import annotations

from paperbrowse.index.models import Facet
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


def facet_term(facet: Facet) -> str:
    """The query term that narrows to a facet (`venue:neurips`, `year:2023`)."""
    value = facet.value.lower() if facet.field == "venue" else facet.value
    if " " in value:
        value = f'"{value}"'
    return f"{facet.field}:{value}"


class FacetScreen(ModalScreen[str | None]):
    """A short list of facets; choosing one returns its query term."""

    BINDINGS: list[BindingType] = [Binding("escape", "dismiss(None)", "Cancel")]

    DEFAULT_CSS = """
    FacetScreen { align: center middle; }
    FacetScreen > Vertical {
        width: 50; height: auto; max-height: 80%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FacetScreen OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, facets: dict[str, list[Facet]]) -> None:
        super().__init__()
        self.facets = [f for values in facets.values() for f in values]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Narrow the search to…")
            yield OptionList(
                *[
                    # Text, not a string: a venue is data and must not be read as markup.
                    Option(Text(f"{f.field:<7} {f.value}  ({f.count})"), id=str(i))
                    for i, f in enumerate(self.facets)
                ]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(facet_term(self.facets[int(event.option.id or 0)]))
