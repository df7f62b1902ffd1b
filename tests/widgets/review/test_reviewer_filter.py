"""widgets.review.reviewer_filter: several reviewers checked at once, "All Reviewers", the button's text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.review.author_colours import AuthorColours
from widgets.review.reviewer_filter import ReviewerFilter, reviewer_button


def test_several_reviewers_and_all(qtbot: QtBot) -> None:
    menu = ReviewerFilter()
    button = reviewer_button(menu)
    qtbot.addWidget(button)
    assert not menu.isEnabled() and not button.isEnabled()  # nothing under review
    menu.set_authors(["G77", "EU", "US"], AuthorColours())
    assert menu.shown() is None and button.text() == "Reviewers: All reviewers" and button.isEnabled()
    with qtbot.waitSignal(menu.changed):
        menu.action_for("EU").trigger()  # type: ignore[union-attr]
    assert menu.shown() == {"G77", "US"} and button.text() == "Reviewers: G77, US"
    everyone = menu.actions()[0]
    assert everyone.text() == "&All Reviewers" and not everyone.isChecked()
    everyone.trigger()  # checks every reviewer again
    assert menu.shown() is None and everyone.isChecked()
    everyone.trigger()  # and unchecking it hides them all, as Word's does
    assert menu.shown() == set() and button.text() == "Reviewers: No reviewers"


def test_a_new_merge_keeps_who_was_hidden(qtbot: QtBot) -> None:
    menu = ReviewerFilter()
    menu.set_authors(["G77", "EU"], AuthorColours())
    menu.set_shown(["G77"])
    with qtbot.assertNotEmitted(menu.changed):
        menu.set_authors(["G77", "EU", "US"], AuthorColours())
    assert menu.shown() == {"G77", "US"}
    assert [a.text() for a in menu.actions() if a.isCheckable()] == ["&All Reviewers", "G77", "EU", "US"]


def test_a_long_list_is_cut_on_the_button(qtbot: QtBot) -> None:
    menu = ReviewerFilter()
    button = reviewer_button(menu)
    qtbot.addWidget(button)
    names = ["Group of 77 and China", "European Union", "United States of America", "Russian Federation"]
    menu.set_authors(names, AuthorColours())
    menu.set_shown(names[:3])
    assert button.text().endswith("…") and len(button.text()) < 40
    assert "United States of America" in button.toolTip()
