"""Author colours: each author of a merge keeps one colour for the whole review.

Colours come from a palette of well-separated hues (readable on white, distinguishable for most
colour-blind readers in the first eight), in the order authors first appear; more authors than
the palette get hues spread around the wheel. The compiler's own separators are grey.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QIcon, QPixmap

# Okabe–Ito inspired, darkened where needed to read as text on white.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8c6d00", "#56b4e9", "#7b3294", "#b8860b")
COMPILER_COLOUR = QColor("#7f7f7f")


class AuthorColours:
    """Author -> colour, stable once given."""

    def __init__(self, authors: Iterable[str] = ()) -> None:
        self._colours: dict[str, QColor] = {}
        for author in authors:
            self.colour(author)

    def colour(self, author: str) -> QColor:
        """The author's colour (a new author gets the next one)."""
        known = self._colours.get(author)
        if known is None:
            n = len(self._colours)
            # past the palette: golden-angle steps around the hue wheel
            known = QColor(PALETTE[n]) if n < len(PALETTE) else QColor.fromHsv(int(n * 137.508) % 360, 200, 170)
            self._colours[author] = known
        return QColor(known)

    def of_proposal(self, authors: list[str]) -> QColor:
        """The colour a change of several authors is drawn in: its first author's."""
        return self.colour(authors[0]) if authors else QColor(COMPILER_COLOUR)

    def icon(self, author: str, size: int = 12) -> QIcon:
        """A small square swatch of the author's colour (for lists and menus)."""
        pixmap = QPixmap(size, size)
        pixmap.fill(self.colour(author))
        return QIcon(pixmap)

    def authors(self) -> list[str]:
        """The authors with a colour, in the order they got it."""
        return list(self._colours)
