"""Typing in the document view makes tracked changes as the paragraph editor and the text form do."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.amendments import Kind
from app.resources import REV2_EXCERPT
from app.segments import Op, Segment
from app.wiring.cli import main
from tests.widgets.merge_helpers import tracked_changes
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.document.view_mode import ViewMode
from widgets.main_window import MainWindow

DATE = datetime(2025, 12, 9, 10, 0, tzinfo=UTC)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    capture_dialogs(monkeypatch)
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    w.document_view.setFocus()
    return w


def select(window: MainWindow, label: str, text: str, *, to: tuple[str, str] | None = None) -> None:
    """Select `text` in paragraph `label` of the document view (or up to the end of `to`'s text there)."""
    view = window.document_view
    block = view.block_for(label)
    assert block is not None
    start = block.position() + block.text().index(text)
    end = start + len(text)
    if to is not None:
        other = view.block_for(to[0])
        assert other is not None
        end = other.position() + other.text().index(to[1]) + len(to[1])
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def segments_of(window: MainWindow, label: str) -> list[Segment]:
    assert window.session is not None
    amendment = window.session.amendment_for(label)
    assert amendment is not None
    return [s for s in amendment.option.segments if s.op is not Op.EQUAL]


def test_typing_over_a_selection_replaces_it_as_the_cli_does(qtbot: QtBot, window: MainWindow,
                                                             tmp_path: Path) -> None:
    select(window, "88", "description")
    qtbot.keyClicks(window.document_view, "working definition")
    assert segments_of(window, "88") == [Segment(Op.DELETE, "description"), Segment(Op.INSERT, "working definition")]
    # The caret stays after the typed text, in the redrawn paragraph.
    block = window.document_view.block_for("88")
    assert block is not None and "descriptionworking definition of" in block.text()
    caret = window.document_view.textCursor().position() - block.position()
    assert block.text()[:caret].endswith("working definition")
    # The same amendment through the command line's text form gives the same revisions.
    assert window.session is not None
    ours, theirs = tmp_path / "gui.docx", tmp_path / "cli.docx"
    window.session.export(ours, "full", date=DATE)
    body = window.session.draft.by_label("88").body
    form = tmp_path / "a.md"
    form.write_text("88. " + body.replace("description", "~~description~~ **working definition**", 1) + "\n",
                    encoding="utf-8")
    assert main(["apply", str(REV2_EXCERPT), str(form), "-o", str(theirs), "--author", window.session.author,
                 "--organisation", window.session.organisation, "--date", DATE.isoformat()]) == 0
    assert tracked_changes(ours) == tracked_changes(theirs) != []


def test_backspace_strikes_original_text_and_removes_own_insertions(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "88", "Internet")
    cursor = window.document_view.textCursor()
    cursor.setPosition(cursor.selectionEnd())  # the caret after "Internet"
    window.document_view.setTextCursor(cursor)
    qtbot.keyClicks(window.document_view, "s")
    qtbot.keyClick(window.document_view, Qt.Key.Key_Backspace)  # removes our "s"
    assert window.session is not None and window.session.amendment_for("88") is None
    qtbot.keyClick(window.document_view, Qt.Key.Key_Backspace)  # strikes the draft's "t"
    assert segments_of(window, "88") == [Segment(Op.DELETE, "t")]


def test_typing_is_one_undo_step_per_paragraph(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "89", "global")
    qtbot.keyClicks(window.document_view, "worldwide")
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.session is not None and window.session.amendment_for("89") is None
    block = window.document_view.block_for("89")
    assert block is not None and "worldwide" not in block.text()


def test_a_selection_across_paragraphs_strikes_each_part(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "88", "that shape the evolution and use of the Internet.", to=("89", "We reaffirm"))
    qtbot.keyClick(window.document_view, Qt.Key.Key_Delete)
    assert segments_of(window, "88") == [Segment(Op.DELETE, "that shape the evolution and use of the Internet.")]
    assert segments_of(window, "89") == [Segment(Op.DELETE, "We reaffirm")]
    assert window.undo_stack.count() == 1  # one command for both
    window.undo_stack.undo()
    assert window.session is not None
    assert window.session.amendment_for("88") is None and window.session.amendment_for("89") is None


def test_a_new_paragraph_is_typed_into_as_its_own_text(qtbot: QtBot, window: MainWindow) -> None:
    assert window.go_to("88")
    label = window.new_paragraph_after("We note the mandate.")
    assert label == "88 bis"
    window.document_view.setFocus()
    select(window, "88 bis", "mandate")
    qtbot.keyClicks(window.document_view, "renewed mandate")
    assert window.session is not None
    amendment = window.session.amendment_for("88 bis")
    assert amendment is not None and amendment.kind is Kind.INSERT
    assert amendment.option.proposed.strip() == "We note the renewed mandate."


def test_paste_is_plain_text_and_cut_strikes(qtbot: QtBot, window: MainWindow) -> None:
    QApplication.clipboard().setText("multi-\nline\tpaste")
    select(window, "89", "global")
    window.document_view.paste()
    assert segments_of(window, "89") == [Segment(Op.DELETE, "global"), Segment(Op.INSERT, "multi- line paste")]
    select(window, "88", "description")
    window.document_view.cut()
    assert QApplication.clipboard().text() == "description"
    assert segments_of(window, "88") == [Segment(Op.DELETE, "description")]


def test_typing_is_refused_where_it_cannot_be_tracked(qtbot: QtBot, window: MainWindow) -> None:
    window.set_mode(ViewMode.PROPOSED)
    select(window, "88", "description")
    qtbot.keyClicks(window.document_view, "x")
    assert window.session is not None and window.session.amendment_for("88") is None
    assert "Redline view" in window.statusBar().currentMessage()
    window.set_mode(ViewMode.REDLINE)
    heading = next(p for p in window.session.draft.paragraphs if p.label is None and p.text.strip())
    block = window.document_view.block_for_paragraph(heading.index)
    assert block is not None
    window.document_view.setTextCursor(QTextCursor(block))
    qtbot.keyClicks(window.document_view, "x")
    assert window.session.amendments == []
    assert "no number" in window.statusBar().currentMessage()
