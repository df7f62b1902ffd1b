"""The main window's walk through changes, as Word's Review tab: Previous/Next change across paragraphs,
Accept/Reject and move to the next, Accept/Reject all changes shown (of the reviewers checked in the
reviewer filter).

Under review the walk visits the pending proposals the review panel lists, in document order (a decided
change is no longer a change to review, as in Word); without a merge it visits our own changes. Either way the
changed words are selected in the document.
Decisions are ReviewCommands, so each step is undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import LabelError, RedlineDeskError
from app.proposals import Decision
from widgets.main_window_review import VERBS

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


def step_to(order: list[str], pending: set[str], current: str | None, delta: int) -> tuple[str | None, bool]:
    """The pending id `delta` (±1) steps from `current` along `order` (from an end when `current` is not in it),
    and whether the walk wrapped around the other end to find it (as Word continues from the start)."""
    if current in order:
        at = order.index(current)
        ahead = order[at + 1:] if delta > 0 else order[:at][::-1]
        behind = order[:at] if delta > 0 else order[at + 1:][::-1]
    else:
        ahead, behind = (order if delta > 0 else order[::-1]), []
    found = next((i for i in ahead if i in pending), None)
    if found is not None:
        return found, False
    found = next((i for i in behind if i in pending), None)
    return found, found is not None


class WalkMixin(_Base):
    """Previous/Next change, Accept/Reject and move to next, Accept/Reject all shown; part of MainWindow."""

    # --- previous / next -------------------------------------------------------------------

    def next_change(self) -> bool:
        """Go to the next pending change (our next amended paragraph when no merge is under review)."""
        return self._walk(1)

    def previous_change(self) -> bool:
        """Go to the previous pending change (our previous amended paragraph when no merge is under review)."""
        return self._walk(-1)

    def _walk(self, delta: int, current: str | None = None) -> bool:
        if self._session is None:
            return False
        if self._review is None:
            return self._walk_amendments(delta)
        panel = self._review_panel
        order = panel.shown_ids()  # the reviewers shown, in document order
        pending = {i for i in order if self._review.by_id(i).decision is Decision.PENDING}
        found, wrapped = step_to(order, pending, current or panel.current_id(), delta)
        if found is None:
            self.statusBar().showMessage("No pending changes left" + ("" if panel.reviewers() is None
                                                                    else " of the reviewers shown"), 5000)
            return False
        panel.select(found)  # the panel tells the window, which scrolls the document to it
        if wrapped:
            self.statusBar().showMessage("Continued from the " + ("start" if delta > 0 else "end"), 5000)
        return True

    def _walk_amendments(self, delta: int) -> bool:
        """Select our next or previous change in the document (Redline view), as Word does; in the Proposed or
        Original view, where changes are not marked, go to the next or previous amended paragraph."""
        assert self._session is not None
        found = self._document_view.select_change(delta)
        if found is not None:
            label, wrapped = found
            if label is not None and label != self._current:
                self._load(label)
                self._navigator.select(label)
                self._amendments_panel.select(label)
            self._document_view.setFocus()
            if wrapped:
                self.statusBar().showMessage("Continued from the " + ("start" if delta > 0 else "end"), 5000)
            return True
        labels = [lab for lab in self.labels() if self._session.amendment_for(lab) is not None]
        here = self._current or self._document_view.current_label()
        target, _ = step_to(labels, set(labels), here, delta)
        if target is None:
            self.statusBar().showMessage("No amendments yet", 5000)
            return False
        return self.go_to(target)

    # --- decide and move ----------------------------------------------------------------------

    def accept_and_next(self) -> bool:
        """Accept the selected changes, then go to the next pending one."""
        return self._decide_and_move(Decision.ACCEPTED)

    def reject_and_next(self) -> bool:
        """Reject the selected changes, then go to the next pending one."""
        return self._decide_and_move(Decision.REJECTED)

    def _decide_and_move(self, decision: Decision) -> bool:
        panel = self._review_panel
        ids = panel.selected_ids()
        if self._review is None or not ids:
            return False
        current = panel.current_id() or ids[-1]
        if not self.decide(ids, decision):
            return False
        self._walk(1, current)
        return True

    # --- all shown -----------------------------------------------------------------------------

    def decide_shown(self, decision: Decision | str) -> bool:
        """Accept or reject every pending change of the reviewers shown (one undoable step)."""
        decision = Decision(decision)
        review = self._review
        if review is None:
            return False
        ids = [i for i in self._review_panel.shown_ids() if review.by_id(i).decision is Decision.PENDING]
        if not ids:
            self.statusBar().showMessage("No pending changes shown", 5000)
            return False
        return self.change_review(f"{VERBS[decision]} all shown ({len(ids)})", lambda r: r.decide(ids, decision))

    def accept_all_shown(self) -> bool:
        """Accept every pending change of the reviewers shown."""
        return self.decide_shown(Decision.ACCEPTED)

    def reject_all_shown(self) -> bool:
        """Reject every pending change of the reviewers shown."""
        return self.decide_shown(Decision.REJECTED)

    # --- going to what is selected -----------------------------------------------------------

    def _amendment_selected(self, label: str) -> None:
        """A single click on an amendment: its paragraph in the editor, the document and the outline; the
        focus stays in the list (the arrow keys go on walking it)."""
        if self._session is None or label == self._current:
            return
        try:
            label = self.resolve_label(label)
        except (LabelError, RedlineDeskError):
            return
        self._load(label)
        self._document_view.scroll_to(label)
        self._navigator.select(label)

    def _reviewers_changed(self) -> None:
        """The reviewer filter changed: the document shows the changes of the reviewers shown only."""
        self._document_view.set_reviewers(self._review_panel.reviewers())
        self._update_review_actions()
