"""Provides the paperbrowse app (tui)."""
