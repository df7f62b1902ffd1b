"""MainWindow by keyboard only: the shortcuts work while the editor has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.amendments import Kind
from app.resources import REV2_EXCERPT
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.dialogs.new_paragraph_dialog import NewParagraphDialog
from widgets.document.view_mode import ViewMode
from widgets.main_window import MainWindow

KM = Qt.KeyboardModifier
CTRL, SHIFT, ALT = KM.ControlModifier, KM.ShiftModifier, KM.AltModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    capture_dialogs(monkeypatch)
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert w.go_to("88")
    return w


def test_paragraph_and_view_shortcuts_from_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_Down, ALT)
    assert window.current_label == "89"
    qtbot.keyClick(editor, Qt.Key.Key_Up, ALT)
    assert window.current_label == "88"
    qtbot.keyClick(editor, Qt.Key.Key_2, CTRL)
    assert window.mode is ViewMode.PROPOSED
    qtbot.keyClick(editor, Qt.Key.Key_3, CTRL)
    assert window.mode is ViewMode.ORIGINAL
    qtbot.keyClick(editor, Qt.Key.Key_1, CTRL)
    assert window.mode is ViewMode.REDLINE
    qtbot.keyClick(editor, Qt.Key.Key_Delete, CTRL | SHIFT)
    a88 = window.session.amendment_for("88") if window.session else None
    assert a88 is not None and a88.kind is Kind.DELETE
    assert editor.toPlainText() == a88.anchor_text  # all of it struck, still visible


def test_new_paragraph_shortcut_asks_for_its_text(qtbot: QtBot, window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def type_and_add(dialog: NewParagraphDialog) -> int:
        shown.append(dialog.windowTitle())
        qtbot.keyClicks(dialog.edit, "We note the IGF's mandate.")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter adds it
        return dialog.result()

    monkeypatch.setattr(NewParagraphDialog, "exec", type_and_add)
    qtbot.keyClick(window.editor, Qt.Key.Key_N, CTRL | SHIFT)
    assert shown == ["New paragraph 88 bis"]
    assert window.current_label == "88 bis"
    assert window.editor.toPlainText() == "We note the IGF's mandate."
    monkeypatch.setattr(NewParagraphDialog, "exec", lambda _d: 0)  # cancelled
    qtbot.keyClick(window.editor, Qt.Key.Key_N, CTRL | SHIFT)
    assert window.current_label == "88 bis" and window.session is not None and len(window.session.amendments) == 1
