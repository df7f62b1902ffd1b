"""GoToDialog: accepts "88" or "83 bis"; a bad label keeps it open and says why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.errors import LabelError
from app.labels import parse_label
from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from widgets.dialogs.goto_dialog import GoToDialog


@pytest.fixture
def dialog(qtbot: QtBot) -> GoToDialog:
    session = Session.open_draft(REV2_EXCERPT)
    session.insert_after("83", "A new paragraph.")

    def resolve(text: str) -> str:
        label = parse_label(text)
        if session.amendment_for(label) is not None:
            return label
        return session.draft.by_label(label).label or label

    d = GoToDialog(resolve, ["83", "83 bis", "88"])
    qtbot.addWidget(d)
    return d


def _ok(d: GoToDialog) -> bool:
    return d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_object_name_and_ok_needs_text(dialog: GoToDialog, qtbot: QtBot) -> None:
    assert dialog.objectName() == "goToDialog"
    assert not _ok(dialog)
    qtbot.keyClicks(dialog.edit, "88")
    assert _ok(dialog)


@pytest.mark.parametrize(("typed", "label"), [("88", "88"), ("83 bis", "83 bis"), ("83bis.", "83 bis")])
def test_labels_in_the_draft_are_accepted(dialog: GoToDialog, qtbot: QtBot, typed: str, label: str) -> None:
    qtbot.keyClicks(dialog.edit, typed)
    dialog.accept()
    assert dialog.result() == GoToDialog.DialogCode.Accepted
    assert dialog.label() == label


@pytest.mark.parametrize(("typed", "says"), [("92", "not in the draft (nearest: '91' and '98')"),
                                             ("eighty", "is not a paragraph label")])
def test_a_bad_label_keeps_the_dialog_open_with_a_message(dialog: GoToDialog, qtbot: QtBot, typed: str,
                                                          says: str) -> None:
    dialog.show()
    qtbot.keyClicks(dialog.edit, typed)
    dialog.accept()
    assert dialog.isVisible() and dialog.label() is None
    assert says in dialog.message.text()
    qtbot.keyClicks(dialog.edit, "x")  # typing again clears the message
    assert dialog.message.text() == ""


def test_resolver_errors_other_than_labels_are_shown_too(qtbot: QtBot) -> None:
    def resolve(_text: str) -> str:
        raise LabelError("no draft is open; open one first")

    d = GoToDialog(resolve)
    qtbot.addWidget(d)
    d.edit.setText("88")
    d.accept()
    assert d.message.text() == "no draft is open; open one first"


def _press_enter(qtbot: QtBot, d: GoToDialog) -> None:
    """Enter where the keyboard is: the completer's popup while it is open (it grabs the keys), else the field."""
    popup = d.edit.completer().popup()
    qtbot.keyClick(popup if popup.isVisible() else d.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "label"), [("88", "88"), ("83", "83")])
def test_one_enter_goes_even_with_suggestions_open(dialog: GoToDialog, qtbot: QtBot, typed: str, label: str) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.edit.setFocus()
    qtbot.keyClicks(dialog.edit, typed)
    assert dialog.edit.completer().popup().isVisible()  # the case that needed two or three Enters
    _press_enter(qtbot, dialog)
    assert dialog.result() == GoToDialog.DialogCode.Accepted and dialog.label() == label
    assert not dialog.isVisible()


def test_enter_on_a_highlighted_suggestion_takes_it_and_goes(dialog: GoToDialog, qtbot: QtBot) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.edit.setFocus()
    qtbot.keyClicks(dialog.edit, "83")
    popup = dialog.edit.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    _press_enter(qtbot, dialog)
    assert dialog.result() == GoToDialog.DialogCode.Accepted and dialog.label() == "83 bis"
