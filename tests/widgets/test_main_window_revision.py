"""File > New Revision of the Draft… (issue 12 item 2): the IMSB's amendments on Rev 2 moved onto L.41 from the
menu, what was overtaken reported, and Ctrl+Z back to Rev 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from tests.widgets.window_helpers import Dialogs, capture_dialogs, open_window
from widgets.main_window import MainWindow


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    """Rev 2 with the IMSB's amendments."""
    w = open_window(qtbot, tmp_path, REV2_EXCERPT)
    assert w.session is not None
    w.session.import_text_form((SAMPLES / "imsb_rev2_amendments.md").read_text(encoding="utf-8"))
    return w


def test_the_menu_moves_the_amendments_onto_the_new_revision_and_ctrl_z_goes_back(
        window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(SAMPLE_DRAFT), ""))
    file_menu = window.menuBar().findChild(QMenu, "menuFile")
    action = next(a for a in file_menu.actions() if a.text() == "New &Revision of the Draft…")
    assert action.isEnabled()
    action.trigger()
    session = window.session
    assert session is not None and session.draft.title == "A/80/L.41"
    assert "84 bis" in session.amended_labels() and "83 bis" not in session.amended_labels()
    (title, text), = dialogs.warnings
    assert title == "The amendments on the new revision"
    assert "para 66 -> 67 (overtaken)" in text and "para 88 -> 88 (overtaken)" in text
    assert "para 83 bis" not in text  # carried as it was: not in the warning
    assert "84 bis" in window.document_view.toPlainText()
    assert window.undo_stack.undoText() == "New Revision of the Draft (A_80_L.41.docx)"
    window.ui_actions["undo"].trigger()
    assert session.draft.title == "WSIS+20 Rev. 2 (reconstructed excerpt)" and session.draft_path == REV2_EXCERPT
    assert "83 bis" in session.amended_labels() and session.revisions == []
    assert "83 bis" in window.document_view.toPlainText() and "84 bis" not in window.document_view.toPlainText()
    window.ui_actions["redo"].trigger()
    assert session.draft.title == "A/80/L.41" and len(session.revisions) == 2


def test_the_same_draft_again_is_an_error_dialog_and_changes_nothing(window: MainWindow, dialogs: Dialogs) -> None:
    assert not window.new_revision(REV2_EXCERPT)
    assert len(dialogs.errors) == 1 and "already open" in dialogs.errors[0][1]
    assert window.session is not None and window.session.draft_path == REV2_EXCERPT
    assert window.undo_stack.count() == 0
