"""MainWindow's walk through changes, as Word's Review tab: Previous/Next change across paragraphs (pending
changes of the reviewers shown, or our own amendments), Accept/Reject and move to next, Accept/Reject all
shown, each an undoable ReviewCommand; the reviewer filter follows into the document; a single click on an
amendment goes to its paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView
from pytestqt.qtbot import QtBot

from app.proposals import Decision
from app.resources import REV2_EXCERPT
from app.segments import Op, Segment
from app.wiring.merging import InputSpec
from tests.widgets.merge_helpers import DATE, GA, write_redlines
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window, open_window
from widgets.main_window import MainWindow
from widgets.main_window_walk import step_to


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    """The G77's and the EU's redlines under review: p1 (G77) and p3 (EU) collide on 66, p2 on 88, p4 on 89."""
    w = open_window(qtbot, tmp_path, REV2_EXCERPT)
    paths = write_redlines(tmp_path)
    assert w.import_redlines([InputSpec(paths["G77"]), InputSpec(paths["EU"])], date=DATE)
    yield w
    w.undo_stack.setClean()


def _decisions(window: MainWindow) -> dict[str, Decision]:
    assert window.review is not None
    return {p.id: p.decision for p in window.review.proposals}


def inserted(window: MainWindow, label: str) -> list[str]:
    """The texts the document view shows underlined (inserted) in a paragraph."""
    block = window.document_view.block_for(label)
    assert block is not None
    out, it = [], block.begin()
    while not it.atEnd():
        if it.fragment().charFormat().fontUnderline():
            out.append(it.fragment().text())
        it += 1
    return out


def test_step_to_walks_pending_ids_and_wraps() -> None:
    order = ["a", "b", "c", "d"]
    assert step_to(order, {"b", "d"}, None, 1) == ("b", False)
    assert step_to(order, {"b", "d"}, "b", 1) == ("d", False)
    assert step_to(order, {"b", "d"}, "d", 1) == ("b", True)  # continued from the start
    assert step_to(order, {"b", "d"}, None, -1) == ("d", False)
    assert step_to(order, {"b"}, "b", 1) == (None, False)
    assert step_to(order, set(), None, 1) == (None, False)


def test_next_and_previous_change_walk_across_paragraphs(window: MainWindow) -> None:
    actions, panel, view = window.ui_actions, window.review_panel, window.document_view
    assert actions["next_change"].shortcut().toString() == "Ctrl+Alt+Down"
    assert actions["previous_change"].shortcut().toString() == "Ctrl+Alt+Up"
    seen = []
    for _ in range(4):
        actions["next_change"].trigger()
        seen.append((panel.current_id(), view.current_label()))
    assert seen == [("p1", "66"), ("p3", "66"), ("p2", "88"), ("p4", "89")]
    actions["next_change"].trigger()  # past the last: back to the first, as Word continues from the start
    assert panel.current_id() == "p1" and "start" in window.statusBar().currentMessage()
    actions["previous_change"].trigger()
    assert panel.current_id() == "p4" and view.current_label() == "89"
    actions["previous_change"].trigger()
    assert panel.current_id() == "p2" and view.current_label() == "88"


def test_accept_and_reject_and_move_to_next_are_undoable(window: MainWindow) -> None:
    actions, panel = window.ui_actions, window.review_panel
    actions["next_change"].trigger()
    actions["accept_next"].trigger()  # accepts p1, goes to p3
    assert _decisions(window)["p1"] is Decision.ACCEPTED and panel.current_id() == "p3"
    actions["reject_next"].trigger()  # rejects p3, goes on to para 88
    assert _decisions(window)["p3"] is Decision.REJECTED and panel.current_id() == "p2"
    assert window.undo_stack.undoText() == "Reject change"
    actions["next_change"].trigger()
    assert panel.current_id() == "p4"
    actions["previous_change"].trigger()  # decided changes are skipped: back to p2
    assert panel.current_id() == "p2"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert set(_decisions(window).values()) == {Decision.PENDING}
    window.undo_stack.redo()
    assert _decisions(window)["p1"] is Decision.ACCEPTED
    assert panel.row_texts("p1")[4] == "accepted ⚠ collision 1"  # the EU's rival is pending again


def test_the_last_pending_change_decided_says_none_are_left(window: MainWindow) -> None:
    assert window.review is not None
    window.review_panel.select("p4")
    assert window.decide(["p1", "p2", "p3"], Decision.ACCEPTED)
    assert window.accept_and_next()
    assert _decisions(window)["p4"] is Decision.ACCEPTED
    assert "No pending changes left" in window.statusBar().currentMessage()
    assert not window.next_change()


def test_reviewer_filter_limits_the_walk_the_all_shown_decisions_and_the_document(window: MainWindow) -> None:
    panel, view = window.review_panel, window.document_view
    panel.set_reviewers({"EU"})
    assert view.reviewers() == {"EU"}
    assert panel.shown_ids() == ["p3", "p2", "p4"]
    assert inserted(window, "66") == ["Economic and Social Council"]  # the G77's wording is not shown
    window.ui_actions["next_change"].trigger()
    assert panel.current_id() == "p3"
    window.ui_actions["accept_shown"].trigger()
    assert _decisions(window) == {"p1": Decision.PENDING, "p2": Decision.ACCEPTED, "p3": Decision.ACCEPTED,
                                  "p4": Decision.ACCEPTED}
    assert window.undo_stack.undoText() == "Accept all shown (3)"
    window.undo_stack.undo()
    panel.set_reviewers(None)
    assert view.reviewers() is None and inserted(window, "66") == ["Commission"]  # the EU's is a rival again
    window.reject_all_shown()
    assert set(_decisions(window).values()) == {Decision.REJECTED}
    assert not window.accept_all_shown()  # nothing pending is shown
    assert not window.review_panel.buttons["accept_shown"].isEnabled()


def test_the_review_menu_holds_the_reviewer_filter(window: MainWindow) -> None:
    menu = window.ui_actions.menus["Review"]
    assert window.review_panel.reviewer_filter in [a.menu() for a in menu.actions() if a.menu()]
    names = [a.objectName() for a in menu.actions()]
    for name in ("previous_change", "next_change", "accept_next", "reject_next", "accept_shown", "reject_shown"):
        assert f"action_{name}" in names


def test_without_a_merge_next_change_walks_our_amendments(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    w.apply_change("Strike", lambda s: s.delete_paragraph("103"))
    w.apply_change("Strike", lambda s: s.delete_paragraph("89"))
    assert w.ui_actions["next_change"].isEnabled() and not w.ui_actions["accept_next"].isEnabled()
    assert w.go_to("66")
    w.ui_actions["next_change"].trigger()
    assert w.current_label == "89"
    w.ui_actions["next_change"].trigger()
    assert w.current_label == "103"
    w.ui_actions["previous_change"].trigger()
    assert w.current_label == "89"
    w.undo_stack.setClean()


def test_a_single_click_on_an_amendment_goes_to_its_paragraph(qtbot: QtBot, tmp_path: Path,
                                                               dialogs: Dialogs) -> None:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    w.apply_change("Strike", lambda s: s.delete_paragraph("103"))
    w.apply_change("Strike", lambda s: s.delete_paragraph("66"))
    assert w.go_to("88")
    w.amendments_dock.show()
    w.amendments_dock.raise_()
    listing = w.amendments_panel.findChild(QTreeView, "amendmentsList")
    assert listing is not None
    row = next(r for r in range(listing.model().rowCount()) if listing.model().index(r, 0).data() == "103")
    rect = listing.visualRect(listing.model().index(row, 0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.current_label == "103"
    assert w.document_view.current_label() == "103" and w.editor_pane.heading.text() == "Editing para 103"
    assert dialogs.errors == []
    w.undo_stack.setClean()


def test_next_change_selects_the_words_of_each_proposal(window: MainWindow) -> None:
    view = window.document_view
    selections = {}
    for _ in range(4):
        window.ui_actions["next_change"].trigger()
        selections[window.review_panel.current_id()] = view.textCursor().selectedText()
    assert window.review is not None
    draft = window.review.result.draft
    for ident in ("p1", "p2", "p4"):
        p = window.review.by_id(ident)
        struck = draft.paragraphs[p.paragraph].text[p.start:p.end]
        assert struck and p.text
        assert selections[ident] == struck + p.text  # its struck and inserted words, nothing else
    assert GA in selections["p1"] and "Commission" in selections["p1"]
    # the losing wording of the collision on 66 is a note after the change it disputes, selected as its change
    assert selections["p3"] == " \u27e8EU: Economic and Social Council\u27e9"


def test_without_a_merge_next_change_selects_each_change_and_wraps(qtbot: QtBot, tmp_path: Path,
                                                                   dialogs: Dialogs) -> None:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    body = w.session.draft.by_label("88").body
    first, second = body.split()[2], body.split()[-1]
    at, end = body.index(first), body.rindex(second)
    w.apply_change("Edit 88", lambda s: s.set_segments("88", [
        Segment(Op.EQUAL, body[:at]), Segment(Op.DELETE, first), Segment(Op.INSERT, "NEW"),
        Segment(Op.EQUAL, body[at + len(first):end]), Segment(Op.INSERT, "ADDED "),
        Segment(Op.EQUAL, body[end:])]))
    w.apply_change("Strike", lambda s: s.delete_paragraph("103"))
    assert w.go_to("66")
    view = w.document_view
    seen = []
    for _ in range(4):
        w.ui_actions["next_change"].trigger()
        seen.append((w.current_label, view.textCursor().selectedText()))
    struck_103 = view.textCursor().selectedText()
    assert seen[0] == ("88", first + "NEW") and seen[1] == ("88", "ADDED ")
    assert seen[2][0] == "103" and w.session.draft.by_label("103").body in seen[2][1]
    assert seen[3] == seen[0] and "start" in w.statusBar().currentMessage()  # continued from the start
    w.ui_actions["previous_change"].trigger()
    assert view.textCursor().selectedText() == struck_103 or w.current_label == "103"
    w.ui_actions["previous_change"].trigger()
    assert (w.current_label, view.textCursor().selectedText()) == ("88", "ADDED ")
    w.undo_stack.setClean()
