"""widgets.status_bar: draft name, amendment count and saved state."""

from __future__ import annotations

from widgets.status_bar import StatusBar


def test_show_state(qtbot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    assert bar.objectName() == "statusBar"
    bar.show_state("A_80_L.41.docx", 3, True)
    assert (bar.draft_label.text(), bar.count_label.text(), bar.saved_label.text()) == (
        "A_80_L.41.docx", "3 amendments", "Unsaved changes")
    bar.show_state("A_80_L.41.docx", 1, False)
    assert (bar.count_label.text(), bar.saved_label.text()) == ("1 amendment", "Saved")
    assert all(label.accessibleName() for label in (bar.draft_label, bar.count_label, bar.saved_label))


def test_labels_are_permanent(qtbot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.showMessage("Exported", 1000)  # a passing message does not hide them
    bar.show()
    assert bar.draft_label.isVisible() and bar.saved_label.isVisible()
