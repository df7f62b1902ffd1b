"""Finding in a QTextEdit (the document view): QTextDocument.find, the match selected and scrolled into view."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit


class TextFinder:
    """Finds text in one QTextEdit's document."""

    def __init__(self, edit: QTextEdit, place: str = "the document") -> None:
        self._edit = edit
        self._place = place

    @property
    def place(self) -> str:
        """Where it searches."""
        return self._place

    def matches(self, text: str, *, case_sensitive: bool) -> list[tuple[int, int]]:
        """Every match as (start, end) cursor positions, in document order."""
        if not text:
            return []
        doc = self._edit.document()
        flags = QTextDocument.FindFlag.FindCaseSensitively if case_sensitive else QTextDocument.FindFlag(0)
        out: list[tuple[int, int]] = []
        cursor = QTextCursor(doc)
        while True:
            cursor = doc.find(text, cursor, flags)
            if cursor.isNull():
                return out
            out.append((cursor.selectionStart(), cursor.selectionEnd()))

    def find(self, text: str, *, case_sensitive: bool, backward: bool, again: bool) -> tuple[int, int]:
        """Select the next (or previous) match after (before) the selection, wrapping; (n, m)."""
        found = self.matches(text, case_sensitive=case_sensitive)
        if not found:
            return 0, 0
        current = self._edit.textCursor()
        start = current.selectionStart()
        if backward:
            before = [i for i, (s, _) in enumerate(found) if s < start]
            index = before[-1] if before else len(found) - 1
        else:
            # Typing keeps the match under the selection; Next moves past it. A caret sits before what it finds.
            past = start + 1 if again and current.hasSelection() else start
            after = [i for i, (s, _) in enumerate(found) if s >= past]
            index = after[0] if after else 0
        s, e = found[index]
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(s)
        cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self._edit.setTextCursor(cursor)
        self._edit.ensureCursorVisible()
        return index + 1, len(found)
