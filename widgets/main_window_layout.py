"""Pieces of the main window's layout: the editor pane (heading, toolbar, editor) and the central splitter.

Nothing here may make the window wider than a laptop screen: the heading is elided and the paragraph
actions sit in a toolbar whose overflow (») holds what does not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSplitter, QToolBar, QToolButton, QVBoxLayout, QWidget

from widgets.actions import Actions
from widgets.elided_label import ElidedLabel

PANE_ACTIONS = ("reject_change", "new_paragraph", "delete_paragraph", "add_option", "move_text")
SMALL_SCREEN = 1440  # up to this width (1,024, 1,280, 1,366) the window starts as wide as the screen
LARGE_SHARE = 0.85  # of a larger screen, leaving room beside it
LARGEST = QSize(1680, 1050)
NAVIGATOR_SHARE, SIDE_SHARE = 0.17, 0.3  # of the window's width, for the docks on first show
NAVIGATOR_RANGE, SIDE_RANGE = (170, 340), (300, 560)
REVIEW_SHARE, REVIEW_RANGE = 0.4, (380, 760)  # the review's table wants more room than the amendments


def initial_size(available: QSize) -> QSize:
    """The window's first size on a screen with this much room: all of a laptop's, most of a larger one's."""
    if available.width() <= SMALL_SCREEN:
        return available
    return QSize(min(int(available.width() * LARGE_SHARE), LARGEST.width()),
                 min(int(available.height() * LARGE_SHARE), LARGEST.height()))


def _clamp(value: float, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], int(value)))


def dock_widths(window_width: int) -> list[int]:
    """The navigator's and the right-hand docks' first widths: proportional, within readable bounds."""
    return [_clamp(window_width * NAVIGATOR_SHARE, NAVIGATOR_RANGE), _clamp(window_width * SIDE_SHARE, SIDE_RANGE)]


def review_width(window_width: int) -> int:
    """How wide the review dock opens (never more than half the window)."""
    return min(_clamp(window_width * REVIEW_SHARE, REVIEW_RANGE), window_width // 2)


class EditorPane(QWidget):
    """The paragraph being edited: "Editing para 88", the paragraph actions in a toolbar, and the editor."""

    def __init__(self, editor: QWidget, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self.heading = ElidedLabel("", self)
        self.heading.setObjectName("editingLabel")
        self.heading.setAccessibleName("Paragraph being edited")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.toolbar = QToolBar("Paragraph actions", self)
        self.toolbar.setObjectName("editorToolBar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setIconSize(QSize(16, 16))
        self.buttons: dict[str, QToolButton] = {}
        for name in PANE_ACTIONS:
            self.toolbar.addAction(actions[name])
            button = self.toolbar.widgetForAction(actions[name])
            assert isinstance(button, QToolButton)
            button.setObjectName(f"{name}Button")
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.toolbar)
        layout.addWidget(editor, 1)
        self.heading.setBuddy(editor)

    def set_heading(self, text: str) -> None:
        """What the editor shows ("Editing para 88")."""
        self.heading.setText(text)


def document_pane(document_view: QWidget, find_bar: QWidget, parent: QWidget) -> QWidget:
    """The document view with the find bar under it (hidden until Ctrl+F)."""
    pane = QWidget(parent)
    pane.setObjectName("documentPane")
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(document_view, 1)
    layout.addWidget(find_bar)
    return pane


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
