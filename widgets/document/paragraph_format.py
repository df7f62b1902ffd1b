"""Character formats for redlines: struck deletions, underlined insertions in the author's colour.

Shared by the document view and the redline editor so both draw a change the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor

from app.model import PLAIN, Formatting
from app.segments import Op, Segment
from app.styled import StyledSegment
from widgets.document.change_spans import CHANGE_PROPERTY
from widgets.document.view_mode import ViewMode

DELETED_COLOUR = QColor("#c0392b")
DEFAULT_AUTHOR_COLOUR = QColor("#1f5fbf")
# UN typography on screen: a Times-like serif (Liberation Serif / Times New Roman where installed).
SERIF_FAMILIES = ["Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "serif"]


def serif_font(points: int) -> QFont:
    """The body font of the views."""
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setPointSize(points)
    return font


def char_format(fmt: Formatting, op: Op, author_colour: QColor = DEFAULT_AUTHOR_COLOUR) -> QTextCharFormat:
    """The QTextCharFormat for text of this formatting and this kind of change."""
    cf = QTextCharFormat()
    cf.setFontWeight(QFont.Weight.Bold if fmt.bold else QFont.Weight.Normal)
    cf.setFontItalic(fmt.italic)
    cf.setFontUnderline(fmt.underline)
    cf.setFontStrikeOut(fmt.strike)
    if fmt.superscript:
        cf.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    elif fmt.subscript:
        cf.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
    if op is Op.DELETE:
        cf.setFontStrikeOut(True)
        cf.setForeground(DELETED_COLOUR)
    elif op is Op.INSERT:
        cf.setFontUnderline(True)
        cf.setForeground(author_colour)
    if op is not Op.EQUAL:
        cf.setProperty(CHANGE_PROPERTY, op.value)  # Previous/Next change find it (change_spans)
    return cf


def visible(op: Op, mode: ViewMode) -> bool:
    """Whether text of this kind shows in a view mode."""
    if mode is ViewMode.PROPOSED:
        return op is not Op.DELETE
    if mode is ViewMode.ORIGINAL:
        return op is not Op.INSERT
    return True


def insert_styled(
    cursor: QTextCursor, pieces: Iterable[StyledSegment], mode: ViewMode = ViewMode.REDLINE,
    author_colour: QColor = DEFAULT_AUTHOR_COLOUR,
) -> None:
    """Insert styled segments at the cursor, as the mode shows them (changes plain outside Redline)."""
    for piece in pieces:
        if not piece.text or not visible(piece.op, mode):
            continue
        op = piece.op if mode is ViewMode.REDLINE else Op.EQUAL
        cursor.insertText(piece.text, char_format(piece.formatting, op, author_colour))


def plain_pieces(segments: Iterable[Segment]) -> list[StyledSegment]:
    """Segments without draft formatting (for new paragraphs and tests)."""
    return [StyledSegment(s.op, s.text, PLAIN) for s in segments]
