"""ExportDialog: form, markup, author, date, output path; bad input disables OK with a message."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from widgets.dialogs.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> ExportDialog:
    d = ExportDialog("Jane Doe", tmp_path / "out.docx")
    qtbot.addWidget(d)
    return d


def _ok(d: ExportDialog) -> bool:
    return d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_defaults(dialog: ExportDialog, tmp_path: Path) -> None:
    assert dialog.objectName() == "exportDialog"
    assert dialog.selected_form() == "full" and not dialog.markup.isEnabled()
    assert dialog.author.text() == "Jane Doe" and _ok(dialog) and dialog.message.text() == ""
    req = dialog.request()
    assert req.path == tmp_path / "out.docx" and req.form == "full" and req.markup == "tracked"
    assert req.date.tzinfo == UTC and not req.open_after


def test_a_missing_folder_disables_ok_and_says_so(dialog: ExportDialog, qtbot: QtBot, tmp_path: Path) -> None:
    dialog.show()
    dialog.path.setText(str(tmp_path / "nowhere" / "out.docx"))
    assert not _ok(dialog)
    assert "does not exist" in dialog.message.text()
    dialog.accept()
    assert dialog.isVisible()


def test_empty_path_and_wrong_suffix_are_refused(dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.path.setText("  ")
    assert not _ok(dialog) and dialog.message.text() == "Choose the file to export to."
    dialog.path.setText(str(tmp_path / "out.pdf"))
    assert not _ok(dialog) and "must end in .docx" in dialog.message.text()
    dialog.path.setText(str(tmp_path))
    assert not _ok(dialog)


def test_markup_only_for_amendments_and_suffix_follows_the_form(dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.set_form("amendments")
    assert dialog.markup.isEnabled()
    dialog.markup.setCurrentIndex(dialog.markup.findData("static"))
    assert dialog.request().markup == "static"
    dialog.set_form("markdown")
    assert not dialog.markup.isEnabled() and dialog.path.text() == str(tmp_path / "out.md") and _ok(dialog)
    assert dialog.request().markup == "tracked"
    dialog.set_form("clean")
    assert dialog.path.text() == str(tmp_path / "out.docx")


def test_browse_adds_the_suffix(dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "submission"), ""))
    dialog.set_form("markdown")
    dialog.browse()
    assert dialog.path.text() == str(tmp_path / "submission.md") and _ok(dialog)


def test_open_afterwards_and_accept(dialog: ExportDialog, qtbot: QtBot) -> None:
    dialog.open_after.setChecked(True)
    dialog.accept()
    assert dialog.result() == ExportDialog.DialogCode.Accepted and dialog.request().open_after
