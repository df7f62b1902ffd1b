"""Typing in the document view: keys, input methods, cut and paste made tracked changes through the window
(`editRequested`), Enter and double-click to open the paragraph editor. Part of DocumentView
(widgets/document/document_view.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from widgets.document.in_place_edit import EditRequest, Refused
from widgets.document.view_mode import ViewMode
from widgets.text_input import is_undo_redo, one_line, pasted_text, typeable

if TYPE_CHECKING:
    from widgets.document.document_view import DocumentView

    _Base = DocumentView
else:
    _Base = object

_K = QKeySequence.StandardKey
# Keys that move the caret, select or copy: QTextBrowser's own handling.
_PASS_THROUGH = (*(k for k in _K if k.name.startswith(("MoveTo", "Select"))), _K.Copy, _K.Deselect)
_NOT_TYPING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class TypingMixin(_Base):
    """Keys that change text make tracked changes; part of DocumentView."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter edits the current paragraph in the paragraph editor; keys that change text make tracked
        changes here; the rest move and select."""
        label = self.current_label()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and label is not None:
            self.paragraphActivated.emit(label)
            event.accept()
            return
        if self._edit_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """An input method's committed text is typed as a tracked insertion."""
        if event.commitString():
            self._request(lambda c: self._typing.type_text(c, one_line(event.commitString())))
            event.accept()
            return
        super().inputMethodEvent(event)

    def editable(self) -> str:
        """"" when typing here makes tracked changes, else why not (and what to do)."""
        if self._session is None:
            return "no draft is open"
        if self._overlay is not None:
            return "a merge is under review: decide its changes in the Review panel, or close the review to type"
        if self._mode is not ViewMode.REDLINE:
            return "the document is shown as proposed or original; switch to the Redline view to type"
        return ""

    def cut(self) -> None:
        """Copy the selection, then delete it as a tracked change (original text is struck)."""
        if self.textCursor().hasSelection():
            self.copy()
            self._request(lambda c: self._typing.delete(c, backward=False, verb="Cut"))

    def paste(self) -> None:
        """Paste the clipboard's text (formatting dropped, on one line) as a tracked insertion."""
        data = QApplication.clipboard().mimeData()
        text = one_line(pasted_text(data)) if data is not None else ""
        if text:
            self._request(lambda c: self._typing.type_text(c, text, "Paste"))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click edits the paragraph under the mouse."""
        super().mouseDoubleClickEvent(event)
        label = self.label_at(event.position().toPoint())
        if label is not None:
            self.paragraphActivated.emit(label)

    def _edit_key(self, e: QKeyEvent) -> bool:
        """Make the tracked change a key asks for; False for keys that do not change text."""
        if is_undo_redo(e) or any(e.matches(k) for k in _PASS_THROUGH):
            return False
        if e.matches(_K.Paste):
            self.paste()
        elif e.matches(_K.Cut):
            self.cut()
        elif e.matches(_K.DeleteStartOfWord) or e.matches(_K.DeleteEndOfWord):
            backward = e.matches(_K.DeleteStartOfWord)
            cursor = self.textCursor()
            if not cursor.hasSelection():
                move = QTextCursor.MoveOperation.PreviousWord if backward else QTextCursor.MoveOperation.NextWord
                cursor.movePosition(move, QTextCursor.MoveMode.KeepAnchor)
            self._request(lambda _c: self._typing.delete(cursor, backward=backward, verb="Delete word"))
        elif e.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._request(lambda c: self._typing.delete(c, backward=e.key() == Qt.Key.Key_Backspace))
        elif typeable(e.text()) and not e.modifiers() & _NOT_TYPING:
            self._request(lambda c: self._typing.type_text(c, e.text()))
        else:
            return False
        return True

    def _request(self, make: Callable[[QTextCursor], EditRequest]) -> None:
        """Ask the window to make an edit, then put the caret where the edit left it."""
        why = self.editable()
        try:
            if why:
                raise Refused(why)
            request = make(self.textCursor())
        except Refused as exc:
            self.editRefused.emit(str(exc))
            return
        self.editRequested.emit(request)  # the window applies it and re-renders the paragraph
        label, offset = request.caret
        block = self._block(label)
        if block is None:
            return
        cursor = QTextCursor(block)
        cursor.setPosition(self._typing.caret_position(block, offset))
        self._quiet = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._quiet = False
        self._selected = label
