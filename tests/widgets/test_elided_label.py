"""ElidedLabel: a long text never widens its layout; the whole text stays in text() and the tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.elided_label import ElidedLabel


def test_long_text_is_cut_with_its_whole_text_in_the_tooltip(qtbot: QtBot) -> None:
    text = "A_81_L.99_a_very_long_draft_name_from_a_delegation_mailbox_revision_3_final_final.docx"
    label = ElidedLabel(text)
    qtbot.addWidget(label)
    label.setToolTip("Draft")
    assert label.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(text) // 4
    label.resize(120, 20)
    label.show()
    assert label.text() == text and label.is_elided() and label.toolTip() == text
    label.resize(label.fontMetrics().horizontalAdvance(text) + 20, 20)
    assert not label.is_elided() and label.toolTip() == "Draft"
