"""widgets.commands: snapshot-based undo of Session changes, with typing merged per paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from app.resources import REV2_EXCERPT
from app.segments import Op, Segment
from app.wiring.session import Session
from widgets.commands import SessionCommand


@pytest.fixture(scope="module")
def draft_session() -> Session:
    return Session.open_draft(REV2_EXCERPT)


@pytest.fixture
def session(draft_session: Session) -> Session:
    draft_session.amendments = []
    return draft_session


def type_into(session: Session, label: str, text: str) -> list[Segment]:
    """Make `label` read with `text` inserted at its start; returns its segments."""
    body = session.draft.by_label(label).body
    segments = [Segment(Op.INSERT, text), Segment(Op.EQUAL, body)]
    session.set_segments(label, segments)
    return segments


class Change:
    """Applies a change to the session and pushes its SessionCommand, counting refreshes."""

    def __init__(self, session: Session, stack: QUndoStack) -> None:
        self.session, self.stack, self.refreshes = session, stack, 0

    def refresh(self) -> None:
        self.refreshes += 1

    def push(self, label: str, text: str, *, mergeable: bool, merge_label: str | None = None) -> list[Segment]:
        before = self.session.snapshot()
        segments = type_into(self.session, label, text)
        self.stack.push(SessionCommand(self.session, before, self.session.snapshot(), f"Typing in para {label}",
                                       self.refresh, merge_label or label, mergeable))
        return segments


def test_push_redo_undo_restore_snapshots_and_refresh(session: Session) -> None:
    stack = QUndoStack()
    change = Change(session, stack)
    segments = change.push("88", "Firmly, ", mergeable=False)
    assert change.refreshes == 1  # push() redid it: same state, views refreshed
    assert session.segments_for("88") == segments
    assert stack.undoText() == "Typing in para 88"
    stack.undo()
    assert session.amendment_for("88") is None and change.refreshes == 2
    stack.redo()
    assert session.segments_for("88") == segments and change.refreshes == 3


def test_undo_restores_a_copy_not_the_live_list(session: Session) -> None:
    stack = QUndoStack()
    change = Change(session, stack)
    change.push("88", "A ", mergeable=False)
    stack.undo()
    stack.redo()
    session.amendments[0].rationale = "changed later"
    stack.undo()
    stack.redo()
    assert session.amendments[0].rationale == ""


def test_consecutive_mergeable_commands_on_one_label_merge(session: Session) -> None:
    stack = QUndoStack()
    change = Change(session, stack)
    change.push("88", "A", mergeable=True)
    change.push("88", "AB", mergeable=True)
    last = change.push("88", "ABC", mergeable=True)
    assert stack.count() == 1
    stack.undo()
    assert session.amendment_for("88") is None  # the first command's "before"
    stack.redo()
    assert session.segments_for("88") == last  # the last command's "after"


def test_no_merge_across_labels_or_with_unmergeable_commands(session: Session) -> None:
    stack = QUndoStack()
    change = Change(session, stack)
    change.push("88", "A", mergeable=True)
    change.push("89", "B", mergeable=True)
    change.push("89", "C", mergeable=False)
    change.push("89", "D", mergeable=True)
    assert stack.count() == 4
    cmd = stack.command(2)
    assert isinstance(cmd, SessionCommand) and cmd.id() == -1
    assert SessionCommand(session, [], [], "x", lambda: None, None, True).id() == -1  # no label: never merges
    for _ in range(4):
        stack.undo()
    assert session.amendments == []


def test_merged_typing_that_ends_where_it_began_is_dropped(session: Session) -> None:
    stack = QUndoStack()
    change = Change(session, stack)
    change.push("88", "A", mergeable=False)
    before = session.snapshot()
    change.push("89", "x", mergeable=True)
    stack.push(SessionCommand(session, session.snapshot(), before, "Delete in para 89", change.refresh, "89", True))
    assert stack.count() == 1 and session.snapshot() == before
    stack.undo()
    assert session.amendments == []


def test_review_commands_undo_decisions_and_switches(tmp_path: Path) -> None:
    from app.proposals import Decision
    from tests.widgets.merge_helpers import merged_review
    from widgets.commands import ReviewCommand, ReviewSwitchCommand

    review = merged_review(tmp_path)
    refreshed: list[int] = []
    shown: list[object] = []
    stack = QUndoStack()
    stack.push(ReviewSwitchCommand(None, review, "Import redlines", shown.append))
    before = review.snapshot()
    review.decide_author("EU", Decision.REJECTED)
    stack.push(ReviewCommand(review, before, review.snapshot(), "Reject all of EU", lambda: refreshed.append(1)))
    assert {p.id for p in review.proposals if p.decision is Decision.REJECTED} == {"p2", "p3", "p4"}
    stack.undo()
    assert {p.decision for p in review.proposals} == {Decision.PENDING} and refreshed == [1, 1]
    stack.redo()
    assert review.by_id("p4").decision is Decision.REJECTED
    stack.undo()
    stack.undo()
    assert shown == [review, None]
