"""Move selected text to another paragraph: asks the target label and whether at its start or end."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import LabelError, RedlineDeskError
from widgets.dialogs.form_parts import label_completer, message_label, ok_cancel
from widgets.dialogs.goto_dialog import Resolver

START, END = "start", "end"


class MoveTextDialog(QDialog):
    """The target of a move; `target()` and `position()` once accepted."""

    def __init__(self, resolve: Resolver, source: str, selected: str, labels: Iterable[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveTextDialog")
        self.setWindowTitle("Move selection to paragraph")
        self._resolve = resolve
        self._source = source
        self._target: str | None = None
        shown = selected if len(selected) <= 80 else selected[:77] + "…"
        what = QLabel(f"Move “{shown}” from para {source} to:", self)
        what.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("moveTarget")
        self.edit.setPlaceholderText("100")
        self.edit.setAccessibleName("Target paragraph label")
        label_completer(self.edit, [lab for lab in labels if lab != source], self)
        self.where = QComboBox(self)
        self.where.setObjectName("movePosition")
        self.where.addItem("At the end of the paragraph", END)
        self.where.addItem("At the start of the paragraph", START)
        self.where.setAccessibleName("Position in the target paragraph")
        self.message = message_label(self, "moveMessage")
        self.buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow(what)
        form.addRow("&Paragraph:", self.edit)
        form.addRow("P&osition:", self.where)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.edit.textChanged.connect(self._changed)
        self._changed("")

    def _changed(self, text: str) -> None:
        self.message.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def accept(self) -> None:
        """Close only on a label in the draft other than the source."""
        try:
            target = self._resolve(self.edit.text())
            if target == self._source:
                raise LabelError(f"the text is already in para {target}; choose another paragraph")
        except RedlineDeskError as exc:
            self.message.setText(str(exc))
            return
        self._target = target
        super().accept()

    def target(self) -> str | None:
        """The target paragraph's label."""
        return self._target

    def position(self) -> str:
        """START or END."""
        return str(self.where.currentData())
