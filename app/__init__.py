"""Redline Desk's domain: drafts, labels, segments, amendments, merge and the CLI (no Qt, no XML)."""

# The one place the version lives: pyproject.toml, the CLI, the window, the bundle and the packages read it.
__version__ = "0.1.0"
