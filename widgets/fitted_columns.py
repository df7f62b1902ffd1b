"""Columns that share their view's width by fixed proportions, so a list in a narrow dock never scrolls sideways."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTreeView


def shared_widths(width: int, shares: Sequence[float], minimums: Sequence[int]) -> list[int]:
    """Column widths summing to `width`, each its share of it but at least its minimum: columns above their
    minimum give up what the others need, in proportion to their share (more than `width` only when the
    minimums alone are more)."""
    total = sum(shares)
    widths = [max(least, width * share / total) for share, least in zip(shares, minimums, strict=True)]
    for _ in range(len(widths)):  # each pass pins at least one more column to its minimum, or ends
        excess = sum(widths) - width
        free = [i for i, w in enumerate(widths) if w > minimums[i]]
        if excess <= 0.5 or not free:
            break
        weight = sum(shares[i] for i in free)
        for i in free:
            widths[i] = max(minimums[i], widths[i] - excess * shares[i] / weight)
    out = [int(w) for w in widths]
    out[-1] += max(0, width - sum(out))  # rounding: the last column takes what is left
    return out


class FittedColumns(QObject):
    """Keeps a tree view's columns at fixed shares of its width (each at least its minimum)."""

    def __init__(self, view: QTreeView, shares: Sequence[float], minimums: Sequence[int]) -> None:
        super().__init__(view)
        self._view = view
        self._shares = list(shares)
        self._minimums = list(minimums)
        view.header().setStretchLastSection(False)
        self._relayout = QTimer(self)  # rows re-measured at the new widths, once per burst of resizes
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(lambda *_: self._relayout.start())
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    def minimum_width(self) -> int:
        """The narrowest the columns fit without scrolling sideways."""
        return sum(self._minimums)

    def fit(self) -> None:
        """Share the viewport's width now."""
        for column, width in enumerate(shared_widths(self._viewport.width(), self._shares, self._minimums)):
            self._view.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A resized viewport shares its new width."""
        # the event's type first: the view may be half destroyed when its viewport gets other events
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        return super().eventFilter(watched, event)
