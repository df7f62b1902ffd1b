"""widgets.review_toolbar: the Review toolbar shows the view in use and switches it, holds the reviewer
filter and the walk (Previous/Next, Accept/Reject and move to next, all shown), and overflows on a laptop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from app.wiring.merging import InputSpec
from tests.widgets.merge_helpers import DATE, write_three_redlines
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.document.view_mode import ViewMode
from widgets.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    capture_dialogs(monkeypatch)  # closing asks nothing
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    return w


def checked_views(window: MainWindow) -> list[str]:
    bar = window.review_toolbar
    return [name for name in ("view_redline", "view_proposed", "view_original") if bar.buttons[name].isChecked()]


def test_the_view_in_use_is_shown_and_switchable_on_the_toolbar(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.findChild(QToolBar, "reviewToolBar")
    assert bar is window.review_toolbar and bar.isVisible()
    assert window.toolBarArea(bar) is Qt.ToolBarArea.TopToolBarArea
    assert checked_views(window) == ["view_redline"]
    assert [bar.buttons[n].text() for n in ("view_redline", "view_proposed", "view_original")] == [
        "Redline", "Proposed", "Original"]
    qtbot.mouseClick(bar.buttons["view_proposed"], Qt.MouseButton.LeftButton)
    assert window.mode is ViewMode.PROPOSED and window.document_view.mode() is ViewMode.PROPOSED
    assert checked_views(window) == ["view_proposed"]
    window.ui_actions["view_original"].trigger()  # Ctrl+3 or the View menu: the toolbar follows
    assert checked_views(window) == ["view_original"] and window.document_view.mode() is ViewMode.ORIGINAL
    assert window.review_toolbar.toggleViewAction() in window.ui_actions.menus["View"].actions()


def test_the_review_buttons_follow_the_review(window: MainWindow, tmp_path: Path) -> None:
    bar = window.review_toolbar
    assert bar.buttons["next_change"].isEnabled()  # our own amendments, even without a merge
    for name in ("accept_next", "reject_next", "accept_proposal", "reject_proposal", "accept_shown", "reject_shown"):
        assert not bar.buttons[name].isEnabled(), name
    assert not bar.buttons["reviewers"].isEnabled()
    assert bar.buttons["next_change"].text() == "Next ▶" and bar.buttons["accept_next"].text() == "Accept ▸ Next"
    assert window.import_redlines([InputSpec(p) for p in write_three_redlines(tmp_path).values()], date=DATE)
    assert all(b.isEnabled() for b in bar.buttons.values())
    assert bar.buttons["reviewers"].text() == "Reviewers: All reviewers"
    window.review_panel.set_reviewers({"US"})
    assert bar.buttons["reviewers"].text() == "Reviewers: US"


def test_the_toolbar_overflows_on_a_laptop(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert window.import_redlines([InputSpec(p) for p in write_three_redlines(tmp_path).values()], date=DATE)
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024 and window.width() == 1024
    assert window.review_toolbar.width() <= window.width()
