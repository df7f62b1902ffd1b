"""A one-line label that never widens its window: too long a text is cut with "…" and shown whole in a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 8  # the narrowest it gets: about this many characters, so a cut text still says something


class ElidedLabel(QLabel):
    """A QLabel whose text() stays whole while what it paints is elided to its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # shrinks to a few characters
        self._own_tip = ""

    def minimumSizeHint(self) -> QSize:
        """A few characters wide, one line high, whatever the text: layouts may squeeze it."""
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        width = min(metrics.averageCharWidth() * MIN_CHARS, super().minimumSizeHint().width())
        return QSize(width + margins.left() + margins.right(), super().minimumSizeHint().height())

    def is_elided(self) -> bool:
        """True when the whole text does not fit and is shown cut."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def setToolTip(self, tip: str) -> None:
        """A tooltip of the caller's own; while the text is cut, the whole text is shown instead."""
        self._own_tip = tip
        self._update_tip()

    def setText(self, text: str) -> None:
        """Set the whole text (elided only when painted)."""
        super().setText(text)
        self._update_tip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The cut (and so the tooltip) depends on the width."""
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Paint the text elided on the right to the label's width."""
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)

    def _update_tip(self) -> None:
        super().setToolTip(self.text() if self.is_elided() and self.text() else self._own_tip)
