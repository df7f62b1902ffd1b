"""app.wiring.reviewing: the reviewer's own proposals (rewordings, their amendments merged in) and crediting
them to the identity the merge export shows, leaving everyone else's and the review as they are."""

from __future__ import annotations

from pathlib import Path

from app.wiring.reviewing import credited_to_reviewer, reviewers_own
from tests.widgets.merge_helpers import merged_review


def test_only_the_reviewers_own_proposals_are_credited_again(tmp_path: Path) -> None:
    review = merged_review(tmp_path)
    assert reviewers_own(review.proposals) == []  # a merge of other people's files: none is the reviewer's
    mine = review.combine(["p1", "p3"], "Economic and Social Council", author="Redline Desk")
    assert reviewers_own(review.proposals) == [mine]  # p1 and p3 are rejected by the rewording
    frozen = credited_to_reviewer(review.reviewed(), "IMSB")
    by_id = {p.id: p.authors for p in frozen.proposals}
    assert by_id[mine.id] == ["IMSB"]
    assert by_id["p1"] == ["G77"] and sorted(by_id["p2"]) == ["EU", "G77"] and by_id["p4"] == ["EU"]
    assert mine.authors == ["Redline Desk"]  # the review itself keeps what it had
