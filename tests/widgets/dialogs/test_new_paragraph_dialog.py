"""NewParagraphDialog: names the label it will give, wraps its text, Ctrl+Enter adds, empty text refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from widgets.dialogs.new_paragraph_dialog import NewParagraphDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def dialog(qtbot: QtBot) -> NewParagraphDialog:
    session = Session.open_draft(REV2_EXCERPT)
    d = NewParagraphDialog("88", session.new_label_after("88"))
    qtbot.addWidget(d)
    return d


def test_it_shows_the_label_it_will_give(dialog: NewParagraphDialog) -> None:
    heading = dialog.findChild(QLabel, "newParagraphHeading")
    assert heading is not None and "88 bis" in heading.text() and "after para 88" in heading.text()
    assert dialog.windowTitle() == "New paragraph 88 bis"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "&Add 88 bis"


def test_the_label_is_the_one_the_session_gives(qtbot: QtBot) -> None:
    session = Session.open_draft(REV2_EXCERPT)
    assert session.new_label_after("88") == "88 bis"
    assert session.insert_after("88", "One.").label == "88 bis"
    assert session.new_label_after("88") == session.new_label_after("88 bis") == "88 ter"
    assert session.insert_after("88 bis", "Two.").label == "88 ter"


def test_the_text_wraps_at_the_box_width(dialog: NewParagraphDialog, qtbot: QtBot) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.edit.lineWrapMode() is QPlainTextEdit.LineWrapMode.WidgetWidth
    dialog.edit.setPlainText("We reaffirm the working definition of Internet governance " * 6)
    assert dialog.edit.horizontalScrollBar().maximum() == 0  # no sideways scrolling: the lines wrap
    qtbot.waitUntil(lambda: dialog.edit.document().firstBlock().layout().lineCount() > 2)  # one paragraph, wrapped


def test_ctrl_enter_adds_and_plain_enter_starts_a_line(dialog: NewParagraphDialog, qtbot: QtBot) -> None:
    dialog.show()
    qtbot.keyClicks(dialog.edit, "We note")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.edit.toPlainText() == "We note\n"
    qtbot.keyClicks(dialog.edit, "the mandate.")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == NewParagraphDialog.DialogCode.Accepted
    assert dialog.text() == "We note\nthe mandate."


def test_empty_text_is_refused(dialog: NewParagraphDialog, qtbot: QtBot) -> None:
    dialog.show()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "Type the text" in dialog.message.text()
