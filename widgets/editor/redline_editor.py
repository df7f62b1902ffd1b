"""RedlineEditor: Word-like track-changes editing of one paragraph, on app.redline_edit.RedlineEdit.

Every edit goes through the RedlineEdit; the document is only ever changed by re-rendering it from
the segments (just the range that changed, when it can). Offsets are view offsets (struck text
included); inside Qt they are QTextCursor positions, which count UTF-16 units.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from app.model import PLAIN
from app.redline_edit import RedlineEdit, Span
from app.segments import Op, Segment, proposed_text
from widgets.document.paragraph_format import (
    DEFAULT_AUTHOR_COLOUR,
    char_format,
    insert_styled,
    plain_pieces,
    serif_font,
)
from widgets.document.view_mode import ViewMode
from widgets.text_input import from_qt as _from_qt
from widgets.text_input import is_undo_redo as _is_undo_redo
from widgets.text_input import one_line as _one_line
from widgets.text_input import pasted_text
from widgets.text_input import to_qt as _to_qt
from widgets.text_input import typeable as _typeable

_K = QKeySequence.StandardKey
# Keys QTextEdit may have: they move the cursor, select or copy, and never change the text.
_PASS_THROUGH = (*(k for k in _K if k.name.startswith(("MoveTo", "Select"))), _K.Copy, _K.Deselect)
_NAVIGATION_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
                    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Shift, Qt.Key.Key_Control,
                    Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
# Keys left to the window (undo/redo actions) or to focus handling (keyboard-only use).
_LEFT_TO_OTHERS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape,
                   Qt.Key.Key_Menu}
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


class RedlineEditor(QTextEdit):
    """One paragraph under track-changes editing; emits `edited` after every change."""

    edited = Signal(str, list, str, bool)  # label, segments, description (for the undo text), mergeable

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redlineEditor")
        self.setAccessibleName("Paragraph editor")
        self.setAccessibleDescription("Edits one paragraph with tracked changes: typed text is inserted and "
                                      "underlined, deleted original text stays visible struck through.")
        self.setUndoRedoEnabled(False)  # the window's QUndoStack undoes
        self.setAcceptRichText(False)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(True)
        self.setFont(serif_font(12))
        self.setReadOnly(True)  # until a paragraph is loaded
        self._edit = RedlineEdit("")
        self._label: str | None = None
        self._view = ""
        self._colour = QColor(DEFAULT_AUTHOR_COLOUR)
        self._rendering = False
        self.document().contentsChange.connect(self._on_contents_change)

    # --- contract -------------------------------------------------------------

    def load(self, label: str, body: str, segments: list[Segment], *, new_paragraph: bool = False) -> None:
        """Show one paragraph's body as segments; a new (bis) paragraph is all inserted text (its
        text is that of `segments`, or `body` when there are none). Reloading the same label (after an
        undo) keeps the cursor where it was; another paragraph starts at its beginning."""
        keep = self.cursor_offset() if label == self._label else 0
        if new_paragraph:
            text = proposed_text(segments) if segments else body
            self._edit = RedlineEdit("", [Segment(Op.INSERT, text)] if text else None)
        else:
            self._edit = RedlineEdit(body, segments or None)
        self._label = label
        self.setAccessibleName(f"Paragraph editor: {label}" if label else "Paragraph editor")
        self.setReadOnly(False)
        self._render_all(keep)

    def segments(self) -> list[Segment]:
        """The paragraph's segments as edited."""
        return list(self._edit.segments)

    def label(self) -> str | None:
        """The label of the paragraph shown (None before load)."""
        return self._label

    def cursor_offset(self) -> int:
        """The cursor's view offset."""
        return _from_qt(self._view, self.textCursor().position())

    def set_author_colour(self, colour: QColor) -> None:
        """The colour inserted text is drawn in."""
        self._colour = QColor(colour)
        self._render_all(self.cursor_offset())

    def set_font_size(self, points: int) -> None:
        """The size of the serif body font."""
        self.setFont(serif_font(points))

    @Slot()
    def reject_change_at_cursor(self) -> None:
        """Reject the change at the cursor, or every change in the selection."""
        start, end = self._selection()
        spans = self._changes_in(start, end)
        if self._label is None or not spans:
            return
        old = self.segments()
        if start == end:
            pos = self._edit.reject_at(start)
        else:
            for span in reversed(spans):  # later ones first: earlier offsets stay put
                self._edit.reject_at(span.start + 1)
            pos = spans[0].start
        self._commit(old, pos, "Reject change", mergeable=False)

    @Slot()
    def cut(self) -> None:
        """Copy the selection, then delete it as a tracked change (original text is struck)."""
        if self.textCursor().hasSelection() and not self.isReadOnly():
            self.copy()
            self._delete(backward=False, verb="Cut")

    def context_menu(self) -> QMenu:
        """The context menu: reject, copy, select all (no cut or paste that would bypass tracking)."""
        menu = QMenu(self)
        reject = menu.addAction("Reject this change")
        reject.setEnabled(bool(self._changes_in(*self._selection())))
        reject.triggered.connect(self.reject_change_at_cursor)
        menu.addSeparator()
        copy = menu.addAction("Copy")
        copy.setShortcut(QKeySequence(_K.Copy))
        copy.setEnabled(self.textCursor().hasSelection())
        copy.triggered.connect(self.copy)
        select_all = menu.addAction("Select All")
        select_all.setShortcut(QKeySequence(_K.SelectAll))
        select_all.triggered.connect(self.selectAll)
        return menu

    # --- Qt events --------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        """Let undo/redo shortcuts through to the window's actions."""
        if e.type() == QEvent.Type.ShortcutOverride and _is_undo_redo(e):  # type: ignore[arg-type]
            e.ignore()
            return False
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        """Navigation goes to QTextEdit; anything that changes text goes through the RedlineEdit."""
        if self.isReadOnly() or e.key() in _NAVIGATION_KEYS or any(e.matches(k) for k in _PASS_THROUGH):
            super().keyPressEvent(e)
        elif _is_undo_redo(e) or e.key() in _LEFT_TO_OTHERS:
            e.ignore()
        elif e.matches(_K.Paste):
            self.paste()  # arrives in insertFromMimeData
        elif e.matches(_K.Cut):
            self.cut()
        elif e.matches(_K.DeleteStartOfWord) or e.matches(_K.DeleteEndOfWord):
            self._delete_word(backward=e.matches(_K.DeleteStartOfWord))
        elif e.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._delete(backward=e.key() == Qt.Key.Key_Backspace)
        elif e.key() == Qt.Key.Key_F10 and e.modifiers() == _SHIFT:
            self._show_menu(self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))
        elif _typeable(e.text()):
            self._type(e.text(), "Typing")
        else:
            e.ignore()

    def inputMethodEvent(self, e: QInputMethodEvent) -> None:
        """An input method's committed text is typed; its pre-edit text is only shown."""
        if self.isReadOnly() or not (e.commitString() or e.replacementLength()):
            if not self.isReadOnly() and e.preeditString() and self.textCursor().hasSelection():
                self._delete(backward=False)  # QTextEdit would drop the selection untracked
            super().inputMethodEvent(e)
            return
        if e.replacementLength():
            at = self.textCursor().position() + e.replacementStart()
            cursor = self.textCursor()
            cursor.setPosition(at)
            cursor.setPosition(at + e.replacementLength(), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
        if e.commitString():
            self._type(_one_line(e.commitString()), "Typing")
        else:
            self._delete(backward=False)
        super().inputMethodEvent(QInputMethodEvent(e.preeditString(), e.attributes()))

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste (and middle-click) as plain text on one line, tracked as an insertion: formatting is dropped
        (rich text offered without a plain version is read as text)."""
        text = _one_line(pasted_text(source))
        if text and not self.isReadOnly():
            self._type(text, "Paste")

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Only text can be pasted (plain, or rich text read as plain)."""
        return source.hasText() or source.hasHtml()

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        """Right-click puts the cursor where clicked (unless inside the selection) and shows the menu."""
        at = e.globalPos()
        if e.reason() == QContextMenuEvent.Reason.Mouse:
            clicked = self.cursorForPosition(e.pos()).position()
            cursor = self.textCursor()
            if not (cursor.hasSelection() and cursor.selectionStart() <= clicked <= cursor.selectionEnd()):
                cursor.setPosition(clicked)
                self.setTextCursor(cursor)
        else:
            at = self.viewport().mapToGlobal(self.cursorRect().bottomLeft())
        self._show_menu(at)

    # --- edits ------------------------------------------------------------------

    def _type(self, text: str, verb: str) -> None:
        start, end = self._selection()
        old = self.segments()
        if start != end:
            self._commit(old, self._edit.replace(start, end, text), "Replace", mergeable=False)
        else:
            self._commit(old, self._edit.type_text(start, text), verb, mergeable=verb == "Typing")

    def _delete(self, *, backward: bool, verb: str = "Delete") -> None:
        start, end = self._selection()
        old = self.segments()
        if start != end:
            self._commit(old, self._edit.delete_range(start, end), verb, mergeable=False)
        elif backward:
            self._commit(old, self._edit.backspace(start), verb, mergeable=True)
        else:
            self._commit(old, self._edit.delete_forward(start), verb, mergeable=True)

    def _delete_word(self, *, backward: bool) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            self._delete(backward=backward)
            return
        move = QTextCursor.MoveOperation.PreviousWord if backward else QTextCursor.MoveOperation.NextWord
        cursor.movePosition(move, QTextCursor.MoveMode.KeepAnchor)
        start, end = sorted(_from_qt(self._view, p) for p in (cursor.anchor(), cursor.position()))
        old = self.segments()
        pos = self._edit.delete_range(start, end)
        self._commit(old, start if backward else pos, "Delete word", mergeable=False)

    def _commit(self, old: list[Segment], pos: int, verb: str, *, mergeable: bool) -> None:
        """Re-render what changed, put the cursor at pos and tell the window (nothing changed: just move)."""
        if self._edit.segments == old:
            self._place_cursor(pos)
            return
        self._render_change(old, pos)
        assert self._label is not None
        self.edited.emit(self._label, self.segments(), f"{verb} in para {self._label}", mergeable)

    # --- rendering ----------------------------------------------------------------

    def _render_all(self, pos: int) -> None:
        """Re-render the whole paragraph from the segments."""
        self._rendering = True
        try:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            insert_styled(cursor, plain_pieces(self._edit.segments), ViewMode.REDLINE, self._colour)
            cursor.endEditBlock()
        finally:
            self._rendering = False
        self._view = self._edit.view_text
        self._place_cursor(pos)

    def _render_change(self, old: list[Segment], pos: int) -> None:
        """Re-render only the range where the segments differ from `old` (what the document shows)."""
        new = self._edit.segments
        new_view = self._edit.view_text
        start, old_end, new_end = changed_range(old, new)
        runs = list(_runs(new, start, new_end))
        self._rendering = True
        try:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            if self._view[start:old_end] == new_view[start:new_end]:  # same text: only the kind changed
                at = start
                for op, text in runs:
                    self._select(cursor, self._view, at, at + len(text))
                    cursor.setCharFormat(self._format(op))
                    at += len(text)
            else:
                self._select(cursor, self._view, start, old_end)
                cursor.removeSelectedText()
                for op, text in runs:
                    cursor.insertText(text, self._format(op))
            cursor.endEditBlock()
        finally:
            self._rendering = False
        self._view = new_view
        self._place_cursor(pos)

    def _place_cursor(self, pos: int) -> None:
        """The caret at view offset pos, drawn as inserted text."""
        cursor = self.textCursor()
        cursor.setPosition(_to_qt(self._view, max(0, min(pos, len(self._view)))))
        self._rendering = True
        try:
            self.setTextCursor(cursor)
            self.setCurrentCharFormat(self._format(Op.INSERT))
        finally:
            self._rendering = False

    def _on_contents_change(self, _pos: int, removed: int, added: int) -> None:
        """Safety net: a change that did not come from a render (e.g. a drag moved text out) is undone."""
        if not self._rendering and (removed or added):
            QTimer.singleShot(0, self, lambda: self._render_all(self.cursor_offset()))

    # --- helpers --------------------------------------------------------------------

    def _format(self, op: Op) -> QTextCharFormat:
        return char_format(PLAIN, op, self._colour)

    def _selection(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return _from_qt(self._view, cursor.selectionStart()), _from_qt(self._view, cursor.selectionEnd())

    def _select(self, cursor: QTextCursor, view: str, start: int, end: int) -> None:
        cursor.setPosition(_to_qt(view, start))
        cursor.setPosition(_to_qt(view, end), QTextCursor.MoveMode.KeepAnchor)

    def _changes_in(self, start: int, end: int) -> list[Span]:
        """Changes touching the caret (start == end) or overlapping the selection [start, end)."""
        if start == end:
            return [s for s in self._edit.spans() if s.op is not Op.EQUAL and s.start <= start <= s.end]
        return [s for s in self._edit.spans() if s.op is not Op.EQUAL and s.start < end and s.end > start]

    def _show_menu(self, at: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(at)
        menu.deleteLater()


def changed_range(old: list[Segment], new: list[Segment]) -> tuple[int, int, int]:
    """(start, old_end, new_end): view offsets outside of which old and new read the same, kind included."""
    n = min(len(old), len(new))
    i = start = 0
    while i < n and old[i] == new[i]:
        start += len(old[i].text)
        i += 1
    if i < n and old[i].op is new[i].op:
        start += _common_prefix(old[i].text, new[i].text)
    j = tail = 0
    while j < n - i and old[-1 - j] == new[-1 - j]:
        tail += len(old[-1 - j].text)
        j += 1
    if j < n - i and old[-1 - j].op is new[-1 - j].op:
        tail += _common_prefix(old[-1 - j].text[::-1], new[-1 - j].text[::-1])
    old_len, new_len = sum(len(s.text) for s in old), sum(len(s.text) for s in new)
    tail = min(tail, old_len - start, new_len - start)
    return start, old_len - tail, new_len - tail


def _runs(segments: list[Segment], start: int, end: int) -> list[tuple[Op, str]]:
    """The (op, text) runs of the view between start and end."""
    out = []
    at = 0
    for seg in segments:
        a, b = max(start, at), min(end, at + len(seg.text))
        if a < b:
            out.append((seg.op, seg.text[a - at : b - at]))
        at += len(seg.text)
    return out


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix (binary search on slices: fast on long texts)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo
