"""app.proposals: overlaps, collision groups and the full form's plan."""

from __future__ import annotations

from datetime import UTC, datetime

from app.model import Draft, Kind, Paragraph
from app.plan import DeleteParagraph, ModifyParagraph
from app.proposals import Credit, Decision, Proposal, ProposalKind, find_collisions, overlaps, plan_of
from app.segments import Op, original_text

DATE = datetime(2025, 12, 10, tzinfo=UTC)
TEXT = "5.\tWe urge all States to act without delay."
DRAFT = Draft([Paragraph(0, 0, TEXT, Kind.PARAGRAPH, "5", 3)])


def _p(author: str, start: int, end: int, text: str = "", kind: ProposalKind = ProposalKind.MODIFY) -> Proposal:
    return Proposal("", kind, 0, [Credit(author)], start, end, text)


def test_what_overlaps() -> None:
    urge = TEXT.index("urge")
    assert overlaps(_p("A", urge, urge + 4, "x"), _p("B", urge + 2, urge + 9))  # strikes intersect
    assert overlaps(_p("A", urge, urge + 4, "x"), _p("B", urge + 4, urge + 4, "y"))  # two texts at one place
    assert overlaps(_p("A", urge, urge + 4), _p("B", urge + 2, urge + 2, "y"))  # an insertion inside a strike
    assert not overlaps(_p("A", urge, urge + 4), _p("B", urge + 4, urge + 4, "y"))  # strike, then insertion after
    assert not overlaps(_p("A", urge, urge, "x"), _p("B", urge, urge, "x"))  # the same insertion
    assert overlaps(_p("A", 0, 0, kind=ProposalKind.DELETE), _p("B", urge, urge + 4, "x"))


def test_collision_groups_are_transitive_and_ignore_one_authors_own_changes() -> None:
    urge, all_ = TEXT.index("urge"), TEXT.index("all")
    a, b, c = _p("A", urge, all_ + 3), _p("B", urge, urge + 4, "call on"), _p("C", all_, all_ + 3, "every")
    mine = _p("A", urge, urge, "strongly ")
    (group,) = find_collisions([a, b, c, mine])
    assert [id(p) for p in group.proposals] == [id(a), id(b), id(c)]  # B-C do not touch; A links them
    assert mine.collision is None and a.collision == b.collision == c.collision == group.id
    assert find_collisions([_p("A", urge, urge + 4, "x"), _p("A", urge, urge + 4, "y")]) == []


def test_a_collision_tracks_the_first_proposal_and_comments_the_rivals() -> None:
    urge = TEXT.index("urge")
    proposals = [_p("EU", urge, len(TEXT) - 1), _p("G77", urge, urge + 4, "call on"),
                 _p("US", urge, urge + 4, "encourage")]
    (step,) = plan_of(DRAFT, proposals, DATE).steps
    assert isinstance(step, ModifyParagraph)
    shown = [(s.op, s.text, a.author if a else None) for s, a in zip(step.segments, step.authors or [], strict=True)]
    assert shown == [(Op.EQUAL, "5.\tWe ", None), (Op.DELETE, "urge all States to act without delay", "EU"),
                     (Op.EQUAL, ".", None)]
    span = "urge all States to act without delay"
    assert [(c.by.author, TEXT[c.start:c.end], c.text) for c in step.comments] == [
        ("G77", span, "G77 proposes: \u201ccall on all States to act without delay\u201d"),
        ("US", span, "US proposes: \u201cencourage all States to act without delay\u201d")]
    assert original_text(step.segments) == TEXT


def test_decisions_choose_what_is_planned() -> None:
    urge = TEXT.index("urge")
    kept, gone = _p("G77", urge, urge + 4, "call on"), _p("US", 0, 0, kind=ProposalKind.DELETE)
    gone.decision = Decision.REJECTED
    (step,) = plan_of(DRAFT, [kept, gone], DATE).steps
    assert isinstance(step, ModifyParagraph)
    gone.decision = Decision.ACCEPTED
    kept.decision = Decision.REJECTED
    (step,) = plan_of(DRAFT, [kept, gone], DATE, decisions=frozenset({Decision.ACCEPTED})).steps
    assert isinstance(step, DeleteParagraph) and step.by.author == "US"
