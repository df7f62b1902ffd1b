"""widgets.navigator.paragraph_navigator: outline, markers, "Amended only", activation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from app.resources import REV2_EXCERPT
from app.session import Session
from widgets.navigator.paragraph_navigator import LABEL_ROLE, ParagraphNavigator, short_text


@pytest.fixture
def session() -> Session:
    return Session.open_draft(REV2_EXCERPT)


@pytest.fixture
def nav(qtbot, session: Session) -> ParagraphNavigator:
    n = ParagraphNavigator()
    qtbot.addWidget(n)
    n.set_draft(session.draft, set(), set(), {})
    return n


def _outline(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list:
    """[(text, [children…]), …] of a model, headings by text, paragraphs by label."""
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        name = index.data(LABEL_ROLE) or index.data()
        children = _outline(model, index)
        out.append((name, children) if children else name)
    return out


def _labels(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(LABEL_ROLE):
            out.append(index.data(LABEL_ROLE))
        out += _labels(model, index)
    return out


def _index(nav: ParagraphNavigator, label: str) -> QModelIndex:
    model = nav.tree().model()
    matches = model.match(model.index(0, 0), LABEL_ROLE, label, 1,
                          Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert matches, label
    return matches[0]


def test_outline_nests_labels_under_headings(nav: ParagraphNavigator, session: Session) -> None:
    assert nav.objectName() == "paragraphNavigator"
    outline = _outline(nav.tree().model())
    assert len(outline) == 1  # the title, a level-1 heading, holds the sections
    title, sections = outline[0]
    assert title.startswith("Outcome document of the high-level meeting")
    assert sections[:3] == [("Financial mechanisms", ["64", "65", "66"]), ("Data governance", ["82"]),
                            ("Artificial intelligence", ["83", "84", "85", "86", "87"])]
    assert _labels(nav.tree().model()) == [p.label for p in session.draft.labelled()]
    text = _index(nav, "66").data()
    assert text.startswith("66  We invite the Secretary-General") and text.endswith("…")


def test_markers_for_amended_and_conflicting_paragraphs(nav: ParagraphNavigator) -> None:
    nav.set_markers({"88", "89"}, {"89"}, {})
    amended, conflict, plain = (_index(nav, label) for label in ("88", "89", "90"))
    assert amended.data().startswith("● 88  ") and amended.data(Qt.ItemDataRole.FontRole).bold()
    assert "Amended" in amended.data(Qt.ItemDataRole.ToolTipRole)
    assert conflict.data().startswith("⚠● 89  ") and "Competing" in conflict.data(Qt.ItemDataRole.ToolTipRole)
    assert conflict.data(Qt.ItemDataRole.AccessibleDescriptionRole).startswith("Competing")
    assert plain.data().startswith("90  ") and not plain.data(Qt.ItemDataRole.FontRole).bold()
    nav.set_markers(set(), set(), {})
    assert _index(nav, "88").data().startswith("88  ")


def test_new_paragraphs_follow_their_anchor(nav: ParagraphNavigator) -> None:
    nav.set_markers({"83 bis", "83 ter"}, set(), {"83": ["83 bis", "83 ter"]})
    ai = next(section for section in _outline(nav.tree().model())[0][1] if section[0] == "Artificial intelligence")
    assert ai[1] == ["83", "83 bis", "83 ter", "84", "85", "86", "87"]
    assert _index(nav, "83 bis").data().startswith("● 83 bis")
    nav.set_markers({"83 ter"}, set(), {"83": ["83 ter"]})
    ai = next(section for section in _outline(nav.tree().model())[0][1] if section[0] == "Artificial intelligence")
    assert ai[1] == ["83", "83 ter", "84", "85", "86", "87"]


def test_amended_only_hides_the_rest(nav: ParagraphNavigator, session: Session) -> None:
    nav.set_markers({"88", "64 bis"}, {"103"}, {"64": ["64 bis"]})
    nav.amended_only().setChecked(True)
    outline = _outline(nav.tree().model())
    _, sections = outline[0]
    assert sections == [("Financial mechanisms", ["64 bis"]), ("Internet governance", ["88", "103"])]
    nav.amended_only().setChecked(False)
    assert len(_labels(nav.tree().model())) == len(session.draft.labelled()) + 1


def test_activation_emits_the_label(qtbot, nav: ParagraphNavigator) -> None:
    nav.show()
    qtbot.waitExposed(nav)
    tree = nav.tree()
    index = _index(nav, "88")
    tree.scrollTo(index)
    with qtbot.waitSignal(nav.labelActivated) as clicked:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert clicked.args == ["88"]
    tree.setCurrentIndex(_index(nav, "90"))
    with qtbot.waitSignal(nav.labelActivated) as entered:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert entered.args == ["90"]
    heading = tree.model().index(0, 0)
    with qtbot.assertNotEmitted(nav.labelActivated):
        tree.activated.emit(heading)


def test_select_makes_a_label_current_without_activating(qtbot, nav: ParagraphNavigator) -> None:
    with qtbot.assertNotEmitted(nav.labelActivated):
        nav.select("101")
    assert nav.tree().currentIndex().data(LABEL_ROLE) == "101"
    nav.select("999")  # unknown: ignored
    assert nav.tree().currentIndex().data(LABEL_ROLE) == "101"


def test_short_text() -> None:
    assert short_text("We  invite\tthe Secretary") == "We invite the Secretary"
    assert short_text("word " * 30, 12) == "word word…"
