"""Import redlines: the files to merge into the draft, an author for each (optional), and whether
our own amendments take part; checked before OK is possible."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.wiring.merging import InputSpec
from widgets.dialogs.form_parts import message_label, ok_cancel

MERGEABLE = (".docx", ".md", ".txt", ".markdown", ".json")
IMPORT_FILTER = ("Redlines (*.docx *.md *.txt *.markdown *.json);;Word documents (*.docx);;"
                 "Text forms (*.md *.txt *.markdown);;Redline Desk projects (*.json)")
FILE, AUTHOR = 0, 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def mergeable_files(mime: QMimeData) -> list[Path]:
    """The local files in dragged data that can be merged."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in MERGEABLE]


class ImportDialog(QDialog):
    """Choose the redlines to merge; `specs()` and `include_mine()` once accepted."""

    def __init__(self, parent: QWidget | None = None, *, has_mine: bool = False, start_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import redlines")
        self.setAcceptDrops(True)
        self.resize(640, 360)
        self._start_dir = start_dir
        intro = QLabel("Redlines to merge into the draft: Word files with tracked changes, edited copies, "
                       "text forms (.md) or projects (.json). Leave the author empty to keep each file's own "
                       "authors. You can also drop files here.", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("importFiles")
        self.table.setAccessibleName("Files to merge")
        self.table.setHorizontalHeaderLabels(["File", "Author (optional)"])
        self.table.horizontalHeader().setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(AUTHOR, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(AUTHOR, 200)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton("&Add Files…", self)
        self.add_button.setObjectName("importAdd")
        self.add_button.clicked.connect(self.browse)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setObjectName("importRemove")
        self.remove_button.setToolTip("Remove the selected files from the list (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove_selected,
                  Qt.ShortcutContext.WidgetShortcut)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.include_mine_box = QCheckBox("Include &my amendments", self)
        self.include_mine_box.setObjectName("importIncludeMine")
        self.include_mine_box.setToolTip("Merge the amendments of this session with the others' redlines")
        self.include_mine_box.setChecked(has_mine)
        self.include_mine_box.setEnabled(has_mine)
        self.message = message_label(self, "importMessage")
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.include_mine_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._selection_changed()
        self.validate()

    # --- the list -----------------------------------------------------------------------

    def add_files(self, paths: list[Path], author: str = "") -> None:
        """Add files (each once) with an optional author."""
        known = {p.resolve() for p in self.paths()}
        for path in paths:
            path = Path(path)
            if path.resolve() in known:
                continue
            known.add(path.resolve())
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(path.name)
            name.setData(PATH_ROLE, str(path))
            name.setToolTip(str(path))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            who = QTableWidgetItem(author)
            who.setToolTip("Credit every change of this file to this author; empty keeps the file's own authors")
            self.table.setItem(row, FILE, name)
            self.table.setItem(row, AUTHOR, who)
        self.validate()

    def set_author(self, row: int, author: str) -> None:
        """The author override of one file."""
        item = self.table.item(row, AUTHOR)
        if item is not None:
            item.setText(author)

    def remove_selected(self) -> None:
        """Remove the selected files."""
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.validate()

    def paths(self) -> list[Path]:
        """The files listed, in order."""
        return [Path(self.table.item(r, FILE).data(PATH_ROLE)) for r in range(self.table.rowCount())]

    def specs(self) -> list[InputSpec]:
        """What to merge: each file with its author override ("" for its own authors)."""
        out = []
        for r, path in enumerate(self.paths()):
            item = self.table.item(r, AUTHOR)
            out.append(InputSpec(path, item.text().strip() if item is not None else ""))
        return out

    def include_mine(self) -> bool:
        """Whether our own amendments take part in the merge."""
        return self.include_mine_box.isEnabled() and self.include_mine_box.isChecked()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedIndexes()))

    # --- checking ---------------------------------------------------------------------------

    def problem(self) -> str:
        """Why the list cannot be merged as it is ("" when it can)."""
        paths = self.paths()
        if not paths:
            return "Add at least one redline to merge."
        for path in paths:
            if path.suffix.lower() not in MERGEABLE:
                return (f"{path.name}: cannot merge a '{path.suffix}' file; give a .docx, a text form (.md) "
                        "or a project (.json).")
            if not path.is_file():
                return f"{path.name}: no such file at {path.parent}; remove it or add it again."
        return ""

    def validate(self) -> bool:
        """Show what is wrong, if anything, and enable Merge only when nothing is."""
        problem = self.problem()
        self.message.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return not problem

    def accept(self) -> None:
        """Close only on a list that can be merged."""
        if self.validate():
            super().accept()

    # --- choosing and dropping ---------------------------------------------------------------

    def browse(self) -> None:
        """Add files chosen in a file dialog."""
        chosen, _ = QFileDialog.getOpenFileNames(self, "Redlines to merge", str(self._start_dir or ""), IMPORT_FILTER)
        self.add_files([Path(c) for c in chosen])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept dragged files that can be merged."""
        if mergeable_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Add dropped files."""
        paths = mergeable_files(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)
