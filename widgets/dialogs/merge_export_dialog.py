"""Export a merge: the form (full, compilation, table, clean), the file, and optionally the JSON report.

The report's path follows the file's ("NAME report.json") until the user edits it; an existing file is replaced
only when the user says so; the folder and choices of the last export are offered again."""

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
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.atomic import check_output_path
from app.errors import RedlineDeskError
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


class MergeExportDialog(QDialog):
    """Asks how and where to write the merge; `request()` once accepted."""

    def __init__(self, default_path: Path | None = None, parent: QWidget | None = None, *,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
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
        self.message = message_label(self, "mergeExportMessage")
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        layout = QFormLayout(self)
        layout.addRow("&Form:", self.form)
        layout.addRow(buddy_label("&Save to:", self.path, self), row)
        layout.addRow(self.agreed)
        layout.addRow(self.report)
        layout.addRow("Report &file:", self.report_path)
        layout.addRow(self.message)
        layout.addRow(self.buttons)
        self.form.currentIndexChanged.connect(self._form_changed)
        self.path.textChanged.connect(self._path_changed)
        self.report_path.textChanged.connect(self.validate)
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

    def problem(self) -> str:
        """Why the input cannot be exported as it is ("" when it can)."""
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
                                  self.agreed.isEnabled() and self.agreed.isChecked())
