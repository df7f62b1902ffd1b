"""What keys and the clipboard may put into tracked text, and offsets between Python and Qt.

Shared by the paragraph editor and typing in the document view: both count offsets in code points
(the segments' offsets) while QTextCursor counts UTF-16 units.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextDocumentFragment

_K = QKeySequence.StandardKey
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _bmp(text: str) -> bool:
    # A regex scan, not max(): this runs on every keystroke over the whole paragraph.
    return text.isascii() or _ASTRAL.search(text) is None


def to_qt(view: str, offset: int) -> int:
    """View offset (code points) -> QTextCursor position (UTF-16 units)."""
    return offset if _bmp(view) else len(view[:offset].encode("utf-16-le")) // 2


def from_qt(view: str, position: int) -> int:
    """QTextCursor position (UTF-16 units) -> view offset (code points)."""
    if _bmp(view):
        return position
    return len(view.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore"))


def typeable(text: str) -> bool:
    """Text a key may type: no control characters (format characters such as ZWNJ are fine)."""
    return bool(text) and all(unicodedata.category(ch) != "Cc" for ch in text)


def pasted_text(source: QMimeData) -> str:
    """The plain text of a paste: text/plain when offered, else the text of the HTML (no formatting)."""
    if source.hasText():
        return source.text()
    if source.hasHtml():
        return QTextDocumentFragment.fromHtml(source.html()).toPlainText()
    return ""


def one_line(text: str) -> str:
    """Pasted text on one line: line and paragraph breaks and tabs become spaces; controls go."""
    text = text.replace("\r\n", " ")
    text = "".join(" " if ch in "\r\n\t\v\f\x85\u2028\u2029" else ch for ch in text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def is_undo_redo(e: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y or the platform's undo/redo keys."""
    mods = e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    ours = (e.key() == Qt.Key.Key_Z and mods in (_CTRL, _CTRL | _SHIFT)) or (e.key() == Qt.Key.Key_Y and mods == _CTRL)
    return ours or e.matches(_K.Undo) or e.matches(_K.Redo)
