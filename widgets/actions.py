"""Every action of the main window: text, shortcut, tooltip, status tip, and the menus that hold them.

Standard shortcuts come from QKeySequence.StandardKey (so each platform gets its own); the others
are explicit. Each action calls a method of the window by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

Std = QKeySequence.StandardKey
# name: (text, shortcut (a standard key, a string, or a standard key with a fallback), tip, window method, menu)
SPECS: dict[str, tuple[str, Any, str, str, str]] = {
    "open": ("&Open…", Std.Open, "Open a draft (.docx) or a project (.json)", "choose_and_open", "File"),
    "save": ("&Save Project", Std.Save, "Save the amendments to the project file", "save_project", "File"),
    "save_as": ("Save Project &As…", (Std.SaveAs, "Ctrl+Shift+S"), "Save the amendments to a new project file",
                "save_project_as", "File"),
    "new_revision": ("New &Revision of the Draft…", None,
                     "Move the amendments onto a new revision of the draft: relabelled, what moved or was "
                     "overtaken listed; Ctrl+Z goes back", "choose_and_new_revision", "File"),
    "export": ("&Export…", "Ctrl+E", "Export a redline, a submission, a clean text or the text form",
               "choose_and_export", "File"),
    "import_redlines": ("&Import Redlines…", "Ctrl+Shift+I",
                        "Merge other people's redlines (.docx, text forms, projects) into the draft and review them",
                        "choose_and_import", "File"),
    "export_merge": ("Export &Compilation…", "Ctrl+Shift+E",
                     "Export the merge under review: full redline, compilation, table or clean text",
                     "choose_and_export_merge", "File"),
    "quit": ("&Quit", (Std.Quit, "Ctrl+Q"), "Close Redline Desk", "close", "File"),
    "reject_change": ("&Reject Change", "Ctrl+Shift+R", "Reject the change at the cursor in the editor",
                      "reject_change", "Edit"),
    "preferences": ("&Preferences…", (Std.Preferences, "Ctrl+,"), "Author, organisation, colours, font size",
                    "edit_preferences", "Edit"),
    "go_to": ("&Go to Paragraph…", "Ctrl+G", "Edit a paragraph by its label, e.g. 88 or 83 bis",
              "choose_and_go_to", "Paragraph"),
    "previous_paragraph": ("&Previous Paragraph", "Alt+Up", "Edit the paragraph before this one",
                           "go_to_previous", "Paragraph"),
    "next_paragraph": ("&Next Paragraph", "Alt+Down", "Edit the paragraph after this one", "go_to_next",
                       "Paragraph"),
    "new_paragraph": ("New Paragraph &After…", "Ctrl+Shift+N", "Propose a new paragraph (bis, ter…) after this one",
                      "new_paragraph_after", "Paragraph"),
    "delete_paragraph": ("&Delete Paragraph", "Ctrl+Shift+Delete", "Propose striking the whole paragraph",
                         "delete_current_paragraph", "Paragraph"),
    "add_option": ("Add &Option", "Ctrl+Shift+B", "Add an alternative wording (option B, C…) to the amendment",
                   "add_option", "Paragraph"),
    "move_text": ("&Move Selection to Paragraph…", "Ctrl+Shift+M",
                  "Strike the selected text here and insert it in another paragraph", "choose_and_move", "Paragraph"),
    # Word binds no keys to Previous/Next change; these pair with Alt+Up/Down (previous/next paragraph).
    "previous_change": ("Pre&vious Change", "Ctrl+Alt+Up",
                        "Go to the previous pending change of the reviewers shown, across paragraphs (your own "
                        "amendments when no merge is under review)", "previous_change", "Review"),
    "next_change": ("&Next Change", "Ctrl+Alt+Down",
                    "Go to the next pending change of the reviewers shown, across paragraphs (your own "
                    "amendments when no merge is under review)", "next_change", "Review"),
    "accept_next": ("Accept and Move to Ne&xt", "Ctrl+Alt+Shift+A",
                    "Accept the selected changes and go to the next pending one", "accept_and_next", "Review"),
    "reject_next": ("Reject and Move to N&ext", "Ctrl+Alt+Shift+R",
                    "Reject the selected changes and go to the next pending one", "reject_and_next", "Review"),
    "accept_shown": ("Accept All Changes &Shown", None, "Accept every pending change of the reviewers shown",
                     "accept_all_shown", "Review"),
    "reject_shown": ("Reject All Changes Sho&wn", None, "Reject every pending change of the reviewers shown",
                     "reject_all_shown", "Review"),
    "accept_proposal": ("&Accept Change", "Ctrl+Alt+A", "Accept the changes selected in the review panel",
                        "accept_selected", "Review"),
    "reject_proposal": ("&Reject Change", "Ctrl+Alt+R", "Reject the changes selected in the review panel",
                        "reject_selected", "Review"),
    "accept_paragraph": ("Accept &Paragraph", "Ctrl+Alt+P", "Accept every change in the paragraph under review",
                         "accept_paragraph", "Review"),
    "reject_paragraph": ("Reject Paragrap&h", "Ctrl+Alt+Shift+P", "Reject every change in the paragraph under review",
                         "reject_paragraph", "Review"),
    "resolve_collision": ("Resolve &Collision…", "Ctrl+Alt+C",
                          "Compare colliding changes side by side; pick one, combine them or reword",
                          "resolve_collision", "Review"),
    "remerge_inputs": ("&Merge Inputs Again", "Ctrl+Alt+M",
                       "Merge the review's files again after one changed; decisions on unchanged changes are kept",
                       "remerge_inputs", "Review"),
    "close_review": ("C&lose Review", None, "Stop reviewing the merge; show your own amendments again",
                     "close_review", "Review"),
    "view_redline": ("&Redline", "Ctrl+1", "Show deletions struck and insertions underlined", "view_redline", "View"),
    "view_proposed": ("&Proposed", "Ctrl+2", "Show the text as proposed, changes accepted", "view_proposed", "View"),
    "view_original": ("&Original", "Ctrl+3", "Show the draft as it was, without the amendments", "view_original",
                      "View"),
    "zoom_in": ("Zoom &In", Std.ZoomIn, "Larger text", "zoom_in", "View"),
    "zoom_out": ("Zoom O&ut", Std.ZoomOut, "Smaller text", "zoom_out", "View"),
    "about": ("&About Redline Desk", None, "What Redline Desk is and which version", "show_about", "Help"),
    # Clipboard and find (issue 13): F3 / Shift+F3, not the platform's FindNext, which is also Ctrl+G (Go to).
    "cut": ("Cu&t", Std.Cut, "Cut the selection (in the editor: struck as a tracked deletion)", "edit_cut", "Edit"),
    "copy": ("&Copy", Std.Copy, "Copy the selection", "edit_copy", "Edit"),
    "paste": ("&Paste", Std.Paste, "Paste as plain text (in the editor: a tracked insertion)", "edit_paste", "Edit"),
    "select_all": ("Select &All", Std.SelectAll, "Select all of the text or list with the focus", "edit_select_all",
                   "Edit"),
    "find": ("&Find…", (Std.Find, "Ctrl+F"), "Find in the document, or in the review list when it has the focus",
             "choose_and_find", "Edit"),
    "find_next": ("Find &Next", "F3", "Find the next match", "find_next", "Edit"),
    "find_previous": ("Find Pre&vious", "Shift+F3", "Find the previous match", "find_previous", "Edit"),
}
MENUS = ("File", "Edit", "Paragraph", "Review", "View", "Help")


@dataclass
class Actions:
    """The window's actions by name, its menus, and the exclusive group of view modes."""

    by_name: dict[str, QAction] = field(default_factory=dict)
    menus: dict[str, QMenu] = field(default_factory=dict)
    recent_menu: QMenu | None = None
    view_group: QActionGroup | None = None

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def all(self) -> list[QAction]:
        """Every action."""
        return list(self.by_name.values())


def shortcut_for(spec: Any) -> QKeySequence | None:
    """The key sequence of a spec; a standard key without a binding here falls back to the given one."""
    if spec is None:
        return None
    if isinstance(spec, tuple):
        standard, fallback = spec
        bound = QKeySequence.keyBindings(standard)
        return bound[0] if bound else QKeySequence(fallback)
    if isinstance(spec, QKeySequence.StandardKey):
        bound = QKeySequence.keyBindings(spec)
        return bound[0] if bound else None
    return QKeySequence(spec)


def describe(action: QAction, tip: str) -> None:
    """Tooltip (with the shortcut) and status tip of an action."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.setStatusTip(tip)


def _make(window: QMainWindow, name: str) -> QAction:
    text, keys, tip, slot, _ = SPECS[name]
    action = QAction(text, window)
    action.setObjectName(f"action_{name}")
    sequence = shortcut_for(keys)
    if sequence is not None:
        action.setShortcut(sequence)
    describe(action, tip)
    method = getattr(window, slot)
    action.triggered.connect(lambda *_: method())
    return action


def build_actions(window: Any) -> Actions:
    """Create every action of `window` (a MainWindow) and its menu bar."""
    actions = Actions()
    for name in SPECS:
        actions.by_name[name] = _make(window, name)
    actions["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    for name, text, key, tip, make in (
        ("undo", "&Undo", Std.Undo, "Undo the last change", window.undo_stack.createUndoAction),
        ("redo", "&Redo", Std.Redo, "Redo the change undone", window.undo_stack.createRedoAction),
    ):
        action = make(window, text)
        action.setObjectName(f"action_{name}")
        action.setShortcuts(QKeySequence.keyBindings(key))
        describe(action, tip)
        actions.by_name[name] = action
    about_qt = QAction("About &Qt", window)
    about_qt.setObjectName("action_about_qt")
    about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    describe(about_qt, "The Qt toolkit Redline Desk is built with")
    about_qt.triggered.connect(lambda *_: window.show_about_qt())
    actions.by_name["about_qt"] = about_qt

    group = QActionGroup(window)
    group.setExclusive(True)
    for name in ("view_redline", "view_proposed", "view_original"):
        actions[name].setCheckable(True)
        group.addAction(actions[name])
    actions["view_redline"].setChecked(True)
    actions.view_group = group
    _build_menus(window, actions)
    return actions


def _build_menus(window: Any, actions: Actions) -> None:
    bar = window.menuBar()
    for title in MENUS:
        menu = bar.addMenu(f"&{title}")
        menu.setObjectName(f"menu{title}")
        actions.menus[title] = menu
    file_menu = actions.menus["File"]
    file_menu.addAction(actions["open"])
    recent = file_menu.addMenu("Open &Recent")
    recent.setObjectName("menuRecent")
    recent.setToolTipsVisible(True)
    recent.aboutToShow.connect(lambda: fill_recent_menu(recent, window))
    actions.recent_menu = recent
    fill_recent_menu(recent, window)
    order: dict[str, list[str | None]] = {
        "File": ["save", "save_as", None, "new_revision", None, "export", None, "import_redlines", "export_merge",
                 None, "quit"],
        "Edit": ["undo", "redo", None, "cut", "copy", "paste", "select_all", None, "find", "find_next",
                 "find_previous", None, "reject_change", None, "preferences"],
        "Paragraph": ["go_to", "previous_paragraph", "next_paragraph", None, "new_paragraph", "delete_paragraph",
                      "add_option", "move_text"],
        "Review": ["previous_change", "next_change", None, "accept_next", "reject_next", "accept_proposal",
                   "reject_proposal", "accept_paragraph", "reject_paragraph", "accept_shown", "reject_shown", None,
                   "resolve_collision", None, "remerge_inputs", "close_review"],
        "View": ["view_redline", "view_proposed", "view_original", None, "zoom_in", "zoom_out"],
        "Help": ["about", "about_qt"],
    }
    for title, names in order.items():
        menu = actions.menus[title]
        if title == "File":
            menu.addSeparator()
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[name])
    for title in MENUS:
        actions.menus[title].setToolTipsVisible(True)


def fill_recent_menu(menu: QMenu, window: Any) -> None:
    """The recent files, newest first, each opening its file; then "Clear Recent Files"."""
    menu.clear()
    files: list[Path] = window.settings.recent_files()
    for i, path in enumerate(files, start=1):
        action = menu.addAction(f"&{i} {path.name}")
        action.setToolTip(str(path))
        action.setStatusTip(f"Open {path}")
        action.triggered.connect(lambda *_, p=path: window.open_path(p))
    if files:
        menu.addSeparator()
    clear = menu.addAction("&Clear Recent Files")
    clear.setStatusTip("Forget the recently opened files")
    clear.setToolTip("Forget the recently opened files")
    clear.setEnabled(bool(files))

    def forget(*_: object) -> None:
        window.settings.clear_recent_files()
        fill_recent_menu(menu, window)

    clear.triggered.connect(forget)
