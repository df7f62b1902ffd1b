"""Typed errors: every failure the user can cause ends as one of these, with a one-line message."""

from __future__ import annotations


class RedlineDeskError(Exception):
    """Base of all errors the CLI and GUI report as one clear line (what, where, what to do)."""


class DocumentError(RedlineDeskError):
    """A .docx (or other input file) that cannot be read."""


class LabelError(RedlineDeskError):
    """A paragraph label that is malformed or not in the draft."""


class AmendmentError(RedlineDeskError):
    """An amendment that cannot be built or applied."""


class DiagnosedError(AmendmentError):
    """Amendments that could not all be placed: one summary line, with one detail line each."""

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__(message)
        self.details = details


class ProjectError(RedlineDeskError):
    """A project file that cannot be read or written."""


class OutputError(RedlineDeskError):
    """An output file that cannot be written."""
