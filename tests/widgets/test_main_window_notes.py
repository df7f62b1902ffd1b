"""A footnote or endnote is amended in the editor like a paragraph: Go to "66 fn1", strike and insert, and the
export writes the change as a tracked change in the note; the project keeps it on reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.wiring.session import Session
from tests.app.test_note_merge import END, FOOT, PARAS, _note_revisions
from tests.docx_io.docx_factory import make_noted_docx
from tests.widgets.window_helpers import Dialogs, capture_dialogs, open_window, select_in_editor


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


def test_a_footnote_is_amended_in_the_editor_exported_and_kept_in_the_project(
        qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    draft = make_noted_docx(tmp_path / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    window = open_window(qtbot, tmp_path, draft)
    assert window.go_to("66 fn1")
    assert window.current_label == "66 fn1" and window.editor.toPlainText().strip() == FOOT
    assert "66 fn1" in window.editor_pane.heading.text()
    select_in_editor(qtbot, window, "4")
    qtbot.keyClick(window.editor, Qt.Key.Key_5)
    session = window.session
    assert session is not None and session.amendment_for("66 fn1") is not None
    out = tmp_path / "amended.docx"
    assert window.export(out, "full")
    assert [(op, text) for op, _, text in _note_revisions(out, "footnote")] == [("del", "4"), ("ins", "5")]
    project = tmp_path / "amendments.rdproj.json"
    session.save(project)
    reopened, placements = Session.open_project(project)
    assert [(p.old_label, p.new_label) for p in placements] == [("66 fn1", "66 fn1")]
    assert [a.label for a in reopened.amendments] == ["66 fn1"]
    assert dialogs.errors == []
    window.undo_stack.setClean()


def test_a_note_is_shown_after_its_paragraph_and_typed_in_with_track_changes(
        qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    draft = make_noted_docx(tmp_path / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    window = open_window(qtbot, tmp_path, draft)
    view = window.document_view
    block = view.block_for("66 fn1")
    assert block is not None and block.text().startswith("Footnote 1:") and block.text().endswith(FOOT)
    assert block.previous() == view.block_for("66")  # right under the paragraph that references it
    assert view.block_for("endnote 1") is not None and view.block_for("endnote 1").previous() == view.block_for("67")
    cursor = view.textCursor()
    cursor.setPosition(block.position() + block.text().index("4"))
    cursor.setPosition(block.position() + block.text().index("4") + 1, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_5)
    session = window.session
    assert session is not None
    amendment = session.amendment_for("66 fn1")
    assert amendment is not None
    changes = [(s.op.value, s.text) for s in amendment.option.segments if s.op.value != "equal"]
    assert changes == [("delete", "4"), ("insert", "5")]
    shown = view.block_for("66 fn1")
    assert shown is not None and "45" in shown.text()  # struck and inserted, in place
    out = tmp_path / "typed.docx"
    assert window.export(out, "full")
    assert [(op, text) for op, _, text in _note_revisions(out, "footnote")] == [("del", "4"), ("ins", "5")]
    assert dialogs.errors == []
    window.undo_stack.setClean()
