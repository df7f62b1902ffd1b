"""The review panel: a merge's proposals grouped by paragraph in document order, each with its kind
(insertion, deletion, replacement, new paragraph, collision…), its authors (in their colours), its change
(struck and inserted text) and its status (accepted in green, rejected grey); only the reviewers checked in
the reviewer filter; accept or reject a change, a paragraph, or every pending change shown.

The panel decides nothing itself: it emits what the user asked for and the window applies it to the
Review as an undoable command, then calls show_review again.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.comment_placing import PlacedComment, heading, on_proposal
from app.model import Draft
from app.proposals import Decision, Proposal, ProposalKind
from app.review import Review
from widgets.fitted_columns import FittedColumns
from widgets.review.author_colours import AuthorColours
from widgets.review.info_rows import InfoRow, format_rows, note_rows
from widgets.review.kinds import COLLISION, KIND_NAMES, change_texts, kind_name
from widgets.review.reviewer_filter import ReviewerFilter, reviewer_button
from widgets.review.wrapping import WrapDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a proposal row: its id
PARAGRAPH_ROLE = Qt.ItemDataRole.UserRole + 2  # every row: the draft paragraph's index
COLUMNS = ("Para", "By", "Struck", "Inserted", "Status")
PARA, BY, STRUCK, INSERTED, STATUS = range(len(COLUMNS))
REJECTED_COLOUR = QColor("#9a9a9a")
ACCEPTED_COLOUR = QColor("#2e7d32")
COLLISION_MARK = "⚠"
COMMENT_MARK = "\U0001f4ac"  # a paragraph or change with comments from the inputs
# Shares of the list's width (Para, By, Struck, Inserted, Status) and each column's minimum text width in
# characters: the changed text gets the most room, every column wraps, so the list never scrolls sideways.
COLUMN_SHARES = (14, 12, 28, 28, 18)
COLUMN_MIN_CHARS = (0, 4, 8, 8, 0)  # Para and Status: as wide as their longest word (below)


def comment_note(comments: list[PlacedComment]) -> str:
    """The comments, one a line: "G77 comment on “all States”: …" ("EU reply", "(resolved)")."""
    lines = []
    for c in comments:
        on = f" on \u201c{c.comment.anchored}\u201d" if c.comment.anchored.strip() else ""
        done = " (resolved)" if c.comment.resolved else ""
        lines.append(f"{heading(c)}{on}{done}: {c.text}")
    return "\n".join(lines)


def paragraph_name(draft: Draft, index: int) -> str:
    """How a draft paragraph is named in the list: "66", or the start of an unlabelled one."""
    para = draft.paragraphs[index]
    return para.display_label or para.text[:24].strip() or f"#{index + 1}"


def status_text(p: Proposal) -> str:
    """"pending", "accepted", "rejected", with the collision it is part of."""
    return f"{p.decision.value} {COLLISION_MARK} collision {p.collision}" if p.collision else p.decision.value


class ReviewPanel(QWidget):
    """Proposals by paragraph with their authors, change and status; decisions by change, paragraph, author."""

    proposalSelected = Signal(str)
    decisionRequested = Signal(list, str)  # proposal ids, Decision value
    shownDecisionRequested = Signal(str)  # Decision value for every pending change shown
    reviewersChanged = Signal()  # the reviewer filter changed: reviewers() says whose changes are shown
    paragraphDecisionRequested = Signal(int, str)  # draft paragraph index, Decision value
    collisionRequested = Signal(str)  # a proposal of the collision

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.setAccessibleName("Review of the merge")
        self._review: Review | None = None
        self._colours = AuthorColours()
        self._loading = False
        self.summary = QLabel("No merge under review: File > Import Redlines… (Ctrl+Shift+I)", self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.reviewer_filter = ReviewerFilter(self)
        self.reviewer_filter.changed.connect(self._on_filter)
        self.reviewer_button = reviewer_button(self.reviewer_filter, self)
        self._model = QStandardItemModel(0, len(COLUMNS), self)
        self._model.setHorizontalHeaderLabels(list(COLUMNS))
        self.tree = QTreeView(self)
        self.tree.setObjectName("reviewList")
        self.tree.setAccessibleName("Proposals")
        self.tree.setModel(self._model)
        self.tree.setUniformRowHeights(False)  # rows grow with their wrapped text
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(WrapDelegate(self.tree))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setIndentation(12)  # a child row's kind ("replacement", "new paragraph") stays readable
        self.columns = FittedColumns(self.tree, COLUMN_SHARES, self._column_minimums())
        self.tree.setMinimumWidth(self.columns.minimum_width() + self.tree.verticalScrollBar().sizeHint().width())
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.tree.activated.connect(self._on_activated)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, (name, text, tip, slot) in enumerate((
            ("accept", "&Accept", "Accept the selected changes (Ctrl+Alt+A)", self._accept),
            ("reject", "Re&ject", "Reject the selected changes (Ctrl+Alt+R)", self._reject),
            ("accept_paragraph", "Accept &Paragraph", "Accept every change in this paragraph", self._accept_paragraph),
            ("reject_paragraph", "Reject Paragrap&h", "Reject every change in this paragraph", self._reject_paragraph),
            ("accept_shown", "Accept All Sho&wn", "Accept every pending change of the reviewers shown",
             self._accept_shown),
            ("reject_shown", "Reject All Sh&own", "Reject every pending change of the reviewers shown",
             self._reject_shown),
        )):
            button = QPushButton(text, self)
            button.setObjectName(f"review_{name}Button")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[name] = button
        collision = QPushButton("Resolve &Collision…", self)
        collision.setObjectName("review_collisionButton")
        collision.setToolTip("Compare the colliding changes side by side; pick, combine or reword (Ctrl+Alt+C)")
        collision.clicked.connect(self._resolve)
        grid.addWidget(collision, 3, 0, 1, 2)
        self.buttons["collision"] = collision
        top = QHBoxLayout()
        top.addWidget(self.reviewer_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(grid)
        self._update_buttons()

    def _column_minimums(self) -> list[int]:
        """Each column's narrowest: its text's minimum, margins, the swatch of By, a change row's indentation."""
        metrics = self.tree.fontMetrics()
        margin = 2 * (self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 2
        words = [d.value for d in Decision] + ["collision", f"{COLLISION_MARK} 99"]
        texts = [n * metrics.averageCharWidth() for n in COLUMN_MIN_CHARS]
        texts[STATUS] = max(metrics.horizontalAdvance(w) for w in words)
        bold = QFont(self.tree.font())
        bold.setBold(True)  # an accepted change's status is bold
        texts[STATUS] = max(texts[STATUS], QFontMetrics(bold).horizontalAdvance(Decision.ACCEPTED.value))
        kinds = [*KIND_NAMES, f"{COLLISION}:"]
        texts[PARA] = max(metrics.horizontalAdvance(w) for kind in kinds for w in kind.split())
        swatch = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8
        extras = {PARA: 2 * self.tree.indentation(), BY: swatch}
        return [text + margin + extras.get(column, 0) for column, text in enumerate(texts)]

    # --- public API -------------------------------------------------------------------------

    def show_review(self, review: Review | None, colours: AuthorColours | None = None) -> None:
        """Show a review's proposals (None: nothing under review); the selection stays while it exists."""
        keep = self.selected_ids()
        current = self.current_id()
        self._review = review
        if colours is not None:
            self._colours = colours
        self._loading = True
        try:
            self.reviewer_filter.set_authors(review.listed_authors if review is not None else [], self._colours)
            self._fill()
        finally:
            self._loading = False
        if review is None:
            self.summary.setText("No merge under review: File > Import Redlines… (Ctrl+Shift+I)")
        else:
            self.summary.setText(_summary(review))
        self._reselect(keep, current)
        self._update_buttons()

    def review(self) -> Review | None:
        """The review shown."""
        return self._review

    def set_reviewers(self, authors: set[str] | list[str] | None) -> None:
        """Show only the proposals of these reviewers (None: everyone's); the document follows (reviewersChanged)."""
        self.reviewer_filter.set_shown(authors)

    def set_author_filter(self, author: str | None) -> None:
        """Show only the proposals of one author (None: everyone's)."""
        self.set_reviewers(None if author is None else [author])

    def reviewers(self) -> set[str] | None:
        """The reviewers whose proposals are shown (None: everyone's)."""
        return self.reviewer_filter.shown()

    def select(self, proposal_id: str) -> None:
        """Make one proposal the current and only selected row."""
        index = self._index_of(proposal_id)
        if index is not None:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)

    def selected_ids(self) -> list[str]:
        """The selected proposals (a selected paragraph row stands for every proposal shown under it)."""
        ids: list[str] = []
        for index in self.tree.selectionModel().selectedRows(PARA):
            item = self._model.itemFromIndex(index)
            rows = [item] if item.data(ID_ROLE) else [item.child(r, PARA) for r in range(item.rowCount())]
            ids += [i.data(ID_ROLE) for i in rows if i.data(ID_ROLE) and i.data(ID_ROLE) not in ids]
        return ids

    def current_id(self) -> str | None:
        """The proposal of the current row (None on a paragraph row or no row)."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        value = self._model.itemFromIndex(index.siblingAtColumn(PARA)).data(ID_ROLE)
        return str(value) if value else None

    def current_paragraph(self) -> int | None:
        """The draft paragraph of the current row."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        value = self._model.itemFromIndex(index.siblingAtColumn(PARA)).data(PARAGRAPH_ROLE)
        return int(value) if value is not None else None

    @property
    def model(self) -> QStandardItemModel:
        """The rows: a paragraph each, its proposals under it."""
        return self._model

    def index_of(self, proposal_id: str) -> QModelIndex | None:
        """The row of a proposal (None when it is not shown)."""
        return self._index_of(proposal_id)

    def shown_ids(self) -> list[str]:
        """Every proposal listed now, top to bottom."""
        out = []
        for r in range(self._model.rowCount()):
            parent = self._model.item(r, PARA)
            out += [i for i in (parent.child(c, PARA).data(ID_ROLE) for c in range(parent.rowCount())) if i]
        return out

    def row_texts(self, proposal_id: str) -> list[str]:
        """The texts of a proposal's row, column by column (for tests and accessibility)."""
        index = self._index_of(proposal_id)
        if index is None:
            return []
        return [self._model.itemFromIndex(index.siblingAtColumn(c)).text() for c in range(len(COLUMNS))]

    # --- filling ----------------------------------------------------------------------------

    def _fill(self) -> None:
        self._model.removeRows(0, self._model.rowCount())
        review = self._review
        if review is None:
            return
        review.collisions()  # marks each live proposal's collision
        draft = review.result.draft
        groups: dict[int, list[Proposal]] = {}
        shown = self.reviewers()
        for p in review.proposals:
            if shown is None or shown.intersection(p.authors):
                groups.setdefault(p.paragraph, []).append(p)
        notes: dict[int, list[PlacedComment]] = {}  # the inputs' comments, by paragraph (a file of comments only too)
        for c in review.result.comments:
            if c.paragraph is not None and (shown is None or c.author in shown):
                notes.setdefault(c.paragraph, []).append(c)
                groups.setdefault(c.paragraph, [])
        extra = format_rows(review.result, shown)
        for index, rows in note_rows(review.result, shown).items():
            extra.setdefault(index, []).extend(rows)
        for index in extra:
            groups.setdefault(index, [])
        for index in sorted(groups):
            proposals = sorted(groups[index], key=document_order)
            name = paragraph_name(draft, index)
            collided = any(p.collision for p in proposals)
            parent = _item(name, f"Para {name}: {len(proposals)} proposal(s)")
            parent.setData(index, PARAGRAPH_ROLE)
            font = parent.font()
            font.setBold(True)
            parent.setFont(font)
            said = comment_note(notes.get(index, []))
            status = _item(" ".join(t for t in (f"{COLLISION_MARK} collision" if collided else "",
                                                f"{COMMENT_MARK} {len(notes.get(index, []))}" if said else "") if t),
                           "\n".join(t for t in ("Proposals collide here" if collided else "", said) if t))
            row = [parent, _item(""), _item(""), _item(""), status]
            for p in proposals:
                items = self._row(draft, p)
                mine = comment_note(on_proposal(notes.get(index, []), p))
                if mine:  # the comments on this change: a mark in its status, their texts in its tooltip
                    items[STATUS].setText(f"{items[STATUS].text()} {COMMENT_MARK}")
                    items[PARA].setToolTip(f"{items[PARA].toolTip()}\n{mine}")
                parent.appendRow(items)
            for info in extra.get(index, []):
                parent.appendRow(self._info_row(info, index))
            self._model.appendRow(row)
        self.tree.expandAll()

    def _info_row(self, info: InfoRow, index: int) -> list[QStandardItem]:
        """A formatting change or a change in a note: listed, not decided here (no proposal id)."""
        items = [_item(info.kind, info.tip), _item(info.by, info.tip), _item(_one_line(info.struck), info.tip),
                 _item(_one_line(info.inserted), info.tip), _item(info.status, info.tip)]
        items[BY].setIcon(self._colours.icon(info.by))
        items[PARA].setData(index, PARAGRAPH_ROLE)
        colour = self._colours.of_proposal([info.by])
        for item in items[BY:STATUS]:
            item.setForeground(QBrush(colour))
        font = QFont(items[STRUCK].font())
        font.setStrikeOut(True)
        items[STRUCK].setFont(font)
        return items

    def _row(self, draft: Draft, p: Proposal) -> list[QStandardItem]:
        struck, inserted = change_texts(draft, p)
        colour = self._colours.of_proposal(p.authors)
        rejected = p.decision is Decision.REJECTED
        what = kind_name(p)
        sources = ", ".join(dict.fromkeys(c.source for c in p.credits if c.source))
        rationale = "; ".join(c.rationale for c in p.credits if c.rationale)
        first = _item(what, f"{p.id}: {what}" + (f" (from {sources})" if sources else "")
                      + (f"\nRationale: {rationale}" if rationale else ""))
        first.setData(p.id, ID_ROLE)
        first.setData(p.paragraph, PARAGRAPH_ROLE)
        by = _item(p.by, f"Proposed by {p.by}")
        by.setIcon(self._colours.icon(p.authors[0] if p.authors else ""))
        struck_item = _item(_one_line(struck), f"Struck: {struck}" if struck else "")
        inserted_item = _item(_one_line(inserted), f"Inserted: {inserted}" if inserted else "")
        font = QFont(struck_item.font())
        font.setStrikeOut(True)
        struck_item.setFont(font)
        font = QFont(inserted_item.font())
        font.setUnderline(True)
        inserted_item.setFont(font)
        status = _item(status_text(p), f"{p.decision.value.capitalize()}"
                       + (f"; collides with other proposals (collision {p.collision})" if p.collision else ""))
        items = [first, by, struck_item, inserted_item, status]
        for item in items:
            item.setForeground(QBrush(REJECTED_COLOUR if rejected else colour))
            if rejected:  # grey and slanted: out of every output, as in Word's "rejected" balloon
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
        if not rejected:
            for item in (first, status):
                item.setForeground(QBrush(self.palette().text().color()))
        if p.decision is Decision.ACCEPTED:
            status.setForeground(QBrush(ACCEPTED_COLOUR))
            font = QFont(status.font())
            font.setBold(True)
            status.setFont(font)
        first.setData(f"{what} by {p.by}, {p.decision.value}", Qt.ItemDataRole.AccessibleTextRole)
        return items

    def _index_of(self, proposal_id: str) -> QModelIndex | None:
        for r in range(self._model.rowCount()):
            parent = self._model.item(r, PARA)
            for c in range(parent.rowCount()):
                if parent.child(c, PARA).data(ID_ROLE) == proposal_id:
                    return parent.child(c, PARA).index()
        return None

    def _reselect(self, ids: list[str], current: str | None) -> None:
        self._loading = True
        try:
            model = self.tree.selectionModel()
            if current is not None and (index := self._index_of(current)) is not None:
                model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            for proposal_id in ids:
                index = self._index_of(proposal_id)
                if index is not None:
                    model.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._loading = False

    # --- slots ------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        live = self._review is not None
        selected = bool(self.selected_ids())
        self.buttons["accept"].setEnabled(live and selected)
        self.buttons["reject"].setEnabled(live and selected)
        self.buttons["accept_paragraph"].setEnabled(live and self.current_paragraph() is not None)
        self.buttons["reject_paragraph"].setEnabled(live and self.current_paragraph() is not None)
        pending = live and self._review is not None and any(
            self._review.by_id(i).decision is Decision.PENDING for i in self.shown_ids())
        self.buttons["accept_shown"].setEnabled(pending)
        self.buttons["reject_shown"].setEnabled(pending)
        current = self.current_id()
        collided = live and current is not None and self._review is not None and bool(
            next((p.collision for p in self._review.proposals if p.id == current), None))
        self.buttons["collision"].setEnabled(collided)

    def _on_filter(self) -> None:
        if self._loading:
            return
        keep, current = self.selected_ids(), self.current_id()
        self._loading = True
        try:
            self._fill()
        finally:
            self._loading = False
        self._reselect(keep, current)
        self._update_buttons()
        self.reviewersChanged.emit()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if self._loading or not current.isValid():
            return
        proposal_id = self.current_id()
        if proposal_id is not None:
            self.proposalSelected.emit(proposal_id)

    def _on_activated(self, _index: QModelIndex) -> None:
        """Enter or double-click on a colliding change opens the collision."""
        proposal_id = self.current_id()
        review = self._review
        if proposal_id is not None and review is not None and any(
                p.id == proposal_id and p.collision for p in review.proposals):
            self.collisionRequested.emit(proposal_id)

    def _decide(self, decision: Decision) -> None:
        ids = self.selected_ids()
        if ids:
            self.decisionRequested.emit(ids, decision.value)

    def _accept(self) -> None:
        self._decide(Decision.ACCEPTED)

    def _reject(self) -> None:
        self._decide(Decision.REJECTED)

    def _paragraph(self, decision: Decision) -> None:
        index = self.current_paragraph()
        if index is not None:
            self.paragraphDecisionRequested.emit(index, decision.value)

    def _accept_paragraph(self) -> None:
        self._paragraph(Decision.ACCEPTED)

    def _reject_paragraph(self) -> None:
        self._paragraph(Decision.REJECTED)

    def _accept_shown(self) -> None:
        self.shownDecisionRequested.emit(Decision.ACCEPTED.value)

    def _reject_shown(self) -> None:
        self.shownDecisionRequested.emit(Decision.REJECTED.value)

    def _resolve(self) -> None:
        current = self.current_id()
        if current is not None:
            self.collisionRequested.emit(current)


def document_order(p: Proposal) -> tuple[bool, int, int, int]:
    """Where a proposal comes in its paragraph: changes by their place in the text, then the new paragraphs
    after it in order (as the review's stable ids count them)."""
    if p.kind is ProposalKind.INSERT:
        return True, p.order, 0, 0
    return False, 0, p.start, p.end


def _item(text: str, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if tip:
        item.setToolTip(tip)
    return item


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _summary(review: Review) -> str:
    counts = {d: sum(1 for p in review.proposals if p.decision is d) for d in Decision}
    collisions = len(review.collisions())
    authors = review.authors
    return (f"{len(review.proposals)} proposals from {len(authors)} author(s): {counts[Decision.PENDING]} pending, "
            f"{counts[Decision.ACCEPTED]} accepted, {counts[Decision.REJECTED]} rejected; "
            f"{collisions} collision(s) open")
