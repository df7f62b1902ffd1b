"""The main window's navigation and look: labels, go to a paragraph, load it in the editor, view modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app import __version__
from app.amendments import Kind
from app.errors import LabelError
from app.labels import parse_label
from app.note_labels import find_note, is_note_address
from widgets.document.view_mode import ViewMode

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

APP_NAME = "Redline Desk"
VERSION = __version__


class NavigationMixin(_Base):
    """Finding and loading paragraphs, view modes, font size, about boxes; part of MainWindow."""

    # --- navigation ---------------------------------------------------------------

    def resolve_label(self, text: str) -> str:
        """The canonical label of a paragraph in the draft (or a new one); LabelError otherwise."""
        if self._session is None:
            raise LabelError("no draft is open; open one first")
        note = find_note(self._session.draft, text.strip()) if is_note_address(text.strip()) else None
        if note is not None and note.draft.paragraphs:  # "66 fn1", "endnote 3": the note, amended in place
            return note.name
        label = parse_label(text)
        new = self._session.amendment_for(label)
        if new is not None and new.kind is Kind.INSERT:
            return label
        return self._session.draft.by_label(label).label or label

    def labels(self) -> list[str]:
        """Every label in document order, new paragraphs after the one they follow."""
        if self._session is None:
            return []
        out: list[str] = []
        for para in self._session.draft.labelled():
            out.append(para.label or "")
            out.extend(a.label for a in self._session.inserted_after(para.label or ""))
        return out

    def go_to(self, label: str) -> bool:
        """Load a paragraph into the editor and show it everywhere; False for a label not in the draft."""
        try:
            label = self.resolve_label(label)
        except LabelError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return False
        self._load(label)
        self._document_view.scroll_to(label)
        self._navigator.select(label)
        self._amendments_panel.select(label)
        self._editor.setFocus()
        return True

    def _activate(self, label: str) -> None:
        self.go_to(label)

    def _load(self, label: str) -> None:
        """Show one paragraph in the editor as the session has it."""
        assert self._session is not None
        self._current = label
        amendment = self._session.amendment_for(label)
        if amendment is not None and amendment.kind is Kind.INSERT:
            self._editor.load(label, "", list(amendment.option.segments), new_paragraph=True)
            self.editor_pane.set_heading(f"Editing new para {label} (after {amendment.target})")
        else:
            body = self._session.paragraph(label).body
            self._editor.load(label, body, self._session.segments_for(label))
            note = not self._session.draft.has_label(label) and is_note_address(label)
            self.editor_pane.set_heading(f"Editing {label} (a note)" if note else f"Editing para {label}")
        self._update_actions()

    def _unload(self) -> None:
        """No paragraph in the editor."""
        self._current = None
        self._editor.load("", "", [])
        self._editor.setReadOnly(True)
        self.editor_pane.set_heading("No paragraph selected: double-click one, or press Ctrl+G")
        self._update_actions()

    def choose_and_go_to(self) -> None:
        """Ctrl+G: ask for a label and go there."""
        if self._session is None:
            return
        from widgets.dialogs.goto_dialog import GoToDialog  # dialogs load when first opened: a faster start

        notes = [s.name for s in self._session.draft.notes if s.draft.paragraphs]
        dialog = GoToDialog(self.resolve_label, self.labels() + notes, self, self._current or "")
        if dialog.exec() and dialog.label():
            self.go_to(dialog.label() or "")

    def _step(self, delta: int) -> None:
        labels = self.labels()
        if not labels:
            return
        i = labels.index(self._current) + delta if self._current in labels else 0
        self.go_to(labels[max(0, min(i, len(labels) - 1))])

    def go_to_previous(self) -> None:
        """Edit the paragraph before the current one."""
        self._step(-1)

    def go_to_next(self) -> None:
        """Edit the paragraph after the current one."""
        self._step(1)

    # --- view modes and look ----------------------------------------------------------

    def set_mode(self, mode: ViewMode) -> None:
        """Show the draft with redlines, as proposed, or as the original."""
        self._mode = mode
        self.ui_actions[f"view_{mode.name.lower()}"].setChecked(True)
        self._document_view.set_mode(mode)

    def view_redline(self) -> None:
        """Redline view."""
        self.set_mode(ViewMode.REDLINE)

    def view_proposed(self) -> None:
        """Proposed (clean) view."""
        self.set_mode(ViewMode.PROPOSED)

    def view_original(self) -> None:
        """Original view."""
        self.set_mode(ViewMode.ORIGINAL)

    def _apply_look(self) -> None:
        self._editor.set_author_colour(self.settings.author_colour)
        self._editor.set_font_size(self.settings.font_size)
        for name in ("set_author_colour", "set_font_size"):  # the view may offer the same
            if hasattr(self._document_view, name):
                value = self.settings.author_colour if "colour" in name else self.settings.font_size
                getattr(self._document_view, name)(value)

    def zoom_in(self) -> None:
        """Larger text."""
        self.settings.font_size = self.settings.font_size + 1
        self._apply_look()

    def zoom_out(self) -> None:
        """Smaller text."""
        self.settings.font_size = self.settings.font_size - 1
        self._apply_look()

    def show_about(self) -> None:
        """About box."""
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b> {VERSION}<p>Draft amendments to negotiated texts and export them "
                          "as native Word tracked changes.</p>")

    def show_about_qt(self) -> None:
        """About Qt."""
        QMessageBox.aboutQt(self)
