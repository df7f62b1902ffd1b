"""New paragraph after the current one: says the label it will get ("88 bis"), wraps its text, Ctrl+Enter adds."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from widgets.dialogs.form_parts import message_label, ok_cancel

# The text box is about this many characters wide and lines tall: a UN paragraph reads without scrolling sideways.
TEXT_CHARS, TEXT_LINES = 70, 8


class NewParagraphDialog(QDialog):
    """Asks for the text of new paragraph `label` after `after`; `text()` once accepted."""

    def __init__(self, after: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newParagraphDialog")
        self.setWindowTitle(f"New paragraph {label}")
        heading = QLabel(f"New paragraph <b>{label}</b>, after para {after}. &Text:", self)
        heading.setObjectName("newParagraphHeading")
        heading.setWordWrap(True)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("newParagraphText")
        self.edit.setAccessibleName(f"Text of new paragraph {label}")
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setTabChangesFocus(True)
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumSize(metrics.averageCharWidth() * TEXT_CHARS, metrics.lineSpacing() * TEXT_LINES)
        self.edit.installEventFilter(self)
        heading.setBuddy(self.edit)
        hint = QLabel("Ctrl+Enter adds it; the text is tracked as inserted.", self)
        hint.setWordWrap(True)
        self.message = message_label(self, "newParagraphMessage")
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"&Add {label}")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.edit, 1)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        self.message.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the text adds the paragraph (a plain Enter starts a new line)."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        """Close only with some text."""
        if not self.text():
            self.message.setText("Type the text of the new paragraph, or cancel.")
            return
        super().accept()

    def text(self) -> str:
        """The new paragraph's text (trimmed)."""
        return self.edit.toPlainText().strip()
