"""Parts every small dialog uses: an inline message shown whole, labels whose accelerators work, OK/Cancel,
a label completer that goes on one Enter, and the overwrite question."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QWidget

# Inline messages are at least this many average characters wide, so a sentence takes a few lines, not ten.
MESSAGE_MIN_CHARS = 60
ZERO_WIDTH_SPACE = "\u200b"
_AFTER_SEPARATOR = re.compile(r"(?<=[/\\])(?=\S)")


def breakable(text: str) -> str:
    """Text with a break opportunity after every path separator: a long path wraps instead of being cut."""
    return _AFTER_SEPARATOR.sub(ZERO_WIDTH_SPACE, text)


class MessageLabel(QLabel):
    """A red, wrapping message that is always shown whole: paths may wrap, and the window grows to fit it."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__("", parent)
        self._whole = ""
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("color: #c0392b")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MESSAGE_MIN_CHARS)

    def setText(self, text: str) -> None:
        """Show a message (as given: `text()` returns it without the added break opportunities)."""
        self._whole = text
        super().setText(breakable(text))
        self.setAccessibleDescription(text)
        fit_window(self)

    def clear(self) -> None:
        """No message."""
        self.setText("")

    def text(self) -> str:
        """The message as given."""
        return self._whole


def fit_window(widget: QWidget) -> None:
    """Grow a shown window to the height its layout needs at its width (wrapped labels included):
    a top-level window does not follow height-for-width by itself, so longer text would be cut."""
    window = widget.window()
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > window.height():
        window.resize(window.width(), needed)


def message_label(parent: QWidget, name: str) -> MessageLabel:
    """An empty message label where a dialog says what is wrong with its input."""
    return MessageLabel(parent, name)


def buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A form label whose "&" accelerator focuses `buddy` (without a buddy Qt shows the "&" literally)."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _EnterAccepts(QObject):
    """On the completer's popup: Enter takes the highlighted label (if any) and accepts the dialog at once."""

    def __init__(self, completer: QCompleter, edit: QLineEdit, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._completer, self._edit, self._dialog = completer, edit, dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter or Return on the popup: complete, close the popup, accept."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = self._completer.popup()
            index = popup.currentIndex()
            if index.isValid():
                self._edit.setText(str(index.data()))
            popup.hide()
            self._dialog.accept()
            return True
        return super().eventFilter(watched, event)


def label_completer(edit: QLineEdit, labels: Iterable[str], dialog: QDialog) -> QCompleter:
    """Complete paragraph labels in `edit`; one Enter goes, whether the list of suggestions is open or not."""
    completer = QCompleter(list(labels), dialog)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(completer)
    completer.popup().installEventFilter(_EnterAccepts(completer, edit, dialog))
    return completer


def confirm_overwrite(parent: QWidget | None, *paths: Path) -> bool:
    """Ask before replacing existing files; True when none exists or the user says Yes."""
    existing = [p for p in paths if p.exists()]
    if not existing:
        return True
    names = " and ".join(f"“{p.name}”" for p in existing)
    where = existing[0].parent
    answer = QMessageBox.question(
        parent, "Replace the file?",
        breakable(f"{names} already exist{'s' if len(existing) == 1 else ''} in {where}. Replace "
                  f"{'it' if len(existing) == 1 else 'them'}? (No lets you choose another name.)"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
