"""Undoable changes held as snapshots before and after them: SessionCommand (the amendments),
ReviewCommand (the decisions of a merge review) and ReviewSwitchCommand (a review opened or closed)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.proposals import Proposal
from app.review import Review
from app.wiring.session import Session, Snapshot

# Any constant will do: QUndoStack only merges commands that report the same id (and not -1).
MERGE_ID = 0x5E55


class SessionCommand(QUndoCommand):
    """Restores the amendments "after" on redo and "before" on undo, then asks the window to refresh.

    Consecutive mergeable commands with the same label (e.g. typing in one paragraph) merge into one:
    the first's "before", the last's "after". QUndoStack.push() calls redo() at once, which restores
    the state the edit already reached and refreshes the views.
    """

    def __init__(self, session: Session, before: Snapshot, after: Snapshot, text: str,
                 refresh: Callable[[], None], label: str | None = None, mergeable: bool = False,
                 applied: bool = False) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after
        self._refresh = refresh
        self.label = label
        self.mergeable = mergeable
        self._applied = applied  # the session is in the "after" state already: push()'s redo() need not copy it

    def redo(self) -> None:
        """Put back the state after the change."""
        if self._applied:  # a copy of every amendment saved per keystroke
            self._applied = False
            self._session.dirty = True
        else:
            self._session.restore(self._after)
        self._refresh()

    def undo(self) -> None:
        """Put back the state before the change."""
        self._session.restore(self._before)
        self._refresh()

    def id(self) -> int:
        """MERGE_ID for a mergeable command with a label; -1 (never merge) otherwise."""
        return MERGE_ID if self.mergeable and self.label is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Absorb a following mergeable command on the same label; obsolete when it undoes itself."""
        if not (isinstance(other, SessionCommand) and other.mergeable and other.label == self.label):
            return False
        self._after = other._after
        self.setObsolete(self._before == self._after)
        return True


class ReviewCommand(QUndoCommand):
    """A decision on a merge's proposals (accept, reject, pick, combine): the review's proposals
    before and after it (Review.snapshot), restored on undo and redo, then the window refreshes."""

    def __init__(self, review: Review, before: list[Proposal], after: list[Proposal], text: str,
                 refresh: Callable[[], None]) -> None:
        super().__init__(text)
        self.review = review
        self._before = before
        self._after = after
        self._refresh = refresh

    def redo(self) -> None:
        """Put back the decisions after the change."""
        self.review.restore(self._after)
        self._refresh()

    def undo(self) -> None:
        """Put back the decisions before the change."""
        self.review.restore(self._before)
        self._refresh()


class ReviewSwitchCommand(QUndoCommand):
    """A review opened (an import) or closed: which review the window shows, before and after."""

    def __init__(self, before: Review | None, after: Review | None, text: str,
                 show: Callable[[Review | None], None]) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self._show = show

    def redo(self) -> None:
        """Show the review after the switch (None: no review)."""
        self._show(self.after)

    def undo(self) -> None:
        """Show the review before the switch."""
        self._show(self.before)
