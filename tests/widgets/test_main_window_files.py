"""MainWindow files (issue 13, dialogs a delegate trusts): who the exported revisions are credited to, the
identity asked before the first export when the welcome was skipped, a result that does not open, the title."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window, select_in_editor
from widgets.dialogs.export_dialog import ExportDialog
from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.main_window import MainWindow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


def _amend_88(qtbot: QtBot, window: MainWindow) -> None:
    assert window.go_to("88")
    select_in_editor(qtbot, window, "description")
    qtbot.keyClicks(window.editor, "working definition")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    w = make_window(qtbot, tmp_path)  # identity: Jane Doe, IMSB
    assert w.open_draft(REV2_EXCERPT)
    _amend_88(qtbot, w)
    return w


def revision_authors(path: Path) -> set[str]:
    """The w:author of every w:ins and w:del in a .docx's body."""
    with zipfile.ZipFile(path) as docx:
        root = etree.fromstring(docx.read("word/document.xml"))
    return {str(el.get(f"{W}author")) for el in root.iter(f"{W}ins", f"{W}del")}


def _export_through_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch, out: Path,
                           fill: object = None) -> list[str]:
    shown: list[str] = []

    def answer(dialog: ExportDialog) -> int:
        if callable(fill):
            fill(dialog)
        shown.append(dialog.credit.text())
        dialog.path.setText(str(out))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", answer)
    window.ui_actions["export"].trigger()
    return shown


def test_the_author_typed_in_the_export_dialog_is_written_even_with_an_organisation_set(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    out = tmp_path / "credited.docx"

    def fill(dialog: ExportDialog) -> None:
        assert (dialog.author.text(), dialog.organisation.text()) == ("Jane Doe", "IMSB")  # the identity shown
        dialog.author.setText("Ahmed Khan")
        dialog.organisation.setText("")

    shown = _export_through_dialog(window, monkeypatch, out, fill)
    assert dialogs.errors == []
    assert shown == ["Revisions will be credited to “Ahmed Khan”."]
    assert revision_authors(out) == {"Ahmed Khan"}
    assert window.session is not None and window.session.organisation == "IMSB"  # this export only


def test_the_organisation_shown_is_the_author_written(window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    out = tmp_path / "org.docx"

    def fill(dialog: ExportDialog) -> None:
        dialog.organisation.setText("Group of 77")

    shown = _export_through_dialog(window, monkeypatch, out, fill)
    assert "credited to “Group of 77”" in shown[0]
    assert revision_authors(out) == {"Group of 77"}


def test_a_skipped_welcome_is_asked_again_before_the_first_export(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    window = make_window(qtbot, tmp_path)
    window.settings.author, window.settings.organisation = "", ""  # the welcome was cancelled
    assert window.open_draft(REV2_EXCERPT)
    _amend_88(qtbot, window)
    asked: list[tuple[str, str]] = []

    def identify(dialog: SettingsDialog) -> int:
        intro = dialog.findChild(type(dialog.credit), "settingsIntro")
        asked.append((dialog.windowTitle(), intro.text() if intro is not None else ""))
        dialog.organisation.setText("IMSB")
        assert dialog.credit.text() == "Revisions will be credited to “IMSB”."
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", identify)
    out = tmp_path / "first.docx"
    _export_through_dialog(window, monkeypatch, out)
    assert len(asked) == 1 and "credited" in asked[0][1]
    assert window.settings.organisation == "IMSB"
    assert revision_authors(out) == {"IMSB"}  # not "Redline Desk"


def test_no_identity_given_before_export_means_no_export(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    window = make_window(qtbot, tmp_path)
    window.settings.author, window.settings.organisation = "", ""
    assert window.open_draft(REV2_EXCERPT)
    _amend_88(qtbot, window)
    monkeypatch.setattr(SettingsDialog, "exec", lambda _d: 0)
    monkeypatch.setattr(ExportDialog, "exec", lambda _d: pytest.fail("exported with no author"))
    window.ui_actions["export"].trigger()
    assert "revisions need an author" in window.statusBar().currentMessage()


def test_a_result_that_does_not_open_says_why(window: MainWindow, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    asked: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url) and False)
    out = tmp_path / "result.docx"
    assert window.export(out, "full", open_after=True)
    assert asked == [QUrl.fromLocalFile(str(out.resolve()))]
    (title, text), = dialogs.errors
    assert title == "Could not open the result"
    assert str(out) in text and "\n" not in text and "open it from your file manager" in text


def test_after_saving_the_title_shows_the_project_and_the_draft(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    assert window.windowTitle() == "wsis_rev2_excerpt.docx[*] — Redline Desk" and window.isWindowModified()
    project = tmp_path / "IMSB amendments.json"
    assert window.save_project(project)
    assert window.windowTitle() == "IMSB amendments.json (wsis_rev2_excerpt.docx)[*] — Redline Desk"
    assert not window.isWindowModified()
    qtbot.keyClicks(window.editor, "x")  # typing marks it unsaved again, the project still named
    assert window.isWindowModified() and window.windowTitle().startswith("IMSB amendments.json")


def test_the_rationale_exported_as_a_comment_on_the_change(window: MainWindow, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    assert window.session is not None
    amendment = window.session.amendment_for("88")
    assert amendment is not None
    window.session.set_rationale(amendment.id, "Align with the Tunis Agenda.")
    out = tmp_path / "with comments.docx"

    def fill(dialog: ExportDialog) -> None:
        dialog.set_form("amendments")
        dialog.rationale.setCurrentIndex(dialog.rationale.findData("comment"))
        dialog.line_numbers.setChecked(True)

    _export_through_dialog(window, monkeypatch, out, fill)
    assert dialogs.errors == []
    with zipfile.ZipFile(out) as docx:
        comments = etree.fromstring(docx.read("word/comments.xml"))
        settings = docx.read("word/document.xml")
    said = ["".join(c.itertext()) for c in comments.iter(f"{W}comment")]
    assert any("Align with the Tunis Agenda." in text for text in said)
    assert b"lnNumType" in settings  # the line numbers asked for
