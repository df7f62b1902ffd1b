"""The Review toolbar, as Word's Review tab: the view in use (Redline / Proposed / Original, checked and
switchable), whose changes are shown (the reviewer filter), Previous/Next change, Accept/Reject and move
to next, Accept/Reject, Accept/Reject all shown. Its buttons overflow into » on a narrow window.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QWidget

from widgets.actions import Actions
from widgets.review.reviewer_filter import ReviewerFilter, reviewer_button

# The toolbar's own words for actions whose menu text is long (QAction.iconText; menus keep text()).
SHORT_TEXTS = {
    "view_redline": "Redline", "view_proposed": "Proposed", "view_original": "Original",
    "previous_change": "◀ Previous", "next_change": "Next ▶",
    "accept_next": "Accept ▸ Next", "reject_next": "Reject ▸ Next",
    "accept_proposal": "Accept", "reject_proposal": "Reject",
    "accept_shown": "Accept All Shown", "reject_shown": "Reject All Shown",
}
GROUPS = (("view_redline", "view_proposed", "view_original"), ("reviewers",),
          ("previous_change", "next_change"), ("accept_next", "reject_next", "accept_proposal", "reject_proposal"),
          ("accept_shown", "reject_shown"))


class ReviewToolBar(QToolBar):
    """The Review toolbar; `buttons` by action name (and "reviewers" for the filter)."""

    def __init__(self, actions: Actions, reviewers: ReviewerFilter, parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        self.setObjectName("reviewToolBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setIconSize(QSize(16, 16))
        self.buttons: dict[str, QToolButton] = {}
        view = QLabel("View:", self)
        view.setObjectName("reviewViewLabel")
        self.addWidget(view)
        for n, group in enumerate(GROUPS):
            if n:
                self.addSeparator()
            for name in group:
                if name == "reviewers":
                    button = reviewer_button(reviewers, self)
                    self.addWidget(button)
                else:
                    action = actions[name]
                    action.setIconText(SHORT_TEXTS[name])
                    self.addAction(action)
                    found = self.widgetForAction(action)
                    assert isinstance(found, QToolButton)
                    button = found
                    button.setObjectName(f"review_{name}ToolButton")
                self.buttons[name] = button
