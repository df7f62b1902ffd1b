"""The IMSB para 88 edit made with key events in the editor and exported from the window gives
the same revisions, through LibreOffice, as the command line's export of the same amendment."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from app.wiring.apply import apply_amendments
from tests.interop.libreoffice import LibreOffice
from tests.widgets.window_helpers import capture_dialogs, make_window, select_in_editor

pytestmark = pytest.mark.interop
DATE = datetime(2025, 12, 9, 12, 0, tzinfo=UTC)


def test_para_88_by_keys_equals_the_cli(
    qtbot: QtBot, tmp_path: Path, libreoffice: LibreOffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    capture_dialogs(monkeypatch)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT)
    assert window.go_to("88")
    select_in_editor(qtbot, window, "description")
    qtbot.keyClicks(window.editor, "working definition")
    gui = tmp_path / "gui.docx"
    assert window.export(gui, "full", date=DATE)

    body = window.session.draft.by_label("88").body  # type: ignore[union-attr]
    marked = body.replace("description", "~~description~~**working definition**", 1)
    text_form = tmp_path / "88.md"
    text_form.write_text(f"88. {marked}\n", encoding="utf-8")
    cli = tmp_path / "cli.docx"
    apply_amendments(REV2_EXCERPT, text_form, cli, form="full", author="Jane Doe", organisation="IMSB", date=DATE)

    seen_gui, seen_cli = libreoffice.inspect(gui), libreoffice.inspect(cli)
    as_list = [(r["type"], r["author"], r["date"], r["text"]) for r in seen_gui["redlines"]]
    assert as_list == [("Delete", "IMSB", "2025-12-09T12:00:00", "description"),
                       ("Insert", "IMSB", "2025-12-09T12:00:00", "working definition")]
    assert as_list == [(r["type"], r["author"], r["date"], r["text"]) for r in seen_cli["redlines"]]
    assert seen_gui["accepted_text"] == seen_cli["accepted_text"]
    assert seen_gui["rejected_text"] == seen_cli["rejected_text"]
    window.undo_stack.setClean()
