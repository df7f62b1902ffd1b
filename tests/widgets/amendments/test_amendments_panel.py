"""widgets.amendments.amendments_panel: rows, details and the signals the window acts on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit, QPushButton, QWidget

from app.amendments import Status
from app.redline_edit import RedlineEdit
from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from widgets.amendments.amendments_panel import AmendmentsPanel, first_line


@pytest.fixture
def session() -> Session:
    s = Session.open_draft(REV2_EXCERPT)
    s.author, s.organisation = "Jane Doe", "IMSB"
    body = s.draft.by_label("88").body
    e = RedlineEdit(body, s.segments_for("88"))
    i = body.index("description")
    e.replace(i, i + len("description"), "working definition")
    s.set_segments("88", e.segments)
    s.set_rationale(s.amendment_for("88").id, "Tunis Agenda wording.\nSee paragraph 34.")
    s.insert_after("83", "We recognise the work done within the WSIS framework.")
    s.delete_paragraph("103")
    return s


@pytest.fixture
def panel(qtbot, session: Session) -> AmendmentsPanel:
    p = AmendmentsPanel()
    qtbot.addWidget(p)
    p.show_amendments(session.amendments)
    return p


def _child(panel: AmendmentsPanel, kind: type, name: str):
    widget = panel.findChild(kind, name)
    assert widget is not None, name
    return widget


def _rows(panel: AmendmentsPanel) -> list[list[str]]:
    model = panel.findChild(QWidget, "amendmentsList").model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_rows_show_label_author_status_and_rationale(panel: AmendmentsPanel) -> None:
    assert panel.objectName() == "amendmentsPanel"
    assert _rows(panel) == [
        ["88", "Jane Doe (IMSB)", "draft", "Tunis Agenda wording."],
        ["83 bis", "Jane Doe (IMSB)", "draft", ""],
        ["103", "Jane Doe (IMSB)", "draft", ""],
    ]
    for kind, name in ((QPlainTextEdit, "rationaleEdit"), (QComboBox, "statusCombo"), (QComboBox, "optionCombo"),
                       (QPushButton, "addOptionButton"), (QPushButton, "removeButton"), (QWidget, "amendmentsList")):
        assert _child(panel, kind, name).accessibleName()


def test_select_shows_the_details(panel: AmendmentsPanel, session: Session) -> None:
    panel.select("88")
    a = session.amendment_for("88")
    assert panel.current_id() == a.id
    assert _child(panel, QPlainTextEdit, "rationaleEdit").toPlainText() == a.rationale
    assert _child(panel, QComboBox, "statusCombo").currentData() == "draft"
    panel.select("103")
    assert not _child(panel, QPushButton, "addOptionButton").isEnabled()  # a deletion has no options
    panel.select("64")  # no amendment there
    assert panel.current_id() is None and not _child(panel, QPlainTextEdit, "rationaleEdit").isEnabled()


def test_status_change_is_emitted(qtbot, panel: AmendmentsPanel, session: Session) -> None:
    panel.select("88")
    combo = _child(panel, QComboBox, "statusCombo")
    with qtbot.waitSignal(panel.statusChanged) as changed:
        combo.setCurrentIndex(combo.findData(Status.FINAL.value))
    assert changed.args == [session.amendment_for("88").id, "final"]
    with qtbot.assertNotEmitted(panel.statusChanged):
        panel.select("83 bis")  # loading another amendment's details is not a change


def test_rationale_is_emitted_after_a_pause_not_per_key(qtbot, panel: AmendmentsPanel, session: Session) -> None:
    panel.show()
    panel.select("83 bis")
    edit = _child(panel, QPlainTextEdit, "rationaleEdit")
    received = []
    panel.rationaleEdited.connect(lambda *args: received.append(args))
    qtbot.keyClicks(edit, "Needed")
    assert received == []
    qtbot.waitUntil(lambda: received != [], timeout=3000)
    assert received == [(session.amendment_for("83 bis").id, "Needed")]


def test_rationale_is_emitted_when_leaving_the_field(qtbot, panel: AmendmentsPanel, session: Session) -> None:
    panel.select("88")
    edit = _child(panel, QPlainTextEdit, "rationaleEdit")
    edit.setPlainText("Shorter.")
    with qtbot.waitSignal(panel.rationaleEdited, timeout=100) as edited:
        QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusOut))
    assert edited.args == [session.amendment_for("88").id, "Shorter."]


def test_options_add_and_choose(qtbot, panel: AmendmentsPanel, session: Session) -> None:
    panel.select("88")
    with qtbot.waitSignal(panel.addOptionRequested) as asked:
        _child(panel, QPushButton, "addOptionButton").click()
    assert asked.args == ["88"]
    session.add_option("88")  # what the window does
    panel.show_amendments(session.amendments)
    combo = _child(panel, QComboBox, "optionCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == ["Option A", "Option B"]
    assert combo.currentIndex() == 1 and panel.current_id() == session.amendment_for("88").id
    with qtbot.waitSignal(panel.optionChosen) as chosen:
        combo.setCurrentIndex(0)
    assert chosen.args == [session.amendment_for("88").id, 0]


def test_remove_and_activate(qtbot, panel: AmendmentsPanel, session: Session) -> None:
    panel.select("103")
    with qtbot.waitSignal(panel.removeRequested) as removed:
        _child(panel, QPushButton, "removeButton").click()
    assert removed.args == [session.amendment_for("103").id]
    view = panel.findChild(QWidget, "amendmentsList")
    panel.show()
    qtbot.waitExposed(panel)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    with qtbot.waitSignal(panel.amendmentActivated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == ["83 bis"]


def test_reloading_keeps_the_selection(panel: AmendmentsPanel, session: Session) -> None:
    panel.select("103")
    kept = panel.current_id()
    session.remove(session.amendment_for("88").id)
    panel.show_amendments(session.amendments)
    assert panel.current_id() == kept and len(_rows(panel)) == 2
    session.remove(kept)
    panel.show_amendments(session.amendments)
    assert panel.current_id() is None


def test_first_line() -> None:
    assert first_line("\n  First.\nSecond.") == "First."
    assert first_line("") == ""


def test_an_either_or_set_shows_each_members_option_and_the_set(qtbot, session: Session) -> None:
    from app.amendments import link_alternatives
    from app.resources import SAMPLES
    from app.textform import import_text_form

    imported = import_text_form(session.draft, (SAMPLES / "imsb_rev2_amendments.md").read_text(encoding="utf-8"),
                                organisation="IMSB").amendments
    panel = AmendmentsPanel()
    qtbot.addWidget(panel)
    panel.show_amendments(imported)
    assert [row[0] for row in _rows(panel)] == ["66", "83 bis (A)", "84 (B)", "88", "89", "100", "103"]
    panel.select("84")
    titles = [label.text() for label in panel.findChildren(QLabel)]
    assert "Para 84: amended; either/or: Option A (83 bis) or Option B (84)" in titles
    link_alternatives(imported[4:6])  # 89 or 100
    panel.show_amendments(imported)
    assert [row[0] for row in _rows(panel)][4:6] == ["89 (A)", "100 (A)"]
