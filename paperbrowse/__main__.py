"""Lets `python -m paperbrowse` do what the `paperbrowse` command does."""

from paperbrowse.tui.cli import main

raise SystemExit(main())
