"""The reviewer filter: which authors' changes of a merge are shown, several at once, as Word's
Show Markup ▸ Specific People. A menu of checkable authors (each in its colour) with "All Reviewers";
the review panel, the review toolbar and the document view all follow the one filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from widgets.review.author_colours import AuthorColours

ALL_REVIEWERS = "&All Reviewers"
SHORT = 24  # characters of the reviewers' names a button shows


class ReviewerFilter(QMenu):
    """Checkable reviewers; `shown()` is None while every one is checked."""

    changed = Signal()  # the reviewers shown changed (by the user or set_shown)
    refilled = Signal()  # a new list of reviewers (set_authors)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("&Reviewers", parent)
        self.setObjectName("reviewerFilterMenu")
        self.setToolTipsVisible(True)
        self._authors: list[str] = []
        self._by_author: dict[str, QAction] = {}
        self._quiet = False  # checking entries ourselves: no `changed` per entry
        self._all = QAction(ALL_REVIEWERS, self)
        self._all.setObjectName("reviewer_all")
        self._all.setCheckable(True)
        self._all.setChecked(True)
        self._all.setStatusTip("Show the changes of every reviewer")
        # through a lambda: connected directly, the bound method never received toggled here (PySide6 6.x)
        self._all.toggled.connect(lambda checked: self._on_all(checked))
        self._fill([], AuthorColours())

    # --- public API -------------------------------------------------------------------

    def set_authors(self, authors: Iterable[str], colours: AuthorColours) -> None:
        """The merge's authors (a new merge): the ones shown before stay shown, new ones are shown."""
        authors = list(authors)
        hidden = {a for a, action in self._by_author.items() if not action.isChecked()}
        self._quiet = True
        try:
            self._fill(authors, colours)
            for author, action in self._by_author.items():
                action.setChecked(author not in hidden)
            self._sync_all()
        finally:
            self._quiet = False
        self.refilled.emit()

    def authors(self) -> list[str]:
        """Every reviewer that can be shown."""
        return list(self._authors)

    def shown(self) -> set[str] | None:
        """The reviewers shown; None when all of them are (so a later author is shown too)."""
        chosen = {a for a, action in self._by_author.items() if action.isChecked()}
        return None if len(chosen) == len(self._authors) else chosen

    def set_shown(self, authors: Iterable[str] | None) -> None:
        """Show these reviewers only (None: all); emits `changed` once when that changes anything."""
        before = self.shown()
        wanted = None if authors is None else set(authors)
        self._quiet = True
        try:
            for author, action in self._by_author.items():
                action.setChecked(wanted is None or author in wanted)
            self._sync_all()
        finally:
            self._quiet = False
        if self.shown() != before:
            self.changed.emit()

    def action_for(self, author: str) -> QAction | None:
        """The checkable entry of one reviewer (for tests and accessibility)."""
        return self._by_author.get(author)

    def summary(self) -> str:
        """A short description: "All reviewers", "G77, EU", "No reviewers"."""
        shown = self.shown()
        if shown is None:
            return "All reviewers"
        return ", ".join(a for a in self._authors if a in shown) or "No reviewers"

    # --- filling and toggling ------------------------------------------------------------

    def _fill(self, authors: list[str], colours: AuthorColours) -> None:
        for action in self.actions():  # not clear(): it would delete "All Reviewers", which is kept
            self.removeAction(action)
            if action is not self._all:
                action.deleteLater()
        self._authors = authors
        self._by_author = {}
        self.addAction(self._all)
        self.addSeparator()
        for author in authors:
            action = QAction(colours.icon(author), author.replace("&", "&&"), self)
            action.setCheckable(True)
            action.setChecked(True)
            action.setStatusTip(f"Show or hide the changes of {author}")
            action.toggled.connect(self._on_author)
            self.addAction(action)
            self._by_author[author] = action
        self._all.setEnabled(bool(authors))
        self.setEnabled(bool(authors))

    def _on_all(self, checked: bool) -> None:
        if self._quiet:
            return
        # "All Reviewers" checked shows everyone; unchecked hides everyone (Word's toggle)
        self.set_shown(None if checked else [])

    def _on_author(self, _checked: bool) -> None:
        if self._quiet:
            return
        self._sync_all()
        self.changed.emit()

    def _sync_all(self) -> None:
        quiet, self._quiet = self._quiet, True
        self._all.setChecked(bool(self._authors) and self.shown() is None)
        self._quiet = quiet


def reviewer_button(menu: ReviewerFilter, parent: QWidget | None = None) -> QToolButton:
    """A button that opens the reviewer filter and says whose changes are shown ("Reviewers: G77, EU")."""
    button = QToolButton(parent)
    button.setObjectName("reviewerFilterButton")
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setAccessibleName("Show the changes of")

    # its text names the reviewers shown, cut short: a long list must not widen the panel or the toolbar
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def update() -> None:
        summary = menu.summary()
        short = summary if len(summary) <= SHORT else summary[: SHORT - 1] + "…"
        button.setText(f"Reviewers: {short}")
        button.setToolTip(f"Showing the changes of: {summary}. Choose whose changes the list and the document show")
        button.setEnabled(menu.isEnabled())

    menu.changed.connect(update)
    menu.refilled.connect(update)
    update()
    return button
