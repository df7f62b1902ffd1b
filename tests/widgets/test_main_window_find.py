"""MainWindow's Find (Ctrl+F, F3, Shift+F3) in the document and the review list, and Edit > Cut, Copy,
Paste, Select All on the focused widget: plain-text paste and cut tracked in the paragraph editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT, SAMPLE_DRAFT
from app.segments import Op
from app.textform import format_text_form, import_text_form
from app.wiring.merging import InputSpec
from tests.widgets.merge_helpers import DATE, write_redlines
from tests.widgets.window_helpers import capture_dialogs, make_window, select_in_editor
from widgets.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
CLIPBOARD = ("cut", "copy", "paste", "select_all")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    capture_dialogs(monkeypatch)
    w = make_window(qtbot, tmp_path)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def _enabled(window: MainWindow) -> dict[str, bool]:
    return {name: window.ui_actions[name].isEnabled() for name in CLIPBOARD}


def _focus(qtbot: QtBot, widget: object) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_find_in_the_sample_draft_visits_every_match_and_wraps(qtbot: QtBot, window: MainWindow) -> None:
    assert window.open_draft(SAMPLE_DRAFT)
    view = window.document_view
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
    words = "Internet"
    qtbot.keyClicks(bar.edit, words)
    plain = view.document().toPlainText()
    starts = [i for i in range(len(plain)) if plain.startswith(words, i)]  # the sample is all BMP text
    assert len(starts) > 2
    assert bar.count.text() == f"1 of {len(starts)}"
    seen = [view.textCursor().selectionStart()]
    for _ in range(len(starts)):
        qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
        seen.append(view.textCursor().selectionStart())
        assert view.textCursor().selectedText() == words
    assert seen == [*starts, starts[0]]  # each match in turn, then round to the first
    assert bar.count.text() == f"1 of {len(starts)}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, SHIFT)
    assert view.textCursor().selectionStart() == starts[-1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is view
    assert view.textCursor().selectionStart() == starts[-1]  # the match stays selected
    qtbot.keyClick(view, Qt.Key.Key_F3)  # F3 with the bar closed: on to the next match
    assert view.textCursor().selectionStart() == starts[0]


def test_find_searches_the_review_list_when_it_has_the_focus(qtbot: QtBot, window: MainWindow,
                                                               tmp_path: Path) -> None:
    assert window.open_draft(REV2_EXCERPT)
    paths = write_redlines(tmp_path)
    assert window.import_redlines([InputSpec(paths["G77"]), InputSpec(paths["EU"])], date=DATE)
    tree = window.review_panel.tree
    _focus(qtbot, tree)
    window.ui_actions["find"].trigger()
    bar = window.find_bar
    assert bar.edit.placeholderText() == "Find in the review list"
    qtbot.keyClicks(bar.edit, "Economic and Social")
    assert window.review_panel.selected_ids() == ["p3"] and bar.count.text() == "1 of 1"
    view_before = window.document_view.textCursor().selectionStart()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is tree
    assert window.document_view.textCursor().selectionStart() == view_before
    _focus(qtbot, window.document_view)  # from the document, Ctrl+F searches the document again
    window.ui_actions["find"].trigger()
    assert bar.edit.placeholderText() == "Find in the document"


def _editing_88(qtbot: QtBot, window: MainWindow) -> None:
    assert window.open_draft(REV2_EXCERPT)
    assert window.go_to("88")
    select_in_editor(qtbot, window, "description")


def _expected_text_form(window: MainWindow, new: str) -> str:
    """What `redline-desk` writes as the text form for 88 with "description" replaced by `new`."""
    assert window.session is not None
    body = window.session.draft.by_label("88").body
    imported = import_text_form(window.session.draft,
                                "88. " + body.replace("description", f"~~description~~**{new}**", 1))
    return format_text_form(imported.amendments)


@pytest.mark.parametrize("offer", ["html only", "html and plain"])
def test_paste_of_rich_text_is_a_plain_tracked_insertion(qtbot: QtBot, window: MainWindow, offer: str) -> None:
    _editing_88(qtbot, window)
    data = QMimeData()
    data.setHtml("<p><b>working</b>\n<i style='color:red'>definition</i></p>")
    if offer == "html and plain":
        data.setText("working definition")
    QApplication.clipboard().setMimeData(data)
    assert window.ui_actions["paste"].isEnabled()
    window.ui_actions["paste"].trigger()
    assert window.session is not None
    amendment = window.session.amendment_for("88")
    assert amendment is not None
    inserted = [s.text for s in amendment.option.segments if s.op is Op.INSERT]
    assert inserted == ["working definition"]  # the words only: no markup, one line
    assert format_text_form(window.session.amendments) == _expected_text_form(window, "working definition")
    assert window.undo_stack.undoText().startswith("Replace in para 88")


def test_cut_in_the_editor_strikes_and_copies(qtbot: QtBot, window: MainWindow) -> None:
    _editing_88(qtbot, window)
    before = window.editor.toPlainText()
    window.ui_actions["cut"].trigger()
    assert QApplication.clipboard().text() == "description"
    assert window.editor.toPlainText() == before  # struck text stays visible
    assert window.session is not None
    amendment = window.session.amendment_for("88")
    assert amendment is not None
    assert [s.text for s in amendment.option.segments if s.op is not Op.EQUAL] == ["description"]
    assert [s.op for s in amendment.option.segments if s.op is not Op.EQUAL] == [Op.DELETE]


def test_clipboard_actions_follow_the_focus(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _editing_88(qtbot, window)
    QApplication.clipboard().setText("text to paste")
    assert _enabled(window) == {"cut": True, "copy": True, "paste": True, "select_all": True}
    view = window.document_view
    _focus(qtbot, view)
    # In the Redline view, typing in the document makes tracked changes: paste too, cut once text is selected.
    assert _enabled(window) == {"cut": False, "copy": False, "paste": True, "select_all": True}
    window.ui_actions["select_all"].trigger()
    assert view.textCursor().hasSelection()
    assert _enabled(window) == {"cut": True, "copy": True, "paste": True, "select_all": True}
    window.ui_actions["copy"].trigger()
    assert QApplication.clipboard().text().startswith(view.document().firstBlock().text()[:20])
    paths = write_redlines(tmp_path)
    assert window.import_redlines([InputSpec(paths["EU"])], date=DATE)
    _focus(qtbot, view)  # a merge under review is decided, not typed into: only copy and select
    window.ui_actions["select_all"].trigger()
    assert _enabled(window) == {"cut": False, "copy": True, "paste": False, "select_all": True}
    window.ui_actions["paste"].trigger()  # disabled: the view is unchanged
    assert view.textCursor().hasSelection()
    tree = window.review_panel.tree
    _focus(qtbot, tree)
    window.review_panel.select(window.review_panel.shown_ids()[0])
    assert _enabled(window) == {"cut": False, "copy": True, "paste": False, "select_all": True}
    window.ui_actions["copy"].trigger()
    assert QApplication.clipboard().text().split("\t")[:2] == ["replacement", "EU"]
    _focus(qtbot, window.navigator)  # a widget that is none of these: nothing to cut, copy or paste
    assert _enabled(window) == dict.fromkeys(CLIPBOARD, False)
