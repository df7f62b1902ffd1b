"""Go to paragraph (Ctrl+G): a label in any spelling ("88", "83 bis", "OP5", "PP3", "36.1", "annex I, 3",
"table 1, row 2, column 3" or "T1R2C3", full-width digits), checked before the dialog closes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from app.errors import RedlineDeskError
from widgets.dialogs.form_parts import label_completer, message_label, ok_cancel

Resolver = Callable[[str], str]  # label as typed -> canonical label in the draft, or RedlineDeskError


class GoToDialog(QDialog):
    """Asks for a paragraph label; `label()` is the canonical label once accepted."""

    def __init__(self, resolve: Resolver, labels: Iterable[str] = (), parent: QWidget | None = None,
                 current: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("goToDialog")
        self.setWindowTitle("Go to paragraph")
        self._resolve = resolve
        self._label: str | None = None
        self.edit = QLineEdit(current, self)
        self.edit.setObjectName("goToLabel")
        self.edit.setPlaceholderText("88, 83 bis, PP3, 36.1, annex I, 3 or T1R2C3")
        self.edit.setToolTip("The number printed on the paragraph; a table cell as table 1, row 2, column 3 (T1R2C3)")
        self.edit.setAccessibleName("Paragraph label")
        self.edit.selectAll()
        label_completer(self.edit, labels, self)
        self.message = message_label(self, "goToMessage")
        self.buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("&Paragraph:", self.edit)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.edit.textChanged.connect(self._changed)
        self._changed(self.edit.text())

    def _changed(self, text: str) -> None:
        self.message.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def accept(self) -> None:
        """Close only on a label that is in the draft; otherwise say why in the dialog."""
        try:
            self._label = self._resolve(self.edit.text())
        except RedlineDeskError as exc:
            self.message.setText(str(exc))
            self.edit.setFocus()
            return
        super().accept()

    def label(self) -> str | None:
        """The chosen paragraph's label."""
        return self._label
