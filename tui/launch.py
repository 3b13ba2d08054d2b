"""Provides run_app: what the bare `paperbrowse [PATH…]` command does."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from paperbrowse.index.library import IndexProblem, Library
from paperbrowse.index.marks import Marks

from .backend import Backend
from .locations import demo_index_dir, index_dir, marks_file


def demo_files() -> list[Path]:
    """The built-in sample lists shipped with the package."""
    folder = resources.files("paperbrowse.tui.demo")
    return sorted(
        Path(str(item))
        for item in folder.iterdir()
        if item.name.endswith((".md", ".txt")) and item.name != "README.txt"
    )


def open_demo(cache: str | None = None) -> Backend:
    """The demo index (built or brought up to date from the package's sample lists)."""
    library = Library(demo_index_dir(cache))
    library.add(demo_files())
    return Backend(library, demo=True)


def index_hint(path: Path) -> str | None:
    """The index to name in the commands the app suggests: None for the one a bare
    `paperbrowse add` would use anyway, else its path (given by --index or --data-dir)."""
    return None if path == index_dir() else str(path)


def run_app(args: argparse.Namespace) -> int:
    repair = None
    backend: Backend | None
    hint = None
    if args.demo:
        backend = open_demo(args.cache_dir)
    else:
        path = index_dir(args.index, args.data_dir)
        hint = index_hint(path)
        try:
            waiting = "waiting for another paperbrowse writing to this index…\n"
            backend = Backend(Library(path, on_wait=lambda: sys.stderr.write(waiting)))
        except IndexProblem as problem:
            if problem.kind not in ("corrupt", "version"):
                raise
            # The app opens on an offer to rebuild from the lists the index recorded.
            backend = None
            repair = (path, str(problem), Library.recorded_files(path))

    # Imported once the backend exists: its search process opens the index meanwhile.
    from .app import PaperBrowseApp

    def with_marks(opened: Backend) -> Backend:
        """The user's marks go with any index the app opens (they follow papers, not files)."""
        opened.library.marks = Marks(marks_file(args.data_dir))
        return opened

    app = PaperBrowseApp(
        backend and with_marks(backend),
        paths=list(args.paths),
        repair=repair,
        open_demo=lambda: with_marks(open_demo(args.cache_dir)),
        index_hint=hint,
        data_dir=args.data_dir,
        with_marks=with_marks,
    )
    app.run()
    if app.backend is not None:
        app.backend.close()
    return app.return_code or 0
