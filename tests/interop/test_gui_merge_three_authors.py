"""The three LibreOffice-authored redlines of test_merge_three_authors, imported through the GUI's
import dialog and exported as `full` from the GUI's export dialog: LibreOffice reads every change
once with its author, and the review panel flags the collision in para 66."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from app.wiring.merging import merge_files
from tests.interop.libreoffice import LibreOffice
from tests.interop.test_merge_three_authors import EDITS
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.dialogs.import_dialog import ImportDialog
from widgets.dialogs.merge_export_dialog import MergeExportDialog

pytestmark = pytest.mark.interop


def test_gui_merge_of_three_libreoffice_redlines(
    qtbot: QtBot, tmp_path: Path, libreoffice: LibreOffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = capture_dialogs(monkeypatch)
    inputs = []
    for author, edits in EDITS.items():
        path = tmp_path / f"{author}.docx"
        libreoffice.author(REV2_EXCERPT, [{"author": author, **e} for e in edits], path)
        inputs.append(path)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT)

    def choose_files() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog)
        dialog.add_files(inputs)
        dialog.accept()

    QTimer.singleShot(0, choose_files)
    window.ui_actions["import_redlines"].trigger()
    review = window.review
    assert review is not None and dialogs.errors == []
    assert set(review.authors) == {"G77", "EU", "US"}
    panel = window.review_panel
    collided = [i for i in panel.shown_ids() if "collision" in panel.row_texts(i)[4]]
    assert {panel.row_texts(i)[1] for i in collided} == {"G77", "US"}
    assert {panel.row_texts(i)[2] for i in collided} == {"81st session of the General Assembly",
                                                         "consider the establishment of", "the establishment of"}

    out = tmp_path / "merged.docx"

    def export() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeExportDialog)
        dialog.set_form("full")
        dialog.path.setText(str(out))
        dialog.accept()

    QTimer.singleShot(0, export)
    window.ui_actions["export_merge"].trigger()
    assert out.is_file() and dialogs.errors == []

    seen = libreoffice.inspect(out)
    changes = [(r["type"], r["author"], r["text"]) for r in seen["redlines"]]
    # Every change once, under its (first) author; a collision's rival (the US's) is a comment, not a revision.
    for change in (("Insert", "G77", "working definition"), ("Delete", "G77", "description"),
                   ("Insert", "EU", "shall remain"),
                   ("Insert", "G77", "Commission"), ("Delete", "G77", "81st session of the General Assembly")):
        assert changes.count(change) == 1, change
    assert sum(1 for t, a, x in changes if t == "Insert" and a == "US" and x.startswith("83 bis.")) == 1
    assert not any(a == "Redline Desk" for _, a, _ in changes)  # no separator of the compiler's
    assert seen["rejected_text"] == libreoffice.inspect(REV2_EXCERPT)["rejected_text"]
    # The same as the command line's merge of the same files.
    cli = tmp_path / "cli.docx"
    merge_files(REV2_EXCERPT, [str(p) for p in inputs], cli, form="full", date=datetime(2025, 12, 10, tzinfo=UTC))
    assert changes == [(r["type"], r["author"], r["text"]) for r in libreoffice.inspect(cli)["redlines"]]
    window.undo_stack.setClean()
