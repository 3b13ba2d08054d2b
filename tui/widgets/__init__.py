"""Provides the paperbrowse app (tui/widgets)."""
