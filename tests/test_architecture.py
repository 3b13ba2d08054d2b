"""The architecture as the README draws it: `lint-imports` checks the declared layers (see
pyproject.toml); this checks what layers cannot, that no import cycle remains anywhere,
function-level imports included (imports for type checking only are left out, as
`lint-imports` leaves them out: they never run)."""

from __future__ import annotations

import grimp


def test_no_module_imports_back_what_imports_it() -> None:
    graph = grimp.build_graph("paperbrowse", exclude_type_checking_imports=True)
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.append(" -> ".join((importer, *back)))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
