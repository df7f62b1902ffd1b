"""The main window's Find and clipboard: Ctrl+F / F3 / Shift+F3 in the document or the review list, and
Edit > Cut, Copy, Paste, Select All on whichever widget has the focus (part of MainWindow).

The clipboard actions only call the focused widget's own cut/copy/paste/selectAll: the redline editor's
cut strikes (a tracked deletion) and its paste arrives as plain text in insertFromMimeData (a tracked
insertion), so nothing here bypasses track changes. The document view is read-only: Copy and Select All.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from widgets.find.find_bar import FindBar
from widgets.find.review_finder import ReviewFinder
from widgets.find.target import FindTarget
from widgets.find.text_finder import TextFinder

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

CLIPBOARD_ACTIONS = ("cut", "copy", "paste", "select_all")


class FindMixin(_Base):
    """Find bar and Edit-menu clipboard actions; part of MainWindow."""

    find_bar: FindBar

    def _build_find(self) -> None:
        """The find bar (under the document) and what keeps the clipboard actions up to date."""
        self.find_bar = FindBar(self)
        self.find_bar.closed.connect(self._find_closed)
        self._find_widget: QWidget | None = None  # what the bar searches: to give the focus back on Esc
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # bound methods, not lambdas: Qt drops these connections when the window goes
            app.focusChanged.connect(self._on_focus_changed)
            app.clipboard().dataChanged.connect(self._update_clipboard_actions)
        self._editor.selectionChanged.connect(self._update_clipboard_actions)
        self._document_view.selectionChanged.connect(self._update_clipboard_actions)
        self._review_panel.tree.selectionModel().selectionChanged.connect(
            lambda *_: self._update_clipboard_actions())
        self.ui_actions.menus["Edit"].aboutToShow.connect(self._update_clipboard_actions)

    # --- find -------------------------------------------------------------------------------

    def _focused_in_review(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self._review_panel or self._review_panel.isAncestorOf(focus))

    def choose_and_find(self) -> None:
        """Edit > Find (Ctrl+F): the find bar on the review list when it has the focus, else on the document
        (a selection in the document becomes the words to find)."""
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.find_bar or self.find_bar.isAncestorOf(focus)):
            self.find_bar.edit.selectAll()  # already open: Ctrl+F again selects the words
            return
        target: FindTarget
        if self._focused_in_review():
            target, self._find_widget, text = ReviewFinder(self._review_panel), self._review_panel.tree, ""
        else:
            selected = self._document_view.textCursor().selectedText()
            text = selected if selected and "\u2029" not in selected else ""  # one line only
            target, self._find_widget = TextFinder(self._document_view), self._document_view
        self.find_bar.search_in(target, text)

    def find_next(self) -> None:
        """Edit > Find Next (F3): the next match, or the find bar when nothing is being searched yet."""
        if self.find_bar.target() is None or not self.find_bar.edit.text():
            self.choose_and_find()
            return
        self.find_bar.show()
        self.find_bar.find_next()

    def find_previous(self) -> None:
        """Edit > Find Previous (Shift+F3): the previous match, or the find bar."""
        if self.find_bar.target() is None or not self.find_bar.edit.text():
            self.choose_and_find()
            return
        self.find_bar.show()
        self.find_bar.find_previous()

    def _find_closed(self) -> None:
        """Esc in the find bar: back to what was searched, the match still selected."""
        if self._find_widget is not None:
            self._find_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- clipboard ----------------------------------------------------------------------------

    def _clipboard_widget(self) -> QWidget | None:
        """The focused widget, when it is one the clipboard actions know."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractItemView):
            return focus
        return None

    def clipboard_state(self) -> dict[str, bool]:
        """Which of Cut, Copy, Paste, Select All make sense on the focused widget."""
        w = self._clipboard_widget()
        if isinstance(w, QLineEdit):
            selected, writable = w.hasSelectedText(), not w.isReadOnly()
            return {"cut": selected and writable, "copy": selected, "paste": writable and _has_text(),
                    "select_all": bool(w.text())}
        if isinstance(w, QTextEdit | QPlainTextEdit):
            # the document view is read-only to Qt but types tracked changes itself (Redline view)
            typing = w is self._document_view and not self._document_view.editable()
            selected, writable = w.textCursor().hasSelection(), typing or not w.isReadOnly()
            return {"cut": selected and writable, "copy": selected,
                    "paste": writable and (w.canPaste() or (typing and _has_text())),
                    "select_all": not w.document().isEmpty()}
        if isinstance(w, QAbstractItemView):
            selection = w.selectionModel()
            many = w.selectionMode() in (QAbstractItemView.SelectionMode.ExtendedSelection,
                                         QAbstractItemView.SelectionMode.MultiSelection)
            return {"cut": False, "copy": selection is not None and selection.hasSelection(), "paste": False,
                    "select_all": many and w.model() is not None and w.model().rowCount() > 0}
        return dict.fromkeys(CLIPBOARD_ACTIONS, False)

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._update_clipboard_actions()

    def _update_clipboard_actions(self) -> None:
        for name, enabled in self.clipboard_state().items():
            self.ui_actions[name].setEnabled(enabled)

    def edit_cut(self) -> None:
        """Edit > Cut: in the paragraph editor, the text is copied and struck (a tracked deletion)."""
        w = self._clipboard_widget()
        if self.clipboard_state()["cut"] and isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            w.cut()

    def edit_copy(self) -> None:
        """Edit > Copy: the selected text, or the selected rows of a list (columns tab-separated)."""
        w = self._clipboard_widget()
        if not self.clipboard_state()["copy"]:
            return
        if isinstance(w, QAbstractItemView):
            QApplication.clipboard().setText(_rows_text(w))
        elif isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            w.copy()

    def edit_paste(self) -> None:
        """Edit > Paste: plain text only; in the paragraph editor, a tracked insertion."""
        w = self._clipboard_widget()
        if self.clipboard_state()["paste"] and isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            w.paste()

    def edit_select_all(self) -> None:
        """Edit > Select All in the focused text or list."""
        w = self._clipboard_widget()
        if self.clipboard_state()["select_all"] and w is not None:
            w.selectAll()  # type: ignore[attr-defined]
        self._update_clipboard_actions()


def _has_text() -> bool:
    data = QApplication.clipboard().mimeData()
    return data is not None and (data.hasText() or data.hasHtml())


def _rows_text(view: QAbstractItemView) -> str:
    """The selected rows of a list or tree, one line each, columns separated by tabs, in display order."""
    selection = view.selectionModel()
    rows = sorted(selection.selectedRows(), key=_tree_order) if selection else []
    model = view.model()
    lines = []
    for index in rows:
        texts = [str(index.siblingAtColumn(c).data(Qt.ItemDataRole.DisplayRole) or "")
                 for c in range(model.columnCount(index.parent()))]
        lines.append("\t".join(texts).rstrip("\t"))
    return "\n".join(lines)


def _tree_order(index: QModelIndex) -> list[int]:
    """Where a row is in the tree, top to bottom: its row numbers from the root down."""
    path = []
    while index.isValid():
        path.append(index.row())
        index = index.parent()
    return path[::-1]
