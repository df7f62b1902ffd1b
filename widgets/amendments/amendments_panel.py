"""The amendments panel: every amendment in a list, and the selected one's details to edit.

The panel changes nothing itself: it emits what the user asked for (rationale, status, option, add an
option, remove) and the window applies it to the Session, pushes an undo command and calls
show_amendments again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.amendments import Amendment, Kind, Status, alternatives_of, either_or
from widgets.fitted_columns import FittedColumns

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Para", "By", "Status", "Rationale")
KIND_WORDS = {Kind.MODIFY: "amended", Kind.DELETE: "deleted", Kind.INSERT: "new paragraph"}
# Shares of the list's width (Para, By, Status, Rationale) and minimums in characters: the list fits its dock
# without scrolling sideways; a cut text is whole in its tooltip.
COLUMN_SHARES = (14, 30, 16, 40)
COLUMN_MIN_CHARS = (7, 8, 8, 8)
RATIONALE_PAUSE_MS = 800  # rationaleEdited after this long without typing (or on leaving the field)


def first_line(text: str) -> str:
    """The first non-empty line of a text."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def attribution(amendment: Amendment) -> str:
    """"Jane Doe (IMSB)", or whichever of the two is known."""
    if amendment.author and amendment.organisation:
        return f"{amendment.author} ({amendment.organisation})"
    return amendment.author or amendment.organisation


class AmendmentsPanel(QWidget):
    """Amendments list and details: rationale, status, option, add option, remove."""

    amendmentActivated = Signal(str)  # Enter or double-click: edit its paragraph
    amendmentSelected = Signal(str)  # a single click (or the arrow keys) on a row: go to its paragraph
    rationaleEdited = Signal(str, str)
    statusChanged = Signal(str, str)
    optionChosen = Signal(str, int)
    addOptionRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amendmentsPanel")
        self.setAccessibleName("Amendments")
        self._amendments: dict[str, Amendment] = {}
        self._current: Amendment | None = None
        self._loading = False
        self._model = QStandardItemModel(0, len(COLUMNS), self)
        self._model.setHorizontalHeaderLabels(list(COLUMNS))
        self._list = QTreeView(self)
        self._list.setObjectName("amendmentsList")
        self._list.setAccessibleName("Amendments list")
        self._list.setModel(self._model)
        self._list.setRootIsDecorated(False)
        self._list.setUniformRowHeights(True)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        char = self._list.fontMetrics().averageCharWidth()
        self.columns = FittedColumns(self._list, COLUMN_SHARES, [n * char for n in COLUMN_MIN_CHARS])
        self._list.setMinimumWidth(self.columns.minimum_width() + self._list.verticalScrollBar().sizeHint().width())
        self._list.selectionModel().currentRowChanged.connect(self._on_current_row)
        self._list.activated.connect(self._on_activated)
        self._build_details()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._list, 3)
        layout.addWidget(self._details, 2)
        self._show_details(None)

    def _build_details(self) -> None:
        self._details = QWidget(self)
        self._title = QLabel(self._details)
        self._title.setObjectName("amendmentTitle")
        self._rationale = QPlainTextEdit(self._details)
        self._rationale.setObjectName("rationaleEdit")
        self._rationale.setAccessibleName("Rationale")
        self._rationale.setPlaceholderText("Why this amendment (rationale)")
        self._rationale.setTabChangesFocus(True)
        self._rationale.textChanged.connect(self._on_rationale_typed)
        self._rationale.installEventFilter(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(RATIONALE_PAUSE_MS)
        self._pause.timeout.connect(self._flush_rationale)
        self._status = QComboBox(self._details)
        self._status.setObjectName("statusCombo")
        self._status.setAccessibleName("Status")
        for status in Status:
            self._status.addItem(status.value.capitalize(), status.value)
        self._status.currentIndexChanged.connect(self._on_status)
        self._option = QComboBox(self._details)
        self._option.setObjectName("optionCombo")
        self._option.setAccessibleName("Option shown")
        self._option.currentIndexChanged.connect(self._on_option)
        self._add_option = QPushButton("Add &option", self._details)
        self._add_option.setObjectName("addOptionButton")
        self._add_option.setAccessibleName("Add option")
        self._add_option.setToolTip("Add another wording (option B, C…) of this paragraph")
        self._add_option.clicked.connect(self._on_add_option)
        self._remove = QPushButton("&Remove", self._details)
        self._remove.setObjectName("removeButton")
        self._remove.setAccessibleName("Remove amendment")
        self._remove.setToolTip("Remove this amendment")
        self._remove.clicked.connect(self._on_remove)
        options = QHBoxLayout()
        options.addWidget(self._option, 1)
        options.addWidget(self._add_option)
        form = QFormLayout()
        form.addRow("Ra&tionale:", self._rationale)
        form.addRow("&Status:", self._status)
        form.addRow("O&ption:", options)  # widget fields get their label as buddy; this row's is set here
        option_label = form.labelForField(options)
        if isinstance(option_label, QLabel):
            option_label.setBuddy(self._option)
        layout = QVBoxLayout(self._details)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addLayout(form)
        layout.addWidget(self._remove, 0, Qt.AlignmentFlag.AlignRight)

    # --- public API ------------------------------------------------------------

    def show_amendments(self, amendments: list[Amendment]) -> None:
        """Show the amendments; the selected one stays selected while it exists."""
        keep = self._current.id if self._current is not None else None
        if self._pause.isActive():  # a pending rationale is sent before the rows are rebuilt
            self._flush_rationale()
        self._amendments = {a.id: a for a in amendments}
        self._loading = True
        try:
            self._model.removeRows(0, self._model.rowCount())
            for amendment in amendments:
                self._model.appendRow(_row(amendment, amendments))
        finally:
            self._loading = False
        row = next((i for i, a in enumerate(amendments) if a.id == keep), None)
        if row is None:
            self._show_details(None)
        else:
            self._set_current_row(row)

    def select(self, label: str) -> None:
        """Select the amendment shown under a label (a live one before a withdrawn one); clears the
        selection when there is none."""
        rows = [row for row in range(self._model.rowCount())
                if (a := self._amendments.get(self._model.item(row, 0).data(ID_ROLE))) and a.label == label]
        live = [row for row in rows if self._amendments[self._model.item(row, 0).data(ID_ROLE)].status
                is not Status.WITHDRAWN]
        if rows:
            self._set_current_row((live or rows)[0])
            return
        self._list.clearSelection()
        self._list.setCurrentIndex(QModelIndex())
        self._show_details(None)

    def current_id(self) -> str | None:
        """The id of the amendment shown in the details."""
        return self._current.id if self._current is not None else None

    # --- details -------------------------------------------------------------------

    def _set_current_row(self, row: int) -> None:
        self._loading = True
        try:
            index = self._model.index(row, 0)
            self._list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self._list.scrollTo(index)
        finally:
            self._loading = False
        self._show_details(self._amendments.get(self._model.item(row, 0).data(ID_ROLE)))

    def _show_details(self, amendment: Amendment | None) -> None:
        same = amendment is not None and self._current is not None and amendment.id == self._current.id
        self._current = amendment
        self._loading = True
        try:
            self._details.setEnabled(amendment is not None)
            if amendment is None:
                self._title.setText("No amendment selected")
                self._rationale.setPlainText("")
                self._option.clear()
                return
            either = either_or_text(amendment, list(self._amendments.values()))
            self._title.setText(f"Para {amendment.label}: {KIND_WORDS[amendment.kind]}"
                                + (f"; either/or: {either}" if either else ""))
            if not (same and self._rationale.hasFocus()) and self._rationale.toPlainText() != amendment.rationale:
                self._rationale.setPlainText(amendment.rationale)
            self._status.setCurrentIndex(self._status.findData(amendment.status.value))
            self._option.clear()
            for option in amendment.options:
                self._option.addItem(f"Option {option.name}")
            self._option.setCurrentIndex(min(amendment.chosen, len(amendment.options) - 1))
            self._option.setEnabled(len(amendment.options) > 1)
            self._add_option.setEnabled(amendment.kind is not Kind.DELETE)
        finally:
            self._loading = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Leaving the rationale field sends what was typed."""
        if watched is self._rationale and event.type() == QEvent.Type.FocusOut:
            self._flush_rationale()
        return super().eventFilter(watched, event)

    # --- slots -----------------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        self._flush_rationale()
        amendment = self._amendments.get(self._model.item(current.row(), 0).data(ID_ROLE))
        self._show_details(amendment)
        if amendment is not None:
            self.amendmentSelected.emit(amendment.label)

    def _on_activated(self, index: QModelIndex) -> None:
        amendment = self._amendments.get(self._model.item(index.row(), 0).data(ID_ROLE))
        if amendment is not None:
            self.amendmentActivated.emit(amendment.label)

    def _on_rationale_typed(self) -> None:
        if not self._loading and self._current is not None:
            self._pause.start()

    def _flush_rationale(self) -> None:
        self._pause.stop()
        amendment = self._current
        if amendment is None or self._loading:
            return
        text = self._rationale.toPlainText()
        if text != amendment.rationale:
            self.rationaleEdited.emit(amendment.id, text)

    def _on_status(self, index: int) -> None:
        if not self._loading and self._current is not None and index >= 0:
            status = self._status.itemData(index)
            if status != self._current.status.value:
                self.statusChanged.emit(self._current.id, status)

    def _on_option(self, index: int) -> None:
        if not self._loading and self._current is not None and index >= 0 and index != self._current.chosen:
            self.optionChosen.emit(self._current.id, index)

    def _on_add_option(self) -> None:
        if self._current is not None:
            self.addOptionRequested.emit(self._current.label)

    def _on_remove(self) -> None:
        if self._current is not None:
            self.removeRequested.emit(self._current.id)


def either_or_text(amendment: Amendment, amendments: list[Amendment]) -> str:
    """The either/or set an amendment is in, in words ("Option A (83 bis) or Option B (84)"), else ""."""
    members = alternatives_of(amendment, amendments)
    return either_or(members) if len(members) > 1 else ""


def _row(amendment: Amendment, amendments: list[Amendment]) -> list[QStandardItem]:
    """One list row: label (with its option letter when it is one of an either/or set), who, status,
    rationale's first line."""
    either = either_or_text(amendment, amendments)
    letters = "/".join(o.name for o in amendment.options)
    para = f"{amendment.label} ({letters})" if either else amendment.label
    # marked so the user redoes it: a new revision of the draft overtook a change of it
    status = f"{amendment.status.value} ⚠ overtaken" if amendment.overtaken else amendment.status.value
    texts = (para, attribution(amendment), status, first_line(amendment.rationale))
    items = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setToolTip(f"Para {amendment.label} ({KIND_WORDS[amendment.kind]}): {text}" if text else "")
        items.append(item)
    if amendment.overtaken:
        items[2].setToolTip(f"Overtaken by the new revision: {amendment.overtaken}")
    if either:
        items[0].setToolTip(f"Para {amendment.label}: Option {letters} of an either/or set: {either}")
    items[0].setData(amendment.id, ID_ROLE)
    items[0].setData(f"Para {amendment.label}, {KIND_WORDS[amendment.kind]}", Qt.ItemDataRole.AccessibleTextRole)
    return items
