"""CollisionDialog: colliding proposals side by side with their authors; pick, combine or reword."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.review import Review
from tests.widgets.merge_helpers import GA, merged_review
from widgets.review.author_colours import AuthorColours
from widgets.review.collision_dialog import COMBINE, PICK, REWORD, CollisionDialog, joint_span


@pytest.fixture
def review(tmp_path: Path) -> Review:
    return merged_review(tmp_path)


@pytest.fixture
def dialog(qtbot: QtBot, review: Review) -> CollisionDialog:
    collision = review.collision_of("p1")
    assert collision is not None
    d = CollisionDialog(review.result.draft, collision.proposals, AuthorColours(review.authors))
    qtbot.addWidget(d)
    return d


def test_side_by_side_with_authors(dialog: CollisionDialog) -> None:
    assert dialog.windowTitle() == "Collision in para 66"
    texts = [v.toPlainText() for v in dialog.views]
    assert "Commission" in texts[0] and "Economic and Social Council" in texts[1]
    assert all(GA in t for t in texts)  # the struck words, shown struck
    assert dialog.pick_buttons[0].toolTip().endswith("of G77 and reject the others")
    assert dialog.wording.toPlainText() == GA


def test_pick(dialog: CollisionDialog) -> None:
    dialog.pick_buttons[1].click()
    choice = dialog.choice()
    assert dialog.result() == 1 and choice is not None and (choice.action, choice.ids) == (PICK, ["p3"])


def test_combine(dialog: CollisionDialog) -> None:
    dialog.combine_button.click()
    choice = dialog.choice()
    assert choice is not None and (choice.action, choice.ids) == (COMBINE, ["p1", "p3"])


def test_reword(qtbot: QtBot, dialog: CollisionDialog) -> None:
    dialog.wording.setPlainText("")
    qtbot.keyClicks(dialog.wording, "Economic and Social Council")
    dialog.reword_button.click()
    choice = dialog.choice()
    assert choice is not None and (choice.action, choice.text) == (REWORD, "Economic and Social Council")


def test_cancel_chooses_nothing(dialog: CollisionDialog, review: Review) -> None:
    dialog.reject()
    assert dialog.choice() is None
    assert joint_span(review.result.draft, [review.by_id("p1"), review.by_id("p3")])[1] > 0
