"""Finding in the review list: the next row (paragraph or proposal) whose texts contain the words."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from widgets.review.kinds import change_texts
from widgets.review.review_panel import ID_ROLE, PARA, ReviewPanel

_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class ReviewFinder:
    """Finds rows of a ReviewPanel's list: its paragraph rows and proposal rows, top to bottom."""

    def __init__(self, panel: ReviewPanel) -> None:
        self._panel = panel

    @property
    def place(self) -> str:
        """Where it searches."""
        return "the review list"

    def rows(self) -> list[QModelIndex]:
        """Every row shown, top to bottom (a paragraph, then its proposals), in the first column."""
        model = self._panel.model
        out: list[QModelIndex] = []
        for r in range(model.rowCount()):
            parent = model.index(r, PARA)
            out.append(parent)
            out += [model.index(c, PARA, parent) for c in range(model.rowCount(parent))]
        return out

    def row_text(self, index: QModelIndex) -> str:
        """What a row says: each column's text, and a proposal's whole struck and inserted text (the list
        shortens long ones)."""
        model = self._panel.model
        texts = [str(index.siblingAtColumn(c).data(Qt.ItemDataRole.DisplayRole) or "")
                 for c in range(model.columnCount())]
        review = self._panel.review()
        proposal_id = index.data(ID_ROLE)
        if review is not None and proposal_id:
            proposal = next((p for p in review.proposals if p.id == proposal_id), None)
            if proposal is not None:
                texts += change_texts(review.result.draft, proposal)
        return "\n".join(texts)

    def matches(self, text: str, *, case_sensitive: bool) -> list[QModelIndex]:
        """The rows containing text."""
        if not text:
            return []
        want = text if case_sensitive else text.casefold()
        return [i for i in self.rows()
                if want in (self.row_text(i) if case_sensitive else self.row_text(i).casefold())]

    def find(self, text: str, *, case_sensitive: bool, backward: bool, again: bool) -> tuple[int, int]:
        """Make the next (or previous) matching row the current and only selected one, wrapping; (n, m)."""
        found = self.matches(text, case_sensitive=case_sensitive)
        if not found:
            return 0, 0
        rows = self.rows()
        current = self._panel.tree.currentIndex()
        at = rows.index(current.siblingAtColumn(PARA)) if current.isValid() else -1
        places = [rows.index(i) for i in found]
        if backward:
            before = [n for n, p in enumerate(places) if p < at]
            pick = before[-1] if before else len(found) - 1
        else:
            start = at + 1 if again or at < 0 else at
            after = [n for n, p in enumerate(places) if p >= start]
            pick = after[0] if after else 0
        index = found[pick]
        self._panel.tree.selectionModel().setCurrentIndex(index, _SELECT)
        self._panel.tree.scrollTo(index)
        return pick + 1, len(found)
