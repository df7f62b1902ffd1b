"""ImportDialog: files with an author override each, include-my-amendments, add/remove, drops, checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.wiring.merging import InputSpec
from widgets.dialogs.import_dialog import ImportDialog, mergeable_files

pytestmark = pytest.mark.own_structure_check  # the listed files are stand-ins ("x"), never read


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for name in ("g77.docx", "eu.md", "ours.json"):
        path = tmp_path / name
        path.write_text("x", encoding="utf-8")
        out.append(path)
    return out


@pytest.fixture
def dialog(qtbot: QtBot) -> ImportDialog:
    d = ImportDialog(has_mine=True)
    qtbot.addWidget(d)
    return d


def _ok(d: ImportDialog) -> bool:
    return d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_empty_list_cannot_be_merged(dialog: ImportDialog) -> None:
    assert dialog.objectName() == "importDialog"
    assert not _ok(dialog) and "at least one" in dialog.message.text()
    assert dialog.include_mine() and not dialog.remove_button.isEnabled()


def test_files_with_author_overrides(dialog: ImportDialog, files: list[Path]) -> None:
    dialog.add_files(files)
    dialog.add_files([files[0]])  # once only
    assert dialog.paths() == files and _ok(dialog)
    dialog.set_author(1, " European Union ")
    assert dialog.specs() == [InputSpec(files[0]), InputSpec(files[1], "European Union"), InputSpec(files[2])]


def test_author_column_is_editable_by_keys(qtbot: QtBot, dialog: ImportDialog, files: list[Path]) -> None:
    dialog.add_files(files[:1])
    dialog.show()
    dialog.table.setCurrentCell(0, 1)
    dialog.table.edit(dialog.table.currentIndex())
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "G77")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: dialog.specs()[0].author == "G77", timeout=2000)
    item = dialog.table.item(0, 0)
    assert item is not None and not item.flags() & Qt.ItemFlag.ItemIsEditable


def test_remove_selected(dialog: ImportDialog, files: list[Path]) -> None:
    dialog.add_files(files)
    dialog.table.selectRow(1)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert dialog.paths() == [files[0], files[2]]


def test_missing_and_unsupported_files_are_named(dialog: ImportDialog, files: list[Path], tmp_path: Path) -> None:
    dialog.add_files([tmp_path / "gone.docx"])
    assert not _ok(dialog) and "gone.docx" in dialog.message.text()
    dialog.table.selectRow(0)
    dialog.remove_selected()
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF")
    dialog.add_files([odd])
    assert not _ok(dialog) and "notes.pdf" in dialog.message.text() and ".pdf" in dialog.message.text()
    dialog.accept()
    assert dialog.result() == 0  # stays open


def test_include_mine_needs_amendments(qtbot: QtBot) -> None:
    d = ImportDialog(has_mine=False)
    qtbot.addWidget(d)
    assert not d.include_mine_box.isEnabled() and not d.include_mine()


def test_browse_adds_the_chosen_files(dialog: ImportDialog, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files[:2]], ""))
    dialog.add_button.click()
    assert dialog.paths() == files[:2]


def test_dropped_files_are_added(dialog: ImportDialog, files: list[Path], tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files] + [QUrl.fromLocalFile(str(tmp_path / "a.pdf"))])
    assert mergeable_files(mime) == files
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    assert dialog.paths() == files and event.isAccepted()
