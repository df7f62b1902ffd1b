"""The main window's files: open (draft or project), save, export, recent files, drops and recovery."""

from __future__ import annotations

import copy
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.errors import RedlineDeskError
from app.wiring.session import Session
from widgets import recovery
from widgets.dialogs import messages
from widgets.workers import error_message, run_task

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

OPENABLE = (".docx", ".json")
OPEN_FILTER = "Drafts and projects (*.docx *.json);;Word drafts (*.docx);;Redline Desk projects (*.json)"
PROJECT_FILTER = "Redline Desk project (*.json)"


def dropped_file(mime: QMimeData) -> Path | None:
    """The first local .docx or .json file in dragged data."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in OPENABLE:
            return Path(url.toLocalFile())
    return None


def window_name(session: Session) -> str:
    """What the title calls the work: the project file and its draft once saved, else the draft."""
    if session.project_path is None:
        return session.draft_path.name
    return f"{session.project_path.name} ({session.draft_path.name})"


class FilesMixin(_Base):
    """Opening, saving, exporting and recovering; part of MainWindow."""

    _busy = False

    # --- opening ------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a project (.json) or a draft (anything else)."""
        path = Path(path)
        return self.open_project(path) if path.suffix.lower() == ".json" else self.open_draft(path)

    def open_draft(self, path: Path) -> bool:
        """Open a .docx draft on a worker thread; False (after an error dialog) when it cannot be read."""
        path = Path(path)
        return self._open(path, f"Opening {path.name}…", lambda: (Session.open_draft(path), None))

    def open_project(self, path: Path) -> bool:
        """Open a project file and its draft; amendments whose paragraph changed are re-anchored."""
        path = Path(path)
        return self._open(path, f"Opening project {path.name}…", lambda: Session.open_project(path))

    def _open(self, path: Path, title: str, fn: Any) -> bool:
        if self._busy or not self.maybe_save_changes():
            return False
        self._busy = True
        try:
            task = run_task(self, title, fn, lambda result: self._opened(path, *result),
                            lambda _exc: self._open_failed(path))
            return task.wait()
        finally:
            self._busy = False

    def _opened(self, path: Path, session: Session, placements: Any) -> None:
        self._install(session, placements)
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(f"Opened {path.name}", 5000)
        if placements:
            lost = [p for p in placements if p.new_label is None]
            moved = [p for p in placements if p.new_label is not None and p.how != "same text"]
            if lost:
                lines = "\n".join(f"para {p.old_label}: {p.how}" for p in lost)
                messages.show_warning(self, "Some amendments could not be placed",
                                      f"The draft changed since the project was saved; these amendments "
                                      f"were left out:\n{lines}")
            elif moved:
                self.statusBar().showMessage(
                    f"Opened {path.name}: {len(moved)} amendment(s) re-anchored on the changed draft", 8000)
        self._tell_review_notes(session)
        if session.open_notes:  # worth knowing, not worth a dialog: a draft kept in another folder is common
            self.statusBar().showMessage(f"Opened {path.name}: " + "; ".join(session.open_notes), 15000)

    def _tell_review_notes(self, session: Session) -> None:
        """What reopening a saved review noticed (inputs changed since the merge, proposals left out)."""
        if session.review_notes:
            messages.show_warning(self, "The merge review was reopened, with notes",
                                  "\n".join(session.review_notes[:20]))

    def _open_failed(self, path: Path) -> None:
        if not path.exists():
            self.settings.remove_recent_file(path)

    def choose_and_open(self) -> None:
        """File > Open: choose a draft or a project."""
        start = str(self.settings.recent_files()[0].parent) if self.settings.recent_files() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Open a draft or a project", start, OPEN_FILTER)
        if chosen:
            self.open_path(Path(chosen))

    def restore_recovery(self, path: Path) -> bool:
        """Restore the session a crash left in a recovery file (unsaved, as it was)."""
        if self._busy:
            return False
        self._busy = True
        try:
            task = run_task(self, "Recovering unsaved amendments…", lambda: recovery.restore_recovery(path),
                            self._recovered)
            return task.wait()
        finally:
            self._busy = False

    def _recovered(self, session: Session) -> None:
        self._install(session, None)
        self._opened_dirty = True
        self._update_title()
        self.autosaver.save_now()
        self.statusBar().showMessage("Recovered the unsaved amendments; save them to keep them", 8000)
        self._tell_review_notes(session)

    # --- saving -------------------------------------------------------------------------

    def _default_dir(self) -> Path:
        assert self._session is not None
        folder = (self._session.project_path or self._session.draft_path).parent
        if os.access(folder, os.W_OK):
            return folder
        return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))

    def save_project(self, path: Path | None = None) -> bool:
        """Save the amendments to the project file (asking where the first time)."""
        if self._session is None:
            return False
        target = Path(path) if path else self._session.project_path
        if target is None:
            return self.save_project_as()
        try:
            self._session.save(target)
        except (RedlineDeskError, OSError) as exc:
            messages.show_error(self, "Saving failed", error_message(exc))
            return False
        self._opened_dirty = False
        self._undo_stack.setClean()
        self.autosaver.discard()
        self.settings.add_recent_file(target)
        self._update_title()
        self.statusBar().showMessage(f"Saved {target.name}", 5000)
        return True

    def save_project_as(self) -> bool:
        """Save the amendments to a project file chosen now."""
        if self._session is None:
            return False
        default = self._default_dir() / f"{self._session.draft_path.stem} amendments.json"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save project", str(default), PROJECT_FILTER)
        if not chosen:
            return False
        path = Path(chosen)
        return self.save_project(path if path.suffix.lower() == ".json" else path.with_suffix(".json"))

    def maybe_save_changes(self) -> bool:
        """Before closing or opening another file: save, discard or cancel unsaved changes (True: go on)."""
        if not self.is_modified():
            return True
        assert self._session is not None
        answer = messages.ask_save_changes(self, self._session.draft_path.name)
        if answer == messages.SAVE:
            return self.save_project()
        if answer == messages.DISCARD:
            self.autosaver.discard()
            return True
        return False

    # --- exporting ----------------------------------------------------------------------

    def export(self, path: Path, form: str, markup: str = "tracked", *, author: str | None = None,
               organisation: str | None = None, date: datetime | None = None, open_after: bool = False,
               rationale: str = "paragraph", line_numbers: bool = False) -> bool:
        """Write an output form on a worker thread; False (after an error dialog) when it fails.
        Given an author or organisation, every revision is credited to them (the organisation, else the
        author), whoever the amendments were first made under."""
        if self._session is None:
            messages.show_error(self, "Export failed", "no draft is open; open one first")
            return False
        path = Path(path)
        snapshot = copy.copy(self._session)  # the worker exports this state even if editing goes on
        snapshot.amendments = self._session.snapshot().amendments
        snapshot.pkg = self._session.pkg.fresh()  # the worker parses its own copy
        if author is not None or organisation is not None:
            snapshot.author, snapshot.organisation = (author or "").strip(), (organisation or "").strip()
            for amendment in snapshot.amendments:  # copies: the session keeps its own
                amendment.author, amendment.organisation = snapshot.author, snapshot.organisation

        def done(_result: object) -> None:
            self.statusBar().showMessage(f"Exported {form} to {path}", 8000)
            if open_after:
                self._open_result(path)

        task = run_task(self, f"Exporting {path.name}…",
                        lambda: snapshot.export(path, form, markup=markup, date=date, rationale=rationale,
                                                line_numbers=line_numbers), done)
        return task.wait()

    def _open_result(self, path: Path) -> None:
        """Open an exported file in its usual application; say so when none opens it."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.resolve()))):
            messages.show_error(self, "Could not open the result",
                                f"{path}: exported, but no application opened it; open it from your file manager "
                                f"or install an application for {path.suffix} files (Word, LibreOffice).")

    def ask_identity_before_export(self) -> bool:
        """Before an export with no name or organisation set (the welcome was skipped): ask now; False if
        the user still gives none."""
        return self.ask_identity_before("export")

    def ask_identity_before(self, what: str) -> bool:
        """Before something credited to the user ("export", "reword") with no name or organisation set (the
        welcome was skipped): ask now, as the export does; False, and a word in the status bar, if the user
        still gives none."""
        if self.settings.has_identity():
            return True
        from widgets.dialogs.settings_dialog import SettingsDialog  # dialogs load when first opened: a faster start

        if SettingsDialog(self.settings, self, first_run=True, before_export=what == "export",
                          before_reword=what == "reword").exec() and self.settings.has_identity():
            if self._session is not None:
                self._session.author = self.settings.author
                self._session.organisation = self.settings.organisation
            return True
        done = "exported" if what == "export" else "reworded"
        self.statusBar().showMessage(f"Not {done}: revisions need an author (your name or organisation)", 8000)
        return False

    def choose_and_export(self) -> None:
        """File > Export: the identity if still unset, the export dialog, then the export."""
        if self._session is None or not self.ask_identity_before_export():
            return
        from widgets.dialogs.export_dialog import ExportDialog, suffix_for

        default = self._default_dir() / f"{self._session.draft_path.stem} amended{suffix_for('full')}"
        dialog = ExportDialog(self.settings.author, default, self, organisation=self.settings.organisation,
                              settings=self.settings)
        if dialog.exec():
            req = dialog.request()
            self.export(req.path, req.form, req.markup, author=req.author, organisation=req.organisation,
                        date=req.date, open_after=req.open_after, rationale=req.rationale,
                        line_numbers=req.line_numbers)

    # --- preferences --------------------------------------------------------------------

    def edit_preferences(self) -> None:
        """Preferences: author, organisation, colours, font size."""
        from widgets.dialogs.settings_dialog import SettingsDialog

        if SettingsDialog(self.settings, self).exec():
            if self._session is not None:
                self._session.author = self.settings.author
                self._session.organisation = self.settings.organisation
            self._apply_look()
