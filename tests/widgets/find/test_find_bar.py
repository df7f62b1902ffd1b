"""FindBar: finds as you type, Enter / Shift+Enter and the buttons step through the matches, "n of m", Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from widgets.find.find_bar import FindBar
from widgets.find.text_finder import TextFinder

TEXT = "Invites the Council; invites the Assembly; INVITES all."


def _bar(qtbot: QtBot) -> tuple[FindBar, QTextEdit]:
    edit = QTextEdit()
    edit.setPlainText(TEXT)
    bar = FindBar()
    for w in (edit, bar):
        qtbot.addWidget(w)
    bar.search_in(TextFinder(edit))
    return bar, edit


def test_hidden_until_opened_then_finds_as_you_type(qtbot: QtBot) -> None:
    assert not FindBar().isVisible()
    bar, edit = _bar(qtbot)
    assert bar.isVisible() and bar.edit.placeholderText() == "Find in the document"
    qtbot.keyClicks(bar.edit, "invites")
    assert bar.count.text() == "1 of 3"
    assert edit.textCursor().selectedText() == "Invites"


def test_enter_shift_enter_and_buttons_step_and_wrap(qtbot: QtBot) -> None:
    bar, edit = _bar(qtbot)
    qtbot.keyClicks(bar.edit, "invites")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 3" and edit.textCursor().selectionStart() == TEXT.index("invites")
    qtbot.mouseClick(bar.next, Qt.MouseButton.LeftButton)
    assert bar.count.text() == "3 of 3" and edit.textCursor().selectedText() == "INVITES"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 3"  # wrapped to the first
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "3 of 3"  # and back round to the last
    qtbot.mouseClick(bar.previous, Qt.MouseButton.LeftButton)
    assert bar.count.text() == "2 of 3"


def test_match_case_and_no_matches(qtbot: QtBot) -> None:
    bar, edit = _bar(qtbot)
    qtbot.keyClicks(bar.edit, "INVITES")
    assert bar.count.text() == "1 of 3"
    bar.match_case.setChecked(True)
    assert bar.count.text() == "1 of 1" and edit.textCursor().selectionStart() == TEXT.index("INVITES")
    qtbot.keyClicks(bar.edit, "X")
    assert bar.count.text() == "No matches"


def test_escape_closes_and_says_so(qtbot: QtBot) -> None:
    bar, _edit = _bar(qtbot)
    with qtbot.waitSignal(bar.closed, timeout=1000):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
