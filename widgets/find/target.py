"""What the find bar searches: anything that can move its selection to the next or previous match."""

from __future__ import annotations

from typing import Protocol


class FindTarget(Protocol):
    """A searchable widget's finder (the document view's text, the review list's rows)."""

    @property
    def place(self) -> str:
        """Where it searches, for the find bar's placeholder ("the document", "the review list")."""
        ...

    def find(self, text: str, *, case_sensitive: bool, backward: bool, again: bool) -> tuple[int, int]:
        """Select the match nearest the current selection, wrapping at either end; returns (n, m): the
        selected match is the n-th (from 1) of m, (0, m) when nothing was selected.

        `again` False (the text was just typed) keeps a match that starts where the selection starts, so
        the match grows with the text; True (Next, Previous) moves past it."""
        ...
