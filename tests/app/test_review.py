"""app.review: decisions per change, author and paragraph; collisions settled by pick and combine; undo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.attributed import Change, IncomingParagraph
from app.errors import AmendmentError
from app.merge import Incoming, merge
from app.model import Draft, Kind, Paragraph
from app.proposals import Decision, plan_of
from app.review import Review
from app.segments import Op, proposed_text

DATE = datetime(2025, 12, 10, tzinfo=UTC)
TEXT = "5.\tWe urge all States to act without delay."
DRAFT = Draft([Paragraph(0, 0, "4.\tWe meet.", Kind.PARAGRAPH, "4", 3), Paragraph(1, 1, TEXT, Kind.PARAGRAPH, "5", 3)])


def _replace(author: str, old: str, new: str) -> Incoming:
    i = TEXT.index(old)
    changes = [Change(Op.EQUAL, TEXT[:i]), Change(Op.DELETE, old, author), Change(Op.INSERT, new, author),
               Change(Op.EQUAL, TEXT[i + len(old):])]
    return Incoming(f"{author}.docx", [IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe meet.")]),
                                       IncomingParagraph(1, changes)])


def _review() -> Review:
    return Review(merge(DRAFT, [_replace("G77", "urge", "call on"), _replace("US", "urge", "encourage"),
                                _replace("EU", "without delay", "now")], DATE))


def _proposed(review: Review, *decisions: Decision) -> str:
    plan = plan_of(DRAFT, review.proposals, DATE, decisions=frozenset(decisions or (Decision.PENDING,
                                                                                    Decision.ACCEPTED)))
    (step,) = plan.steps
    return proposed_text(step.segments)  # type: ignore[union-attr]


def test_decisions_per_author_and_per_change() -> None:
    review = _review()
    assert review.authors == ["G77", "US", "EU"]
    assert review.decide_author("US", Decision.REJECTED) == 1
    assert review.collisions() == []  # the only other side of the collision is gone
    review.decide([review.proposals[2].id], Decision.REJECTED)
    assert _proposed(review) == "5.\tWe call on all States to act without delay."


def test_per_paragraph_decision_covers_every_proposal_there() -> None:
    review = _review()
    assert review.decide_paragraph(1, Decision.ACCEPTED) == 3
    assert {p.decision for p in review.proposals} == {Decision.ACCEPTED}


def test_pick_settles_a_collision() -> None:
    review = _review()
    (collision,) = review.collisions()
    assert {p.authors[0] for p in collision.proposals} == {"G77", "US"}
    us = next(p for p in review.proposals if p.authors == ["US"])
    review.pick(us.id)
    assert [p.decision for p in review.proposals] == [Decision.REJECTED, Decision.ACCEPTED, Decision.PENDING]
    assert _proposed(review, Decision.ACCEPTED) == "5.\tWe encourage all States to act without delay."


def test_combine_makes_one_change_crediting_everyone_or_the_editor() -> None:
    review = _review()
    ids = [p.id for p in review.collisions()[0].proposals]
    combined = review.combine(ids)
    assert (combined.text, combined.authors, combined.decision) == ("call on encourage", ["G77", "US"],
                                                                    Decision.ACCEPTED)
    assert review.collisions() == []
    edited = review.combine([combined.id], text="call upon", author="Co-facilitators")
    assert _proposed(review, Decision.ACCEPTED) == "5.\tWe call upon all States to act without delay."
    assert edited.authors == ["Co-facilitators"]
    with pytest.raises(AmendmentError, match="choose the proposals"):
        review.combine([])


def test_snapshot_and_restore_undo_decisions() -> None:
    review = _review()
    before = review.snapshot()
    review.combine([p.id for p in review.collisions()[0].proposals])
    review.decide_author("EU", Decision.REJECTED)
    review.restore(before)
    assert len(review.proposals) == 3 and {p.decision for p in review.proposals} == {Decision.PENDING}
    assert len(review.collisions()) == 1


def test_merging_again_carries_decisions_of_unchanged_proposals_only() -> None:
    earlier = _review()
    g77, us, eu = earlier.proposals
    earlier.pick(us.id)  # G77 rejected, US accepted
    earlier.decide([eu.id], Decision.ACCEPTED)
    combined = earlier.combine([g77.id, us.id], text="call upon", author="Chair")
    # EU changed its file since: "now" became "at once"; G77 and US did not.
    again = Review(merge(DRAFT, [_replace("G77", "urge", "call on"), _replace("US", "urge", "encourage"),
                                 _replace("EU", "without delay", "at once")], DATE))
    lost = again.carry_decisions(earlier)
    decisions = {p.authors[0]: p.decision for p in again.proposals}
    assert decisions == {"G77": Decision.REJECTED, "US": Decision.REJECTED, "EU": Decision.PENDING}
    assert [p.id for p in lost] == [eu.id, combined.id]
    assert again.carry_decisions(_review()) == []  # nothing decided: nothing to carry, nothing lost
