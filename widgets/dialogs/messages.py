"""Message boxes: errors, the unsaved-changes question and the recovery offer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something failed, in one clear line (what, where, what to do)."""
    QMessageBox.critical(parent, title, text)


def show_information(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something worth knowing; nothing failed."""
    QMessageBox.information(parent, title, text)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something needs their attention but nothing failed."""
    QMessageBox.warning(parent, title, text)


def ask_save_changes(parent: QWidget | None, name: str = "") -> str:
    """Ask what to do with unsaved changes: SAVE, DISCARD or CANCEL."""
    what = f"“{name}”" if name else "this draft"
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                      f"The amendments to {what} have changed since they were saved.", parent=parent)
    box.setInformativeText("Save them to a project file before going on?")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setObjectName("unsavedChangesBox")
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_restore_recovery(parent: QWidget | None, path: Path, when: str) -> bool:
    """Offer the amendments of a session that ended without saving; True to restore them."""
    answer = QMessageBox.question(
        parent, "Recover unsaved amendments",
        f"Redline Desk did not close normally; amendments not yet saved were kept ({when}).\n\n"
        "Restore them? (No discards them.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
