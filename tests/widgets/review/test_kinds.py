"""widgets.review.kinds: a proposal named by the shape of its change, and "collision: …" while it collides."""

from __future__ import annotations

from pathlib import Path

from app.proposals import Credit, Proposal, ProposalKind
from tests.widgets.merge_helpers import merged_review
from widgets.review.kinds import change_kind, kind_name


def _p(kind: ProposalKind, start: int = 0, end: int = 0, text: str = "", label: str | None = None) -> Proposal:
    return Proposal("p1", kind, 3, [Credit("EU")], start, end, text, label=label)


def test_each_shape_has_its_name() -> None:
    assert kind_name(_p(ProposalKind.MODIFY, 5, 5, "new words")) == "insertion"
    assert kind_name(_p(ProposalKind.MODIFY, 5, 9)) == "deletion"
    assert kind_name(_p(ProposalKind.MODIFY, 5, 9, "other")) == "replacement"
    assert kind_name(_p(ProposalKind.DELETE)) == "paragraph deletion"
    assert kind_name(_p(ProposalKind.INSERT, text="83 bis. Text", label="83 bis")) == "new paragraph 83 bis"
    assert change_kind(_p(ProposalKind.INSERT, text="Text")) == "new paragraph"


def test_a_collision_is_named_first(tmp_path: Path) -> None:
    review = merged_review(tmp_path)
    review.collisions()  # marks the collision on para 66
    names = {p.id: kind_name(p) for p in review.proposals}
    assert names["p1"] == names["p3"] == "collision: replacement"
    assert names["p2"] == "replacement" and names["p4"] == "replacement"
