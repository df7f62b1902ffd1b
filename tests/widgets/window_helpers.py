"""Helpers for main-window tests: a window with test settings, captured dialogs, key-driven edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from widgets.dialogs import messages
from widgets.main_window import MainWindow
from widgets.settings import Settings


@dataclass
class Dialogs:
    """What the window would have asked or told (modal boxes replaced)."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    save_prompts: int = 0
    answer: str = messages.DISCARD


def capture_dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Replace error boxes and the unsaved-changes question; answer DISCARD unless told otherwise."""
    seen = Dialogs()
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *a, **k: seen.errors.append((title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: seen.warnings.append((title, text)))

    def ask(_parent: object, _name: str = "") -> str:
        seen.save_prompts += 1
        return seen.answer

    monkeypatch.setattr(messages, "ask_save_changes", ask)
    return seen


def make_settings(tmp_path: Path) -> Settings:
    """Settings in an ini file under tmp_path, with an author and organisation."""
    settings = Settings.in_file(tmp_path / "settings.ini")
    settings.author, settings.organisation = "Jane Doe", "IMSB"
    return settings


def make_window(qtbot: QtBot, tmp_path: Path, **kwargs: object) -> MainWindow:
    """A shown main window with test settings and its recovery folder under tmp_path."""
    window = MainWindow(make_settings(tmp_path), recovery_dir=tmp_path / "recovery", **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def open_window(qtbot: QtBot, tmp_path: Path, draft: Path) -> MainWindow:
    """make_window with `draft` open."""
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(draft)
    assert window.session is not None
    return window


def select_in_editor(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Select the first occurrence of text in the editor with the keyboard (Home, Right…, Shift+Right…)."""
    editor = window.editor
    start = editor.toPlainText().index(text)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(start):
        qtbot.keyClick(editor, Qt.Key.Key_Right)
    for _ in range(len(text)):
        qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == text


def move_editor_cursor_to_end(window: MainWindow) -> None:
    """Put the editor's caret at the end of the paragraph."""
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
