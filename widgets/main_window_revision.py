"""The main window's File > New Revision of the Draft…: the project moved onto a new revision, undoably."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from app.wiring.session import Session, Snapshot
from widgets.commands import SessionCommand
from widgets.dialogs import messages
from widgets.workers import run_task

if TYPE_CHECKING:
    from app.revision import RevisionLine
    from widgets.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

DRAFT_FILTER = "Word drafts (*.docx)"
_SHOWN_LINES = 30  # lines of the report a dialog lists


def _move(session: Session, path: Path) -> tuple[Snapshot, list[RevisionLine]]:
    """On a worker: the session moved onto the revision at `path`, as a snapshot (the session itself untouched)."""
    trial = copy.copy(session)  # new_revision replaces the draft, amendments and history; it changes none of them
    lines = trial.new_revision(path)
    return trial.snapshot(), lines


class RevisionMixin(_Base):
    """A new revision of the draft; part of MainWindow."""

    def choose_and_new_revision(self) -> None:
        """File > New Revision of the Draft…: choose the new revision's .docx."""
        if self._session is None:
            return
        start = str(self._session.draft_path.parent)
        chosen, _ = QFileDialog.getOpenFileName(self, "Open a new revision of the draft", start, DRAFT_FILTER)
        if chosen:
            self.new_revision(Path(chosen))

    def new_revision(self, path: Path) -> bool:
        """Move the project onto the revision at `path` (a worker reads and carries), as one undoable command;
        the report lists what moved or was overtaken. False (after an error dialog) when it cannot be done."""
        session = self._session
        if session is None or self._busy:
            return False
        before = session.snapshot()
        self._busy = True
        try:
            task = run_task(self, f"Moving the amendments onto {path.name}…", lambda: _move(session, path),
                            lambda result: self._moved_onto(path, session, before, *result))
            return task.wait()
        finally:
            self._busy = False

    def _moved_onto(self, path: Path, session: Session, before: Snapshot, after: Snapshot,
                    lines: list[RevisionLine]) -> None:
        self._unload()  # the paragraph in the editor may not be in the other revision
        self._undo_stack.push(SessionCommand(session, before, after, f"New Revision of the Draft ({path.name})",
                                             self._after_new_draft))
        self._update_title()
        self._tell_revision(path, lines)

    def _after_new_draft(self) -> None:
        """Redraw everything after the draft itself changed (a new revision, or its undo)."""
        session = self._session
        if session is None:
            return
        self._unload()
        self._conflicts = set()
        self._document_view.show_session(session, self._mode)
        self._navigator.set_draft(session.draft, *self._markers())
        self._amendments_panel.show_amendments(session.amendments)
        self._update_title()
        self._update_actions()

    def _tell_revision(self, path: Path, lines: list[RevisionLine]) -> None:
        from app.revision import CARRIED, MOVED
        from app.threeway import APPLIED

        notable = [line for line in lines
                   if line.status not in (CARRIED, MOVED) or any(c.status != APPLIED for c in line.changes)]
        moved = sum(1 for line in lines if line.status == MOVED)
        self.statusBar().showMessage(f"Moved onto {path.name}: {len(lines)} amendment(s), {moved} relabelled; "
                                     "Ctrl+Z goes back to the earlier revision", 10000)
        if notable:
            shown = [str(line) for line in notable[:_SHOWN_LINES]]
            more = len(notable) - len(shown)
            messages.show_warning(self, "The amendments on the new revision",
                                  f"{path.name}: what the new revision already says or overtook "
                                  f"(overtaken amendments are kept, marked, to redo):\n"
                                  + "\n".join(shown) + (f"\n… and {more} more" if more > 0 else ""))
