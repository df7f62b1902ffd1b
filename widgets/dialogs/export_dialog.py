"""Export: choose the output form, markup, author, date and file; checked before OK is possible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.atomic import check_output_path
from app.errors import RedlineDeskError

FORMS = {
    "full": "Full draft with tracked changes",
    "amendments": "Amendments only (submission)",
    "clean": "Clean draft (changes accepted)",
    "markdown": "Text form (Markdown)",
}
MARKUPS = {"tracked": "Tracked changes (Word revisions)", "static": "Static (struck and bold text)"}


def suffix_for(form: str) -> str:
    """The file suffix of an output form."""
    return ".md" if form == "markdown" else ".docx"


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export."""

    path: Path
    form: str
    markup: str
    author: str
    date: datetime
    open_after: bool


class ExportDialog(QDialog):
    """Asks how and where to export; `request()` once accepted."""

    def __init__(self, author: str = "", default_path: Path | None = None, parent: QWidget | None = None,
                 *, open_after: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.form = QComboBox(self)
        self.form.setObjectName("exportForm")
        self.form.setAccessibleName("Output form")
        for key, text in FORMS.items():
            self.form.addItem(text, key)
        self.markup = QComboBox(self)
        self.markup.setObjectName("exportMarkup")
        self.markup.setAccessibleName("Markup of the amendments")
        for key, text in MARKUPS.items():
            self.markup.addItem(text, key)
        self.author = QLineEdit(author, self)
        self.author.setObjectName("exportAuthor")
        self.author.setAccessibleName("Author of the revisions")
        self.date = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.date.setObjectName("exportDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.date.setAccessibleName("Date of the revisions")
        self.path = QLineEdit(str(default_path) if default_path else "", self)
        self.path.setObjectName("exportPath")
        self.path.setAccessibleName("Output file")
        browse = QPushButton("&Browse…", self)
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.open_after = QCheckBox("&Open the result afterwards", self)
        self.open_after.setObjectName("exportOpenAfter")
        self.open_after.setChecked(open_after)
        self.message = QLabel("", self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Form:", self.form)
        form.addRow("&Markup:", self.markup)
        form.addRow("&Author:", self.author)
        form.addRow("&Date:", self.date)
        form.addRow("&Save to:", row)
        form.addRow(self.open_after)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.form.currentIndexChanged.connect(self._form_changed)
        self.path.textChanged.connect(self.validate)
        self._form_changed()

    def selected_form(self) -> str:
        """The chosen output form (full, amendments, clean, markdown)."""
        return str(self.form.currentData())

    def set_form(self, form: str) -> None:
        """Choose an output form."""
        self.form.setCurrentIndex(self.form.findData(form))

    def _form_changed(self) -> None:
        form = self.selected_form()
        self.markup.setEnabled(form == "amendments")
        text = self.path.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower() in (".docx", ".md") and path.suffix.lower() != suffix_for(form):
                self.path.setText(str(path.with_suffix(suffix_for(form))))
        self.validate()

    def problem(self) -> str:
        """Why the input cannot be exported as it is ("" when it can)."""
        text = self.path.text().strip()
        if not text:
            return "Choose the file to export to."
        path = Path(text).expanduser()
        want = suffix_for(self.selected_form())
        if path.suffix.lower() != want:
            kind = "a Markdown file" if want == ".md" else "a Word document"
            return f"This form is written as {kind}: the file name must end in {want}."
        try:
            check_output_path(path)
        except RedlineDeskError as exc:
            return str(exc)
        return ""

    def validate(self) -> bool:
        """Show what is wrong, if anything, and enable OK only when nothing is."""
        problem = self.problem()
        self.message.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return not problem

    def browse(self) -> None:
        """Choose the output file."""
        want = suffix_for(self.selected_form())
        kind = "Markdown (*.md)" if want == ".md" else "Word document (*.docx)"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), kind)
        if chosen:
            path = Path(chosen)
            self.path.setText(str(path if path.suffix.lower() == want else path.with_suffix(want)))

    def accept(self) -> None:
        """Close only on input that can be exported."""
        if self.validate():
            super().accept()

    def request(self) -> ExportRequest:
        """What to export."""
        local: datetime = self.date.dateTime().toPython()  # type: ignore[assignment]
        when = local.astimezone(UTC).replace(microsecond=0)
        return ExportRequest(Path(self.path.text().strip()).expanduser(), self.selected_form(),
                             str(self.markup.currentData()) if self.markup.isEnabled() else "tracked",
                             self.author.text().strip(), when, self.open_after.isChecked())
