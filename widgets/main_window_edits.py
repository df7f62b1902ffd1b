"""The main window's changes to the session: each one a SessionCommand on the undo stack.

A change takes a snapshot before it, applies a Session method, takes one after, and pushes a
command whose refresh re-renders only what changed (the whole view when paragraphs come or go).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from app.amendments import Amendment, Kind, Status
from app.errors import RedlineDeskError
from app.segments import Op, Segment, normalize, proposed_text
from app.wiring.session import Session, Snapshot
from widgets.commands import SessionCommand
from widgets.dialogs import messages
from widgets.document.in_place_edit import EditRequest
from widgets.workers import error_message

# How long typing must pause before the document view, outline and panel catch up (ms).
CATCH_UP_MS = 150

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


def changed_labels(before: Snapshot, after: Snapshot) -> tuple[set[str], bool]:
    """Labels whose amendment differs between two snapshots, and whether new paragraphs came or went."""
    old = {a.id: a for a in before.amendments}
    new = {a.id: a for a in after.amendments}
    labels = {(old.get(i) or new[i]).label for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
    labels |= {new[i].label for i in old.keys() & new.keys() if old[i].label != new[i].label}

    def inserted(snapshot: Snapshot) -> set[str]:
        return {a.label for a in snapshot.amendments if a.kind is Kind.INSERT and a.status is not Status.WITHDRAWN}

    return labels, inserted(before) != inserted(after)


def body_range(segments: list[Segment], start: int, end: int) -> tuple[int, int]:
    """The body (original text) offsets of a selection given in redline-view offsets."""

    def body_offset(view: int) -> int:
        pos = body = 0
        for seg in segments:
            if pos + len(seg.text) >= view:
                return body + (0 if seg.op is Op.INSERT else view - pos)
            pos += len(seg.text)
            body += 0 if seg.op is Op.INSERT else len(seg.text)
        return body

    return body_offset(start), body_offset(end)


class EditsMixin(_Base):
    """Paragraph edits, new and deleted paragraphs, options, moves, rationale and status; part of MainWindow."""

    def apply_change(self, text: str, change: Callable[[Session], Any], *, label: str | None = None,
                     mergeable: bool = False, source: str = "") -> bool:
        """Apply one change to the session as an undoable command; an error is shown and nothing changes.

        `source` names the widget that already shows the change ("editor", "panel"): it is not redrawn now."""
        session = self._session
        if session is None:
            return False
        before = session.snapshot()
        try:
            change(session)
        except RedlineDeskError as exc:
            session.restore(before)
            self._update_title()
            messages.show_error(self, "Cannot make this change", error_message(exc))
            if self._current is not None:
                self._load(self._current)
            return False
        after = session.snapshot()
        if after == before:
            return True  # nothing changed: nothing to undo
        labels, structural = changed_labels(before, after)
        refresh = self._refresher(labels, structural, source)
        self._pushing = True
        try:
            self._undo_stack.push(SessionCommand(session, before, after, text, refresh, label, mergeable, applied=True))
        finally:
            self._pushing = False
        self._update_title()
        return True

    def _refresher(self, labels: set[str], structural: bool, source: str) -> Callable[[], None]:
        return lambda: self._after_change(labels, structural, source)

    def _after_change(self, labels: set[str], structural: bool, source: str = "") -> None:
        """Bring the views in step after a change, an undo or a redo.

        While the user types in the editor (which shows the change itself), the document view, the
        outline and the panel catch up when typing pauses, so a keystroke only costs the editor."""
        session = self._session
        if session is None:
            return
        if self._pushing and source in ("editor", "document") and not structural:
            if source == "document":  # where the user types: redrawn now, the rest when typing pauses
                for label in sorted(labels):
                    self._document_view.refresh_paragraph(label)
                self._typed_in_view |= labels
            self._pending_labels |= labels
            self._catch_up_timer().start()
            self._update_title()
            return
        self._catch_up()
        if structural:
            self._document_view.show_session(session, self._mode)
            if self._current is not None:
                self._document_view.scroll_to(self._current)
        else:
            for label in sorted(labels):
                self._document_view.refresh_paragraph(label)
        self._navigator.set_markers(*self._markers())
        pushing = self._pushing
        if not (pushing and source == "panel"):  # the panel sent it: do not rebuild it under the user
            self._amendments_panel.show_amendments(session.amendments)
            if self._current is not None:
                self._amendments_panel.select(self._current)
        if not (pushing and source == "editor"):  # the editor has it already: keep its cursor
            self._sync_editor(labels, jump=not pushing)
        self._update_title()
        self._update_actions()

    def _catch_up_timer(self) -> QTimer:
        timer: QTimer | None = getattr(self, "_catch_up_timer_", None)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(CATCH_UP_MS)
            timer.timeout.connect(self._catch_up)
            self._catch_up_timer_ = timer
        return timer

    def _catch_up(self) -> None:
        """Bring the document view, outline and panel in step with edits typed since the last pause."""
        labels, self._pending_labels = self._pending_labels, set()
        typed, self._typed_in_view = self._typed_in_view, set()
        if getattr(self, "_catch_up_timer_", None) is not None:
            self._catch_up_timer_.stop()
        if not labels or self._session is None:
            return
        for label in sorted(labels - typed):  # the view shows what was typed in it already
            self._document_view.refresh_paragraph(label)
        if typed:
            self._sync_editor(typed, jump=False)
        self._navigator.set_markers(*self._markers())
        self._amendments_panel.show_amendments(self._session.amendments)
        if self._current is not None:
            self._amendments_panel.select(self._current)
        self._update_actions()

    def _sync_editor(self, labels: set[str], *, jump: bool) -> None:
        """Show the current paragraph as the session now has it; on undo/redo (jump), the one that changed."""
        known = self.labels()
        target = self._current
        if jump and len(labels) == 1 and target not in labels and next(iter(labels)) in known:
            target = next(iter(labels))  # like Word, undo takes you to the change
        if target is None or target not in known:
            self._unload()
        elif target != self._current:
            self.go_to(target)
        elif normalize(self._editor.segments()) != self._session_segments(target):
            offset = self._editor.cursor_offset()
            self._load(target)
            cursor = self._editor.textCursor()
            cursor.setPosition(min(offset, len(self._editor.toPlainText())))
            self._editor.setTextCursor(cursor)

    def _session_segments(self, label: str) -> list[Segment]:
        assert self._session is not None
        amendment = self._session.amendment_for(label)
        if amendment is not None and amendment.kind is Kind.INSERT:
            return normalize(amendment.option.segments)
        return normalize(self._session.segments_for(label))

    def _markers(self) -> tuple[set[str], set[str], dict[str, list[str]]]:
        """Amended labels, conflicting labels, and the new paragraphs after each label."""
        session = self._session
        if session is None:
            return set(), set(), {}
        inserted: dict[str, list[str]] = {}
        for a in session.amendments:
            if a.kind is Kind.INSERT and a.status is not Status.WITHDRAWN:
                inserted.setdefault(a.target, []).append(a.label)
        amended = session.amended_labels()
        return amended, self._conflicts & amended, inserted

    # --- editing a paragraph --------------------------------------------------------------

    def _on_edited(self, label: str, segments: list[Segment], description: str, mergeable: bool) -> None:
        amendment = self._session.amendment_for(label) if self._session else None
        if amendment is not None and amendment.kind is Kind.INSERT:
            text = proposed_text(segments)
            self.apply_change(description, lambda s: s.set_new_text(label, text), label=label, mergeable=mergeable,
                              source="editor")
        else:
            self.apply_change(description, lambda s: s.set_segments(label, list(segments)), label=label,
                              mergeable=mergeable, source="editor")

    def _on_view_edit(self, request: EditRequest) -> None:
        """Typing in the document view: the paragraphs it changed, as one undoable command."""

        def change(session: Session) -> None:
            for label, segments in request.edits:
                amendment = session.amendment_for(label)
                if amendment is not None and amendment.kind is Kind.INSERT:
                    session.set_new_text(label, proposed_text(segments))
                else:
                    session.set_segments(label, list(segments))

        self.apply_change(request.description, change, label=request.caret[0], mergeable=request.mergeable,
                          source="document")

    def reject_change(self) -> None:
        """Reject the change at the editor's cursor (the editor reports it as an edit)."""
        if self._current is not None:
            self._editor.reject_change_at_cursor()

    def new_paragraph_after(self, text: str | None = None) -> str | None:
        """Propose a new paragraph after the current one ("88 bis"); returns its label."""
        label = self._current
        if label is None or self._session is None:
            return None
        if text is None:
            try:
                new_label = self._session.new_label_after(label)
            except RedlineDeskError as exc:
                messages.show_error(self, "No new paragraph here", str(exc))
                return None
            from widgets.dialogs.new_paragraph_dialog import (
                NewParagraphDialog,  # dialogs load when first opened: a faster start
            )

            dialog = NewParagraphDialog(label, new_label, self)
            if not dialog.exec():
                return None
            text = dialog.text()
        made: list[Amendment] = []
        if not self.apply_change(f"New paragraph after {label}", lambda s: made.append(s.insert_after(label, text))):
            return None
        self.go_to(made[0].label)
        cursor = self._editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self._editor.setTextCursor(cursor)  # go on typing where the new text ends
        return made[0].label

    def delete_current_paragraph(self) -> bool:
        """Propose striking the current paragraph (a new paragraph is simply dropped)."""
        label = self._current
        if label is None or self._session is None:
            return False
        new = self._session.amendment_for(label)
        target = new.target if new is not None and new.kind is Kind.INSERT else label
        if not self.apply_change(f"Delete para {label}", lambda s: s.delete_paragraph(label)):
            return False
        self.go_to(target)
        return True

    def add_option(self, label: str | None = None) -> bool:
        """Add an alternative wording (option B, C…) to a paragraph's amendment and edit it."""
        label = label or self._current
        if label is None:
            return False
        if not self.apply_change(f"Add option to para {label}", lambda s: s.add_option(label)):
            return False
        return self.go_to(label)

    def choose_option(self, amendment_id: str, index: int) -> bool:
        """Make one of an amendment's options the one shown and exported."""

        label = next((a.label for a in self._session.amendments if a.id == amendment_id), None) \
            if self._session else None
        ok = self.apply_change("Choose option", lambda s: s.choose_option(amendment_id, index))
        if ok and label is not None:
            self.go_to(label)
        return ok

    def set_rationale(self, amendment_id: str, text: str) -> bool:
        """Change an amendment's rationale (consecutive typing is one undo step)."""
        return self.apply_change("Edit rationale", lambda s: s.set_rationale(amendment_id, text),
                                 label=f"rationale {amendment_id}", mergeable=True, source="panel")

    def set_status(self, amendment_id: str, status: str) -> bool:
        """Move an amendment to draft, final or withdrawn."""
        return self.apply_change(f"Mark {status}", lambda s: s.set_status(amendment_id, Status(status)))

    def remove_amendment(self, amendment_id: str) -> bool:
        """Drop an amendment altogether."""
        return self.apply_change("Remove amendment", lambda s: s.remove(amendment_id))

    # --- moving text ----------------------------------------------------------------------

    def move_selection(self, target: str, position: str = "end") -> bool:
        """Move the editor's selected original text to the start or end of another paragraph."""
        source, session = self._current, self._session
        cursor = self._editor.textCursor()
        if source is None or session is None or not cursor.hasSelection():
            messages.show_error(self, "Nothing to move", "select the text to move in the editor first")
            return False
        start, end = body_range(self._editor.segments(), cursor.selectionStart(), cursor.selectionEnd())
        try:
            target = self.resolve_label(target)
            at = 0 if position == "start" else len(session.draft.by_label(target).body)
        except RedlineDeskError as exc:
            messages.show_error(self, "Cannot move the text", error_message(exc))
            return False
        ok = self.apply_change(f"Move text from para {source} to para {target}",
                               lambda s: s.move_text(source, start, end, target, at))
        if ok:
            self._load(source)
        return ok

    def choose_and_move(self) -> None:
        """Ask where to move the selected text, then move it."""
        cursor = self._editor.textCursor()
        if self._current is None or not cursor.hasSelection():
            messages.show_error(self, "Nothing to move", "select the text to move in the editor first")
            return
        from widgets.dialogs.move_dialog import MoveTextDialog

        dialog = MoveTextDialog(self.resolve_label, self._current, cursor.selectedText(), self.labels(), self)
        if dialog.exec() and dialog.target():
            self.move_selection(dialog.target() or "", dialog.position())
