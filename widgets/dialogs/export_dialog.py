"""Export: choose the output form, markup, who the revisions are credited to, date and file; checked before
OK is possible, and an existing file is replaced only when the user says so.

Name and Organisation start as the identity in Preferences and apply to this export only. The revision author
written into every w:ins/w:del is the organisation when one is given, else the name (widgets/dialogs/credit.py);
the dialog says which, and the export credits every amendment to it."""

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
from widgets.dialogs.credit import credit_line, credited_to
from widgets.dialogs.form_parts import buddy_label, confirm_overwrite, message_label
from widgets.settings import Settings

FORMS = {
    "full": "Full draft with tracked changes",
    "amendments": "Amendments only (submission)",
    "clean": "Clean draft (changes accepted)",
    "markdown": "Text form (Markdown)",
}
MEMORY = "export"  # where Settings keeps what this dialog used last
MARKUPS = {"tracked": "Tracked changes (Word revisions)", "static": "Static (struck and bold text)"}
RATIONALES = {"paragraph": "As a paragraph after the amendment", "comment": "As a Word comment on the change",
              "none": "Not written"}  # apply --rationale


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
    organisation: str
    date: datetime
    open_after: bool
    rationale: str = "paragraph"
    line_numbers: bool = False

    @property
    def credit(self) -> str:
        """The revision author written into the file: the organisation, else the name."""
        return credited_to(self.author, self.organisation)


class ExportDialog(QDialog):
    """Asks how and where to export; `request()` once accepted."""

    def __init__(self, author: str = "", default_path: Path | None = None, parent: QWidget | None = None,
                 *, organisation: str = "", open_after: bool = False, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        if settings is not None:  # the folder and form this dialog used last time
            folder = settings.remembered_folder(MEMORY)
            if folder is not None and default_path is not None:
                default_path = folder / default_path.name
            open_after = settings.remembered(MEMORY, "open_after", "1" if open_after else "") == "1"
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
        self.rationale = QComboBox(self)
        self.rationale.setObjectName("exportRationale")
        self.rationale.setAccessibleName("Where the rationale goes")
        self.rationale.setToolTip("Where each amendment's rationale is written. The full draft writes it only as "
                                  "a Word comment; the amendments-only submission as a paragraph or a comment.")
        for key, text in RATIONALES.items():
            self.rationale.addItem(text, key)
        self.line_numbers = QCheckBox("&Number the lines (restarting on each page)", self)
        self.line_numbers.setObjectName("exportLineNumbers")
        self.author = QLineEdit(author, self)
        self.author.setObjectName("exportAuthor")
        self.author.setAccessibleName("Your name")
        self.organisation = QLineEdit(organisation, self)
        self.organisation.setObjectName("exportOrganisation")
        self.organisation.setAccessibleName("Organisation")
        self.credit = QLabel(self)
        self.credit.setObjectName("exportCredit")
        self.credit.setWordWrap(True)
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
        self.message = message_label(self, "exportMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Form:", self.form)
        form.addRow("&Markup:", self.markup)
        form.addRow("&Rationale:", self.rationale)
        form.addRow(self.line_numbers)
        form.addRow("Your &name:", self.author)
        form.addRow("&Organisation:", self.organisation)
        form.addRow(self.credit)
        form.addRow("&Date:", self.date)
        form.addRow(buddy_label("&Save to:", self.path, self), row)
        form.addRow(self.open_after)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.form.currentIndexChanged.connect(self._form_changed)
        self.path.textChanged.connect(self.validate)
        self.author.textChanged.connect(self.validate)
        self.organisation.textChanged.connect(self.validate)
        if settings is not None:
            self.set_form(settings.remembered(MEMORY, "form", "full"))
            self.markup.setCurrentIndex(max(0, self.markup.findData(settings.remembered(MEMORY, "markup"))))
            self.rationale.setCurrentIndex(max(0, self.rationale.findData(settings.remembered(MEMORY, "rationale"))))
            self.line_numbers.setChecked(settings.remembered(MEMORY, "line_numbers") == "1")
        self._form_changed()

    def selected_form(self) -> str:
        """The chosen output form (full, amendments, clean, markdown)."""
        return str(self.form.currentData())

    def set_form(self, form: str) -> None:
        """Choose an output form (an unknown one leaves the choice as it is)."""
        index = self.form.findData(form)
        if index >= 0:
            self.form.setCurrentIndex(index)

    def _form_changed(self) -> None:
        form = self.selected_form()
        self.markup.setEnabled(form == "amendments")
        self.rationale.setEnabled(form in ("full", "amendments"))  # the clean text and the text form have none
        self.line_numbers.setEnabled(form == "amendments")
        text = self.path.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower() in (".docx", ".md") and path.suffix.lower() != suffix_for(form):
                self.path.setText(str(path.with_suffix(suffix_for(form))))
        self.validate()

    def problem(self) -> str:
        """Why the input cannot be exported as it is ("" when it can)."""
        if not credited_to(self.author.text(), self.organisation.text()):
            return "Enter your name or your organisation: the revisions are credited to them."
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
        self.credit.setText(credit_line(self.author.text(), self.organisation.text()))
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
        """Close only on input that can be exported, and over an existing file only when the user says so
        (No keeps the dialog open to choose another name)."""
        if not self.validate():
            return
        if not confirm_overwrite(self, self.request().path):
            self.path.setFocus()
            self.path.selectAll()
            return
        if self._settings is not None:
            req = self.request()
            self._settings.remember(MEMORY, "folder", str(req.path.parent))
            self._settings.remember(MEMORY, "form", req.form)
            self._settings.remember(MEMORY, "markup", str(self.markup.currentData()))
            self._settings.remember(MEMORY, "rationale", str(self.rationale.currentData()))
            self._settings.remember(MEMORY, "line_numbers", "1" if self.line_numbers.isChecked() else "")
            self._settings.remember(MEMORY, "open_after", "1" if req.open_after else "")
        super().accept()

    def request(self) -> ExportRequest:
        """What to export."""
        local: datetime = self.date.dateTime().toPython()  # type: ignore[assignment]
        when = local.astimezone(UTC).replace(microsecond=0)
        return ExportRequest(Path(self.path.text().strip()).expanduser(), self.selected_form(),
                             str(self.markup.currentData()) if self.markup.isEnabled() else "tracked",
                             self.author.text().strip(), self.organisation.text().strip(), when,
                             self.open_after.isChecked(),
                             str(self.rationale.currentData()) if self.rationale.isEnabled() else "paragraph",
                             self.line_numbers.isEnabled() and self.line_numbers.isChecked())
