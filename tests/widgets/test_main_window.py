"""MainWindow: the para-88 task end to end, files, prompts, paragraph operations, undo, view modes."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.amendments import Kind
from app.redline_edit import RedlineEdit
from app.resources import REV2_EXCERPT
from app.segments import Op, Segment
from app.wiring.session import Session
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window, select_in_editor
from widgets.dialogs import messages
from widgets.document.view_mode import ViewMode
from widgets.main_window import MainWindow

DATE = datetime(2025, 12, 9, 10, 0, tzinfo=UTC)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    return w


def _imsb_edit(qtbot: QtBot, window: MainWindow) -> None:
    assert window.go_to("88")
    select_in_editor(qtbot, window, "description")
    qtbot.keyClicks(window.editor, "working definition")


def _expected_88() -> list[Segment]:
    body = Session.open_draft(REV2_EXCERPT).draft.by_label("88").body
    i = body.index("description")
    return [Segment(Op.EQUAL, body[:i]), Segment(Op.DELETE, "description"), Segment(Op.INSERT, "working definition"),
            Segment(Op.EQUAL, body[i + len("description"):])]


def test_key_widgets_carry_their_object_names(window: MainWindow) -> None:
    for name in ("mainWindow", "paragraphNavigator", "documentView", "amendmentsPanel", "redlineEditor",
                 "statusBar"):
        assert window.objectName() == name or window.findChild(QWidget, name) is not None, name
    assert window.windowTitle() == "wsis_rev2_excerpt.docx[*] — Redline Desk" and not window.isWindowModified()


def test_imsb_para_88_by_keys_then_export_full(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                               dialogs: Dialogs) -> None:
    _imsb_edit(qtbot, window)
    assert window.editor_pane.heading.text() == "Editing para 88"
    amendment = window.session.amendment_for("88") if window.session else None
    assert amendment is not None and amendment.kind is Kind.MODIFY
    assert amendment.option.segments == _expected_88()
    assert (amendment.author, amendment.organisation) == ("Jane Doe", "IMSB")
    assert window.isWindowModified() and window.session is not None and window.session.dirty
    out = tmp_path / "full.docx"
    assert window.export(out, "full", date=DATE) and dialogs.errors == []
    # The same amendment made without the GUI exports to the same document.
    plain = Session.open_draft(REV2_EXCERPT)
    plain.author, plain.organisation = "Jane Doe", "IMSB"
    body = plain.draft.by_label("88").body
    edit = RedlineEdit(body)
    i = body.index("description")
    edit.replace(i, i + len("description"), "working definition")
    plain.set_segments("88", edit.segments)
    reference = tmp_path / "reference.docx"
    plain.export(reference, "full", date=DATE)
    with zipfile.ZipFile(out) as got, zipfile.ZipFile(reference) as want:
        xml = got.read("word/document.xml").decode()
        assert xml == want.read("word/document.xml").decode()
    assert 'w:author="IMSB"' in xml and "working definition" in xml and ">description</w:delText>" in xml


def test_undo_and_redo_restore_the_edit_exactly(qtbot: QtBot, window: MainWindow) -> None:
    _imsb_edit(qtbot, window)
    assert window.session is not None
    assert window.undo_stack.count() == 2  # the replacement, then the typing merged into one step
    while window.undo_stack.canUndo():
        window.ui_actions["undo"].trigger()
    assert window.session.amendment_for("88") is None and not window.isWindowModified()
    assert "working definition" not in window.editor.toPlainText()
    assert "working definition" not in window.document_view.toPlainText()
    while window.undo_stack.canRedo():
        window.ui_actions["redo"].trigger()
    a88 = window.session.amendment_for("88")
    assert a88 is not None and a88.option.segments == _expected_88()
    assert "working definition" in window.editor.toPlainText()
    assert "working definition" in window.document_view.toPlainText()


def test_ctrl_z_in_the_editor_undoes_through_the_window(qtbot: QtBot, window: MainWindow) -> None:
    _imsb_edit(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session is not None and window.session.amendment_for("88") is None


def test_save_reopen_same_amendments(qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Dialogs) -> None:
    _imsb_edit(qtbot, window)
    assert window.new_paragraph_after("We recognize the work done within the WSIS framework.") == "88 bis"
    project = tmp_path / "imsb.json"
    assert window.save_project(project)
    assert not window.isWindowModified() and not window.is_modified()
    assert window.settings.recent_files()[0] == project.resolve()
    qtbot.keyClicks(window.editor, "s")  # typing after a save is a new change, not merged into the saved one
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert not window.isWindowModified()
    assert window.session is not None
    saved = window.session.amendments
    other = make_window(qtbot, tmp_path / "other")
    assert other.open_project(project)
    assert other.session is not None and not other.is_modified()
    assert [(a.label, a.kind, a.options) for a in other.session.amendments] == \
        [(a.label, a.kind, a.options) for a in saved]
    assert dialogs.errors == []


def test_a_non_docx_draft_is_refused_with_a_message(window: MainWindow, tmp_path: Path, dialogs: Dialogs) -> None:
    before = window.session
    bad = tmp_path / "notes.txt"
    bad.write_text("not a Word document", encoding="utf-8")
    assert window.open_draft(bad) is False
    assert dialogs.errors == [("Opening notes.txt failed",
                               f"{bad}: not a .docx (not a zip package); save it from Word as .docx")]
    assert window.session is before


def test_a_corrupt_project_is_refused_with_a_message(window: MainWindow, tmp_path: Path, dialogs: Dialogs) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "redline-desk-project", ', encoding="utf-8")
    assert window.open_project(bad) is False
    (title, text), = dialogs.errors
    assert title == "Opening project broken.json failed" and "not a valid project file" in text


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, window: MainWindow, dialogs: Dialogs) -> None:
    assert window.close() and dialogs.save_prompts == 0  # nothing changed: no question
    window.show()
    _imsb_edit(qtbot, window)
    dialogs.answer = messages.CANCEL
    assert window.close() is False and window.isVisible() and dialogs.save_prompts == 1
    dialogs.answer = messages.DISCARD
    assert window.close() is True and dialogs.save_prompts == 2


def test_saving_from_the_prompt_saves(qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Dialogs) -> None:
    _imsb_edit(qtbot, window)
    project = tmp_path / "p.json"
    assert window.session is not None
    window.session.project_path = project
    dialogs.answer = messages.SAVE
    assert window.open_draft(REV2_EXCERPT)
    assert project.exists() and "working definition" in project.read_text(encoding="utf-8")


def test_opening_another_file_with_unsaved_changes_can_be_cancelled(qtbot: QtBot, window: MainWindow,
                                                                   dialogs: Dialogs) -> None:
    _imsb_edit(qtbot, window)
    session = window.session
    dialogs.answer = messages.CANCEL
    assert window.open_draft(REV2_EXCERPT) is False
    assert window.session is session and dialogs.save_prompts == 1


def test_go_to_labels(window: MainWindow) -> None:
    assert window.go_to("88") and window.current_label == "88"
    assert window.go_to("83bis") is False and window.current_label == "88"
    assert window.go_to("not a label") is False
    window.go_to("83")
    assert window.new_paragraph_after("A new paragraph.") == "83 bis"
    assert window.go_to("88") and window.go_to("83 bis")
    assert window.editor_pane.heading.text() == "Editing new para 83 bis (after 83)"
    window.go_to_next()
    assert window.current_label == "84"
    window.go_to_previous()
    assert window.current_label == "83 bis"


def test_new_paragraph_delete_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    assert window.session is not None
    window.go_to("83")
    label = window.new_paragraph_after("We recognize the work done.")
    assert label == "83 bis" and window.current_label == "83 bis"
    assert "We recognize the work done." in window.document_view.toPlainText()
    qtbot.keyClicks(window.editor, " Indeed.")
    new = window.session.amendment_for("83 bis")
    assert new is not None and new.option.proposed.endswith(" Indeed.")
    window.delete_current_paragraph()  # a new paragraph is simply dropped
    assert window.session.amendment_for("83 bis") is None and window.current_label == "83"
    window.delete_current_paragraph()
    gone = window.session.amendment_for("83")
    assert gone is not None and gone.kind is Kind.DELETE
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.session.amendment_for("83 bis") is not None and window.session.amendment_for("83") is None
    assert window.current_label == "83 bis" and "Indeed." in window.editor.toPlainText()


def test_add_option_b(qtbot: QtBot, window: MainWindow, dialogs: Dialogs) -> None:
    window.go_to("88")
    assert window.add_option() is False
    assert "no amendment yet" in dialogs.errors[0][1]
    _imsb_edit(qtbot, window)
    assert window.add_option()
    assert window.session is not None
    a88 = window.session.amendment_for("88")
    assert a88 is not None and [o.name for o in a88.options] == ["A", "B"] and a88.chosen == 1


def test_move_selected_text_to_another_paragraph(qtbot: QtBot, window: MainWindow, dialogs: Dialogs) -> None:
    assert window.session is not None
    window.go_to("103")
    moved = "call for the strengthening of the Secretariat"
    select_in_editor(qtbot, window, moved)
    assert window.move_selection("100", "end")
    a103, a100 = window.session.amendment_for("103"), window.session.amendment_for("100")
    assert a103 is not None and a100 is not None
    (struck,) = [s for s in a103.option.segments if s.op is Op.DELETE]
    (inserted,) = [s for s in a100.option.segments if s.op is Op.INSERT]
    assert struck.text == inserted.text == moved and a100.option.proposed.endswith(moved)
    assert struck.move and struck.move == inserted.move  # one tracked move, written as moveFrom/moveTo
    assert window.undo_stack.undoText() == "Move text from para 103 to para 100"
    window.undo_stack.undo()
    assert window.session.amendments == []
    window.go_to("103")
    assert window.move_selection("100") is False and dialogs.errors[-1][0] == "Nothing to move"


def test_view_modes(window: MainWindow) -> None:
    window.ui_actions["view_proposed"].trigger()
    assert window.mode is ViewMode.PROPOSED and window.document_view.mode() is ViewMode.PROPOSED
    window.view_original()
    assert window.ui_actions["view_original"].isChecked()
    window.view_redline()
    assert window.document_view.mode() is ViewMode.REDLINE


def test_views_follow_activation_signals(window: MainWindow) -> None:
    window.navigator.labelActivated.emit("88")
    assert window.current_label == "88"
    window.document_view.paragraphActivated.emit("65")
    assert window.current_label == "65" and "scale of the problem" in window.editor.toPlainText()


def test_a_dropped_project_or_draft_opens(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(REV2_EXCERPT))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    old = window.session
    window.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.session is not old)
    junk = QMimeData()
    junk.setUrls([QUrl.fromLocalFile(str(tmp_path / "picture.png"))])
    ignored = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, junk, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    current = window.session
    window.dropEvent(ignored)
    qtbot.wait(20)
    assert window.session is current and not ignored.isAccepted()


def test_autosave_while_dirty_and_removed_on_save(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    window = make_window(qtbot, tmp_path, autosave_interval_ms=50)
    assert window.open_draft(REV2_EXCERPT)
    _imsb_edit(qtbot, window)
    qtbot.waitUntil(window.autosaver.path.exists, timeout=3000)
    assert "working definition" in window.autosaver.path.read_text(encoding="utf-8")
    assert window.save_project(tmp_path / "p.json")
    assert not window.autosaver.path.exists()


def test_exporting_twice_writes_the_same_revisions(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                   dialogs: Dialogs) -> None:
    _imsb_edit(qtbot, window)
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    assert window.export(first, "full", date=DATE) and window.export(second, "full", date=DATE)
    assert dialogs.errors == []
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")
