"""ExportDialog: form, markup, author, date, output path; bad input disables OK with a message."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from widgets.dialogs.export_dialog import ExportDialog
from widgets.settings import Settings


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


# --- issue 13: identity, overwriting, memory ---------------------------------------------------------------


def test_name_and_organisation_are_shown_with_whom_revisions_are_credited_to(qtbot: QtBot, tmp_path: Path) -> None:
    d = ExportDialog("Jane Doe", tmp_path / "out.docx", organisation="IMSB")
    qtbot.addWidget(d)
    assert d.organisation.text() == "IMSB"
    assert "credited to “IMSB”" in d.credit.text()
    assert (d.request().author, d.request().organisation, d.request().credit) == ("Jane Doe", "IMSB", "IMSB")
    d.organisation.clear()
    assert d.credit.text() == "Revisions will be credited to “Jane Doe”." and d.request().credit == "Jane Doe"
    d.author.clear()
    assert not _ok(d) and "revisions need an author" in d.credit.text()


def _answer_overwrite(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_an_existing_file_is_replaced_only_when_the_user_says_yes(dialog: ExportDialog, qtbot: QtBot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "out.docx").write_bytes(REV2_EXCERPT.read_bytes())  # the delegate's earlier export
    dialog.show()
    asked = _answer_overwrite(monkeypatch, QMessageBox.StandardButton.No)
    dialog.accept()
    assert len(asked) == 1 and "out.docx" in asked[0]
    assert dialog.isVisible() and dialog.result() != ExportDialog.DialogCode.Accepted  # No: choose another name
    asked = _answer_overwrite(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.accept()
    assert len(asked) == 1 and dialog.result() == ExportDialog.DialogCode.Accepted


def test_a_new_file_is_not_asked_about(dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer_overwrite(monkeypatch, QMessageBox.StandardButton.No)
    dialog.accept()
    assert asked == [] and dialog.result() == ExportDialog.DialogCode.Accepted


def test_the_folder_form_and_choices_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "settings.ini")
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    first = ExportDialog("Jane Doe", tmp_path / "draft amended.docx", settings=settings)
    qtbot.addWidget(first)
    first.set_form("amendments")
    first.markup.setCurrentIndex(first.markup.findData("static"))
    first.path.setText(str(elsewhere / "mine.docx"))
    first.open_after.setChecked(True)
    first.accept()
    assert first.result() == ExportDialog.DialogCode.Accepted
    again = ExportDialog("Jane Doe", tmp_path / "draft amended.docx", settings=settings)
    qtbot.addWidget(again)
    assert again.selected_form() == "amendments" and again.request().markup == "static"
    assert again.request().path == elsewhere / "draft amended.docx" and again.open_after.isChecked()


def test_rationale_place_and_line_numbers_follow_the_form_and_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "settings.ini")
    first = ExportDialog("Jane Doe", tmp_path / "draft amended.docx", settings=settings)
    qtbot.addWidget(first)
    assert first.rationale.isEnabled() and not first.line_numbers.isEnabled()  # the full form: no line numbers
    first.set_form("clean")
    assert not first.rationale.isEnabled() and first.request().rationale == "paragraph"
    first.set_form("amendments")
    first.rationale.setCurrentIndex(first.rationale.findData("comment"))
    first.line_numbers.setChecked(True)
    req = first.request()
    assert (req.rationale, req.line_numbers) == ("comment", True)
    first.accept()
    again = ExportDialog("Jane Doe", tmp_path / "draft amended.docx", settings=settings)
    qtbot.addWidget(again)
    assert (again.request().rationale, again.request().line_numbers) == ("comment", True)
    again.set_form("full")
    assert again.request().line_numbers is False  # only the amendments form numbers its lines
