"""widgets.navigator.paragraph_navigator: outline, markers, "Amended only", activation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QTreeView

from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from docx_io.reader import read_draft
from tests.docx_io.docx_factory import make_docx
from tests.docx_io.un_labelled_docs import resolution_doc
from widgets.navigator.paragraph_navigator import LABEL_ROLE, TABLE_ROLE, ParagraphNavigator, short_text


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


UN = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "un"


def _rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out += [index, *_rows(model, index)]
    return out


def _shown(tree: QTreeView, parent: QModelIndex | None = None) -> int:
    """Rows a user sees (or scrolls to) with the outline as it is expanded."""
    parent, model = parent or QModelIndex(), tree.model()
    indexes = [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
    return len(indexes) + sum(_shown(tree, i) for i in indexes if tree.isExpanded(i))


@pytest.mark.parametrize("name", ["A_80_6_SECT.32.docx", "A_80_6_Sect.25.docx"])
def test_budget_section_cells_are_grouped_per_table_and_collapsed(qtbot, name: str) -> None:
    draft = Session.open_draft(UN / name).draft
    cells = [p.label for p in draft.paragraphs if p.label and p.in_table]
    tables = sorted({int(label.split(",")[0].removeprefix("table ")) for label in cells})
    nav = ParagraphNavigator()
    qtbot.addWidget(nav)
    nav.set_draft(draft, set(), set(), {})
    tree, model = nav.tree(), nav.tree().model()
    groups = [i for i in _rows(model) if i.data(TABLE_ROLE)]
    assert [i.data(TABLE_ROLE) for i in groups] == tables
    assert all(not tree.isExpanded(i) for i in groups)
    assert all(i.data().startswith(f"Table {i.data(TABLE_ROLE)} (") for i in groups)
    # Every cell sits in its own table's group, nowhere else; every label is still in the outline once.
    for index in _rows(model):
        label = index.data(LABEL_ROLE)
        if label in cells:
            assert index.parent().data(TABLE_ROLE) == int(label.split(",")[0].removeprefix("table "))
    assert sorted(_labels(model)) == sorted(p.label for p in draft.labelled())
    assert _shown(tree) < len(draft.labelled()) - len(cells) + 3 * len(groups) + 60
    # Selecting a cell opens its group; "Amended only" shows an amended cell inside its group.
    nav.select(cells[-1])
    assert tree.currentIndex().data(LABEL_ROLE) == cells[-1] and tree.isExpanded(tree.currentIndex().parent())
    nav.set_markers({cells[-1]}, set(), {})
    nav.amended_only().setChecked(True)
    assert _labels(model) == [cells[-1]]
    nav.amended_only().setChecked(False)
    assert all(not tree.isExpanded(i) for i in _rows(model) if i.data(TABLE_ROLE))  # the proxy's rows are new


def test_preambular_paragraphs_and_numbered_headings_are_rows(qtbot, tmp_path: Path) -> None:
    path, _ = resolution_doc(tmp_path / "res.docx")
    nav = ParagraphNavigator()
    qtbot.addWidget(nav)
    nav.set_draft(read_draft(path), set(), set(), {})
    assert _labels(nav.tree().model()) == ["PP1", "PP2", "1", "1 (a)", "2"]
    assert _index(nav, "PP2").data().startswith("PP2  Reaffirming the Charter")
    sub = make_docx(tmp_path / "sub.docx", [("Heading 2", "Table 25.6"), ("Heading 4", "\t(1)\tRegular budget")])
    nav.set_draft(read_draft(sub), set(), set(), {})
    row = _index(nav, "table 25.6 (1)")
    assert row.data() == "table 25.6 (1)  Regular budget" and row.data(Qt.ItemDataRole.FontRole).italic()
    with qtbot.waitSignal(nav.labelActivated) as activated:
        nav.tree().activated.emit(row)
    assert activated.args == ["table 25.6 (1)"]
