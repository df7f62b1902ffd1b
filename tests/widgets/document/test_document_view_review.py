"""DocumentView under review, as Word shows changes being reviewed: accepted changes applied (tinted),
rejected ones gone, pending ones as markup; only the changes of the reviewers shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from app.proposals import Decision
from app.resources import REV2_EXCERPT
from app.review import Review
from app.wiring.session import Session
from tests.widgets.merge_helpers import GA, merged_review
from widgets.document.document_view import DocumentView
from widgets.document.review_rendering import ACCEPTED_BACKGROUND
from widgets.document.view_mode import ViewMode
from widgets.review.author_colours import AuthorColours

Fragment = tuple[str, bool, bool, bool]  # text, struck, underlined, tinted as accepted


@pytest.fixture
def session() -> Session:
    return Session.open_draft(REV2_EXCERPT)


@pytest.fixture
def review(tmp_path: Path) -> Review:
    return merged_review(tmp_path)  # p1 G77 and p3 EU collide on 66; p2 G77+EU on 88; p4 EU on 89


@pytest.fixture
def view(qtbot: QtBot, session: Session, review: Review) -> DocumentView:
    v = DocumentView()
    qtbot.addWidget(v)
    v.resize(700, 500)
    v.show_session(session, ViewMode.REDLINE)
    v.show_review(review, AuthorColours(review.authors))
    return v


def fragments(view: DocumentView, label: str) -> list[Fragment]:
    block = view.block_for(label)
    assert block is not None
    return _fragments(block)


def _fragments(block: QTextBlock) -> list[Fragment]:
    out = []
    it = block.begin()
    while not it.atEnd():
        cf = it.fragment().charFormat()
        tinted = cf.background().color() == ACCEPTED_BACKGROUND and cf.background().style().value != 0
        out.append((it.fragment().text(), cf.fontStrikeOut(), cf.fontUnderline(), tinted))
        it += 1
    return out


def marked(view: DocumentView, label: str) -> list[str]:
    """The texts shown as pending markup (struck or underlined)."""
    return [t for t, struck, under, _ in fragments(view, label) if struck or under]


def test_an_accepted_change_is_applied_and_tinted_not_struck_and_underlined(view: DocumentView,
                                                                            review: Review) -> None:
    assert marked(view, "88") == ["description", "working definition"]
    review.decide(["p2"], Decision.ACCEPTED)
    view.show_review(review)
    shown = fragments(view, "88")
    assert marked(view, "88") == []
    assert ("working definition", False, False, True) in shown  # plain text, tinted as accepted
    assert "description" not in view.block_for("88").text()  # type: ignore[union-attr]
    # Proposed shows it plain too; Original shows the draft.
    view.set_mode(ViewMode.ORIGINAL)
    original = view.block_for("88").text()  # type: ignore[union-attr]
    assert "description" in original and "working definition" not in original


def test_a_rejected_change_is_gone(view: DocumentView, review: Review, session: Session) -> None:
    review.decide(["p4"], Decision.REJECTED)
    view.show_review(review)
    assert marked(view, "89") == []
    assert view.block_for("89").text().endswith(session.draft.by_label("89").body)  # type: ignore[union-attr]


def test_pending_changes_stay_markup_beside_accepted_ones(view: DocumentView, review: Review) -> None:
    review.decide(["p1"], Decision.ACCEPTED)  # G77's side of the collision on 66
    view.show_review(review)
    shown = fragments(view, "66")
    assert ("Commission", False, False, True) in shown and GA not in view.block_for("66").text()  # type: ignore[union-attr]
    assert marked(view, "89") == ["must continue to be", "shall remain"]


def test_the_reviewer_filter_hides_other_authors_markup(view: DocumentView, review: Review,
                                                        session: Session) -> None:
    view.set_reviewers({"G77"})
    assert view.reviewers() == {"G77"}
    assert marked(view, "89") == []  # the EU's own change
    assert view.block_for("89").text().endswith(session.draft.by_label("89").body)  # type: ignore[union-attr]
    assert marked(view, "66") == [GA, "Commission"]
    assert marked(view, "88") == ["description", "working definition"]  # G77's too (with the EU)
    view.set_reviewers({"EU"})
    assert marked(view, "66") == [GA, "Economic and Social Council"]  # the EU's wording, no longer a rival
    assert marked(view, "89") == ["must continue to be", "shall remain"]
    view.set_reviewers(set())
    assert all(marked(view, label) == [] for label in ("66", "88", "89"))
    view.set_reviewers(None)
    assert marked(view, "89") and marked(view, "66") == [GA, "Commission"]


def test_an_accepted_paragraph_deletion_is_hidden_in_redline(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    from app.merge import MergeResult
    from app.proposals import Credit, Proposal, ProposalKind
    from tests.widgets.merge_helpers import DATE

    index = session.draft.by_label("103").index
    strike = Proposal("p1", ProposalKind.DELETE, index, [Credit("EU")])
    review = Review(MergeResult(session.draft, DATE, [strike], [], []))
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_session(session, ViewMode.REDLINE)
    view.show_review(review)
    block = view.block_for_paragraph(index)
    assert block is not None and block.isVisible()
    assert all(struck for text, struck, _, _ in _fragments(block) if text.strip())
    review.decide(["p1"], Decision.ACCEPTED)
    view.show_review(review)
    assert not view.block_for_paragraph(index).isVisible()  # type: ignore[union-attr]
    view.scroll_to_paragraph(index)  # goes to the nearest paragraph shown, not the top
    assert view.current_label() is not None and view.current_label() != "103"


def test_a_rival_wording_is_a_note_after_the_change_it_disputes(view: DocumentView, review: Review) -> None:
    note = " \u27e8EU: Economic and Social Council\u27e9"  # p3 loses the collision on 66 to p1 (G77)
    shown = fragments(view, "66")
    at = [text for text, *_ in shown].index(note)
    assert shown[at][1:] == (False, False, False)  # neither struck nor inserted: not tracked text
    assert [text for text, *_ in shown][at - 1] == "Commission"  # right after the wording it disputes
    view.set_mode(ViewMode.PROPOSED)
    assert note not in [text for text, *_ in fragments(view, "66")]
    view.set_mode(ViewMode.REDLINE)
    review.decide(["p3"], Decision.REJECTED)
    view.show_review(review, AuthorColours(review.authors))
    assert note not in [text for text, *_ in fragments(view, "66")]
