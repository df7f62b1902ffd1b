"""Export a merge: the form (full, compilation, table, clean), the file, and optionally the JSON report.

The report's path follows the file's ("NAME report.json") until the user edits it; an existing file is replaced
only when the user says so; the folder and choices of the last export are offered again. Like the Export dialog,
it shows the name and organisation (from Preferences) the reviewer's own revisions — rewordings, their amendments
merged in — are credited to (the organisation, else the name); everyone else's keep their authors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from widgets.dialogs.form_parts import buddy_label, confirm_overwrite, message_label, ok_cancel
from widgets.settings import Settings

MEMORY = "merge_export"  # where Settings keeps what this dialog used last

MERGE_FORMS = {
    "full": "Full draft, every proposal as tracked changes under its authors",
    "compilation": "Compilation (UN bracketed text)",
    "table": "Table: current text | proposals",
    "clean": "Clean draft (accepted proposals applied)",
}


def report_path_for(path: Path) -> Path:
    """Where the report of an export goes by default: beside it, "NAME report.json"."""
    return path.with_name(f"{path.stem} report.json")


@dataclass(frozen=True)
class MergeExportRequest:
    """What the user asked to export."""

    path: Path
    form: str
    report: Path | None
    agreed_ad_ref: bool
    author: str = ""
    organisation: str = ""

    @property
    def credit(self) -> str:
        """Who the reviewer's own revisions are credited to: the organisation, else the name."""
        return credited_to(self.author, self.organisation)


class MergeExportDialog(QDialog):
    """Asks how and where to write the merge; `request()` once accepted."""

    def __init__(self, default_path: Path | None = None, parent: QWidget | None = None, *,
                 settings: Settings | None = None, own_changes: int = 0) -> None:
        super().__init__(parent)
        self._settings = settings
        self._own = own_changes  # the reviewer's own revisions in the merge: they need someone to credit
        self._report_edited = False  # once the user types a report path, it no longer follows the file's
        if settings is not None and default_path is not None:
            folder = settings.remembered_folder(MEMORY)
            default_path = folder / default_path.name if folder is not None else default_path
        self.setObjectName("mergeExportDialog")
        self.setWindowTitle("Export the merge")
        self.form = QComboBox(self)
        self.form.setObjectName("mergeExportForm")
        self.form.setAccessibleName("Output form")
        for key, text in MERGE_FORMS.items():
            self.form.addItem(text, key)
        self.path = QLineEdit(str(default_path) if default_path else "", self)
        self.path.setObjectName("mergeExportPath")
        self.path.setAccessibleName("Output file")
        browse = QPushButton("&Browse…", self)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.agreed = QCheckBox("Mark untouched paragraphs “[Agreed ad ref]”", self)
        self.agreed.setObjectName("mergeExportAgreed")
        self.report = QCheckBox("Also write the &report (JSON: every change's fate)", self)
        self.report.setObjectName("mergeExportReport")
        self.report_path = QLineEdit(self)
        self.report_path.setObjectName("mergeExportReportPath")
        self.report_path.setAccessibleName("Report file")
        self.report_path.setEnabled(False)
        self.report.toggled.connect(self._report_toggled)
        self.report_path.textEdited.connect(self._report_typed)
        self.author = QLineEdit(settings.author if settings is not None else "", self)
        self.author.setObjectName("mergeExportAuthor")
        self.author.setAccessibleName("Your name")
        self.organisation = QLineEdit(settings.organisation if settings is not None else "", self)
        self.organisation.setObjectName("mergeExportOrganisation")
        self.organisation.setAccessibleName("Organisation")
        self.credit = QLabel(self)
        self.credit.setObjectName("mergeExportCredit")
        self.credit.setWordWrap(True)
        self.message = message_label(self, "mergeExportMessage")
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        layout = QFormLayout(self)
        layout.addRow("&Form:", self.form)
        layout.addRow(buddy_label("&Save to:", self.path, self), row)
        layout.addRow("Your &name:", self.author)
        layout.addRow("&Organisation:", self.organisation)
        layout.addRow(self.credit)
        layout.addRow(self.agreed)
        layout.addRow(self.report)
        layout.addRow("Report &file:", self.report_path)
        layout.addRow(self.message)
        layout.addRow(self.buttons)
        self.form.currentIndexChanged.connect(self._form_changed)
        self.path.textChanged.connect(self._path_changed)
        self.report_path.textChanged.connect(self.validate)
        self.author.textChanged.connect(self.validate)
        self.organisation.textChanged.connect(self.validate)
        if settings is not None:
            self.set_form(settings.remembered(MEMORY, "form", "full"))
            self.agreed.setChecked(settings.remembered(MEMORY, "agreed_ad_ref") == "1")
            self.report.setChecked(settings.remembered(MEMORY, "report") == "1")
        self._path_changed()
        self._form_changed()

    def selected_form(self) -> str:
        """The chosen form."""
        return str(self.form.currentData())

    def set_form(self, form: str) -> None:
        """Choose a form (an unknown one leaves the choice as it is)."""
        index = self.form.findData(form)
        if index >= 0:
            self.form.setCurrentIndex(index)

    def _form_changed(self) -> None:
        self.agreed.setEnabled(self.selected_form() == "compilation")
        self.validate()

    def _report_toggled(self, on: bool) -> None:
        self.report_path.setEnabled(on)
        self.validate()

    def _report_typed(self, _text: str) -> None:
        self._report_edited = True

    def _path_changed(self) -> None:
        """The report sits beside the file, under its name, until the user chooses another place for it."""
        text = self.path.text().strip()
        if not self._report_edited and text:
            self.report_path.setText(str(report_path_for(Path(text))))
        self.validate()

    def credit_text(self) -> str:
        """Whom the reviewer's own revisions are credited to, and that the others keep their authors."""
        name, organisation = self.author.text(), self.organisation.text()
        if not self._own:
            who = credited_to(name, organisation)
            return ("None of the changes is yours: each keeps its author." if not who else
                    f"None of the changes is yours: each keeps its author (yours would be credited to “{who}”).")
        who = credited_to(name, organisation)
        if not who:
            return credit_line(name, organisation)
        whose = " (the organisation; your name is not written on them)" if organisation.strip() and name.strip() else ""
        return (f"Your {self._own} change(s) in this merge (rewordings, your amendments) will be credited to "
                f"“{who}”{whose}; everyone else's keep their authors.")

    def problem(self) -> str:
        """Why the input cannot be exported as it is ("" when it can)."""
        if self._own and not credited_to(self.author.text(), self.organisation.text()):
            return "Enter your name or your organisation: your rewordings and amendments are credited to them."
        text = self.path.text().strip()
        if not text:
            return "Choose the file to export to."
        path = Path(text).expanduser()
        if path.suffix.lower() != ".docx":
            return "The merge is written as a Word document: the file name must end in .docx."
        try:
            check_output_path(path)
            if self.report.isChecked():
                report = self.report_path.text().strip()
                if not report:
                    return "Choose the file for the report, or untick it."
                if not report.lower().endswith(".json"):
                    return "The report is JSON: its file name must end in .json."
                check_output_path(Path(report).expanduser())
        except RedlineDeskError as exc:
            return str(exc)
        return ""

    def validate(self) -> bool:
        """Show what is wrong, if anything, and enable Export only when nothing is."""
        self.credit.setText(self.credit_text())
        problem = self.problem()
        self.message.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return not problem

    def browse(self) -> None:
        """Choose the output file."""
        chosen, _ = QFileDialog.getSaveFileName(self, "Export the merge to", self.path.text(),
                                                "Word document (*.docx)")
        if chosen:
            path = Path(chosen)
            self.path.setText(str(path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")))

    def accept(self) -> None:
        """Close only on input that can be exported, and over existing files only when the user says so
        (No keeps the dialog open to choose other names)."""
        if not self.validate():
            return
        req = self.request()
        if not confirm_overwrite(self, req.path, *([req.report] if req.report is not None else [])):
            self.path.setFocus()
            self.path.selectAll()
            return
        if self._settings is not None:
            self._settings.remember(MEMORY, "folder", str(req.path.parent))
            self._settings.remember(MEMORY, "form", req.form)
            self._settings.remember(MEMORY, "report", "1" if self.report.isChecked() else "")
            self._settings.remember(MEMORY, "agreed_ad_ref", "1" if self.agreed.isChecked() else "")
        super().accept()

    def request(self) -> MergeExportRequest:
        """What to export."""
        report = Path(self.report_path.text().strip()).expanduser() if self.report.isChecked() else None
        return MergeExportRequest(Path(self.path.text().strip()).expanduser(), self.selected_form(), report,
                                  self.agreed.isEnabled() and self.agreed.isChecked(), self.author.text().strip(),
                                  self.organisation.text().strip())
