"""Provides the paperbrowse app (tui/screens)."""
