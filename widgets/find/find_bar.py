"""The find bar under the document: the words, Previous / Next, Match case, "n of m"; Esc closes it.

It searches whichever FindTarget the window gives it when it opens (the document view, or the review
list when that had the focus); typing finds as you type, Enter finds the next match, Shift+Enter the
previous one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from widgets.find.target import FindTarget


class FindBar(QWidget):
    """Finds in a FindTarget; hidden until `open`."""

    closed = Signal()  # Esc or the close button: the window gives the focus back to what was searched

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find")
        self._target: FindTarget | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setAccessibleName("Find what")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.previous = self._button("findPrevious", "Previous", "Find the previous match (Shift+F3, Shift+Enter)")
        self.next = self._button("findNext", "Next", "Find the next match (F3, Enter)")
        self.match_case = QCheckBox("Match c&ase", self)
        self.match_case.setObjectName("findMatchCase")
        self.count = QLabel("", self)
        self.count.setObjectName("findCount")
        self.count.setAccessibleName("Matches")
        close = self._button("findClose", "✕", "Close the find bar (Esc)")
        close.setAccessibleName("Close the find bar")
        label = QLabel("&Find:", self)
        label.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        for widget in (self.previous, self.next, self.match_case, self.count, close):
            layout.addWidget(widget)
        self.edit.textEdited.connect(lambda _text: self._find(backward=False, again=False))
        self.match_case.toggled.connect(lambda _on: self._find(backward=False, again=False))
        self.previous.clicked.connect(self.find_previous)
        self.next.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self.hide()

    def _button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    # --- public API ---------------------------------------------------------------

    def target(self) -> FindTarget | None:
        """What the bar searches."""
        return self._target

    def search_in(self, target: FindTarget, text: str = "") -> None:
        """Show the bar searching `target`, the words selected to type over (`text`, when given, replaces them)."""
        self._target = target
        self.edit.setPlaceholderText(f"Find in {target.place}")
        if text:
            self.edit.setText(text)
        self.count.clear()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self._find(backward=False, again=False)

    def find_next(self) -> tuple[int, int]:
        """Select the next match (wrapping to the first); (n, m)."""
        return self._find(backward=False, again=True)

    def find_previous(self) -> tuple[int, int]:
        """Select the previous match (wrapping to the last); (n, m)."""
        return self._find(backward=True, again=True)

    def close_bar(self) -> None:
        """Hide the bar and say so (the window puts the focus back)."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    # --- events ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc anywhere in the bar closes it (a key of the bar, not a window shortcut: Esc means other
        things elsewhere)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the words: Enter finds the next match, Shift+Enter the previous one, Esc closes."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._find(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier), again=True)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _find(self, *, backward: bool, again: bool) -> tuple[int, int]:
        text = self.edit.text()
        if self._target is None or not text:
            self.count.clear()
            return 0, 0
        n, m = self._target.find(text, case_sensitive=self.match_case.isChecked(), backward=backward, again=again)
        self.count.setText(f"{n} of {m}" if m else "No matches")
        return n, m
