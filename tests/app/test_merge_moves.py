"""Incoming moves in a merge (app.merge_moves): one author's move is one move on our draft, reported with kind
"move", from and to; when another author edits inside the moved text, the collision is reported and no
subset of authors accepted or rejected gives the passage twice or nowhere."""

from __future__ import annotations

from datetime import UTC, datetime

from app.attributed import Change, IncomingParagraph
from app.merge import COLLISION, Incoming, merge
from app.model import Draft, Kind, Paragraph
from app.moves import settle_plan_moves
from app.plan import ModifyParagraph
from app.segments import Op, proposed_text

DATE = datetime(2025, 12, 10, tzinfo=UTC)
P4 = "4.\tWe meet. "
P5 = "5.\tWe urge all States to act without delay."
MOVED = "We meet. "


def _draft() -> Draft:
    return Draft([Paragraph(0, 0, P4 + "Again.", Kind.PARAGRAPH, "4", 3),
                  Paragraph(1, 1, P5, Kind.PARAGRAPH, "5", 3)])


def _moving(author: str = "IMSB") -> Incoming:
    """`author` moved "We meet. " from 4 to the end of 5."""
    return Incoming(f"{author}.docx", [
        IncomingParagraph(0, [Change(Op.EQUAL, "4.\t"), Change(Op.DELETE, MOVED, author, move="move1"),
                              Change(Op.EQUAL, "Again.")]),
        IncomingParagraph(1, [Change(Op.EQUAL, P5), Change(Op.INSERT, MOVED, author, move="move1")]),
    ])


def _editing_moved_text(author: str = "EU") -> Incoming:
    """`author` struck "meet" inside the text IMSB moved."""
    return Incoming(f"{author}.docx", [
        IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe "), Change(Op.DELETE, "meet", author),
                              Change(Op.INSERT, "gather", author), Change(Op.EQUAL, ". Again.")]),
        IncomingParagraph(1, [Change(Op.EQUAL, P5)]),
    ])


def _plan_texts(result, authors: set[str]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Each paragraph's text with the full form's changes of `authors` accepted and the others rejected."""
    out = {p.anchor: p.text for p in result.draft.paragraphs}
    for step in result.plan.steps:
        assert isinstance(step, ModifyParagraph)
        who = step.authors or [None] * len(step.segments)
        kept = [s if (w or step.by).author in authors or s.op is Op.EQUAL else
                s.__class__(Op.EQUAL if s.op is Op.DELETE else Op.INSERT, s.text if s.op is Op.DELETE else "")
                for s, w in zip(step.segments, who, strict=True)]
        out[step.anchor] = proposed_text(kept)
    return out


def test_one_authors_move_is_one_move_reported_from_and_to() -> None:
    result = merge(_draft(), [_moving()], DATE)
    named = [p for p in result.proposals if p.move]
    assert len(named) == 2 and len({p.move for p in named}) == 1
    lines = [x for x in result.report if x.kind == "move"]
    assert len(lines) == 2 and {(x.moved_from, x.moved_to) for x in lines} == {("4", "5")}
    plan = result.plan
    settle_plan_moves(plan)
    moved = [s for step in plan.steps if isinstance(step, ModifyParagraph) for s in step.segments if s.move]
    assert sorted(s.op.value for s in moved) == ["delete", "insert"]


def test_an_edit_inside_the_moved_text_collides_and_no_author_subset_duplicates_or_loses_it() -> None:
    result = merge(_draft(), [_moving(), _editing_moved_text()], DATE)
    assert any(x.kind == "move" and x.status == COLLISION for x in result.report)
    for authors in ({"IMSB"}, {"EU"}, {"IMSB", "EU"}, set()):
        texts = _plan_texts(result, authors)
        joined = texts[0] + texts[1]
        # The passage (in any author's wording) is there exactly once: never twice, never nowhere.
        assert joined.count("Again.") == 1
        assert joined.count("We meet.") + joined.count("We gather.") == 1, (authors, texts)
