"""MergeExportDialog: form, file, optional report; bad input disables Export with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from widgets.dialogs.merge_export_dialog import MergeExportDialog, report_path_for
from widgets.settings import Settings


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


# --- issue 13: the report follows the file, overwriting, memory ------------------------------------------


def test_the_report_path_follows_save_to_until_edited(dialog: MergeExportDialog, qtbot: QtBot, tmp_path: Path) -> None:
    dialog.report.setChecked(True)
    dialog.path.setText(str(tmp_path / "G77 compilation.docx"))
    assert dialog.report_path.text() == str(tmp_path / "G77 compilation report.json")
    dialog.report_path.setFocus()
    dialog.report_path.selectAll()
    qtbot.keyClicks(dialog.report_path, str(tmp_path / "fates.json"))  # the user's own choice
    dialog.path.setText(str(tmp_path / "EU compilation.docx"))
    assert dialog.report_path.text() == str(tmp_path / "fates.json")
    assert dialog.request().report == tmp_path / "fates.json"


def test_existing_files_are_replaced_only_when_the_user_says_yes(dialog: MergeExportDialog, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dialog.report.setChecked(True)
    (tmp_path / "merged report.json").write_text("{}", encoding="utf-8")
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != MergeExportDialog.DialogCode.Accepted
    assert "merged report.json" in asked[0] and "merged.docx" not in asked[0]
    dialog.accept()
    assert dialog.result() == MergeExportDialog.DialogCode.Accepted


def test_the_folder_and_form_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "settings.ini")
    (tmp_path / "out").mkdir()
    first = MergeExportDialog(tmp_path / "wsis compilation.docx", settings=settings)
    qtbot.addWidget(first)
    first.set_form("compilation")
    first.agreed.setChecked(True)
    first.report.setChecked(True)
    first.path.setText(str(tmp_path / "out" / "today.docx"))
    first.accept()
    assert first.result() == MergeExportDialog.DialogCode.Accepted
    again = MergeExportDialog(tmp_path / "wsis compilation.docx", settings=settings)
    qtbot.addWidget(again)
    req = again.request()
    assert (req.path, req.form, req.agreed_ad_ref) == (tmp_path / "out" / "wsis compilation.docx", "compilation", True)
    assert req.report == tmp_path / "out" / "wsis compilation report.json"


def test_shows_and_returns_whom_the_reviewers_changes_are_credited_to(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "s.ini")
    settings.author, settings.organisation = "Jane Doe", "IMSB"
    d = MergeExportDialog(tmp_path / "merged.docx", settings=settings, own_changes=2)
    qtbot.addWidget(d)
    assert (d.author.text(), d.organisation.text()) == ("Jane Doe", "IMSB")  # the identity in Preferences
    assert "credited to “IMSB” (the organisation" in d.credit.text() and "2 change(s)" in d.credit.text()
    d.organisation.setText("")
    assert "credited to “Jane Doe”;" in d.credit.text()
    assert d.request().credit == "Jane Doe" and _ok(d)
    d.author.setText(" ")
    assert not _ok(d) and "your rewordings and amendments are credited to them" in d.message.text()


def test_no_identity_needed_when_none_of_the_changes_is_yours(qtbot: QtBot, tmp_path: Path) -> None:
    d = MergeExportDialog(tmp_path / "merged.docx", own_changes=0)
    qtbot.addWidget(d)
    assert _ok(d) and d.credit.text() == "None of the changes is yours: each keeps its author."
