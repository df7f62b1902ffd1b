"""ReviewPanel: proposals by paragraph with authors, change and status; filter; the signals it emits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from app.proposals import Decision
from app.review import Review
from tests.widgets.merge_helpers import merged_review
from widgets.review.author_colours import AuthorColours
from widgets.review.review_panel import INSERTED, STRUCK, ReviewPanel


@pytest.fixture
def review(tmp_path: Path) -> Review:
    return merged_review(tmp_path)


@pytest.fixture
def panel(qtbot: QtBot, review: Review) -> ReviewPanel:
    p = ReviewPanel()
    qtbot.addWidget(p)
    p.show_review(review, AuthorColours(review.authors))
    return p


def _font(panel: ReviewPanel, proposal_id: str, column: int) -> QFont:
    index = panel.index_of(proposal_id)
    assert index is not None
    return panel.model.itemFromIndex(index.siblingAtColumn(column)).font()


def test_proposals_grouped_by_paragraph(panel: ReviewPanel) -> None:
    assert panel.objectName() == "reviewPanel"
    assert panel.model.rowCount() == 3  # paras 66, 88, 89
    assert [panel.model.item(r, 0).text() for r in range(3)] == ["66", "88", "89"]
    assert panel.shown_ids() == ["p1", "p3", "p2", "p4"]
    assert panel.row_texts("p3") == ["collision: replacement", "EU", "81st session of the General Assembly",
                                     "Economic and Social Council", "pending ⚠ collision 1"]
    assert _font(panel, "p3", STRUCK).strikeOut() and _font(panel, "p3", INSERTED).underline()


def test_author_filter(qtbot: QtBot, panel: ReviewPanel) -> None:
    with qtbot.waitSignal(panel.reviewersChanged):
        panel.set_author_filter("G77")
    assert panel.reviewers() == {"G77"} and panel.shown_ids() == ["p1", "p2"]  # p2 is G77's and the EU's
    assert panel.reviewer_button.text() == "Reviewers: G77"
    panel.set_author_filter(None)
    assert panel.reviewers() is None and panel.shown_ids() == ["p1", "p3", "p2", "p4"]
    assert panel.reviewer_button.text() == "Reviewers: All reviewers"


def test_reviewer_filter_takes_several_reviewers_from_its_menu(qtbot: QtBot, panel: ReviewPanel) -> None:
    menu = panel.reviewer_filter
    assert menu.authors() == ["G77", "EU"]
    g77 = menu.action_for("G77")
    assert g77 is not None and g77.isChecked() and g77.isCheckable()
    with qtbot.waitSignal(panel.reviewersChanged):
        g77.trigger()  # unticked: only the EU's changes
    assert panel.reviewers() == {"EU"} and panel.shown_ids() == ["p3", "p2", "p4"]
    g77.trigger()
    assert panel.reviewers() is None
    menu.set_shown([])
    assert panel.shown_ids() == [] and panel.reviewer_button.text() == "Reviewers: No reviewers"
    assert not panel.buttons["accept_shown"].isEnabled()
    menu.set_shown(["G77", "EU"])
    assert panel.shown_ids() == ["p1", "p3", "p2", "p4"]


def test_signals(qtbot: QtBot, panel: ReviewPanel) -> None:
    with qtbot.waitSignal(panel.proposalSelected) as selected:
        panel.select("p4")
    assert selected.args == ["p4"]
    assert panel.selected_ids() == ["p4"] and panel.current_paragraph() is not None
    with qtbot.waitSignal(panel.decisionRequested) as decided:
        panel.buttons["accept"].click()
    assert decided.args == [["p4"], "accepted"]
    with qtbot.waitSignal(panel.paragraphDecisionRequested) as para:
        panel.buttons["reject_paragraph"].click()
    assert para.args[1] == "rejected"
    panel.set_author_filter("EU")
    with qtbot.waitSignal(panel.shownDecisionRequested) as shown:
        panel.buttons["reject_shown"].click()
    assert shown.args == ["rejected"]
    assert not panel.buttons["collision"].isEnabled()  # p4 collides with nothing
    panel.select("p3")
    with qtbot.waitSignal(panel.collisionRequested) as collision:
        panel.buttons["collision"].click()
    assert collision.args == ["p3"]


def test_selecting_a_paragraph_row_selects_its_proposals(panel: ReviewPanel) -> None:
    panel.tree.setCurrentIndex(panel.model.item(0, 0).index())
    assert panel.selected_ids() == ["p1", "p3"]


def test_decisions_shown_and_selection_kept(panel: ReviewPanel, review: Review) -> None:
    panel.select("p2")
    review.decide(["p1"], Decision.REJECTED)
    panel.show_review(review)
    assert panel.row_texts("p1")[4] == "rejected"
    assert panel.row_texts("p3")[4] == "pending"  # no collision left once p1 is rejected
    assert panel.selected_ids() == ["p2"] and panel.current_id() == "p2"
    assert "1 rejected" in panel.summary.text() and "0 collision(s)" in panel.summary.text()


def test_no_review(panel: ReviewPanel) -> None:
    panel.show_review(None)
    assert panel.shown_ids() == [] and not panel.buttons["accept"].isEnabled()
    assert "Import" in panel.summary.text() and not panel.reviewer_button.isEnabled()


def test_comments_shown_on_their_paragraph_and_change(qtbot: QtBot, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    import docx
    from docx.text.run import Run
    from lxml import etree

    from app.review import Review as Reviewed
    from app.wiring.merging import InputSpec, merge_inputs
    from docx_io.ns import qn
    from docx_io.reader import read_draft
    from tests.docx_io.comment_factory import Note, add_comments
    from tests.docx_io.docx_factory import make_docx
    from widgets.review.review_panel import COMMENT_MARK, PARA, STATUS

    texts = ["1. We meet in New York.", "2. We urge all States to act."]
    draft = make_docx(tmp_path / "draft.docx", texts)
    only = add_comments(draft, tmp_path / "eu.docx", [Note(0, "New York", "EU", "Or Geneva.")])
    doc = docx.Document(str(draft))  # the G77 inserts " now" and comments on it
    p = doc.paragraphs[1]._p
    for r in p.findall(qn("w:r")):
        p.remove(r)
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = "2. We urge all States to act"
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "9", qn("w:author"): "G77",
                                             qn("w:date"): "2025-12-01T00:00:00Z"})
    run = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = " now"
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = "."
    doc.add_comment(Run(run, doc.paragraphs[1]), text="Urgency.", author="G77")
    doc.save(str(tmp_path / "g77.docx"))
    result, _ = merge_inputs(read_draft(draft), [InputSpec(only), InputSpec(tmp_path / "g77.docx")],
                             datetime(2025, 12, 10, tzinfo=UTC))
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.show_review(Reviewed(result))
    first = panel.model.item(0, STATUS)  # para 1: the EU's comment only, no proposal
    assert first.text() == f"{COMMENT_MARK} 1" and "EU comment on \u201cNew York\u201d: Or Geneva." in first.toolTip()
    (change,) = result.proposals
    texts_of = panel.row_texts(change.id)
    assert texts_of[STATUS].endswith(COMMENT_MARK)
    index = panel.index_of(change.id)
    assert index is not None and "G77 comment" in panel.model.itemFromIndex(index.siblingAtColumn(PARA)).toolTip()
