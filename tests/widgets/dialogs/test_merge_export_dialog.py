"""MergeExportDialog: form, file, optional report; bad input disables Export with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from widgets.dialogs.merge_export_dialog import MergeExportDialog, report_path_for


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> MergeExportDialog:
    d = MergeExportDialog(tmp_path / "merged.docx")
    qtbot.addWidget(d)
    return d


def _ok(d: MergeExportDialog) -> bool:
    return d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_defaults(dialog: MergeExportDialog, tmp_path: Path) -> None:
    assert dialog.selected_form() == "full" and _ok(dialog) and not dialog.agreed.isEnabled()
    req = dialog.request()
    assert (req.path, req.form, req.report, req.agreed_ad_ref) == (tmp_path / "merged.docx", "full", None, False)


def test_compilation_with_report(dialog: MergeExportDialog, tmp_path: Path) -> None:
    dialog.set_form("compilation")
    dialog.agreed.setChecked(True)
    dialog.report.setChecked(True)
    assert dialog.report_path.text() == str(report_path_for(tmp_path / "merged.docx"))
    req = dialog.request()
    assert req.form == "compilation" and req.agreed_ad_ref and req.report == tmp_path / "merged report.json"


def test_bad_input(dialog: MergeExportDialog, tmp_path: Path) -> None:
    dialog.path.setText(str(tmp_path / "merged.md"))
    assert not _ok(dialog) and ".docx" in dialog.message.text()
    dialog.path.setText(str(tmp_path / "merged.docx"))
    dialog.report.setChecked(True)
    dialog.report_path.setText(str(tmp_path / "report.txt"))
    assert not _ok(dialog) and ".json" in dialog.message.text()
    dialog.report_path.setText(str(tmp_path / "no such folder" / "report.json"))
    assert not _ok(dialog)
