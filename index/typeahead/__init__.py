"""Provides search as you type: the unfinished last word read as a bounded prefix
(`prefixes`), title tiers that rank exact titles first (`prefixes`), and the first answer to a
keystroke from titles and authors alone (`first`), which the full search then replaces."""
