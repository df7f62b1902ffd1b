"""The margin painter finds the first block on screen by walking from the last one, as a full scan would."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from widgets.document.margin_markers import MarginMarkers


def _first_by_scan(view: QTextEdit, top: float) -> int:
    layout = view.document().documentLayout()
    block = view.document().begin()
    while block.isValid():
        if block.isVisible() and layout.blockBoundingRect(block).bottom() >= top:
            return block.blockNumber()
        block = block.next()
    return -1


def _visible_number(block: QTextBlock) -> int:
    while block.isValid() and not block.isVisible():
        block = block.next()
    return block.blockNumber() if block.isValid() else -1


def _view(qtbot: QtBot, blocks: int) -> QTextEdit:
    view = QTextEdit()
    qtbot.addWidget(view)
    view.resize(500, 300)
    cursor = QTextCursor(view.document())
    for n in range(blocks):
        if n:
            cursor.insertBlock()
        cursor.insertText(f"Paragraph {n}. " + "words " * (5 + n % 40))
    for n in range(0, blocks, 7):  # hidden blocks, as deleted paragraphs in Proposed view are
        view.document().findBlockByNumber(n).setVisible(False)
    view.document().markContentsDirty(0, view.document().characterCount())
    view.show()
    qtbot.waitExposed(view)
    return view


def test_first_block_on_screen_matches_a_full_scan_while_scrolling_and_jumping(qtbot: QtBot) -> None:
    view = _view(qtbot, 600)
    markers = MarginMarkers(view)
    bar = view.verticalScrollBar()
    positions = [0, 3, 40, 41, 200, 180, 2000, bar.maximum(), bar.maximum() // 2, 5, 0]
    for value in positions:
        bar.setValue(value)
        top = float(bar.value())
        assert _visible_number(markers.first_on_screen(top)) == _first_by_scan(view, top), value


def test_the_hint_survives_edits_above_and_a_rebuilt_document(qtbot: QtBot) -> None:
    view = _view(qtbot, 300)
    markers = MarginMarkers(view)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    markers.first_on_screen(float(bar.value()))
    cursor = QTextCursor(view.document().findBlockByNumber(2))
    cursor.insertText("many more words " * 200)  # everything below moves down
    top = float(bar.value())
    assert _visible_number(markers.first_on_screen(top)) == _first_by_scan(view, top)
    view.document().clear()
    QTextCursor(view.document()).insertText("only this")
    markers.forget()
    assert markers.first_on_screen(0.0).blockNumber() == 0
