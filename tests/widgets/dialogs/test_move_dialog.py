"""MoveTextDialog: the target of a move and its position; the source itself is refused."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.labels import parse_label
from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from widgets.dialogs.move_dialog import END, START, MoveTextDialog


def _dialog(qtbot: QtBot) -> MoveTextDialog:
    draft = Session.open_draft(REV2_EXCERPT).draft
    d = MoveTextDialog(lambda t: draft.by_label(parse_label(t)).label or t, "103",
                       "We call for the strengthening of the Secretariat", ["100", "103"])
    qtbot.addWidget(d)
    return d


def test_target_and_position(qtbot: QtBot) -> None:
    d = _dialog(qtbot)
    assert d.objectName() == "moveTextDialog" and d.position() == END
    qtbot.keyClicks(d.edit, "100")
    d.where.setCurrentIndex(d.where.findData(START))
    d.accept()
    assert d.result() == MoveTextDialog.DialogCode.Accepted
    assert (d.target(), d.position()) == ("100", START)


def test_moving_to_the_same_or_a_missing_paragraph_is_refused(qtbot: QtBot) -> None:
    d = _dialog(qtbot)
    d.show()
    d.edit.setText("103")
    d.accept()
    assert d.isVisible() and "already in para 103" in d.message.text()
    d.edit.setText("97")
    d.accept()
    assert d.isVisible() and "not in the draft" in d.message.text() and d.target() is None
