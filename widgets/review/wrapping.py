"""Rows that grow to their wrapped text, so a narrow list shows whole texts without scrolling sideways.

QTreeView wraps text when asked (setWordWrap) but sizes every row for one line and cuts a word longer
than its column with "…"; WrapDelegate measures each cell at its column's width and paints it wrapped at
word boundaries (inside a word only when the word alone is too long).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize
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
