"""The paragraph navigator: the draft's outline, headings over their labelled paragraphs.

Table cells are grouped under one collapsed "Table N" row per table (a budget section has hundreds), so the
outline stays readable; labelled headings ("II.A", "table 25.6 (1)") can be activated like paragraphs.

Amended paragraphs are marked "●" and bold, paragraphs with competing amendments "⚠", each with a
tooltip, so the marks never rely on colour. "Amended only" hides the rest (recursive filtering).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QTreeView, QVBoxLayout, QWidget

from app.errors import LabelError
from app.labels import parent_label, parse
from app.model import Draft, Kind, Paragraph

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1  # the paragraph's label; None on headings
MARK_ROLE = Qt.ItemDataRole.UserRole + 2  # "amended" when the row passes the "Amended only" filter
TABLE_ROLE = Qt.ItemDataRole.UserRole + 3  # the table number of a "Table N" group row
AMENDED_MARK = "●"
CONFLICT_MARK = "⚠"
SHORT = 48  # characters of a paragraph shown after its label


def short_text(text: str, limit: int = SHORT) -> str:
    """The start of a paragraph on one line, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


class ParagraphNavigator(QWidget):
    """Outline of headings and labels; activating a label asks the window to go there."""

    labelActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paragraphNavigator")
        self.setAccessibleName("Paragraphs")
        self._model = QStandardItemModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setRecursiveFilteringEnabled(True)
        self._proxy.setFilterRole(MARK_ROLE)
        self._tree = QTreeView(self)
        self._tree.setObjectName("navigatorTree")
        self._tree.setAccessibleName("Outline of the draft")
        self._tree.setModel(self._proxy)
        self._tree.setHeaderHidden(True)
        self._tree.setUniformRowHeights(True)
        self._tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._tree.activated.connect(self._on_activated)
        self._tree.clicked.connect(self._on_activated)
        self._amended_only = QCheckBox("&Amended only", self)
        self._amended_only.setObjectName("amendedOnly")
        self._amended_only.setAccessibleName("Show amended paragraphs only")
        self._amended_only.setToolTip("Show only paragraphs that carry an amendment")
        self._amended_only.toggled.connect(self._on_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._amended_only)
        layout.addWidget(self._tree)
        self._items: dict[str, QStandardItem] = {}
        self._texts: dict[str, str] = {}  # label -> short text
        self._amended: set[str] = set()
        self._conflicts: set[str] = set()
        self._inserted: dict[str, list[str]] = {}
        self._tables: list[QStandardItem] = []  # the "Table N" groups, collapsed unless filtering
        self._last = ("", QElapsedTimer())

    # --- public API ------------------------------------------------------------

    def set_draft(self, draft: Draft, amended: set[str], conflicts: set[str],
                  inserted: dict[str, list[str]]) -> None:
        """Build the outline: headings as parents (nested by level), labels under them."""
        self._model.clear()
        self._items.clear()
        self._texts.clear()
        self._inserted = {}
        self._amended, self._conflicts = set(), set()
        self._tables = []
        root = self._model.invisibleRootItem()
        headings: list[tuple[int, QStandardItem]] = []  # (level, item), a stack
        tables: dict[int, QStandardItem] = {}
        for para in draft.paragraphs:
            if para.kind is Kind.HEADING:
                level = para.heading_level or 1
                while headings and headings[-1][0] >= level:
                    headings.pop()
                item = self._heading_row(para)
                (headings[-1][1] if headings else root).appendRow(item)
                headings.append((level, item))
            elif para.label is not None:
                table = _table_of(para.label)
                parent = self._items.get(parent_label(para.label) or "") or (headings[-1][1] if headings else root)
                if table is not None:
                    if table not in tables:
                        tables[table] = _table_item(table)
                        self._tables.append(tables[table])
                        parent.appendRow(tables[table])
                    parent = tables[table]
                parent.appendRow(self._label_item(para.label, para.body))
        for group in self._tables:
            group.setText(f"Table {group.data(TABLE_ROLE)} ({group.rowCount()} cell paragraphs)")
        self.set_markers(amended, conflicts, inserted)
        self._expand()

    def set_markers(self, amended: set[str], conflicts: set[str], inserted: dict[str, list[str]]) -> None:
        """Update the marks and the new paragraphs shown; only rows that changed are touched."""
        for anchor in set(self._inserted) | set(inserted):
            if self._inserted.get(anchor, []) != inserted.get(anchor, []):
                self._place_inserted(anchor, inserted.get(anchor, []))
        changed = (self._amended ^ set(amended)) | (self._conflicts ^ set(conflicts))
        self._amended, self._conflicts = set(amended), set(conflicts)
        for label in changed:
            item = self._items.get(label)
            if item is not None:
                self._decorate(item, label)

    def select(self, label: str) -> None:
        """Make a label the current row and scroll to it (emits nothing)."""
        item = self._items.get(label)
        if item is None:
            return
        index = self._proxy.mapFromSource(item.index())
        if index.isValid():
            parent = index.parent()
            while parent.isValid():  # a cell's table group is collapsed
                self._tree.expand(parent)
                parent = parent.parent()
            self._tree.setCurrentIndex(index)
            self._tree.scrollTo(index)

    def tree(self) -> QTreeView:
        """The outline view (for the window's focus handling and tests)."""
        return self._tree

    def amended_only(self) -> QCheckBox:
        """The "Amended only" checkbox."""
        return self._amended_only

    def table_groups(self) -> list[QStandardItem]:
        """The "Table N" rows, in document order (for tests)."""
        return list(self._tables)

    # --- rows --------------------------------------------------------------------

    def _heading_row(self, para: Paragraph) -> QStandardItem:
        """A heading; one printing a number ("II.A", "table 25.6 (1)") is shown and activated by its label."""
        if para.label is None:
            return _heading_item(para)
        item = self._label_item(para.label, para.body)
        font = QFont(item.font())
        font.setItalic(True)
        item.setFont(font)
        return item

    def _label_item(self, label: str, body: str) -> QStandardItem:
        item = QStandardItem()
        item.setEditable(False)
        item.setData(label, LABEL_ROLE)
        self._items[label] = item
        self._texts[label] = short_text(body)
        self._decorate(item, label)
        return item

    def _decorate(self, item: QStandardItem, label: str) -> None:
        """Text, font, tooltip and filter mark of a label's row from the current marks."""
        amended, conflict = label in self._amended, label in self._conflicts
        marks = (CONFLICT_MARK if conflict else "") + (AMENDED_MARK if amended else "")
        text = f"{label}  {self._texts.get(label, '')}".rstrip()
        item.setText(f"{marks} {text}" if marks else text)
        font = QFont(item.font())
        font.setBold(amended or conflict)
        item.setFont(font)
        notes = (["Competing amendments: resolve the conflict"] if conflict else []) + (
            ["Amended"] if amended else [])
        item.setToolTip(f"Paragraph {label}" + (": " + "; ".join(notes) if notes else ""))
        item.setData(", ".join(notes) or None, Qt.ItemDataRole.AccessibleDescriptionRole)
        item.setData("amended" if amended or conflict else "", MARK_ROLE)

    def _place_inserted(self, anchor: str, labels: list[str]) -> None:
        """Show an anchor's new paragraphs right after it, under the same parent."""
        for label in self._inserted.pop(anchor, []):
            item = self._items.pop(label, None)
            if item is not None:
                parent = item.parent() or self._model.invisibleRootItem()
                parent.removeRow(item.row())
        anchor_item = self._items.get(anchor)
        if anchor_item is None or not labels:
            return
        parent = anchor_item.parent() or self._model.invisibleRootItem()
        row = anchor_item.row()
        for offset, label in enumerate(labels, start=1):
            self._texts.setdefault(label, "(new paragraph)")
            parent.insertRow(row + offset, self._label_item(label, self._texts[label]))
        self._inserted[anchor] = list(labels)

    # --- slots ---------------------------------------------------------------------

    def _on_filter(self, on: bool) -> None:
        self._proxy.setFilterFixedString("amended" if on else "")
        self._expand()

    def _expand(self) -> None:
        """Everything open, except table groups when every row is shown (the filter shows amended cells)."""
        self._tree.expandAll()
        if self._amended_only.isChecked():
            return
        for group in self._tables:
            self._tree.collapse(self._proxy.mapFromSource(group.index()))

    def _on_activated(self, index: QModelIndex) -> None:
        """Click, double-click and Enter all activate; one gesture emits once."""
        label = index.data(LABEL_ROLE)
        if not label:
            return
        last, timer = self._last
        if label == last and timer.isValid() and timer.elapsed() < QApplication.doubleClickInterval():
            return
        timer.start()
        self._last = (label, timer)
        self.labelActivated.emit(label)


def _table_of(label: str) -> int | None:
    """The table number of a cell's label ("table 3, row 2, column 1" -> 3), None for other labels."""
    if not label.startswith("table "):
        return None
    try:
        cell = parse(label).cell
    except LabelError:
        return None
    return cell[0] if cell is not None else None


def _table_item(number: int) -> QStandardItem:
    item = QStandardItem(f"Table {number}")
    item.setEditable(False)
    item.setData(number, TABLE_ROLE)
    item.setToolTip(f"Table {number}: its cells are addressed as table {number}, row R, column C")
    item.setData("", MARK_ROLE)
    return item


def _heading_item(para: Paragraph) -> QStandardItem:
    item = QStandardItem(" ".join(para.text.split()))
    item.setEditable(False)
    font = QFont(item.font())
    font.setItalic(True)
    item.setFont(font)
    item.setToolTip("Heading")
    item.setData("", MARK_ROLE)
    return item
