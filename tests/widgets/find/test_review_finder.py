"""ReviewFinder: finds rows of the review list (paragraphs and proposals), whole change texts included."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.widgets.merge_helpers import merged_review
from widgets.find.review_finder import ReviewFinder
from widgets.review.author_colours import AuthorColours
from widgets.review.review_panel import ReviewPanel


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> ReviewPanel:
    review = merged_review(tmp_path)
    p = ReviewPanel()
    qtbot.addWidget(p)
    p.show_review(review, AuthorColours(review.authors))
    return p


def test_finds_the_proposal_rows_in_order_and_wraps(panel: ReviewPanel) -> None:
    finder = ReviewFinder(panel)
    found = [finder.find("Council", case_sensitive=False, backward=False, again=True) for _ in range(2)]
    assert found == [(1, 1), (1, 1)]
    assert panel.current_id() == "p3" and panel.selected_ids() == ["p3"]  # the EU's ECOSOC proposal on 66
    # "EU" is in three rows (66 by the EU, 88 by G77 and the EU, 89 by the EU): on from the current one, then around
    steps = []
    for _ in range(4):
        n, m = finder.find("EU", case_sensitive=True, backward=False, again=True)
        steps.append((panel.current_id(), n, m))
    assert steps == [("p2", 2, 3), ("p4", 3, 3), ("p3", 1, 3), ("p2", 2, 3)]

def test_previous_and_match_case(panel: ReviewPanel) -> None:
    finder = ReviewFinder(panel)
    assert finder.find("shall remain", case_sensitive=False, backward=True, again=True) == (1, 1)
    assert panel.current_id() == "p4"  # only the EU amends 89
    assert finder.find("SHALL", case_sensitive=True, backward=False, again=True) == (0, 0)
    assert panel.current_id() == "p4"  # no match: the selection stays


def test_a_paragraph_row_is_found_by_its_number(panel: ReviewPanel) -> None:
    finder = ReviewFinder(panel)
    assert finder.find("89", case_sensitive=False, backward=False, again=False)[0] == 1
    assert panel.current_paragraph() is not None and panel.current_id() is None  # the paragraph row itself
    assert panel.tree.currentIndex().data() == "89"
