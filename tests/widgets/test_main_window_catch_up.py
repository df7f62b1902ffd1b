"""While typing, only the editor redraws; the document view catches up when typing pauses."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from tests.widgets.window_helpers import capture_dialogs, make_window


def test_document_view_catches_up_after_a_pause(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    capture_dialogs(monkeypatch)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT)
    assert window.go_to("88")
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "Zq")
    block = window.document_view.block_for("88")
    assert "Zq" not in block.text()  # not redrawn on every key
    qtbot.waitUntil(lambda: "Zq" in window.document_view.block_for("88").text(), timeout=2000)
    assert window.navigator.tree().model().rowCount() > 0
    window.undo_stack.setClean()
