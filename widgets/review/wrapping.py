"""Columns that fit their view and rows that grow to wrapped text, so a narrow panel never scrolls sideways.

QTreeView wraps text when asked (setWordWrap) but sizes every row for one line; WrapDelegate measures
each cell at its column's width instead. FittedColumns shares the viewport's width between the columns
by fixed proportions whenever the view is resized.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QRect, QSize, QTimer
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

_TALL = 100_000  # the height a cell may need: unbounded in practice


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their cells' text wrapped to each column's width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """The one-line hint, made taller when the text wraps in its column."""
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text: str = opt.text  # type: ignore[attr-defined]
        if not text:
            return size
        width = text_width(self._view, opt, index)
        if width <= 0:
            return size
        height = wrapped(text, opt.font, width).boundingRect().height()  # type: ignore[attr-defined]
        margin = 2 * (self._view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) + 1)
        return QSize(size.width(), max(size.height(), height + margin))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """The cell as the style draws it, its text wrapped anywhere a word is too long for the column
        (the style would cut such a word with "…" although sizeHint made room for it)."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text: str = opt.text  # type: ignore[attr-defined]
        opt.text = ""  # type: ignore[attr-defined]
        style = self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)
        if not text:
            return
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self._view)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        layout = wrapped(text, opt.font, rect.width())  # type: ignore[attr-defined]
        top = rect.top() + max(0.0, (rect.height() - layout.boundingRect().height()) / 2)
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def wrapped(text: str, font: QFont, width: int) -> QTextLayout:
    """The text laid out in lines of `width`: at word boundaries, inside a word only when it is longer."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def text_width(view: QTreeView, opt: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
    """How wide the text of a cell is painted: its column less the tree's indentation, margins and icon."""
    width = view.header().sectionSize(index.column())
    if index.column() == 0:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width -= view.indentation() * (depth + int(view.rootIsDecorated()))
    opt.rect = QRect(0, 0, width, _TALL)  # type: ignore[attr-defined]
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view).width()


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
