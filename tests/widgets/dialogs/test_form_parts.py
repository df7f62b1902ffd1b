"""form_parts: inline messages shown whole in a shown dialog, accelerators that render, the overwrite question."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from widgets.dialogs.export_dialog import ExportDialog
from widgets.dialogs.form_parts import ZERO_WIDTH_SPACE, breakable, confirm_overwrite
from widgets.dialogs.goto_dialog import GoToDialog
from widgets.dialogs.import_dialog import ImportDialog
from widgets.dialogs.merge_export_dialog import MergeExportDialog
from widgets.dialogs.move_dialog import MoveTextDialog
from widgets.dialogs.new_paragraph_dialog import NewParagraphDialog
from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.settings import Settings

MNEMONIC = re.compile(r"&[^&\s]")


def _fits(label: QLabel) -> bool:
    """True when the label's text, laid out as QLabel wraps it, fits its width and height."""
    layout = QTextLayout(QLabel.text(label), label.font())  # what the label displays
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height, widest = 0.0, 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(label.contentsRect().width())
        widest = max(widest, line.naturalTextWidth())
        height += line.height()
    layout.endLayout()
    return widest <= label.contentsRect().width() + 1 and height <= label.contentsRect().height() + 1


def test_a_long_message_is_shown_whole(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog("Jane Doe", tmp_path / "out.docx")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    missing = tmp_path.joinpath(*["a-folder-with-a-long-name-that-is-not-there"] * 4) / "out.docx"
    dialog.path.setText(str(missing))
    QApplication.processEvents()
    message = dialog.message
    assert "does not exist" in message.text() and str(missing) in message.text()  # text() is the message as given
    assert message.wordWrap() and _fits(message)


def test_breakable_lets_paths_wrap_and_leaves_words_alone() -> None:
    assert breakable("/tmp/a b/c.docx: folder missing") == \
        f"/{ZERO_WIDTH_SPACE}tmp/{ZERO_WIDTH_SPACE}a b/{ZERO_WIDTH_SPACE}c.docx: folder missing"
    assert breakable("no paths here; and/ or") == "no paths here; and/ or"


def _dialogs(tmp_path: Path) -> list[QDialog]:
    settings = Settings.in_file(tmp_path / "settings.ini")
    return [ExportDialog("Jane Doe", tmp_path / "out.docx"), MergeExportDialog(tmp_path / "merged.docx"),
            GoToDialog(lambda text: text), MoveTextDialog(lambda text: text, "88", "description"),
            SettingsDialog(settings, first_run=True), ImportDialog(), NewParagraphDialog("88", "88 bis"),
            SettingsDialog(settings)]


def test_every_accelerator_renders_and_has_a_target(qtbot: QtBot, tmp_path: Path) -> None:
    for dialog in _dialogs(tmp_path):
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            if MNEMONIC.search(label.text()) and label.textFormat() is not label.textFormat().RichText:
                assert label.buddy() is not None, f"{dialog.objectName()}: “{label.text()}” shows a literal &"


def test_save_to_focuses_the_file_field(qtbot: QtBot, tmp_path: Path) -> None:
    for dialog in (ExportDialog("Jane Doe", tmp_path / "out.docx"), MergeExportDialog(tmp_path / "merged.docx")):
        qtbot.addWidget(dialog)
        (save_to,) = [lab for lab in dialog.findChildren(QLabel) if lab.text() == "&Save to:"]
        assert save_to.buddy() is dialog.path


@pytest.mark.parametrize("exists", [True, False])
def test_confirm_overwrite_asks_only_about_existing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          exists: bool) -> None:
    target = tmp_path / "out.md"
    if exists:
        target.write_text("earlier", encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.No)
    assert confirm_overwrite(None, target) is not exists
    assert len(asked) == int(exists)
