"""Pieces of the main window's layout: the editor pane (heading, buttons, editor) and the central splitter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

from widgets.actions import Actions

PANE_ACTIONS = ("reject_change", "new_paragraph", "delete_paragraph", "add_option", "move_text")


class EditorPane(QWidget):
    """The paragraph being edited: "Editing para 88", the paragraph actions as buttons, and the editor."""

    def __init__(self, editor: QWidget, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self.heading = QLabel("", self)
        self.heading.setObjectName("editingLabel")
        self.heading.setAccessibleName("Paragraph being edited")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.heading, 1)
        self.buttons: dict[str, QToolButton] = {}
        for name in PANE_ACTIONS:
            button = QToolButton(self)
            button.setObjectName(f"{name}Button")
            button.setDefaultAction(actions[name])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(row)
        layout.addWidget(editor, 1)
        self.heading.setBuddy(editor)

    def set_heading(self, text: str) -> None:
        """What the editor shows ("Editing para 88")."""
        self.heading.setText(text)


def central_splitter(document_view: QWidget, editor_pane: QWidget, parent: QWidget) -> QSplitter:
    """The document view above the editor pane (3:1), both resizable."""
    splitter = QSplitter(Qt.Orientation.Vertical, parent)
    splitter.setObjectName("centralSplitter")
    splitter.addWidget(document_view)
    splitter.addWidget(editor_pane)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    return splitter
