"""Export a merge: the form (full, compilation, table, clean), the file, and optionally the JSON report."""

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
from widgets.dialogs.form_parts import message_label, ok_cancel

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

    def __init__(self, default_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.message = message_label(self, "mergeExportMessage")
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        layout = QFormLayout(self)
        layout.addRow("&Form:", self.form)
        layout.addRow("&Save to:", row)
        layout.addRow(self.agreed)
        layout.addRow(self.report)
        layout.addRow("Report &file:", self.report_path)
        layout.addRow(self.message)
        layout.addRow(self.buttons)
        self.form.currentIndexChanged.connect(self._form_changed)
        self.path.textChanged.connect(self.validate)
        self.report_path.textChanged.connect(self.validate)
        self._form_changed()

    def selected_form(self) -> str:
        """The chosen form."""
        return str(self.form.currentData())

    def set_form(self, form: str) -> None:
        """Choose a form."""
        self.form.setCurrentIndex(self.form.findData(form))

    def _form_changed(self) -> None:
        self.agreed.setEnabled(self.selected_form() == "compilation")
        self.validate()

    def _report_toggled(self, on: bool) -> None:
        self.report_path.setEnabled(on)
        if on and not self.report_path.text().strip() and self.path.text().strip():
            self.report_path.setText(str(report_path_for(Path(self.path.text().strip()))))
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
        """Close only on input that can be exported."""
        if self.validate():
            super().accept()

    def request(self) -> MergeExportRequest:
        """What to export."""
        report = Path(self.report_path.text().strip()).expanduser() if self.report.isChecked() else None
        return MergeExportRequest(Path(self.path.text().strip()).expanduser(), self.selected_form(), report,
                                  self.agreed.isEnabled() and self.agreed.isChecked())
