"""MainWindow with the amendments panel and its dialogs: rationale, status, options, removal; the
Go to, Export, Move and Preferences dialogs as the menus open them; errors while exporting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.amendments import Amendment, Status
from app.resources import REV2_EXCERPT
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window, select_in_editor
from widgets.dialogs.export_dialog import ExportDialog
from widgets.dialogs.goto_dialog import GoToDialog
from widgets.dialogs.move_dialog import MoveTextDialog
from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.main_window import MainWindow


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    assert w.go_to("88")
    select_in_editor(qtbot, w, "description")
    qtbot.keyClicks(w.editor, "working definition")
    return w


def _a88(window: MainWindow) -> Amendment:
    amendment = window.session.amendment_for("88") if window.session else None
    assert amendment is not None
    return amendment


def test_rationale_typing_is_one_undo_step(window: MainWindow) -> None:
    a88 = _a88(window)
    steps = window.undo_stack.count()
    window.amendments_panel.rationaleEdited.emit(a88.id, "Tunis")
    window.amendments_panel.rationaleEdited.emit(a88.id, "Tunis Agenda wording.")
    assert _a88(window).rationale == "Tunis Agenda wording."
    assert window.undo_stack.count() == steps + 1 and window.undo_stack.undoText() == "Edit rationale"
    window.undo_stack.undo()
    assert _a88(window).rationale == ""


def test_status_from_the_panel(window: MainWindow) -> None:
    a88 = _a88(window)
    window.amendments_panel.statusChanged.emit(a88.id, "final")
    assert _a88(window).status is Status.FINAL
    window.undo_stack.undo()
    assert _a88(window).status is Status.DRAFT


def test_add_and_choose_options_from_the_panel(qtbot: QtBot, window: MainWindow) -> None:
    window.amendments_panel.addOptionRequested.emit("88")
    assert [o.name for o in _a88(window).options] == ["A", "B"] and _a88(window).chosen == 1
    qtbot.keyClicks(window.editor, "x")  # edits option B only
    assert _a88(window).options[0].proposed != _a88(window).options[1].proposed
    window.amendments_panel.optionChosen.emit(_a88(window).id, 0)
    assert _a88(window).chosen == 0 and window.current_label == "88"
    assert window.editor.segments() == _a88(window).options[0].segments


def test_remove_from_the_panel(window: MainWindow) -> None:
    window.amendments_panel.removeRequested.emit(_a88(window).id)
    assert window.session is not None and window.session.amendments == []
    assert "working definition" not in window.document_view.toPlainText()
    assert "working definition" not in window.editor.toPlainText()
    window.undo_stack.undo()
    assert "working definition" in window.document_view.toPlainText()


def test_go_to_dialog_from_ctrl_g(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(dialog: GoToDialog) -> int:
        dialog.edit.setText("83")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(GoToDialog, "exec", answer)
    window.ui_actions["go_to"].trigger()
    assert window.current_label == "83" and window.editor_pane.heading.text() == "Editing para 83"


def test_export_dialog_markdown_and_open_afterwards(window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    out = tmp_path / "imsb.md"
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    def answer(dialog: ExportDialog) -> int:
        assert dialog.author.text() == "Jane Doe"
        dialog.set_form("markdown")
        dialog.path.setText(str(out))
        dialog.open_after.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", answer)
    window.ui_actions["export"].trigger()
    assert dialogs.errors == []
    assert "working definition" in out.read_text(encoding="utf-8")
    assert opened == [QUrl.fromLocalFile(str(out.resolve()))]


def test_export_errors_are_reported(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    window = make_window(qtbot, tmp_path / "w")
    assert window.open_draft(REV2_EXCERPT)
    assert window.export(tmp_path / "out.docx", "full") is False
    assert dialogs.errors[-1] == ("Exporting out.docx failed", "there are no amendments to export; amend a "
                                                                "paragraph first")
    assert not (tmp_path / "out.docx").exists()


def test_move_dialog_from_the_menu(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.go_to("103")
    select_in_editor(qtbot, window, "call for the strengthening of the Secretariat")

    def answer(dialog: MoveTextDialog) -> int:
        dialog.edit.setText("100")
        dialog.where.setCurrentIndex(dialog.where.findData("start"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MoveTextDialog, "exec", answer)
    window.ui_actions["move_text"].trigger()
    a100 = window.session.amendment_for("100") if window.session else None
    assert a100 is not None and a100.option.proposed.startswith("call for the strengthening of the Secretariat")


def test_preferences_change_the_author_of_new_amendments(qtbot: QtBot, window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(dialog: SettingsDialog) -> int:
        dialog.author.setText("John Roe")
        dialog.organisation.setText("")
        dialog.font_size.setValue(16)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", answer)
    window.ui_actions["preferences"].trigger()
    assert window.settings.author == "John Roe" and window.settings.font_size == 16
    window.go_to("89")
    qtbot.keyClicks(window.editor, "Indeed, ")
    a89 = window.session.amendment_for("89") if window.session else None
    assert a89 is not None and (a89.author, a89.organisation) == ("John Roe", "")


def test_recent_files_menu_reopens(qtbot: QtBot, window: MainWindow, dialogs: Dialogs) -> None:
    assert window.settings.recent_files()[0] == REV2_EXCERPT.resolve()
    menu = window.ui_actions.recent_menu
    assert menu is not None
    menu.aboutToShow.emit()
    first = menu.actions()[0]
    assert first.text() == "&1 wsis_rev2_excerpt.docx"
    old = window.session
    first.trigger()  # unsaved changes: the prompt (answered Discard here), then the draft again
    assert dialogs.save_prompts == 1 and window.session is not old and window.session is not None
    assert window.session.amendments == []
