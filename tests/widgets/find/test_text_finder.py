"""TextFinder: finds in a QTextEdit, selecting each match in turn and wrapping at either end."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from widgets.find.text_finder import TextFinder

TEXT = "The Council notes.\nthe Assembly decides; THE end."


def _edit(qtbot: QtBot) -> QTextEdit:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(TEXT)
    return edit


def _selected(edit: QTextEdit) -> tuple[int, str]:
    cursor = edit.textCursor()
    return cursor.selectionStart(), cursor.selectedText()


def test_next_selects_each_match_then_wraps(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    finder = TextFinder(edit)
    starts = [TEXT.index("The"), TEXT.index("the"), TEXT.index("THE")]
    seen = []
    for n in range(1, 5):
        assert finder.find("the", case_sensitive=False, backward=False, again=True) == ((n - 1) % 3 + 1, 3)
        seen.append(_selected(edit))
    assert [s for s, _ in seen] == [*starts, starts[0]]  # the fourth wraps to the first
    assert [t for _, t in seen] == ["The", "the", "THE", "The"]


def test_previous_goes_back_and_wraps_to_the_last(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    finder = TextFinder(edit)
    assert finder.find("the", case_sensitive=False, backward=True, again=True) == (3, 3)
    assert _selected(edit) == (TEXT.index("THE"), "THE")
    assert finder.find("the", case_sensitive=False, backward=True, again=True) == (2, 3)
    assert _selected(edit) == (TEXT.index("the"), "the")


def test_typing_keeps_the_match_under_the_selection(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    finder = TextFinder(edit)
    assert finder.find("Cou", case_sensitive=False, backward=False, again=False) == (1, 1)
    assert finder.find("Council", case_sensitive=False, backward=False, again=False) == (1, 1)
    assert _selected(edit) == (TEXT.index("Council"), "Council")


def test_match_case_and_no_match(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    finder = TextFinder(edit)
    assert finder.find("THE", case_sensitive=True, backward=False, again=True) == (1, 1)
    assert _selected(edit) == (TEXT.index("THE"), "THE")
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    edit.setTextCursor(cursor)
    assert finder.find("Secretariat", case_sensitive=False, backward=False, again=True) == (0, 0)
    assert not edit.textCursor().hasSelection()  # nothing found: the cursor stays
