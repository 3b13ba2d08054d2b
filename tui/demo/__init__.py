"""Provides the paperbrowse app (tui/demo)."""
