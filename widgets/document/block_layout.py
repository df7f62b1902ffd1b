"""UN paragraph layout on screen: the number at the margin, the text at the first tab, wrapped lines back at the
margin; headings hang their number in the margin; right-to-left paragraphs mirror it. Block formats are cached
per kind, direction and amendment, so rendering 10,000 paragraphs makes a handful of them."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextBlockFormat, QTextOption

from widgets.document.margin_markers import AMENDED_PROPERTY

AMENDED_BACKGROUND = QColor(255, 248, 220)  # a light tint; the bar in the margin says it without colour
TAB_TWIPS = 475  # the UN tab step (0.33 in) at 10 pt; scaled with the view's font size
_RTL = {"R", "AL"}

_Key = tuple[bool, Qt.LayoutDirection | None, str | None]


def first_strong_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of the first strongly directional character (Unicode bidi rule P2), if any."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in _RTL:
            return Qt.LayoutDirection.RightToLeft
    return None


class BlockLayout:
    """The block formats of one view, at its font size and screen resolution."""

    def __init__(self, points: int, dpi: float) -> None:
        self.points, self.dpi = points, dpi
        self._cache: dict[_Key, QTextBlockFormat] = {}

    def resize(self, points: int, dpi: float) -> None:
        """A new font size (or screen): every format is made again."""
        self.points, self.dpi = points, dpi
        self._cache.clear()

    def tab(self) -> float:
        """The UN tab step in pixels at the view's font size."""
        return TAB_TWIPS / 20 * self.points / 10 * self.dpi / 72

    def block_format(self, heading: bool, text: str, amended: str | None) -> QTextBlockFormat:
        """The format of a paragraph (or heading) whose text is `text`, marked as amended ("modify", "delete",
        "insert") or not."""
        key = (heading, first_strong_direction(text), amended)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self._new(*key)
        return fmt

    def note_format(self, text: str, amended: str | None) -> QTextBlockFormat:
        """A footnote or endnote shown under its paragraph: indented a tab further, close to it."""
        key = (False, first_strong_direction(text), f"note {amended or ''}")
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = QTextBlockFormat(self._new(False, key[1], amended))
            fmt.setLeftMargin(self.tab() * 2)
            fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
            self._cache[key] = fmt
        return fmt

    def _new(self, heading: bool, direction: Qt.LayoutDirection | None, amended: str | None) -> QTextBlockFormat:
        margin = self.tab()
        line = self.points * self.dpi / 72
        fmt = QTextBlockFormat()
        fmt.setLeftMargin(margin)
        fmt.setRightMargin(margin / 2)
        if heading:
            fmt.setTextIndent(-margin)
            fmt.setTabPositions([QTextOption.Tab(margin * 0.8, QTextOption.TabType.RightTab),
                                 QTextOption.Tab(margin, QTextOption.TabType.LeftTab)])
            fmt.setTopMargin(line)
            fmt.setBottomMargin(line / 2)
        else:
            fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
            fmt.setBottomMargin(line / 2)
        if direction is not None:
            fmt.setLayoutDirection(direction)
        if direction is Qt.LayoutDirection.RightToLeft:  # Qt's margins are physical: the number side is right
            fmt.setRightMargin(margin)
        if amended:
            fmt.setProperty(AMENDED_PROPERTY, amended)
            fmt.setBackground(AMENDED_BACKGROUND)
        return fmt
