"""The main window: navigator, document view, redline editor, amendments panel, review panel, status bar.

It owns the Session and one QUndoStack for the whole session. Files (open, save, export, recovery)
live in main_window_files, changes in main_window_edits, finding and loading paragraphs and view
modes in main_window_navigation, importing and reviewing other people's redlines in
main_window_review; this module builds the window and keeps its state shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from app.amendments import Kind
from app.project import Placement
from app.wiring.session import Session
from widgets.actions import Actions, build_actions
from widgets.amendments.amendments_panel import AmendmentsPanel
from widgets.document.document_view import DocumentView
from widgets.document.view_mode import ViewMode
from widgets.editor.redline_editor import RedlineEditor
from widgets.main_window_edits import EditsMixin
from widgets.main_window_files import FilesMixin, dropped_file, window_name
from widgets.main_window_find import FindMixin
from widgets.main_window_layout import EditorPane, central_splitter, dock_widths, document_pane, initial_size
from widgets.main_window_navigation import APP_NAME, VERSION, NavigationMixin
from widgets.main_window_review import ReviewMixin
from widgets.main_window_revision import RevisionMixin
from widgets.main_window_walk import WalkMixin
from widgets.navigator.paragraph_navigator import ParagraphNavigator
from widgets.recovery import DEFAULT_INTERVAL_MS, Autosaver
from widgets.review.author_colours import AuthorColours
from widgets.review.review_panel import ReviewPanel
from widgets.review_toolbar import ReviewToolBar
from widgets.settings import Settings
from widgets.status_bar import StatusBar

__all__ = ["APP_NAME", "VERSION", "MainWindow"]


class MainWindow(FilesMixin, EditsMixin, NavigationMixin, ReviewMixin, WalkMixin, RevisionMixin, FindMixin,
                 QMainWindow):
    """The editor window; its public methods are the API tests and scripts drive."""

    def __init__(self, settings: Settings | None = None, *, recovery_dir: Path | None = None,
                 autosave_interval_ms: int = DEFAULT_INTERVAL_MS) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else Settings()
        self._session: Session | None = None
        self._undo_stack = QUndoStack(self)
        self._current: str | None = None
        self._mode = ViewMode.REDLINE
        self._conflicts: set[str] = set()
        self._opened_dirty = False
        self._pushing = False
        self._pending_labels: set[str] = set()
        self._typed_in_view: set[str] = set()  # edited in the document view since typing last paused
        self._document_view = DocumentView(self)
        self._editor = RedlineEditor(self)
        self._navigator = ParagraphNavigator(self)
        self._amendments_panel = AmendmentsPanel(self)
        self._review_panel = ReviewPanel(self)
        self._review = None
        self._colours: dict[int, AuthorColours] = {}
        self.import_messages: list[str] = []
        self.ui_actions: Actions = build_actions(self)  # not "actions": QWidget.actions() is a method
        self.editor_pane = EditorPane(self._editor, self.ui_actions, self)
        self._build_find()
        self.setCentralWidget(central_splitter(document_pane(self._document_view, self.find_bar, self),
                                               self.editor_pane, self))
        self.navigator_dock = self._dock("Paragraphs", "navigatorDock", self._navigator,
                                         Qt.DockWidgetArea.LeftDockWidgetArea)
        self.amendments_dock = self._dock("Amendments", "amendmentsDock", self._amendments_panel,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.review_dock = self._dock("Review", "reviewDock", self._review_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.amendments_dock, self.review_dock)
        self.amendments_dock.raise_()
        self._build_author_menus()
        self.review_toolbar = ReviewToolBar(self.ui_actions, self._review_panel.reviewer_filter, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.review_toolbar)
        self.ui_actions.menus["View"].insertAction(self.ui_actions["zoom_in"], self.review_toolbar.toggleViewAction())
        self.ui_actions.menus["Review"].insertMenu(self.ui_actions["accept_next"], self._review_panel.reviewer_filter)
        self.setStatusBar(StatusBar(self))
        self.autosaver = Autosaver(lambda: self._session, recovery_dir, autosave_interval_ms, self)
        self.autosaver.start()
        self._connect()
        self._apply_look()
        self.setAcceptDrops(True)
        for target in (self._editor.viewport(), self._document_view.viewport()):
            target.installEventFilter(self)
        self.resize(initial_size(self.screen().availableGeometry().size()))
        self._layout_restored = False
        self._restore_geometry()
        self._update_title()
        self._update_actions()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        toggle = dock.toggleViewAction()
        toggle.setStatusTip(f"Show or hide the {title.lower()} panel")
        toggle.setToolTip(f"Show or hide the {title.lower()} panel")
        self.ui_actions.menus["View"].addAction(toggle)
        return dock

    def _connect(self) -> None:
        self._editor.edited.connect(self._on_edited)
        self._document_view.paragraphActivated.connect(self._activate)
        self._document_view.editRequested.connect(self._on_view_edit)
        self._document_view.editRefused.connect(lambda why: self.statusBar().showMessage(f"Cannot type here: {why}",
                                                                                          8000))
        self._navigator.labelActivated.connect(self._activate)
        panel = self._amendments_panel
        panel.amendmentActivated.connect(self._activate)
        panel.amendmentSelected.connect(self._amendment_selected)
        panel.rationaleEdited.connect(self.set_rationale)
        panel.statusChanged.connect(self.set_status)
        panel.optionChosen.connect(self.choose_option)
        panel.addOptionRequested.connect(self.add_option)
        panel.removeRequested.connect(self.remove_amendment)
        review = self._review_panel
        review.proposalSelected.connect(self._show_proposal)
        review.decisionRequested.connect(self.decide)
        review.shownDecisionRequested.connect(self.decide_shown)
        review.reviewersChanged.connect(self._reviewers_changed)
        review.paragraphDecisionRequested.connect(self.decide_paragraph)
        review.collisionRequested.connect(self.resolve_collision)
        self._undo_stack.cleanChanged.connect(self._on_undo_changed)
        self._undo_stack.indexChanged.connect(self._on_undo_changed)

    def _on_undo_changed(self, *_args: object) -> None:
        self._update_title()
        self._update_actions()

    # --- public API -------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The session being edited (None before a draft is opened)."""
        return self._session

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo stack of the whole session."""
        return self._undo_stack

    @property
    def editor(self) -> RedlineEditor:
        """The redline editor of the current paragraph."""
        return self._editor

    @property
    def document_view(self) -> DocumentView:
        """The whole draft with its redlines."""
        return self._document_view

    @property
    def navigator(self) -> ParagraphNavigator:
        """The outline of headings and labels."""
        return self._navigator

    @property
    def amendments_panel(self) -> AmendmentsPanel:
        """The list of amendments and their details."""
        return self._amendments_panel

    @property
    def review_panel(self) -> ReviewPanel:
        """The proposals of the merge under review."""
        return self._review_panel

    @property
    def current_label(self) -> str | None:
        """The label of the paragraph in the editor."""
        return self._current

    @property
    def mode(self) -> ViewMode:
        """The document view's mode."""
        return self._mode

    def is_modified(self) -> bool:
        """True when the session has changes not saved to its project file."""
        return self._session is not None and (self._opened_dirty or not self._undo_stack.isClean())

    def _update_actions(self) -> None:
        """Enable what makes sense now (a draft open, a paragraph in the editor, an amendment on it)."""
        has_session = self._session is not None
        for name in ("save", "save_as", "export", "new_revision", "go_to", "previous_paragraph", "next_paragraph",
                     "previous_change", "next_change"):
            self.ui_actions[name].setEnabled(has_session)
        current = self._current is not None and has_session
        amendment = self._session.amendment_for(self._current) if self._current and self._session else None
        for name in ("reject_change", "new_paragraph", "delete_paragraph", "move_text"):
            self.ui_actions[name].setEnabled(current)
        self.ui_actions["add_option"].setEnabled(amendment is not None and amendment.kind is not Kind.DELETE)
        self._update_review_actions()
        self._update_clipboard_actions()

    # --- window state -------------------------------------------------------------------

    def _update_title(self) -> None:
        self.setWindowTitle(f"{window_name(self._session)}[*] — {APP_NAME}" if self._session else APP_NAME)
        self.setWindowModified(self.is_modified())
        if self._session is not None:
            self._session.dirty = self.is_modified()
        self._update_status()

    def _update_status(self) -> None:
        bar = self.statusBar()
        if isinstance(bar, StatusBar):
            session = self._session
            bar.show_state(session.draft_path.name if session else "",
                           len(session.amendments) if session else 0, self.is_modified())

    def _restore_geometry(self) -> None:
        geometry = self.settings.store.value("window/geometry")
        state = self.settings.store.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self._layout_restored = self.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        """On first show without a saved layout: the docks' widths in proportion to the window's."""
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self.resizeDocks([self.navigator_dock, self.amendments_dock], dock_widths(self.width()),
                             Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes; on close, remove the recovery file and remember the layout."""
        if not self.maybe_save_changes():
            event.ignore()
            return
        self.autosaver.stop()
        self.autosaver.discard()
        self.settings.store.setValue("window/geometry", self.saveGeometry())
        self.settings.store.setValue("window/state", self.saveState())
        self.settings.sync()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a dragged .docx draft or .json project."""
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open a dropped draft or project."""
        path = dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_path(path))  # not inside the drop: opening may ask first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on the editor or the document view open like files dropped on the window."""
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            path = dropped_file(event.mimeData())  # type: ignore[attr-defined]
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if event.type() == QEvent.Type.Drop:
                    QTimer.singleShot(0, lambda: self.open_path(path))
                return True
        return super().eventFilter(watched, event)

    def _install(self, session: Session, placements: list[Placement] | None = None) -> None:
        """Make a freshly opened session the one being edited: its amendments keep the identity they were made
        under (one with none of its own was the project's); new amendments get the current identity."""
        for amendment in session.amendments:
            if not amendment.attribution:
                amendment.author, amendment.organisation = session.author, session.organisation
        if self.settings.has_identity():  # else the project's own identity stays: better than none
            session.author, session.organisation = self.settings.author, self.settings.organisation
        self._session = session
        self._current = None
        self._conflicts = {p.new_label for p in placements or [] if p.new_label and "changed" in p.how}
        self._opened_dirty = session.dirty
        self._undo_stack.clear()
        self._undo_stack.setClean()
        self.autosaver.discard()
        self._forget_review()
        self._unload()
        self._document_view.show_session(session, self._mode)
        self._navigator.set_draft(session.draft, *self._markers())
        self._amendments_panel.show_amendments(session.amendments)
        if session.review is not None:  # a review saved with the project: shown again, not an undoable import
            self._show_review(session.review)
        self._update_title()
        self._update_actions()
