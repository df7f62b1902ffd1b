"""widgets.dialogs.messages: error boxes, the unsaved-changes question, the recovery offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from widgets.dialogs import messages


def test_show_error_is_a_critical_box(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((parent, title, text)))
    messages.show_error(None, "Opening failed", "x.txt: not a .docx")
    assert shown == [(None, "Opening failed", "x.txt: not a .docx")]


@pytest.mark.parametrize(("button", "answer"), [(QMessageBox.StandardButton.Save, messages.SAVE),
                                                (QMessageBox.StandardButton.Discard, messages.DISCARD),
                                                (QMessageBox.StandardButton.Cancel, messages.CANCEL)])
def test_ask_save_changes(qtbot: object, monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton,
                          answer: str) -> None:
    seen = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append((box.text(), box.standardButtons()))
        return int(button.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert messages.ask_save_changes(None, "draft.docx") == answer
    text, buttons = seen[0]
    assert "“draft.docx”" in text
    assert buttons & QMessageBox.StandardButton.Cancel and buttons & QMessageBox.StandardButton.Discard


def test_ask_restore_recovery(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert messages.ask_restore_recovery(None, Path("r.json"), "2025-12-09 10:00") is True
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert messages.ask_restore_recovery(None, Path("r.json"), "2025-12-09 10:00") is False
