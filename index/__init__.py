"""The paperbrowse core: parse paper lists, merge them, index and search them (no UI here)."""
