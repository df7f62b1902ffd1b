"""widgets.actions: every action has a shortcut where it should, a tooltip, a status tip and a menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from widgets.actions import SPECS, Actions, build_actions, fill_recent_menu
from widgets.settings import Settings

Std = QKeySequence.StandardKey


class FakeWindow(QMainWindow):
    """Just what build_actions needs: an undo stack, settings and the slots (which record calls)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.undo_stack = QUndoStack(self)
        self.settings = settings
        self.calls: list[str] = []
        self.opened: list[Path] = []
        for _text, _keys, _tip, slot, _menu in SPECS.values():
            if slot != "close":
                setattr(self, slot, lambda slot=slot: self.calls.append(slot))

    def show_about_qt(self) -> None:
        self.calls.append("show_about_qt")

    def open_path(self, path: Path) -> bool:
        self.opened.append(path)
        return True


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> FakeWindow:
    w = FakeWindow(Settings.in_file(tmp_path / "s.ini"))
    qtbot.addWidget(w)
    return w


@pytest.fixture
def actions(window: FakeWindow) -> Actions:
    return build_actions(window)


def test_every_action_has_tips_and_sits_in_a_menu(actions: Actions) -> None:
    in_menus = {a for menu in actions.menus.values() for a in menu.actions()}
    for name, action in actions.by_name.items():
        assert action.toolTip() and action.statusTip(), name
        assert action in in_menus, f"{name} is in no menu"
    assert [m.title() for m in actions.menus.values()] == ["&File", "&Edit", "&Paragraph", "&Review", "&View",
                                                               "&Help"]


def test_standard_shortcuts_come_from_qkeysequence(actions: Actions) -> None:
    for name, key in (("open", Std.Open), ("save", Std.Save), ("undo", Std.Undo), ("redo", Std.Redo),
                      ("zoom_in", Std.ZoomIn), ("cut", Std.Cut), ("copy", Std.Copy), ("paste", Std.Paste),
                      ("select_all", Std.SelectAll), ("find", Std.Find)):
        assert actions[name].shortcut() == QKeySequence.keyBindings(key)[0], name
    for name, key, fallback in (("quit", Std.Quit, "Ctrl+Q"), ("preferences", Std.Preferences, "Ctrl+,"),
                                ("save_as", Std.SaveAs, "Ctrl+Shift+S")):
        bound = QKeySequence.keyBindings(key)
        assert actions[name].shortcut() == (bound[0] if bound else QKeySequence(fallback)), name


@pytest.mark.parametrize(("name", "keys"), [("go_to", "Ctrl+G"), ("export", "Ctrl+E"),
                                            ("new_paragraph", "Ctrl+Shift+N"),
                                            ("delete_paragraph", "Ctrl+Shift+Del"), ("view_redline", "Ctrl+1"),
                                            ("view_proposed", "Ctrl+2"), ("view_original", "Ctrl+3"),
                                            ("find_next", "F3"), ("find_previous", "Shift+F3")])
def test_explicit_shortcuts(actions: Actions, name: str, keys: str) -> None:
    assert actions[name].shortcut() == QKeySequence(keys)
    assert keys.split("+")[-1] in actions[name].toolTip() or "Del" in actions[name].toolTip()


def test_no_two_actions_share_a_shortcut(actions: Actions) -> None:
    keys = [a.shortcut().toString() for a in actions.all() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys))


def test_view_modes_are_exclusive(actions: Actions) -> None:
    assert actions["view_redline"].isChecked()
    actions["view_original"].trigger()
    assert actions["view_original"].isChecked() and not actions["view_redline"].isChecked()


def test_actions_call_the_window(actions: Actions, window: FakeWindow) -> None:
    actions["go_to"].trigger()
    actions["export"].trigger()
    actions["about_qt"].trigger()
    assert window.calls == ["choose_and_go_to", "choose_and_export", "show_about_qt"]


def test_recent_menu_lists_files_and_opens_them(actions: Actions, window: FakeWindow, tmp_path: Path) -> None:
    menu = actions.recent_menu
    assert menu is not None
    clear = [a for a in menu.actions() if a.text() == "&Clear Recent Files"]
    assert clear and not clear[0].isEnabled()
    window.settings.add_recent_file(tmp_path / "a.docx")
    window.settings.add_recent_file(tmp_path / "b.json")
    fill_recent_menu(menu, window)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["&1 b.json", "&2 a.docx"]
    menu.actions()[1].trigger()
    assert window.opened == [(tmp_path / "a.docx").resolve()]
    menu.actions()[-1].trigger()
    assert window.settings.recent_files() == []
    assert [a.text() for a in menu.actions()] == ["&Clear Recent Files"]
