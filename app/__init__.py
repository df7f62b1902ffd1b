"""Redline Desk's domain: drafts, labels, segments, amendments, merge and the CLI (no Qt, no XML)."""
