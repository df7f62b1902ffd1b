"""The bar in the document view's left margin beside amended paragraphs (a shape, not only a tint).

Painting needs the first block on screen at every repaint, which is every keystroke. QTextEdit's
cursorForPosition() costs milliseconds on a 500-page draft and is wrong when blocks are hidden (deleted
paragraphs in the Proposed view), so the painter remembers the number of the block it found last time and walks
from it: typing and scrolling move it a few blocks at most. (The number, not the QTextBlock: a block handle kept
across edits may name a block the document has since removed, and walking from it is undefined behaviour.)
A jump (Go to, a new document) searches by block number, probing no further than twice the answer (blocks below
it need not be laid out).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QTextBlock, QTextFormat
from PySide6.QtWidgets import QTextEdit

# Block property naming the amendment shown in a block ("modify", "delete", "insert"); unset otherwise.
AMENDED_PROPERTY = QTextFormat.Property.UserProperty + 1
MARKER_COLOUR = QColor("#8a6d00")
_WALK = 48  # blocks walked from the remembered one before the hit test is cheaper


class MarginMarkers:
    """Paints the amended-paragraph bars of one QTextEdit's viewport."""

    def __init__(self, view: QTextEdit) -> None:
        self._view = view
        self._hint: int | None = None  # the number of the block found at the last paint
        self._brushes = {kind: QBrush(MARKER_COLOUR, Qt.BrushStyle.Dense4Pattern if kind == "delete"
                                      else Qt.BrushStyle.SolidPattern) for kind in ("delete", "other")}

    def paint(self) -> None:
        """Draw a bar beside every amended block on screen."""
        view = self._view
        layout = view.document().documentLayout()
        dx, dy = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
        height = view.viewport().height()
        block = self.first_on_screen(dy)
        painter = QPainter(view.viewport())
        try:
            while block.isValid():
                rect = layout.blockBoundingRect(block).translated(-dx, -dy)
                if rect.top() > height:
                    break
                kind = block.blockFormat().property(AMENDED_PROPERTY)
                if kind and block.isVisible():
                    painter.fillRect(QRectF(2, rect.top(), 4, rect.height()), self._brush(str(kind)))
                block = block.next()
        finally:
            painter.end()

    def first_on_screen(self, top: float) -> QTextBlock:
        """The first shown block that reaches below document y `top` (or a hidden block just before it)."""
        found = self._walk(top)
        if found is None:
            found = self._search(top)
        self._hint = found.blockNumber() if found.isValid() else None
        return found

    def _reaches(self, number: int, top: float, end: int) -> bool:
        """Whether the first shown block at or after `number` (before `end`) reaches below `top`; True when
        there is none (the search's answer is then at or before it)."""
        block = self._view.document().findBlockByNumber(number)
        while block.isValid() and block.blockNumber() < end and not block.isVisible():
            block = block.next()
        if not block.isValid() or block.blockNumber() >= end:
            return True
        return self._view.document().documentLayout().blockBoundingRect(block).bottom() >= top

    def _search(self, top: float) -> QTextBlock:
        """The first block whose shown successor reaches below `top`: exponential, then binary search."""
        count = self._view.document().blockCount()
        low, high = 0, 1
        while high < count and not self._reaches(high, top, count):
            low, high = high + 1, high * 2
        high = min(high, count)
        while low < high:
            middle = (low + high) // 2
            if self._reaches(middle, top, high):
                high = middle
            else:
                low = middle + 1
        return self._view.document().findBlockByNumber(low)

    def _walk(self, top: float) -> QTextBlock | None:
        doc = self._view.document()
        if self._hint is None or not 0 <= self._hint < doc.blockCount():
            return None
        block = doc.findBlockByNumber(self._hint)
        layout = doc.documentLayout()
        steps = 0
        while steps < _WALK:  # back while the block before still reaches below the top
            before = block.previous()
            if not before.isValid() or (before.isVisible() and layout.blockBoundingRect(before).bottom() < top):
                break
            block, steps = before, steps + 1
        while steps < _WALK and block.isValid():  # forward past blocks wholly above the top
            if block.isVisible() and layout.blockBoundingRect(block).bottom() >= top:
                return block
            block, steps = block.next(), steps + 1
        if not block.isValid():
            return block  # every block ends above the top: nothing is on screen
        return None

    def forget(self) -> None:
        """The document was rebuilt: the remembered block means nothing now."""
        self._hint = None

    def _brush(self, kind: str) -> QBrush:
        return self._brushes["delete" if kind == "delete" else "other"]
